"""Forgetting old Events API ids: Slack retries a delivery within minutes, so a day is plenty."""

from __future__ import annotations

from datetime import datetime, timedelta

from slack_sdk import WebClient

from bot.deps import Deps
from storage.events import forget_events_before

EVERY_SECONDS = 3600
KEEP = timedelta(days=1)


def forget_old_events(deps: Deps, client: WebClient, now: datetime) -> None:
    with deps.session_factory.begin() as session:
        forget_events_before(session, now - KEEP, team_id=deps.team_id)
