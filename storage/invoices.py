"""Queries for invoices. Built for bulk: batches of rows in, plain values out, no ORM object per row."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, insert, select, tuple_, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from bot.domain.invoice_state import InvoiceState
from bot.domain.lateness import Invoice as LatenessInvoice
from storage.models.invoices import Invoice

TABLE = Invoice.__table__
# InvoiceState field → column name (they match but for one).
STATE_COLUMNS = {"currency": "currency", "amount": "amount", "due_on": "due_on", "issued_on": "issued_on",
                 "paid_amount": "paid_amount", "paid_on": "paid_on", "paid_after": "paid_after",
                 "approximate": "paid_approximate", "last_payment_on": "last_payment_on",
                 "open_seen_on": "open_seen_on", "disputed": "disputed", "voided": "voided"}
_STATE_SELECT = [TABLE.c[column] for column in STATE_COLUMNS.values()]
CENT = Decimal("0.01")

Key = tuple[int, str]  # (client id, invoice number)


def _state(row: Row[Any]) -> InvoiceState:
    values = {field: getattr(row, column) for field, column in STATE_COLUMNS.items()}
    values["amount"] = Decimal(values["amount"]).quantize(CENT)
    values["paid_amount"] = Decimal(values["paid_amount"]).quantize(CENT)
    return InvoiceState(**values)


def _columns(state: InvoiceState) -> dict[str, Any]:
    return {column: getattr(state, field) for field, column in STATE_COLUMNS.items()}


def stored_invoices(session: Session, *, team_id: str, keys: Collection[Key]) -> dict[Key, tuple[int, InvoiceState]]:
    """The stored state of the invoices with these (client, number) keys, by key."""
    if not keys:
        return {}
    query = select(TABLE.c.id, TABLE.c.client_id, TABLE.c.number, *_STATE_SELECT).where(
        TABLE.c.team_id == team_id, tuple_(TABLE.c.client_id, TABLE.c.number).in_(list(keys)))
    return {(row.client_id, row.number): (row.id, _state(row)) for row in session.execute(query)}


def invoices_by_number(session: Session, *, team_id: str, numbers: Collection[str]) -> dict[str, list[tuple[int, int, InvoiceState]]]:
    """number → [(invoice id, client id, state)] (one number can belong to invoices of several clients)."""
    found: dict[str, list[tuple[int, int, InvoiceState]]] = {}
    if not numbers:
        return found
    query = select(TABLE.c.id, TABLE.c.client_id, TABLE.c.number, *_STATE_SELECT).where(
        TABLE.c.team_id == team_id, TABLE.c.number.in_(list(numbers)))
    for row in session.execute(query):
        found.setdefault(row.number, []).append((row.id, row.client_id, _state(row)))
    return found


def add_invoices(session: Session, *, team_id: str, source: str, now: datetime,
                 invoices: Iterable[tuple[int, str, InvoiceState]]) -> None:
    """Insert (client id, number, state) rows in one executemany."""
    rows = [{"team_id": team_id, "client_id": client_id, "number": number, "source": source,
             "created_at": now, "updated_at": now, **_columns(state)} for client_id, number, state in invoices]
    if rows:
        session.execute(insert(TABLE), rows)


def update_invoices(session: Session, *, now: datetime, invoices: Iterable[tuple[int, InvoiceState]],
                    source: str | None = None) -> None:
    """Write new states to (invoice id, state) rows in one executemany."""
    extra = {"source": source} if source else {}
    rows = [{"_id": invoice_id, "updated_at": now, **extra, **_columns(state)} for invoice_id, state in invoices]
    if rows:
        session.execute(update(TABLE).where(TABLE.c.id == bindparam("_id")), rows)


def team_ids_with_invoices(session: Session) -> list[str]:
    return list(session.scalars(select(TABLE.c.team_id).distinct().order_by(TABLE.c.team_id)))


def client_invoices(session: Session, *, team_id: str, client_ids: Collection[int] | None = None,
                    batch: int = 2000) -> Iterator[tuple[int, list[LatenessInvoice]]]:
    """(client id, its invoices) for every client with invoices, streamed in client order; voided ones left out."""
    query = select(TABLE.c.client_id, TABLE.c.number, *_STATE_SELECT).where(
        TABLE.c.team_id == team_id, TABLE.c.voided.is_(False)).order_by(TABLE.c.client_id, TABLE.c.due_on, TABLE.c.id)
    if client_ids is not None:
        query = query.where(TABLE.c.client_id.in_(list(client_ids)))
    current: int | None = None
    invoices: list[LatenessInvoice] = []
    for row in session.execute(query.execution_options(yield_per=batch)):
        if row.client_id != current:
            if current is not None:
                yield current, invoices
            current, invoices = row.client_id, []
        invoices.append(_state(row).lateness_invoice(row.client_id, row.number))
    if current is not None:
        yield current, invoices
