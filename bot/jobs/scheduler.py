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
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.deps import Deps
from bot.jobs import JOBS, Job

log = logging.getLogger(__name__)


def run_job(job: Job, deps: Deps, client: WebClient) -> None:
    """One tick of one job, at the team's current time, and one JSON log line about it.

    APScheduler logs an exception with its traceback; the line says which job and how long.
    """
    started, outcome = time.monotonic(), "error"
    try:
        job(deps, client, deps.now())
        outcome = "ok"
    finally:
        log.info(json.dumps({"job": getattr(job, "__name__", str(job)), "team": deps.settings.slack_team_id,
                             "outcome": outcome, "ms": round((time.monotonic() - started) * 1000, 1)}))


def build_scheduler(deps: Deps, client: WebClient, *, blocking: bool = True,
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
