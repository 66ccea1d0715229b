"""The payments job: raise the payment alerts that became due (invoices crossing the threshold as days pass)."""

from __future__ import annotations

from datetime import datetime

from slack_sdk import WebClient

from bot.deps import Deps
from bot.flows.payment_alerts import raise_payment_alerts
from storage.invoices import team_ids_with_invoices

EVERY_SECONDS = 3600


def payment_alerts(deps: Deps, client: WebClient, now: datetime) -> None:
    """For every team with invoices: post the alerts due on the team's calendar day, once each."""
    today = now.astimezone(deps.settings.tz).date()
    with deps.session_factory() as session:
        teams = team_ids_with_invoices(session)
    for team_id in teams:
        raise_payment_alerts(deps.session_factory, client, deps.settings, team_id=team_id, today=today, now=now)
