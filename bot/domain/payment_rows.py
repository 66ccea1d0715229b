"""One line of a payments export: which invoice was paid on which day (Xero's payments, or any such list).

Only the day is used: the invoice export says how much is paid; the payments
export says when. Columns are matched loosely, like invoice headers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.domain.invoice_rows import amount_cell, date_cell, header_key
from bot.i18n import N_

COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("invoicenumber", "invoice number", "invoice no", "invoice", "no", "num", "number"),  # untranslated: header spellings
    "paid_on": ("paymentdate", "payment date", "paid date", "paid on", "date"),  # untranslated: header spellings
    "amount": ("amount", "payment amount", "amount paid", "paid"),  # untranslated: header spellings
    "client": ("contactname", "contact name", "contact", "customer", "client", "name"),  # untranslated: header spellings
}
REQUIRED = ("number", "paid_on")


@dataclass(frozen=True)
class PaymentRow:
    number: str
    paid_on: date
    amount: Decimal | None = None
    client: str | None = None


def payment_columns(headers: Iterable[str]) -> dict[str, str]:
    """field → the file's header for it (the first accepted spelling found)."""
    keys = {header_key(h): h for h in headers if h}
    found = {}
    for name, spellings in COLUMNS.items():
        header = next((keys[s] for s in spellings if s in keys), None)
        if header is not None:
            found[name] = header
    return found


def missing_payment_columns(headers: Iterable[str]) -> list[str]:
    found = payment_columns(headers)
    return [COLUMNS[name][1] for name in REQUIRED if name not in found]


def parse_payment_row(values: Mapping[str, str], columns: Mapping[str, str], *, dayfirst: bool = False) -> PaymentRow:
    """Raises ValueError with a Msg fit for "line N: <message>"."""
    def get(name: str) -> str:
        header = columns.get(name)
        return (values.get(header) or "").strip() if header else ""

    if not get("number"):
        raise ValueError(N_("the invoice number is empty"))
    if not get("paid_on"):
        raise ValueError(N_("the payment date is empty"))
    amount = amount_cell(get("amount"), N_("amount"))[0] if get("amount") else None
    return PaymentRow(get("number"), date_cell(get("paid_on"), N_("payment date"), dayfirst), amount,
                      " ".join(get("client").split()) or None)
