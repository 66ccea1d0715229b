"""Payment facts per client, for the digest, the risk score and `redflag invoices facts`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain.alerts import DueAlert, RecordedAlert
from bot.domain.lateness import ClientPaymentFacts
from bot.domain.payment_totals import PaymentTotals, facts_from_totals
from storage import payment_alerts as alert_store
from storage import payment_totals as total_store


def payment_facts(session: Session, *, team_id: str, today: date) -> dict[int, ClientPaymentFacts]:
    """client id → its payment facts on `today` (the team's calendar day), for every client with invoices.

    Added up by the database (storage/payment_totals.py); the same as `client_facts` over each
    client's invoices, without reading them into Python.
    """
    (totals,) = total_store.payment_totals(session, team_id=team_id, days=[today])
    return facts_by_client(totals, today)


def facts_by_client(totals: Iterable[PaymentTotals], today: date) -> dict[int, ClientPaymentFacts]:
    """client id → its facts on `today`, from the totals of that day, in client id order."""
    by_client: dict[int, list[PaymentTotals]] = {}
    for row in totals:
        by_client.setdefault(row.client_id, []).append(row)
    return {client_id: facts_from_totals(client_id, by_client[client_id], today) for client_id in sorted(by_client)}


def recent_payment_alerts(session: Session, *, team_id: str, since: datetime) -> list[RecordedAlert]:
    """Payment alerts sent to the owners' channel since `since` (aware datetime), oldest first."""
    return [RecordedAlert(DueAlert.from_details(row.kind, row.key, row.client_id, row.details), row.created_at,
                          row.sent_at)
            for row in alert_store.list_alerts(session, team_id=team_id, since=since)]
