"""The poll jobs: close polls at their deadline (and post results once), send the one reminder,
and open polls on the POLL_AUTO_OPEN schedule. Each claims its work in the database first,
so running twice (or in two clock processes) never sends anything twice."""

from __future__ import annotations

from datetime import datetime

from slack_sdk import WebClient

from bot.deps import Deps
from bot.flows import polls

EVERY_SECONDS = 300


def close_polls(deps: Deps, client: WebClient, now: datetime) -> None:
    polls.close_due_polls(deps, client, now)


def remind_voters(deps: Deps, client: WebClient, now: datetime) -> None:
    polls.send_reminders(deps, client, now)


def open_scheduled_polls(deps: Deps, client: WebClient, now: datetime) -> None:
    polls.open_scheduled_poll(deps, client, now)
