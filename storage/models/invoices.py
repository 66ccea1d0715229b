"""Invoices imported from accounting exports, and the payment alerts sent about them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class Invoice(Base):
    """One invoice or credit note, identified by (team, client, number). Imports update it; none deletes it."""

    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("team_id", "client_id", "number"),
        Index("ix_invoices_team_id_number", "team_id", "number"),  # payments exports name only the number
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    number: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))  # negative for a credit note
    paid_amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    issued_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    # The day it was paid in full; when `paid_approximate`, the first import that showed it paid,
    # and `paid_after` the last import that still showed it open (the bounds of the real day).
    paid_on: Mapped[date | None] = mapped_column(Date)
    paid_after: Mapped[date | None] = mapped_column(Date)
    paid_approximate: Mapped[bool] = mapped_column(default=False)
    last_payment_on: Mapped[date | None] = mapped_column(Date)
    open_seen_on: Mapped[date | None] = mapped_column(Date)
    disputed: Mapped[bool] = mapped_column(default=False)
    voided: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PaymentAlert(Base):
    """One alert to the owners' channel. The unique (team, key) makes each alert go out once."""

    __tablename__ = "payment_alerts"
    __table_args__ = (
        UniqueConstraint("team_id", "key"),
        Index("ix_payment_alerts_team_id_created_at", "team_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)  # who is sending it, since when
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    channel: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
