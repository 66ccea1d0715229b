"""A whole poll under freezegun: start, votes, the reminder (non-voters only, once), the deadline
(results posted once), late voters; the privacy audit of everything owners got and of the database;
retries after Slack failures; and polls opening on schedule."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from freezegun import freeze_time
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import MetaData, select

from bot.jobs import JOBS
from bot.jobs.polls import close_polls, open_scheduled_polls, remind_voters
from storage.models import Poll, PollBallot, PollVoter
from tests.conftest import OWNER, OWNERS_CHANNEL
from tests.listeners.poll_helpers import (
    STAFF_CHANNEL,
    VOTERS,
    add_clients,
    command,
    make_deps,
    open_ballot,
    poll_settings,
    seat_staff,
    start,
    vote,
)

WHYS = ("Shouted at the helpdesk on a Saturday", "Pays 90 days late, every time", "Installs what we removed",
        "Wants the moon for free")


@pytest.fixture
def settings(settings):  # type: ignore[no-untyped-def]
    return poll_settings(settings)


@pytest.fixture
def deps(settings, engine, session_factory):  # type: ignore[no-untyped-def]
    return make_deps(settings, engine, session_factory)


@pytest.fixture
def client(fake_slack) -> WebClient:  # type: ignore[no-untyped-def]
    return WebClient(token="xoxb-test", base_url=fake_slack.base_url)


def dms_to(fake_slack, user_id: str) -> list:  # type: ignore[no-untyped-def]
    return [c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == user_id]


def owner_posts(fake_slack) -> list:  # type: ignore[no-untyped-def]
    return [c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == OWNERS_CHANNEL]


def content(params: dict) -> str:
    """What a message says (its text and blocks), not where it went."""
    return f"{params.get('text', '')} {params.get('blocks', '')}"


def every_row(engine) -> dict[str, list[dict]]:  # type: ignore[no-untyped-def]
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {t.name: [dict(r._mapping) for r in connection.execute(select(t))] for t in metadata.sorted_tables}


def run_whole_poll(slack, fake_slack, deps, client, session_factory, owner_answers: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Start on 1 Dec (closing 15 Dec, Rome), three votes, reminder on 13 Dec, a fourth vote, deadline."""
    seat_staff(fake_slack)
    ids = add_clients(session_factory, slack.signer.team_id)
    pick = {name: (cid, name) for name, cid in ids.items()}
    acme, girard, gino, bianchi = (pick[n] for n in ("Acme Logistics", "Maison Girard", "Pizzeria Da Gino", "Bianchi Costruzioni"))
    with freeze_time("2026-12-01 08:00:00", tick=True) as clock:
        owner_answers.append(start(slack, fake_slack, "2026 closes 2026-12-15"))
        fake_slack.wait_for("chat.postMessage", 1 + len(VOTERS))
        ballots = {VOTERS[0]: [acme, girard, gino], VOTERS[1]: [acme, gino], VOTERS[2]: [girard, acme, bianchi]}
        for n, (voter, picks) in enumerate(ballots.items()):
            answer = vote(slack, fake_slack, user_id=voter, picks=picks, whys={1: WHYS[n], 2: WHYS[3]}, view_id=f"V{n}")
            assert answer.json()["response_action"] == "update"

        clock.move_to("2026-12-12 22:00:00")  # an hour before the reminder moment (15 Dec 24:00 Rome − 3 days)
        remind_voters(deps, client, deps.now())
        assert [len(dms_to(fake_slack, v)) for v in VOTERS] == [1] * len(VOTERS)

        clock.move_to("2026-12-13 08:00:00")
        remind_voters(deps, client, deps.now())
        remind_voters(deps, client, deps.now())  # runs again: nobody is reminded twice
        reminded = {v for v in VOTERS if len(dms_to(fake_slack, v)) == 2}
        assert reminded == {VOTERS[3], OWNER}  # only those who had not voted
        assert "still empty" in dms_to(fake_slack, VOTERS[3])[1].params["text"]

        vote(slack, fake_slack, user_id=VOTERS[3], picks=[gino, acme], whys={1: "Asks us to fix his phone"}, view_id="V9")
        owner_answers.append(command(slack, fake_slack, "results", user_id=OWNER).text)

        clock.move_to("2026-12-15 22:59:00")  # 23:59 in Rome: still open
        close_polls(deps, client, deps.now())
        assert owner_posts(fake_slack) == []

        clock.move_to("2026-12-15 23:00:01")
        close_polls(deps, client, deps.now())
        close_polls(deps, client, deps.now())  # the deadline passes once: results posted once
        assert len(owner_posts(fake_slack)) == 1

        late = open_ballot(slack, fake_slack, user_id=OWNER)
        assert "closed at the end of Tuesday, December 15, 2026" in str(late["blocks"])
        owner_answers.append(command(slack, fake_slack, "results", user_id=OWNER).text)
    return ids


