"""Queries for payment alerts: claim a key once, mark it sent, list recent ones."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.domain.alerts import DueAlert
from storage.models import Client
from storage.models.invoices import PaymentAlert

TABLE = PaymentAlert.__table__


def claim_alert(session: Session, *, team_id: str, alert: DueAlert, now: datetime) -> int | None:
    """Record the alert and return its id, or None when its key was recorded before (by anyone)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(TABLE)
        .values(team_id=team_id, client_id=alert.client_id, kind=alert.kind.value, key=alert.key,
                details=alert.details(), created_at=now, claimed_at=now)
        .on_conflict_do_nothing(index_elements=["team_id", "key"])
        .returning(TABLE.c.id)
    )
    return session.execute(statement).scalar()


def recorded_keys(session: Session, *, team_id: str) -> set[str]:
    return set(session.scalars(select(PaymentAlert.key).where(PaymentAlert.team_id == team_id)))


def clients_alerted(session: Session, *, team_id: str, kind: str, since: datetime) -> set[int]:
    """Clients with an alert of `kind` recorded since `since`."""
    return set(session.scalars(select(PaymentAlert.client_id).where(
        PaymentAlert.team_id == team_id, PaymentAlert.kind == kind, PaymentAlert.created_at >= since)))


def claim_unsent(session: Session, *, team_id: str, now: datetime, lease: timedelta) -> list[PaymentAlert]:
    """Alerts recorded but not sent whose sender gave up or died more than `lease` ago, claimed anew."""
    stale = list(session.scalars(select(PaymentAlert).where(
        PaymentAlert.team_id == team_id, PaymentAlert.sent_at.is_(None), PaymentAlert.claimed_at < now - lease)))
    claimed = []
    for alert in stale:  # compare-and-set, so two job runs never both resend one alert
        taken = session.execute(update(TABLE).where(TABLE.c.id == alert.id, TABLE.c.claimed_at == alert.claimed_at)
                                .values(claimed_at=now))
        if taken.rowcount == 1:
            claimed.append(alert)
    return claimed


def get_alerts(session: Session, ids: Collection[int]) -> Sequence[PaymentAlert]:
    return session.scalars(select(PaymentAlert).where(PaymentAlert.id.in_(list(ids))).order_by(PaymentAlert.id)).all()


def client_names(session: Session, client_ids: Collection[int]) -> dict[int, str]:
    return {row.id: row.name for row in session.execute(select(Client.id, Client.name).where(Client.id.in_(list(client_ids))))}


def mark_sent(session: Session, ids: Collection[int], *, channel: str, message_ts: str | None, now: datetime) -> None:
    session.execute(update(TABLE).where(TABLE.c.id.in_(list(ids))).values(sent_at=now, channel=channel,
                                                                              message_ts=message_ts))


def list_alerts(session: Session, *, team_id: str, since: datetime, sent_only: bool = True) -> Sequence[PaymentAlert]:
    query = select(PaymentAlert).where(PaymentAlert.team_id == team_id,
                                       or_(PaymentAlert.sent_at >= since, PaymentAlert.created_at >= since))
    if sent_only:
        query = query.where(PaymentAlert.sent_at.is_not(None))
    return session.scalars(query.order_by(PaymentAlert.created_at, PaymentAlert.id)).all()
