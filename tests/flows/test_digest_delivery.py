"""Sending the weekly digest: at the slot, once, after a failure, after a crash, with two schedulers."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine

from bot.app import make_web_client
from bot.deps import Deps
from bot.flows.digest_delivery import LEASE, Outcome, deliver, send_due_digest
from bot.jobs.digest import weekly_digest
from bot.sandbox.fake_slack import TEAM_ID
from bot.settings import Settings
from storage import digests as runs
from storage.db import make_engine, make_session_factory
from storage.models import Base
from tests.conftest import OWNERS_CHANNEL, postgres_url
from tests.flows.seeding import client, flag

ROME = ZoneInfo("Europe/Rome")
SLOT_W48 = datetime(2026, 11, 23, 9, 0, tzinfo=ROME)  # Monday of ISO week 2026-W48


@pytest.fixture
def deps(settings: Settings, engine: Engine, session_factory) -> Deps:  # type: ignore[no-untyped-def]
    return Deps(settings=settings, engine=engine, session_factory=session_factory)


@pytest.fixture
def seeded(session_factory) -> None:  # type: ignore[no-untyped-def]
    with session_factory.begin() as session:
        acme = client(session, TEAM_ID, "Acme Logistics", "4200")
        client(session, TEAM_ID, "Bakkerij Mulder", "450")
        flag(session, TEAM_ID, acme, "dealbreaker", at=SLOT_W48 - timedelta(days=2))
        flag(session, TEAM_ID, acme, "concern", at=SLOT_W48 - timedelta(days=30))


def posts(fake_slack) -> list:  # type: ignore[no-untyped-def]
    return [c for c in fake_slack.calls("chat.postMessage") if c.params.get("channel") == OWNERS_CHANNEL]


def run_of(deps: Deps, week: str):  # type: ignore[no-untyped-def]
    with deps.session_factory() as session:
        return runs.get_run(session, team_id=TEAM_ID, week=week)


def tick(deps: Deps) -> None:
    """One scheduler tick at the (frozen) current time, as bot/jobs/scheduler.py runs it."""
    weekly_digest(deps, make_web_client(deps.settings), deps.now())


def test_sent_at_the_slot_in_the_team_time_zone_and_never_twice(deps, fake_slack, seeded):
    with freeze_time("2026-11-23 07:59:00"):  # 08:59 in Rome
        tick(deps)
    assert posts(fake_slack) == []
    with freeze_time("2026-11-23 08:00:00"):  # 09:00 in Rome
        tick(deps)
    with freeze_time("2026-11-23 08:01:00"):
        tick(deps)
    with freeze_time("2026-11-25 12:00:00"):
        tick(deps)
    [post] = posts(fake_slack)
    assert "Weekly digest" in post.params["blocks"][0]["text"]["text"]
    assert post.params["metadata"] == {"event_type": "redflag_digest", "event_payload": {"week": "2026-W48"}}
    run = run_of(deps, "2026-W48")
    assert (run.status, run.message_ts, run.attempts) == ("sent", "1700000001.000001", 1)


def test_the_slot_follows_daylight_saving_time(deps, fake_slack, seeded):
    with freeze_time("2026-03-30 06:59:59"):  # Monday 08:59:59 CEST
        tick(deps)
    assert posts(fake_slack) == []
    with freeze_time("2026-03-30 07:00:00"):  # Monday 09:00 CEST
        tick(deps)
    assert len(posts(fake_slack)) == 1 and run_of(deps, "2026-W14").status == "sent"


@pytest.mark.parametrize(("utc", "sent"), [("2026-11-24 07:59:00", True), ("2026-11-24 08:00:01", False)])
def test_catch_up_after_downtime_within_the_grace_period_only(deps, fake_slack, seeded, utc, sent):
    with freeze_time(utc):  # the clock process was down at Monday 09:00 and comes back ~24 hours later
        tick(deps)
    assert len(posts(fake_slack)) == (1 if sent else 0)
    assert run_of(deps, "2026-W48").status == ("sent" if sent else "skipped")
    with freeze_time("2026-11-25 08:00:00"):
        tick(deps)
    assert len(posts(fake_slack)) == (1 if sent else 0)  # a skipped week stays skipped


def test_not_marked_sent_when_slack_refuses_and_sent_once_on_a_later_tick(deps, fake_slack, seeded):
    fake_slack.fail("chat.postMessage", error="channel_not_found")
    with freeze_time("2026-11-23 08:00:00"):
        tick(deps)
    run = run_of(deps, "2026-W48")
    assert (run.status, run.message_ts, run.sent_at) == ("failed", None, None)
    assert "channel_not_found" in run.error
    with freeze_time("2026-11-23 08:01:00"):  # too soon to retry
        tick(deps)
    assert len(fake_slack.calls("chat.postMessage")) == 1
    with freeze_time("2026-11-23 08:06:00"):
        tick(deps)
    with freeze_time("2026-11-23 08:12:00"):
        tick(deps)
    assert len(fake_slack.calls("chat.postMessage")) == 2
    run = run_of(deps, "2026-W48")
    assert (run.status, run.attempts) == ("sent", 2) and run.message_ts


def test_a_crash_while_posting_never_produces_a_second_message(deps, fake_slack, seeded):
    now = SLOT_W48.astimezone(timezone.utc) + timedelta(minutes=1)
    with deps.session_factory.begin() as session:  # a process claimed, flipped to posting, and died
        run = runs.claim_run(session, team_id=TEAM_ID, week="2026-W48", holder="dead:1:x", now=now, lease=LEASE)
        assert runs.mark_posting(session, run.id, holder="dead:1:x", now=now)
    for minutes in (2, 30, 600):
        with freeze_time(now + timedelta(minutes=minutes)):
            tick(deps)
    assert posts(fake_slack) == [] and run_of(deps, "2026-W48").status == "posting"


def test_a_crash_before_posting_is_taken_over_once_its_lease_expires(deps, fake_slack, seeded):
    now = SLOT_W48.astimezone(timezone.utc) + timedelta(minutes=1)
    with deps.session_factory.begin() as session:  # claimed, then died while building the digest
        runs.claim_run(session, team_id=TEAM_ID, week="2026-W48", holder="dead:1:x", now=now, lease=LEASE)
    with freeze_time(now + LEASE - timedelta(seconds=1)):
        tick(deps)
    assert posts(fake_slack) == []
    with freeze_time(now + LEASE + timedelta(seconds=1)):
        tick(deps)
    assert len(posts(fake_slack)) == 1 and run_of(deps, "2026-W48").status == "sent"


def test_the_chart_is_uploaded_into_the_digest_thread(deps, fake_slack, seeded):
    with freeze_time("2026-11-23 08:00:00"):
        tick(deps)
    [post] = posts(fake_slack)
    [complete] = fake_slack.calls("files.completeUploadExternal")
    assert complete.params["channel_id"] == OWNERS_CHANNEL and complete.params["thread_ts"] == "1700000001.000001"
    assert "1 client brings 90% of MRR and 100% of red flags" in complete.params["initial_comment"]
    [png] = fake_slack.uploads.values()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    assert run_of(deps, "2026-W48").chart_file_id == complete.params["files"][0]["id"]
    assert "Pareto" in str(post.params["blocks"])


def test_a_refused_chart_upload_leaves_the_digest_sent(deps, fake_slack, seeded):
    fake_slack.fail("files.completeUploadExternal", error="not_allowed_token_type")
    with freeze_time("2026-11-23 08:00:00"):
        tick(deps)
    run = run_of(deps, "2026-W48")
    assert run.status == "sent" and run.chart_file_id is None and "not_allowed_token_type" in run.error


def test_without_an_owners_channel_nothing_is_claimed(settings, deps, fake_slack, seeded):
    quiet = Deps(settings=settings.model_copy(update={"owners_channel": None}), engine=deps.engine,
                 session_factory=deps.session_factory)
    delivery = deliver(quiet, make_web_client(settings), team_id=TEAM_ID, week="2026-W48",
                       now=SLOT_W48.astimezone(timezone.utc))
    assert delivery.outcome is Outcome.NO_CHANNEL and run_of(deps, "2026-W48") is None


def race(settings: Settings, database_url: str, fake_slack, *, processes: int = 4) -> None:  # type: ignore[no-untyped-def]
    """`processes` schedulers, each with its own engine (its own connections), tick at the same instant."""
    engines = [make_engine(database_url) for _ in range(processes)]
    schedulers = [Deps(settings=settings, engine=e, session_factory=make_session_factory(e)) for e in engines]
    for week_start in (SLOT_W48, SLOT_W48 + timedelta(days=7), SLOT_W48 + timedelta(days=14)):
        barrier = threading.Barrier(processes)
        outcomes: list[Outcome] = []

        def one(deps: Deps) -> None:
            client = make_web_client(settings)
            barrier.wait()
            outcomes.append(send_due_digest(deps, client, week_start.astimezone(timezone.utc)).outcome)

        threads = [threading.Thread(target=one, args=(d,)) for d in schedulers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == sorted([Outcome.SENT] + [Outcome.TAKEN] * (processes - 1))
    for engine in engines:
        engine.dispose()
    assert len(posts(fake_slack)) == 3
    assert [c.params["metadata"]["event_payload"]["week"] for c in posts(fake_slack)] == ["2026-W48", "2026-W49", "2026-W50"] \
        or sorted(c.params["metadata"]["event_payload"]["week"] for c in posts(fake_slack)) == ["2026-W48", "2026-W49", "2026-W50"]


def test_exactly_once_with_several_schedulers_on_one_sqlite_database(settings, fake_slack, tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    setup = make_engine(url)
    Base.metadata.create_all(setup)
    setup.dispose()
    race(settings.model_copy(update={"database_url": url}), url, fake_slack)


def test_exactly_once_with_several_schedulers_on_one_postgresql_database(settings, fake_slack, request):
    url = postgres_url()
    request.getfixturevalue("database_url")  # the shared test schema, emptied
    race(settings.model_copy(update={"database_url": url}), url, fake_slack)


def test_a_connection_dropped_mid_post_is_not_retried_and_leaves_the_week_in_doubt(deps, seeded, fake_slack):
    """Slack may have posted before the connection dropped: no blind retry, and no later tick posts again."""
    import http.client
    import socket

    received: list[bytes] = []
    server = socket.create_server(("127.0.0.1", 0))

    def swallow() -> None:  # reads each request, then hangs up without answering
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            received.append(connection.recv(65536))
            connection.close()

    threading.Thread(target=swallow, daemon=True).start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/api/"
    dropping = Deps(settings=deps.settings.model_copy(update={"slack_api_url": url}), engine=deps.engine,
                    session_factory=deps.session_factory)
    with freeze_time("2026-11-23 08:00:00"), pytest.raises(http.client.RemoteDisconnected):
        tick(dropping)
    server.close()
    assert len([r for r in received if b"chat.postMessage" in r]) == 1
    assert run_of(deps, "2026-W48").status == "posting"
    with freeze_time("2026-11-23 09:00:00"):
        tick(deps)
    assert posts(fake_slack) == []