def test_a_whole_poll_reminds_once_closes_at_the_deadline_and_posts_results_once(
        slack, fake_slack, deps, client, session_factory):
    ids = run_whole_poll(slack, fake_slack, deps, client, session_factory, [])
    results = str(owner_posts(fake_slack)[0].params["blocks"])
    assert "Voted: 4 of 5 eligible (80%)" in results
    # Acme: 5+5+4+4 = 18 points on 4 ballots; Gino: 3+4+5 = 12; Girard: 4+5 = 9; Bianchi: 3.
    assert "*1. Acme Logistics* · 18 points · named on 4 of 4 ballots (100%) · 2× 1st" in results
    assert "*2. Pizzeria Da Gino* · 12 points · named on 3 of 4 ballots (75%) · 1× 1st" in results
    assert "*3. Maison Girard* · 9 points" in results and "*4. Bianchi Costruzioni* · 3 points" in results
    # "Why" texts only under clients named on at least 3 ballots (Acme, Gino), never under Girard (2).
    sections = {b["text"]["text"].split(" · ")[0]: b["text"]["text"] for b in owner_posts(fake_slack)[0].params["blocks"]
                if b["type"] == "section" and b["text"]["text"].startswith("*")}
    acme_whys = sections["*1. Acme Logistics*"].split("\n")[1:]
    assert sorted(acme_whys) == sorted(f"> {w}" for w in (WHYS[0], WHYS[1], WHYS[3]))
    assert sorted(sections["*2. Pizzeria Da Gino*"].split("\n")[1:]) == ["> Asks us to fix his phone", f"> {WHYS[3]}"]
    assert "\n" not in sections["*3. Maison Girard*"] and WHYS[2] not in results
    with deps.session_factory() as session:
        poll = session.scalars(select(Poll)).one()
        assert poll.closed_at == datetime(2026, 12, 15, 23, 0, tzinfo=timezone.utc)
        assert all(b.voter_key is None for b in session.scalars(select(PollBallot)))  # unlinkable once closed
    assert len(ids) == 6


def test_nothing_owners_got_and_nothing_in_the_database_links_a_voter_to_picks(
        slack, fake_slack, deps, client, session_factory, engine):
    answers: list[str] = []
    run_whole_poll(slack, fake_slack, deps, client, session_factory, answers)
    owner_facing = [content(c.params) for c in fake_slack.calls("chat.postMessage")
                    if c.params["channel"] in (OWNERS_CHANNEL, OWNER)]
    owner_facing += [content(c.params) for c in fake_slack.calls("response_url")] + answers
    assert len(owner_facing) >= 5 and any(WHYS[0] in m for m in owner_facing)  # the audit sees the results
    rows = every_row(engine)
    ballot_ids = [row["id"] for row in rows["poll_ballots"]]
    assert len(ballot_ids) == 4
    for message in owner_facing:
        for voter in VOTERS:
            assert voter not in message
        for ballot_id in ballot_ids:
            assert ballot_id not in message
    holding = {table for table, table_rows in rows.items() for row in table_rows for voter in VOTERS
               if any(voter in str(value) for value in row.values())}
    assert "poll_voters" in holding  # the search does find who voted (needed for reminders)...
    assert holding <= {"poll_voters", "polls"}  # ...and nowhere else: not next to any pick
    assert not any("client_id" in row for table in holding for row in rows[table])
    assert set(rows["poll_ballots"][0]) == {"id", "team_id", "poll_id", "voter_key"}  # no time, no sequence
    assert set(rows["poll_voters"][0]) == {"id", "team_id", "poll_id", "user_id", "voted", "invited_at", "reminded_at"}


