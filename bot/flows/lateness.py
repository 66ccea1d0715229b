"""Payment facts per client, for the digest, the risk score and `redflag invoices facts`."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain.alerts import DueAlert, RecordedAlert
from bot.domain.lateness import ClientPaymentFacts, client_facts
from storage import invoices as invoice_store
from storage import payment_alerts as alert_store


def payment_facts(session: Session, *, team_id: str, today: date) -> dict[int, ClientPaymentFacts]:
    """client id → its payment facts on `today` (the team's calendar day), for every client with invoices."""
    return {client_id: client_facts(client_id, invoices, today)
            for client_id, invoices in invoice_store.client_invoices(session, team_id=team_id)}


def recent_payment_alerts(session: Session, *, team_id: str, since: datetime) -> list[RecordedAlert]:
    """Payment alerts sent to the owners' channel since `since` (aware datetime), oldest first."""
    return [RecordedAlert(DueAlert.from_details(row.kind, row.key, row.client_id, row.details), row.created_at,
                          row.sent_at)
            for row in alert_store.list_alerts(session, team_id=team_id, since=since)]
