"""Queries for invoices. Built for bulk: batches of rows in, plain values out, no ORM object per row."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from bot.domain.invoice_state import InvoiceState, StateValues
from bot.domain.lateness import Invoice as LatenessInvoice
from storage import invoice_encoding as encoding
from storage.models.invoices import Invoice

TABLE = Invoice.__table__
# InvoiceState field → column name (they match but for one).
STATE_COLUMNS = {"currency": "currency", "amount": "amount", "due_on": "due_on", "issued_on": "issued_on",
                 "paid_amount": "paid_amount", "paid_on": "paid_on", "paid_after": "paid_after",
                 "approximate": "paid_approximate", "last_payment_on": "last_payment_on",
                 "open_seen_on": "open_seen_on", "disputed": "disputed", "voided": "voided"}
_STATE_SELECT = [TABLE.c[column] for column in STATE_COLUMNS.values()]

Key = tuple[int, str]  # (client id, invoice number)


def _state(row: Row[Any], offset: int) -> InvoiceState:
    """The state from a row whose columns from `offset` on are _STATE_SELECT (in InvoiceState's field order)."""
    return InvoiceState(*row[offset:])


def _columns(state: InvoiceState) -> dict[str, Any]:
    return {column: getattr(state, field) for field, column in STATE_COLUMNS.items()}


def stored_invoices(session: Session, *, team_id: str, keys: Collection[Key]) -> dict[Key, tuple[int, InvoiceState]]:
    """The stored state of the invoices with these (client, number) keys, by key."""
    if not keys:
        return {}
    # number IN … probes the (team_id, number) index once per number; the rare other clients'
    # invoices with the same number are dropped here. (client_id IN … AND number IN … made SQLite
    # probe every client × number pair: 0.26 s a batch at 1M rows in the benchmark.)
    query = select(TABLE.c.id, TABLE.c.client_id, TABLE.c.number, *_STATE_SELECT).where(
        TABLE.c.team_id == team_id, TABLE.c.number.in_({k[1] for k in keys}))
    wanted = set(keys)
    return {(row.client_id, row.number): (row.id, _state(row, 3)) for row in session.execute(query)
            if (row.client_id, row.number) in wanted}


def invoices_by_number(session: Session, *, team_id: str, numbers: Collection[str]) -> dict[str, list[tuple[int, int, InvoiceState]]]:
    """number → [(invoice id, client id, state)] (one number can belong to invoices of several clients)."""
    found: dict[str, list[tuple[int, int, InvoiceState]]] = {}
    if not numbers:
        return found
    query = select(TABLE.c.id, TABLE.c.client_id, TABLE.c.number, *_STATE_SELECT).where(
        TABLE.c.team_id == team_id, TABLE.c.number.in_(list(numbers)))
    for row in session.execute(query):
        found.setdefault(row.number, []).append((row.id, row.client_id, _state(row, 3)))
    return found


INSERT = f"INSERT INTO invoices ({', '.join(encoding.COLUMNS)}) VALUES ({', '.join('?' * len(encoding.COLUMNS))})"
COPY = f"COPY invoices ({', '.join(encoding.COLUMNS)}) FROM STDIN"


def add_invoices(session: Session, *, team_id: str, source: str, now: datetime,
                 invoices: Iterable[tuple[int, str, InvoiceState]]) -> None:
    """Insert (client id, number, state) rows: COPY on PostgreSQL, one plain executemany on SQLite.

    Straight to the driver, without SQLAlchemy's per-row parameter processing (see storage.invoice_encoding).
    """
    rows = [(client_id, number, astuple_state(state)) for client_id, number, state in invoices]
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(COPY) as copy:
            copy.write("".join(encoding.copy_lines(team_id, source, now, rows)))
        return
    connection.exec_driver_sql(INSERT, encoding.sqlite_rows(team_id, source, now, rows))


def astuple_state(state: InvoiceState) -> StateValues:
    return (state.currency, state.amount, state.due_on, state.issued_on, state.paid_amount, state.paid_on,
            state.paid_after, state.approximate, state.last_payment_on, state.open_seen_on, state.disputed, state.voided)


def update_invoices(session: Session, *, now: datetime, invoices: Iterable[tuple[int, InvoiceState]],
                    source: str | None = None) -> None:
    """Write new states to (invoice id, state) rows in one executemany."""
    extra = {"source": source} if source else {}
    rows = [{"_id": invoice_id, "updated_at": now, **extra, **_columns(state)} for invoice_id, state in invoices]
    if rows:
        session.execute(update(TABLE).where(TABLE.c.id == bindparam("_id")), rows)


def refresh_statistics(session: Session) -> None:
    """Let PostgreSQL's planner see how big the table has grown (a bulk import outruns autovacuum, and
    with stale statistics the per-batch lookup stops using the unique index). SQLite needs nothing."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE invoices"))


def team_ids_with_invoices(session: Session) -> list[str]:
    return list(session.scalars(select(TABLE.c.team_id).distinct().order_by(TABLE.c.team_id)))


_LATENESS_SELECT = [TABLE.c[c] for c in ("client_id", "number", "currency", "amount", "due_on", "issued_on",
                                          "paid_amount", "paid_on", "paid_after", "paid_approximate", "disputed")]


def client_invoices(session: Session, *, team_id: str, client_ids: Collection[int] | None = None,
                    batch: int = 10_000) -> Iterator[tuple[int, list[LatenessInvoice]]]:
    """(client id, its invoices) for every client with invoices, streamed in client order; voided ones left out."""
    query = select(*_LATENESS_SELECT).where(TABLE.c.team_id == team_id, TABLE.c.voided.is_(False)).order_by(
        TABLE.c.client_id, TABLE.c.due_on, TABLE.c.id)
    if client_ids is not None:
        query = query.where(TABLE.c.client_id.in_(list(client_ids)))
    current: int | None = None
    invoices: list[LatenessInvoice] = []
    for row in session.execute(query.execution_options(yield_per=batch)):
        if row.client_id != current:
            if current is not None:
                yield current, invoices
            current, invoices = row.client_id, []
        invoices.append(LatenessInvoice(*row))
    if current is not None:
        yield current, invoices