def test_while_open_a_ballot_is_keyed_by_hmac_not_by_person(slack, fake_slack, session_factory, engine):
    seat_staff(fake_slack)
    ids = add_clients(session_factory, slack.signer.team_id)
    start(slack, fake_slack)
    vote(slack, fake_slack, user_id=VOTERS[0], picks=[(ids["Acme Logistics"], "Acme Logistics")])
    keys = [row["voter_key"] for row in every_row(engine)["poll_ballots"]]
    assert len(keys) == 1 and len(keys[0]) == 64 and all(v not in keys[0] for v in VOTERS)


def test_a_reminder_slack_refused_is_sent_on_the_next_run(slack, fake_slack, deps, client, session_factory):
    seat_staff(fake_slack)
    with freeze_time("2026-12-01 08:00:00", tick=True) as clock:
        start(slack, fake_slack, "2026 closes 2026-12-15")
        clock.move_to("2026-12-13 08:00:00")
        fake_slack.fail("chat.postMessage", error="ratelimited", times=1)
        remind_voters(deps, client, deps.now())
        remind_voters(deps, client, deps.now())
    reminders = [c for c in fake_slack.calls("chat.postMessage") if "still empty" in c.params.get("text", "")]
    assert sorted(c.params["channel"] for c in reminders[1:]) == sorted(VOTERS)  # the failed one came again
    with session_factory() as session:
        assert all(v.reminded_at is not None for v in session.scalars(select(PollVoter)))


def test_results_slack_refused_are_posted_on_the_next_run(slack, fake_slack, deps, client):
    seat_staff(fake_slack)
    with freeze_time("2026-12-01 08:00:00", tick=True) as clock:
        start(slack, fake_slack, "2026 closes 2026-12-15")
        clock.move_to("2026-12-16 08:00:00")
        fake_slack.fail("chat.postMessage", error="internal_error", times=1)
        with pytest.raises(SlackApiError):
            close_polls(deps, client, deps.now())
        close_polls(deps, client, deps.now())
        close_polls(deps, client, deps.now())
    posts = owner_posts(fake_slack)
    assert len(posts) == 2  # the refused attempt, then exactly one delivery
    assert "Not enough ballots to show a ranking: 0 cast, at least 3 are needed, so 3 more were needed" in str(posts[1].params)


def test_polls_open_on_schedule_once_and_tell_the_owners(slack, fake_slack, settings, session_factory, engine, client):
    seat_staff(fake_slack)
    scheduled = make_deps(poll_settings(settings, poll_auto_open="quarterly 10", poll_duration_days=7), engine,
                          session_factory)
    with freeze_time("2026-12-09 12:00:00", tick=True) as clock:
        open_scheduled_polls(scheduled, client, scheduled.now())
        assert fake_slack.calls("chat.postMessage") == []
        clock.move_to("2026-12-10 07:00:00")
        open_scheduled_polls(scheduled, client, scheduled.now())
        open_scheduled_polls(scheduled, client, scheduled.now())
    with session_factory() as session:
        poll = session.scalars(select(Poll)).one()
    assert (poll.period, poll.opened_by) == ("2026-Q4", None)
    assert poll.closes_at == datetime(2026, 12, 17, 23, 0, tzinfo=timezone.utc)
    channels = [c.params["channel"] for c in fake_slack.calls("chat.postMessage")]
    assert channels.count(STAFF_CHANNEL) == 1 and channels.count(OWNERS_CHANNEL) == 1
    assert sorted(c for c in channels if c.startswith("U")) == sorted(VOTERS)


def test_the_poll_jobs_are_in_the_job_table():
    table = {job_id: job for job_id, job, _ in JOBS}
    assert table["polls.close"] is close_polls and table["polls.remind"] is remind_voters
    assert table["polls.auto_open"] is open_scheduled_polls
