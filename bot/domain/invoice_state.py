"""What an import does to a stored invoice: the newest export wins, payment dates are kept honest.

Payment dates, in order of trust:
1. a paid date in the file (generic format) or a payments export: exact;
2. otherwise the first import that shows the invoice paid: approximate, with
   bounds — paid after `paid_after` (the last import that still showed it
   open; None when no import ever did) and on or before `paid_on` (that import's day).
A payment from a payments export older than the last import that showed the
invoice open cannot be the one that settled it, so it does not replace an
approximate date.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal

from bot.domain.invoice_rows import InvoiceRow
from bot.domain.lateness import Invoice, open_remainder


@dataclass(frozen=True)
class InvoiceState:
    """The stored facts of one invoice (without its identity: team, client, number)."""

    currency: str
    amount: Decimal
    due_on: date
    issued_on: date | None = None
    paid_amount: Decimal = Decimal(0)
    paid_on: date | None = None
    paid_after: date | None = None
    approximate: bool = False
    last_payment_on: date | None = None  # latest payment day known from a file
    open_seen_on: date | None = None  # the last import that showed it open (bookkeeping)
    disputed: bool = False
    voided: bool = False

    @property
    def settled(self) -> bool:
        return open_remainder(self.amount, self.paid_amount) == 0

    def same_facts(self, other: InvoiceState) -> bool:
        """Equal in everything but bookkeeping: re-importing the same export is "unchanged"."""
        return self == other or all(getattr(self, name) == getattr(other, name) for name in _FACTS)

    def lateness_invoice(self, client_id: int, number: str) -> Invoice:
        return Invoice(client_id, number, self.currency, self.amount, self.due_on, self.issued_on,
                       self.paid_amount, self.paid_on, self.paid_after, self.approximate, self.disputed)


_FACTS = tuple(f.name for f in fields(InvoiceState) if f.name != "open_seen_on")


def _exact_payment(stored: InvoiceState | None) -> date | None:
    if stored is None or stored.last_payment_on is None:
        return None
    if stored.open_seen_on is not None and stored.last_payment_on <= stored.open_seen_on:
        return None
    return stored.last_payment_on


def from_row(row: InvoiceRow, stored: InvoiceState | None, *, today: date) -> InvoiceState:
    """The state after importing `row` on `today` over what was stored (None for a new invoice)."""
    return InvoiceState(*state_values(row, stored, today=today))


StateValues = tuple[str, Decimal, date, date | None, Decimal, date | None, date | None, bool, date | None,
                    date | None, bool, bool]  # InvoiceState's fields in order


def state_values(row: InvoiceRow, stored: InvoiceState | None, *, today: date) -> StateValues:
    """`from_row`'s state as a plain tuple in InvoiceState's field order: a bulk insert of new invoices
    skips building a frozen dataclass per row (about 3 µs each)."""
    paid_amount = row.amount_paid if row.amount_paid is not None else Decimal(0)
    last_payment_on = row.paid_on or (stored.last_payment_on if stored else None)
    open_seen_on = stored.open_seen_on if stored else None
    paid_on, paid_after, approximate = None, None, False
    if open_remainder(row.amount, paid_amount) != 0:
        open_seen_on = today
    elif row.paid_on is not None:
        paid_on = row.paid_on
    elif (exact := _exact_payment(stored)) is not None:
        paid_on = exact
    elif stored is not None and stored.settled and stored.paid_on is not None:
        paid_on, paid_after, approximate = stored.paid_on, stored.paid_after, stored.approximate
    else:
        paid_on, paid_after, approximate = today, open_seen_on, True
    disputed = row.disputed if row.disputed is not None else bool(stored and stored.disputed)
    return (row.currency, row.amount, row.due_on, row.issued_on, paid_amount, paid_on, paid_after, approximate,
            last_payment_on, open_seen_on, disputed, row.voided)


def with_payment(stored: InvoiceState, paid_on: date) -> InvoiceState:
    """The state after a payments export says the invoice received a payment on `paid_on`."""
    latest = max(paid_on, stored.last_payment_on or paid_on)
    state = replace(stored, last_payment_on=latest)
    if state.settled and (exact := _exact_payment(state)) is not None:
        return replace(state, paid_on=exact, paid_after=None, approximate=False)
    return state
