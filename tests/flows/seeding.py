"""Seeding clients and red flags at chosen times, for the digest, dossier and App Home tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from storage.clients import add_client
from storage.models import Client
from storage.reports import add_report


def client(session: Session, team_id: str, name: str, mrr: str | None = None, currency: str = "EUR") -> Client:
    return add_client(session, team_id=team_id, name=name, mrr=Decimal(mrr) if mrr else None,
                      currency=currency if mrr else None)


def flag(session: Session, team_id: str, client: Client, severity: str, *, at: datetime, days_before: int = 0,
         categories: tuple[str, ...] = ("abusive",), text: str = "Shouted at the helpdesk.",
         reporter: str | None = "U0STAFF") -> None:
    """A report filed at `at` about something that happened `days_before` days earlier."""
    report = add_report(session, team_id=team_id, client_id=client.id, severity=severity, categories=categories,
                        description=text, occurred_on=(at - timedelta(days=days_before)).date(),
                        reporter_user_id=reporter)
    report.created_at = at
    session.flush()
