"""The payments job: raise the payment alerts that became due (invoices crossing the threshold as days pass)."""

from __future__ import annotations

from datetime import datetime

from slack_sdk import WebClient

from bot.deps import Deps
from bot.flows.payment_alerts import raise_payment_alerts

EVERY_SECONDS = 3600


def payment_alerts(deps: Deps, client: WebClient, now: datetime) -> None:
    """Post the workspace's alerts due on its calendar day, once each."""
    today = now.astimezone(deps.settings.tz).date()
    raise_payment_alerts(deps.session_factory, client, deps.settings, team_id=deps.team_id, today=today, now=now)
