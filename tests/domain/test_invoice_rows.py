"""Invoice export lines: the three presets, format detection, and a clear reason for every bad line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.invoice_rows import (
    InvoiceFormat,
    InvoiceRow,
    Skip,
    column_map,
    detect_format,
    missing_columns,
    parse_invoice_row,
)
from bot.domain.payment_rows import missing_payment_columns, parse_payment_row, payment_columns

GENERIC = ["client", "invoice_number", "issue_date", "due_date", "amount", "currency", "paid_date", "amount_paid", "disputed"]
QUICKBOOKS = ["date", "transaction type", "no.", "customer", "memo/description", "due date", "amount", "open balance"]
XERO = ["contactname", "invoicenumber", "invoicedate", "duedate", "total", "invoiceamountpaid", "invoiceamountdue",
        "currency", "type", "status", "description"]


def generic(dayfirst: bool = False, **cells: str) -> InvoiceRow | Skip:
    values = dict.fromkeys(GENERIC, "") | {"client": "Acme", "invoice_number": "F-1", "due_date": "2025-03-31",
                                           "amount": "100.00", "currency": "EUR"} | cells
    return parse_invoice_row(values, column_map(GENERIC, InvoiceFormat.GENERIC), InvoiceFormat.GENERIC, dayfirst=dayfirst)


def row(fmt: InvoiceFormat, headers: list[str], cells: list[str], **options: object) -> InvoiceRow | Skip:
    return parse_invoice_row(dict(zip(headers, cells)), column_map(headers, fmt), fmt, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(("headers", "fmt"), [
    (GENERIC, InvoiceFormat.GENERIC),
    (["Client", "Invoice Number", "Due Date", "Amount"], InvoiceFormat.GENERIC),
    (QUICKBOOKS, InvoiceFormat.QUICKBOOKS),
    (["Date", "Num", "Name", "Due Date", "Amount", "Open Balance"], InvoiceFormat.QUICKBOOKS),
    (XERO, InvoiceFormat.XERO),
    (["*ContactName", "*InvoiceNumber", "*InvoiceDate", "*DueDate", "Total", "InvoiceAmountDue"], InvoiceFormat.XERO),
    (["name", "aliases", "mrr"], None),
    (["Invoice List"], None),
])
def test_the_format_is_told_from_the_header(headers, fmt):
    assert detect_format([h.lower() for h in headers]) is fmt


def test_missing_columns_are_named():
    assert missing_columns(["client", "amount"], InvoiceFormat.GENERIC) == ["invoice number", "due date"]


def test_generic_paid_open_partial_and_credit():
    full = generic(paid_date="2025-04-02")
    assert isinstance(full, InvoiceRow)
    assert (full.amount, full.amount_paid, full.paid_on, full.disputed) == (Decimal("100.00"), Decimal("100.00"), date(2025, 4, 2), False)
    open_ = generic()
    assert open_.amount_paid is None and open_.paid_on is None  # type: ignore[union-attr]
    partial = generic(amount="1.234,56", amount_paid="1.000,00", paid_date="2025-04-02", disputed="yes")
    assert (partial.amount, partial.amount_paid, partial.disputed) == (Decimal("1234.56"), Decimal("1000.00"), True)  # type: ignore[union-attr]
    credit = generic(amount="-45,00", amount_paid="45,00")
    assert (credit.amount, credit.amount_paid) == (Decimal("-45.00"), Decimal("-45.00"))  # type: ignore[union-attr]
    symbol = generic(amount="£1,234.50", currency="")
    assert (symbol.amount, symbol.currency) == (Decimal("1234.50"), "GBP")  # type: ignore[union-attr]
    assert generic(dayfirst=True, due_date="31/03/2025").due_on == date(2025, 3, 31)  # type: ignore[union-attr]


@pytest.mark.parametrize(("cells", "message"), [
    ({"client": "  "}, "the client name is empty"),
    ({"invoice_number": ""}, "the invoice number is empty"),
    ({"invoice_number": "X" * 65}, "longer than 64"),
    ({"due_date": ""}, "the due date is empty"),
    ({"due_date": "31/03/2025"}, "due date: “31/03/2025” is not a month-first"),
    ({"issue_date": "2025-04-01"}, "the due date Mar 31, 2025 is before the issue date Apr 1, 2025"),
    ({"amount": ""}, "the amount is empty"),
    ({"amount": "twelve"}, "amount: “twelve” is not an amount"),
    ({"amount": "1,234.567"}, "more than 2 decimals"),
    ({"currency": "", "amount": "100"}, "no currency"),
    ({"currency": "EURO"}, "not a 3-letter code"),
    ({"currency": "USD", "amount": "€100"}, "currency USD does not match the amounts' EUR"),
    ({"amount_paid": "120"}, "the amount paid €120 is more than the amount €100"),
    ({"amount_paid": "-1"}, "opposite signs"),
    ({"paid_date": "yesterday"}, "paid date: “yesterday” is not a date"),
    ({"disputed": "maybe"}, "disputed: “maybe” is not yes or no"),
])
def test_bad_generic_lines_say_why(cells, message):
    with pytest.raises(ValueError) as caught:
        generic(**cells)
    assert message in str(caught.value)


def test_quickbooks_invoice_list():
    invoice = row(InvoiceFormat.QUICKBOOKS, QUICKBOOKS,
                  ["01/15/2025", "Invoice", "1042", "Clinica Dentale Sorriso", "January", "02/14/2025", "1,850.00", "925.00"],
                  currency="EUR")
    assert isinstance(invoice, InvoiceRow)
    assert (invoice.client, invoice.number, invoice.issued_on, invoice.due_on) == (
        "Clinica Dentale Sorriso", "1042", date(2025, 1, 15), date(2025, 2, 14))
    assert (invoice.amount, invoice.amount_paid, invoice.currency, invoice.paid_on) == (
        Decimal("1850.00"), Decimal("925.00"), "EUR", None)
    credit = row(InvoiceFormat.QUICKBOOKS, QUICKBOOKS,
                 ["02/20/2025", "Credit Memo", "CM-12", "Sorriso", "", "02/20/2025", "150.00", "150.00"], currency="EUR")
    assert (credit.amount, credit.amount_paid) == (Decimal("-150.00"), Decimal("0.00"))  # type: ignore[union-attr]
    for cells in (["TOTAL", "", "", "", "", "", "$8,485.00", "$5,430.00"],
                  ["Monday", " March 31", " 2025 09:12 AM GMT+02:00", "", "", "", "", ""],
                  ["02/28/2025", "Payment", "", "Sorriso", "", "", "1,850.00", "0.00"]):
        assert isinstance(row(InvoiceFormat.QUICKBOOKS, QUICKBOOKS, cells), Skip)
    with pytest.raises(ValueError, match="open balance is empty"):
        row(InvoiceFormat.QUICKBOOKS, QUICKBOOKS, ["01/15/2025", "Invoice", "1", "X", "", "02/14/2025", "10.00", ""], currency="EUR")
    with pytest.raises(ValueError, match="pass --currency"):
        row(InvoiceFormat.QUICKBOOKS, QUICKBOOKS, ["01/15/2025", "Invoice", "1", "X", "", "02/14/2025", "10.00", "0"])


def test_xero_invoice_export():
    invoice = row(InvoiceFormat.XERO, XERO, ["Hotel Bellavista", "INV-0130", "01/02/2025", "03/03/2025", "2434.00",
                                             "1200.00", "1234.00", "EUR", "Sales invoice", "Awaiting Payment", "Wi-Fi"],
                  dayfirst=True)
    assert isinstance(invoice, InvoiceRow)
    assert (invoice.due_on, invoice.amount, invoice.amount_paid, invoice.disputed) == (
        date(2025, 3, 3), Decimal("2434.00"), Decimal("1200.00"), None)  # no disputed column: keep what is stored
    credit = row(InvoiceFormat.XERO, XERO, ["Lefevre", "CN-0007", "10/03/2025", "10/03/2025", "45.00", "0.00", "45.00",
                                            "EUR", "Sales credit note", "Awaiting Payment", ""], dayfirst=True)
    assert (credit.amount, credit.amount_paid) == (Decimal("-45.00"), Decimal("0.00"))  # type: ignore[union-attr]
    voided = row(InvoiceFormat.XERO, XERO, ["Esposito", "INV-0120", "20/12/2024", "19/01/2025", "289.99", "0.00",
                                            "289.99", "EUR", "Sales invoice", "Voided", ""], dayfirst=True)
    assert voided.voided is True  # type: ignore[union-attr]
    for status in ("Draft", "Awaiting Approval"):
        assert isinstance(row(InvoiceFormat.XERO, XERO, ["Gino", "INV-0170", "30/03/2025", "29/04/2025", "180.00", "0.00",
                                                         "180.00", "EUR", "Sales invoice", status, ""], dayfirst=True), Skip)


def test_payment_lines():
    headers = ["date", "contactname", "invoicenumber", "reference", "amount", "currency"]
    columns = payment_columns(headers)
    assert columns == {"number": "invoicenumber", "paid_on": "date", "amount": "amount", "client": "contactname"}
    payment = parse_payment_row(dict(zip(headers, ["10/03/2025", "Hotel Bellavista", "INV-0130", "P-1", "1200.00", "EUR"])),
                                columns, dayfirst=True)
    assert (payment.number, payment.paid_on, payment.amount, payment.client) == (
        "INV-0130", date(2025, 3, 10), Decimal("1200.00"), "Hotel Bellavista")
    assert missing_payment_columns(["reference", "amount"]) == ["invoice number", "payment date"]
    with pytest.raises(ValueError, match="the payment date is empty"):
        parse_payment_row({"invoicenumber": "X", "date": ""}, columns)
