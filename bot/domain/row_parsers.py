"""One parser per file: `parse_invoice_row` with the columns resolved once and a fast path for plain lines.

A bulk import reads the same columns a million times. `row_parser` looks the
headers up once and, for the generic format, first tries the line as exports
usually write it: days the date parser reads (remembered per cell text), plain
amounts such as 1234.50, a 3-letter code, a yes/no flag. Any other line, and
any line the fast path finds wrong, goes to `parse_invoice_row`, so the result
and every error are exactly its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from bot.domain.dates import parse_date
from bot.domain.invoice_rows import (
    _FALSE,
    _PLAIN_AMOUNT,
    _TRUE,
    CLIENT_MAX,
    NUMBER_MAX,
    InvoiceFormat,
    InvoiceRow,
    Skip,
    parse_invoice_row,
)

RowParser = Callable[[Mapping[str, str]], InvoiceRow | Skip]
DAYS_CACHED = 20_000  # distinct day cells remembered per file (an export spans a few thousand days)
_CODES = frozenset(chr(a) + chr(b) + chr(c) for a in range(65, 91) for b in range(65, 91) for c in range(65, 91))


def row_parser(columns: Mapping[str, str], fmt: InvoiceFormat, *, dayfirst: bool = False,
               currency: str | None = None) -> RowParser:
    """A function of one line's `values` (header → cell) that answers as `parse_invoice_row` would."""
    def tolerant(values: Mapping[str, str]) -> InvoiceRow | Skip:
        return parse_invoice_row(values, columns, fmt, dayfirst=dayfirst, currency=currency)

    if fmt is not InvoiceFormat.GENERIC or not {"client", "number", "due_on", "amount"} <= columns.keys():
        return tolerant
    plain = _plain_generic(columns, dayfirst, currency)

    def parse(values: Mapping[str, str]) -> InvoiceRow | Skip:
        return plain(values) or tolerant(values)

    return parse


def _plain_generic(columns: Mapping[str, str], dayfirst: bool, default_currency: str | None) -> Callable[[Mapping[str, str]], InvoiceRow | None]:
    """The generic line as an InvoiceRow when every cell is plain and the line is valid, else None."""
    client_h, number_h, due_h, amount_h = columns["client"], columns["number"], columns["due_on"], columns["amount"]
    issued_h, currency_h = columns.get("issued_on"), columns.get("currency")
    paid_on_h, paid_h, disputed_h = columns.get("paid_on"), columns.get("amount_paid"), columns.get("disputed")
    plain_amount = _PLAIN_AMOUNT.fullmatch
    days: dict[str, date | None] = {"": None}

    def day(raw: str) -> date | None | bool:
        """The day, None for an empty cell, False when it is not a day (the tolerant parser says why)."""
        found = days.get(raw, False)
        if found is False:
            try:
                found = parse_date(raw, dayfirst=dayfirst)
            except ValueError:
                return False
            if len(days) < DAYS_CACHED:
                days[raw] = found
        return found

    def plain(values: Mapping[str, str]) -> InvoiceRow | None:
        get = values.get
        client = " ".join((get(client_h) or "").split())
        number = (get(number_h) or "").strip()
        if not client or len(client) > CLIENT_MAX or not number or len(number) > NUMBER_MAX:
            return None
        due_on = day((get(due_h) or "").strip())
        issued_on = day((get(issued_h) or "").strip()) if issued_h else None
        paid_on = day((get(paid_on_h) or "").strip()) if paid_on_h else None
        if not due_on or issued_on is False or paid_on is False or (issued_on and due_on < issued_on):
            return None
        raw = (get(amount_h) or "").strip()
        if not plain_amount(raw):
            return None
        amount = Decimal(raw)
        raw = (get(paid_h) or "").strip() if paid_h else ""
        if not raw:
            paid = amount if paid_on else None
        elif plain_amount(raw):
            paid = Decimal(raw)
            if amount < 0 < paid:  # a credit note's use written as a positive number
                paid = -paid
            if paid * amount < 0 or abs(paid) > abs(amount):
                return None
        else:
            return None
        code = ((get(currency_h) or "").strip() if currency_h else "") or (default_currency or "")
        code = code.strip().upper()
        if code not in _CODES:
            return None
        disputed = None
        if disputed_h:
            word = (get(disputed_h) or "").strip().casefold()
            disputed = True if word in _TRUE else False if word in _FALSE else None
            if disputed is None:
                return None
        return InvoiceRow(client, number, due_on, amount, code, issued_on or None, paid, paid_on or None, disputed)

    return plain
