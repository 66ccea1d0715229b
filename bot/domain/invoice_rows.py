"""One line of an invoice export: the generic format, QuickBooks Online's Invoice List, Xero's invoice export.

Headers are matched loosely (case, `*`, `_`, dots and spaces do not matter).
Each preset maps its own columns (see PRESETS and the README); the format is
told from the header when not given. Parsing raises ValueError with a Msg
fit for "line N: <message>" (str() of the error is its English text), or
returns a `Skip` for lines that are not invoices (drafts, payments, report totals).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bot.domain.amounts import AmountError, parse_amount
from bot.domain.dates import DateError, parse_date
from bot.i18n import N_, Money, Msg

NUMBER_MAX = 64
CLIENT_MAX = 200


class InvoiceFormat(StrEnum):
    GENERIC = "generic"
    QUICKBOOKS = "quickbooks"
    XERO = "xero"


# field → accepted header spellings (already normalized by `header_key`), per preset.
PRESETS: dict[InvoiceFormat, dict[str, tuple[str, ...]]] = {
    InvoiceFormat.GENERIC: {
        "client": ("client", "client name", "customer"),  # untranslated: header spellings
        "number": ("invoice number", "invoice no", "invoice", "number"),  # untranslated: header spellings
        "issued_on": ("issue date", "issued on", "invoice date", "date"),  # untranslated: header spellings
        "due_on": ("due date", "due on", "due"),  # untranslated: header spellings
        "amount": ("amount", "total"),
        "currency": ("currency",),
        "paid_on": ("paid date", "paid on", "payment date"),  # untranslated: header spellings
        "amount_paid": ("amount paid", "paid amount", "paid"),  # untranslated: header spellings
        "disputed": ("disputed",),
    },
    InvoiceFormat.QUICKBOOKS: {
        "client": ("customer", "customer full name", "customer name", "name"),  # untranslated: header spellings
        "number": ("no", "num", "invoice no", "invoice number"),  # untranslated: header spellings
        "issued_on": ("date", "invoice date", "transaction date"),  # untranslated: header spellings
        "due_on": ("due date",),  # untranslated: header spellings
        "amount": ("amount", "total"),
        "open_balance": ("open balance", "balance"),  # untranslated: header spellings
        "currency": ("currency", "currency code"),  # untranslated: header spellings
        "type": ("transaction type", "type"),  # untranslated: header spellings
        "status": ("status",),
    },
    InvoiceFormat.XERO: {
        "client": ("contactname", "contact name"),  # untranslated: header spellings
        "number": ("invoicenumber", "invoice number"),  # untranslated: header spellings
        "issued_on": ("invoicedate", "invoice date"),  # untranslated: header spellings
        "due_on": ("duedate", "due date"),  # untranslated: header spellings
        "amount": ("total",),
        "amount_paid": ("invoiceamountpaid",),
        "amount_due": ("invoiceamountdue",),
        "currency": ("currency",),
        "type": ("type",),
        "status": ("status",),
    },
}
REQUIRED = {
    InvoiceFormat.GENERIC: ("client", "number", "due_on", "amount"),
    InvoiceFormat.QUICKBOOKS: ("client", "number", "due_on", "amount", "open_balance"),
    InvoiceFormat.XERO: ("client", "number", "due_on", "amount", "amount_due"),
}
_TRUE = {"yes", "y", "true", "1", "x", "si", "sì", "ja", "oui", "disputed"}
_FALSE = {"no", "n", "false", "0", "", "nee", "non", "nein"}


@dataclass(frozen=True)
class InvoiceRow:
    client: str
    number: str
    due_on: date
    amount: Decimal  # negative for a credit note
    currency: str
    issued_on: date | None = None
    amount_paid: Decimal | None = None  # None: not stated (then paid_on decides)
    paid_on: date | None = None  # the (last) payment day when the file says it
    disputed: bool | None = None  # None: the file has no such column (keep what is stored)
    voided: bool = False


@dataclass(frozen=True)
class Skip:
    """A line that is not an invoice (a draft, a payment, a report's total line); only counted, never shown."""

    reason: str


def header_key(header: str) -> str:
    return " ".join(re.sub(r"[*_.#/]", " ", header.casefold()).split())


def column_map(headers: Iterable[str], fmt: InvoiceFormat) -> dict[str, str]:
    """field → the file's header for it (the first accepted spelling found)."""
    keys = {header_key(h): h for h in headers if h}
    found = {}
    for name, spellings in PRESETS[fmt].items():
        for spelling in spellings:
            if spelling in keys:
                found[name] = keys[spelling]
                break
    return found


def missing_columns(headers: Iterable[str], fmt: InvoiceFormat) -> list[str]:
    found = column_map(headers, fmt)
    return [PRESETS[fmt][name][0] for name in REQUIRED[fmt] if name not in found]


def detect_format(headers: Iterable[str]) -> InvoiceFormat | None:
    """The preset whose required columns the header has (Xero first: its names are the most specific)."""
    headers = list(headers)
    for fmt in (InvoiceFormat.XERO, InvoiceFormat.QUICKBOOKS, InvoiceFormat.GENERIC):
        if not missing_columns(headers, fmt):
            return fmt
    return None


_PLAIN_AMOUNT = re.compile(r"-?\d{1,12}(?:\.\d{1,2})?")
_CODE = re.compile(r"[A-Z]{3}")


def cell_problem(what: Msg, problem: Msg) -> ValueError:
    """"due date: “31/02/2025” is not a date": what is wrong with one cell, named by what it holds."""
    return ValueError(N_("{field}: {problem}", field=what, problem=problem))


def amount_cell(raw: str, what: Msg) -> tuple[Decimal, str | None]:
    if _PLAIN_AMOUNT.fullmatch(raw):  # the common case, "1234.50", without the general parser
        return Decimal(raw), None
    try:
        value, currency = parse_amount(raw)
    except AmountError as error:
        raise cell_problem(what, error.message) from None
    if value != value.quantize(Decimal("0.01")):
        raise cell_problem(what, N_("“{value}” has more than 2 decimals", value=raw))
    return value, currency


def date_cell(raw: str, what: Msg, dayfirst: bool) -> date:
    try:
        return parse_date(raw, dayfirst=dayfirst)
    except DateError as error:
        raise cell_problem(what, error.message) from None


def _flag(raw: str) -> bool:
    word = raw.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise cell_problem(N_("disputed"), N_("“{value}” is not yes or no", value=raw))


def _currency(stated: str, *found: str | None) -> str:
    stated = stated.strip().upper()
    symbols = {c for c in found if c}
    if len(symbols) > 1 or (stated and symbols and symbols != {stated}):
        raise ValueError(N_("currency {currency} does not match the amounts' {found}",
                            currency=stated or "/".join(sorted(symbols)), found="/".join(sorted(symbols))))
    currency = stated or next(iter(symbols), "")
    if not currency:
        raise ValueError(N_("no currency: add a currency column, write it in the amount (€, EUR) or pass --currency"))
    if not _CODE.fullmatch(currency):
        raise ValueError(N_("currency “{currency}” is not a 3-letter code such as EUR", currency=currency))
    return currency


def parse_invoice_row(values: Mapping[str, str], columns: Mapping[str, str], fmt: InvoiceFormat, *,
                      dayfirst: bool = False, currency: str | None = None) -> InvoiceRow | Skip:
    """`values`: header → cell; `columns`: field → header, from `column_map`.

    `currency` applies to lines that state none (no column, no symbol), e.g. a
    single-currency QuickBooks company's export."""
    cells = {name: (values.get(header) or "").strip() for name, header in columns.items()}
    get = cells.get

    if fmt is InvoiceFormat.QUICKBOOKS and (skip := _quickbooks_skip(values, get)):
        return skip
    if fmt is InvoiceFormat.XERO and (skip := _xero_skip(get)):
        return skip
    client = " ".join(get("client", "").split())
    number = get("number", "")
    if not client:
        raise ValueError(N_("the client name is empty"))
    if len(client) > CLIENT_MAX:
        raise ValueError(N_("the client name is longer than {max} characters", max=CLIENT_MAX))
    if not number:
        raise ValueError(N_("the invoice number is empty"))
    if len(number) > NUMBER_MAX:
        raise ValueError(N_("the invoice number is longer than {max} characters", max=NUMBER_MAX))
    if not get("due_on", ""):
        raise ValueError(N_("the due date is empty"))
    due_on = date_cell(get("due_on", ""), N_("due date"), dayfirst)
    issued_on = date_cell(get("issued_on", ""), N_("issue date"), dayfirst) if get("issued_on", "") else None
    if issued_on and due_on < issued_on:
        raise ValueError(N_("the due date {due} is before the issue date {issued}", due=due_on, issued=issued_on))
    if not get("amount", ""):
        raise ValueError(N_("the amount is empty"))
    amount, symbol = amount_cell(get("amount", ""), N_("amount"))
    paid, paid_symbol, paid_on = _paid(fmt, get, amount, dayfirst)
    credit = _is_credit(fmt, get("type", ""))
    if credit and amount > 0:  # presets that write credit notes as positive totals
        amount, paid = -amount, None if paid is None else -paid
    if amount < 0 and paid is not None and paid > 0:  # a credit note's use written as a positive number
        paid = -paid
    stated = get("currency", "") or ("" if symbol or paid_symbol else (currency or ""))
    code = _currency(stated, symbol, paid_symbol)
    if paid is not None and paid * amount < 0:
        raise ValueError(N_("the amount paid {paid} and the amount {amount} have opposite signs",
                            paid=Money(paid, code), amount=Money(amount, code)))
    if paid is not None and abs(paid) > abs(amount):
        raise ValueError(N_("the amount paid {paid} is more than the amount {amount}",
                            paid=Money(paid, code), amount=Money(amount, code)))
    disputed = _flag(get("disputed", "")) if "disputed" in columns else None
    voided = get("status", "").casefold() in ("voided", "void", "deleted")
    return InvoiceRow(client, number, due_on, amount, code, issued_on, paid, paid_on, disputed, voided)


Cell = Callable[[str, str], str]  # field name, default → the line's cell for that field


def _paid(fmt: InvoiceFormat, get: Cell, amount: Decimal, dayfirst: bool) -> tuple[Decimal | None, str | None, date | None]:
    if fmt is InvoiceFormat.GENERIC:
        paid_on = date_cell(get("paid_on", ""), N_("paid date"), dayfirst) if get("paid_on", "") else None
        if not get("amount_paid", ""):
            return (amount if paid_on else None), None, paid_on
        paid, symbol = amount_cell(get("amount_paid", ""), N_("amount paid"))
        return paid, symbol, paid_on
    if fmt is InvoiceFormat.QUICKBOOKS:
        field, label, empty = "open_balance", N_("open balance"), N_("the open balance is empty")
    else:
        field, label, empty = "amount_due", N_("amount due"), N_("the amount due is empty")
    if not get(field):
        raise ValueError(empty)
    open_amount, symbol = amount_cell(get(field), label)
    return amount - open_amount, symbol, None


def _is_credit(fmt: InvoiceFormat, kind: str) -> bool:
    kind = kind.casefold()
    return fmt is not InvoiceFormat.GENERIC and ("credit" in kind or kind == "accreccredit")


def _quickbooks_skip(values: Mapping[str, str], get: Cell) -> Skip | None:
    first = next((v for v in values.values() if v.strip()), "").casefold()
    kind = get("type", "").casefold()
    invoice_kind = kind in ("", "invoice") or "credit" in kind
    if first.startswith("total") or (not get("client", "") and not invoice_kind):
        return Skip("a report total or footer line")  # untranslated: never shown, only counted
    if not invoice_kind:
        return Skip(f"a {get('type')}, not an invoice")  # untranslated: never shown, only counted
    return None


def _xero_skip(get: Cell) -> Skip | None:
    kind, status = get("type", "").casefold(), get("status", "").casefold()
    if kind in ("accpay", "accpaycredit") or "bill" in kind or "purchase" in kind:
        return Skip("a bill, not a sales invoice")  # untranslated: never shown, only counted
    if status in ("draft", "submitted", "awaiting approval"):  # untranslated: a status from the export
        return Skip(f"a {get('status').lower()} invoice (not issued yet)")  # untranslated: never shown, only counted
    return None
