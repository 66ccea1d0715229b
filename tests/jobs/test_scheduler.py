"""The clock: built only on demand, runs each job on its interval; two clocks still send one digest."""

from __future__ import annotations

import threading
from datetime import datetime

from apscheduler.schedulers.base import BaseScheduler

import bot.jobs.scheduler as scheduler_module
from bot.app import make_web_client
from bot.deps import Deps
from bot.jobs import JOBS
from bot.jobs.digest import weekly_digest
from bot.jobs.scheduler import build_scheduler
from storage.db import make_engine, make_session_factory
from tests.conftest import OWNERS_CHANNEL


def test_nothing_is_scheduled_at_import_and_the_digest_is_in_the_job_table():
    assert not [v for v in vars(scheduler_module).values() if isinstance(v, BaseScheduler)]
    assert ("digest.weekly", weekly_digest, 60) in JOBS


def test_a_job_runs_at_start_with_the_team_s_current_time(settings, engine, session_factory):
    deps = Deps(settings=settings, engine=engine, session_factory=session_factory)
    seen: list[datetime] = []
    ran = threading.Event()

    def probe(deps_: Deps, client, now: datetime) -> None:  # type: ignore[no-untyped-def]
        seen.append(now)
        ran.set()

    clock = build_scheduler(deps, make_web_client(settings), blocking=False, jobs=[("probe", probe, 3600)])
    clock.start()
    try:
        assert ran.wait(10)
    finally:
        clock.shutdown(wait=True)
    assert seen[0].tzinfo is not None and seen[0].utcoffset() == datetime.now(settings.tz).utcoffset()


def test_two_clocks_on_one_database_send_this_week_s_digest_once(settings, database_url, engine, fake_slack):
    now = datetime.now(settings.tz)
    due_now = settings.model_copy(update={"digest_day": now.strftime("%A").lower(), "digest_time": now.strftime("%H:%M")})
    clocks = []
    for _ in range(2):  # two processes: each its own engine, client and scheduler (`engine` made the schema)
        engine = make_engine(database_url)
        deps = Deps(settings=due_now, engine=engine, session_factory=make_session_factory(engine))
        clocks.append((build_scheduler(deps, make_web_client(due_now), blocking=False,
                                       jobs=[("digest.weekly", weekly_digest, 60)]), engine))
    for clock, _ in clocks:
        clock.start()
    try:
        fake_slack.wait_for("chat.postMessage", where=lambda c: c.params.get("channel") == OWNERS_CHANNEL)
    finally:
        for clock, engine in clocks:
            clock.shutdown(wait=True)  # both first ticks have finished
            engine.dispose()
    assert len([c for c in fake_slack.calls("chat.postMessage") if c.params.get("channel") == OWNERS_CHANNEL]) == 1
