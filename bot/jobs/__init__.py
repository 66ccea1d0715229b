"""The scheduler's job table, in one place.

A job is a plain function `job(deps, client, now)` that does whatever is due
at `now` and is safe to run again (it records what it did in the database,
so two scheduler processes or a restart never repeat a send). Tests call
jobs directly with freezegun; `bot/jobs/scheduler.py` runs them on a clock.

Jobs run once per workspace: `deps` are that workspace's (`deps.for_team`:
its own owners, channels, time zone and digest slot; `deps.team_id` is the
workspace), `client` carries its bot token, and `now` is its local time. A
job touches only that workspace's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_sdk import WebClient

from bot.deps import Deps
from bot.jobs import digest, events, payments, polls

Job = Callable[[Deps, WebClient, datetime], None]

# (job id, function, how often the scheduler runs it in seconds).
JOBS: list[tuple[str, Job, int]] = [
    ("payments.alerts", payments.payment_alerts, payments.EVERY_SECONDS),
    ("digest.weekly", digest.weekly_digest, digest.EVERY_SECONDS),
    ("polls.close", polls.close_polls, polls.EVERY_SECONDS),
    ("polls.remind", polls.remind_voters, polls.EVERY_SECONDS),
    ("polls.auto_open", polls.open_scheduled_polls, polls.EVERY_SECONDS),
    ("events.forget", events.forget_old_events, events.EVERY_SECONDS),
]
