"""Importing a payments export (`redflag invoices import … --payments FILE`): exact payment days.

Invoice exports such as Xero's say how much of an invoice is paid, not when.
A payments export says when: each line names an invoice number and a day.
Lines are applied in batches; applying the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bot.domain.invoice_state import InvoiceState, with_payment
from bot.domain.payment_rows import PaymentRow, missing_payment_columns, parse_payment_row, payment_columns
from bot.errors import UserError
from bot.flows.client_names import ClientNames
from bot.flows.csv_source import read_csv, reason
from bot.flows.invoice_import import BATCH, ImportSummary
from bot.i18n import N_, Msg
from storage import invoices as store

SessionFactory = sessionmaker[Session]


def import_payment_file(
    sessions: SessionFactory, path: Path, *, team_id: str, now: datetime, dayfirst: bool = False,
    progress: Callable[[int, int], None] | None = None, batch_size: int = BATCH,
) -> ImportSummary:
    """Apply a payments export. `updated` counts lines that changed an invoice, `unchanged` the others."""
    if not path.is_file():
        raise UserError(N_("{path}: no such file", path=str(path)))
    try:
        headers, rows = read_csv(path, find_header=lambda cells: not missing_payment_columns(cells), progress=progress)
    except ValueError as error:
        raise UserError(N_("{problem}. A payments export needs the columns invoice number and payment date",
                           problem=reason(error))) from None
    columns = payment_columns(headers)
    names = ClientNames.load(sessions, team_id=team_id)
    summary = ImportSummary()
    batch: list[tuple[int, PaymentRow | Msg | str]] = []
    for row in rows:
        try:
            batch.append((row.line, parse_payment_row(row.values, columns, dayfirst=dayfirst)))
        except ValueError as error:
            batch.append((row.line, reason(error)))
        if len(batch) >= batch_size:
            _apply(sessions, batch, names, summary, team_id=team_id, now=now)
            batch = []
    _apply(sessions, batch, names, summary, team_id=team_id, now=now)
    return summary


def _apply(sessions: SessionFactory, batch: list[tuple[int, PaymentRow | Msg | str]], names: ClientNames,
           summary: ImportSummary, *, team_id: str, now: datetime) -> None:
    """Apply one batch of lines (a line that did not parse carries its error) in one transaction."""
    if not batch:
        return
    with sessions.begin() as session:
        numbers = {payment.number for _, payment in batch if isinstance(payment, PaymentRow)}
        found = store.invoices_by_number(session, team_id=team_id, numbers=numbers)
        original = {invoice_id: state for matches in found.values() for invoice_id, _, state in matches}
        current = dict(original)
        for line, payment in batch:
            target = _invoice_for(payment, found, names) if isinstance(payment, PaymentRow) else payment
            if not isinstance(target, int):
                summary.fail(line, target)
                continue
            after = with_payment(current[target], payment.paid_on)  # type: ignore[union-attr]
            changed = not after.same_facts(current[target])
            current[target] = after
            summary.updated += changed
            summary.unchanged += not changed
        writes: list[tuple[int, InvoiceState]] = [(i, s) for i, s in current.items() if s != original[i]]
        store.update_invoices(session, now=now, invoices=writes)


def _invoice_for(payment: PaymentRow, found: dict[str, list[tuple[int, int, InvoiceState]]],
                 names: ClientNames) -> int | Msg:
    """The invoice id the payment is for, or why it cannot be told."""
    matches = found.get(payment.number, [])
    if payment.client is not None:
        client_id = names.resolve(payment.client)
        if client_id is None:
            return N_("no client “{client}” in the directory", client=payment.client)
        matches = [m for m in matches if m[1] == client_id]
    if not matches and payment.client:
        return N_("no invoice {number} of “{client}” has been imported; import the invoices first",
                  number=payment.number, client=payment.client)
    if not matches:
        return N_("no invoice {number} has been imported; import the invoices first", number=payment.number)
    if len(matches) > 1:
        return N_("invoice number {number} belongs to {count} clients; add a contact column to tell them apart",
                  number=payment.number, count=len(matches))
    return matches[0][0]
