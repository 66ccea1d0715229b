"""/worstclients for owners through Slack's real request path: start, close, results, help, refusals."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from sqlalchemy import select

from bot.jobs.polls import close_polls

from bot.views.ids import Action
from storage.models import Poll, PollVoter
from tests.conftest import OWNER, OWNERS_CHANNEL
from tests.listeners.poll_helpers import (
    NOT_VOTERS,
    STAFF_CHANNEL,
    VOTERS,
    add_clients,
    command,
    make_deps,
    poll_settings,
    seat_staff,
    start,
    vote,
)


@pytest.fixture
def settings(settings):  # type: ignore[no-untyped-def]
    return poll_settings(settings)


@pytest.fixture(autouse=True)
def staff(fake_slack):  # type: ignore[no-untyped-def]
    seat_staff(fake_slack)


def test_start_announces_in_the_staff_channel_and_dms_each_eligible_member_once(slack, fake_slack, session_factory):
    summary = start(slack, fake_slack)
    posts = fake_slack.wait_for("chat.postMessage", 1 + len(VOTERS))
    channels = [c.params["channel"] for c in posts]
    assert channels.count(STAFF_CHANNEL) == 1
    assert sorted(c for c in channels if c != STAFF_CHANNEL) == sorted(VOTERS)  # one DM each
    assert not set(channels) & set(NOT_VOTERS)  # no bot, deactivated user or guest
    for post in posts:
        buttons = [e for b in post.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
        assert [b["action_id"] for b in buttons] == [Action.POLL_VOTE]
    assert f"ballot sent by DM to {len(VOTERS)} people" in summary and f"<#{STAFF_CHANNEL}>" in summary
    with session_factory() as session:
        poll = session.scalars(select(Poll)).one()
        voters = session.scalars(select(PollVoter)).all()
    assert poll.opened_by == OWNER and poll.threshold == 3 and poll.cadence == "yearly"
    assert sorted(v.user_id for v in voters) == sorted(VOTERS)
    assert all(v.invited_at is not None and not v.voted for v in voters)


def test_start_with_a_period_and_closing_day(slack, fake_slack, session_factory):
    summary = start(slack, fake_slack, "quarterly")
    with session_factory() as session:
        poll = session.scalars(select(Poll)).one()
    assert poll.cadence == "quarterly" and "-Q" in poll.period  # stored as "2026-Q4", shown as "Q4 2026"
    year, quarter = poll.period.split("-")
    assert f"The {quarter} {year} poll is open until" in summary


def test_a_second_start_for_the_same_period_says_so_and_sends_nothing(slack, fake_slack):
    start(slack, fake_slack)
    fake_slack.wait_for("chat.postMessage", 1 + len(VOTERS))
    answer = command(slack, fake_slack, "start", user_id=OWNER)
    assert "already" in answer.text and "Only one poll per period" in answer.text
    assert len(fake_slack.calls("chat.postMessage")) == 1 + len(VOTERS)


def test_start_with_a_bad_closing_day_explains(slack, fake_slack):
    answer = command(slack, fake_slack, "start 2026-Q4 closes 15/12/2026", user_id=OWNER)
    assert "YYYY-MM-DD" in answer.text
    assert fake_slack.calls("chat.postMessage") == []


@pytest.mark.parametrize("text", ["start", "close", "results", "results 2026"])
def test_owner_commands_are_refused_kindly_to_others(slack, fake_slack, session_factory, text):
    answer = command(slack, fake_slack, text, user_id=VOTERS[0])
    assert "Only owners can" in answer.text and "/worstclients" in answer.text
    assert fake_slack.calls("chat.postMessage") == []
    with session_factory() as session:
        assert session.scalars(select(Poll)).all() == []


def test_without_poll_secret_no_poll_starts(slack, fake_slack, settings, session_factory):
    settings.poll_secret = None  # this test's own settings object
    answer = command(slack, fake_slack, "start", user_id=OWNER)
    assert "POLL_SECRET" in answer.text
    with session_factory() as session:
        assert session.scalars(select(Poll)).all() == []


def test_help_explains_to_everyone_and_lists_owner_commands_for_owners(slack, fake_slack):
    staff = command(slack, fake_slack, "help", user_id=VOTERS[0]).text
    owner = command(slack, fake_slack, "help", user_id=OWNER).text
    assert "/worstclients" in staff and "never who named whom" in staff and "start 2026-Q4" not in staff
    assert "start 2026-Q4 closes 2026-12-15" in owner and "results" in owner


def test_unknown_words_get_a_pointer_to_help(slack, fake_slack):
    assert "/worstclients help" in command(slack, fake_slack, "frobnicate <!channel>", user_id=OWNER).text


def test_no_poll_open_says_so_instead_of_a_ballot(slack, fake_slack):
    command(slack, fake_slack, "", user_id=VOTERS[0])
    view = fake_slack.wait_for("views.open")[0].params["view"]
    assert "No worst-clients poll is open" in str(view["blocks"]) and "submit" not in view


def test_close_posts_results_once_to_the_owners_channel(slack, fake_slack, session_factory):
    clients = add_clients(session_factory, slack.signer.team_id)
    start(slack, fake_slack)
    acme = (clients["Acme Logistics"], "Acme Logistics")
    for n, voter in enumerate(VOTERS[:3]):
        assert vote(slack, fake_slack, user_id=voter, picks=[acme], view_id=f"V{n}").status == 200
    answer = command(slack, fake_slack, "close", user_id=OWNER)
    assert "3 of 5 voted" in answer.text
    results = fake_slack.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == OWNERS_CHANNEL)
    assert "Acme Logistics" in str(results[0].params["blocks"])
    again = command(slack, fake_slack, "close", user_id=OWNER)
    assert "No poll is open" in again.text
    assert len([c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == OWNERS_CHANNEL]) == 1


def test_results_are_shown_to_the_owner_only_and_only_after_closing(slack, fake_slack, session_factory):
    clients = add_clients(session_factory, slack.signer.team_id)
    assert "No poll has been run yet" in command(slack, fake_slack, "results", user_id=OWNER).text
    start(slack, fake_slack)
    gino = (clients["Pizzeria Da Gino"], "Pizzeria Da Gino")
    for n, voter in enumerate(VOTERS[:3]):
        vote(slack, fake_slack, user_id=voter, picks=[gino], view_id=f"V{n}")
    while_open = command(slack, fake_slack, "results", user_id=OWNER).text
    assert "still open" in while_open and "3 of 5 voted" in while_open and "Gino" not in while_open
    command(slack, fake_slack, "close", user_id=OWNER)
    shown = command(slack, fake_slack, "results", user_id=OWNER).json()
    assert shown["response_type"] == "ephemeral"
    assert "Pizzeria Da Gino" in str(shown["blocks"]) and "15 points" in str(shown["blocks"])
    year = shown["text"].split("Worst clients poll ")[1][:4]
    assert command(slack, fake_slack, f"results {year}", user_id=OWNER).json()["blocks"] == shown["blocks"]
    assert "There was no 1999 poll" in command(slack, fake_slack, "results 1999", user_id=OWNER).text
    assert "not a poll period" in command(slack, fake_slack, "results soon", user_id=OWNER).text


def test_a_staff_channel_the_bot_cannot_read_is_explained_and_no_poll_is_left(slack, fake_slack, session_factory):
    fake_slack.fail("conversations.members", error="not_in_channel")
    answer = command(slack, fake_slack, "start", user_id=OWNER)
    assert "Starting the" in answer.text
    reply = fake_slack.wait_for("response_url")[0].params["text"]
    assert f"<#{STAFF_CHANNEL}>" in reply and "not_in_channel" in reply and "invite me" in reply
    assert fake_slack.calls("chat.postMessage") == []
    with session_factory() as session:
        assert session.scalars(select(Poll)).all() == []


def test_results_slack_refuses_at_close_are_promised_and_posted_by_the_job(slack, fake_slack, settings, engine,
                                                                          session_factory):
    start(slack, fake_slack)
    fake_slack.wait_for("chat.postMessage", 1 + len(VOTERS))
    fake_slack.fail("chat.postMessage", error="channel_not_found")
    assert "0 of 5 voted" in command(slack, fake_slack, "close", user_id=OWNER).text
    assert "channel_not_found" in fake_slack.wait_for("response_url", 2)[-1].params["text"]
    deps = make_deps(settings, engine, session_factory)
    close_polls(deps, WebClient(token="xoxb-test", base_url=fake_slack.base_url), deps.now())
    posts = [c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == OWNERS_CHANNEL]
    assert len(posts) == 2 and "Not enough ballots" in str(posts[1].params["blocks"])
