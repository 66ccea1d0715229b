"""The clock: APScheduler running every JOBS entry on its interval.

Where it runs: in its own process, `redflag clock` (the `clock:` line of the
Procfile), never inside the web workers, so two or more gunicorn workers do
not each run the jobs. Running two clock processes by mistake (a deploy
overlap, a second dyno) is still safe: every job records what it did in the
database and claims its work there first (see storage/models/digests.py).

Nothing here runs at import: `build_scheduler` makes a scheduler when asked.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.app import make_web_client
from bot.deps import Deps
from bot.jobs import JOBS, Job
from storage.workspaces import installed_bot_tokens

log = logging.getLogger(__name__)


def workspaces(deps: Deps, client: WebClient | None = None) -> list[tuple[Deps, WebClient]]:
    """Each workspace the jobs run for, with its deps (`deps.for_team`) and a client holding its bot token.

    Token mode: the one workspace of SLACK_BOT_TOKEN (SLACK_TEAM_ID, or auth.test's answer) with
    `client` (default: one for SLACK_BOT_TOKEN). OAuth mode: every installed workspace that still
    has a bot token, each with its own client.
    """
    settings = deps.global_settings or deps.settings
    if settings.oauth_enabled:
        with deps.session_factory() as session:
            tokens = installed_bot_tokens(session, client_id=settings.slack_client_id or "")
        return [(deps.for_team(team), make_web_client(settings, token=token)) for team, token in tokens.items()]
    client = client or make_web_client(settings)
    team = settings.slack_team_id or client.auth_test()["team_id"]
    return [(deps.for_team(team), client)]


def run_job(job: Job, deps: Deps, client: WebClient | None = None) -> None:
    """One tick of one job: once per workspace, each at its own current time and with its own token,
    and one JSON log line per workspace.

    A workspace whose run fails does not keep the others from running; its error is raised once all
    have run (APScheduler logs it with its traceback), several together as an ExceptionGroup.
    """
    name = getattr(job, "__name__", str(job))
    with _logged(name, None, only_on_error=True):
        teams = workspaces(deps, client)
    errors: list[Exception] = []
    for team_deps, team_client in teams:
        try:
            with _logged(name, team_deps.team_id):
                job(team_deps, team_client, team_deps.now())
        except Exception as error:  # noqa: BLE001 - re-raised below, after the other workspaces ran
            errors.append(error)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ExceptionGroup(f"job {name} failed in {len(errors)} workspaces", errors)


@contextmanager
def _logged(job: str, team: str | None, *, only_on_error: bool = False) -> Iterator[None]:
    started, outcome = time.monotonic(), "error"
    try:
        yield
        outcome = "ok"
    finally:
        if outcome == "error" or not only_on_error:
            log.info(json.dumps({"job": job, "team": team, "outcome": outcome,
                                 "ms": round((time.monotonic() - started) * 1000, 1)}))


def build_scheduler(deps: Deps, client: WebClient | None = None, *, blocking: bool = True,
                    jobs: list[tuple[str, Job, int]] | None = None) -> BaseScheduler:
    """A scheduler with every job (default: JOBS) on its interval, each starting at once.

    max_instances=1: a slow tick is never overlapped by the next one; coalesce:
    ticks missed while the process was busy or suspended run once, not in a burst.
    """
    scheduler: BaseScheduler = (BlockingScheduler if blocking else BackgroundScheduler)(timezone=deps.settings.tz)
    for job_id, job, seconds in JOBS if jobs is None else jobs:
        scheduler.add_job(run_job, IntervalTrigger(seconds=seconds, timezone=deps.settings.tz), args=(job, deps, client),
                          id=job_id, name=job_id, max_instances=1, coalesce=True, misfire_grace_time=seconds,
                          next_run_time=datetime.now(deps.settings.tz))
    return scheduler
