"""The per-file row parser answers exactly as `parse_invoice_row`: the same row, or the same error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.invoice_rows import InvoiceFormat, column_map, parse_invoice_row
from bot.domain.row_parsers import row_parser

GENERIC = ["client", "invoice_number", "issue_date", "due_date", "amount", "currency", "paid_date", "amount_paid", "disputed"]
GOOD = {"client": "Acme", "invoice_number": "F-1", "issue_date": "2025-03-01", "due_date": "2025-03-31",
        "amount": "100.00", "currency": "EUR", "paid_date": "", "amount_paid": "", "disputed": ""}


def outcome(parse, values):  # type: ignore[no-untyped-def]
    try:
        return parse(values)
    except ValueError as error:
        return ("error", type(error), error.args)


def both(values: dict[str, str], headers: list[str] = GENERIC, **options: object):  # type: ignore[no-untyped-def]
    columns = column_map(headers, InvoiceFormat.GENERIC)
    fast = row_parser(columns, InvoiceFormat.GENERIC, **options)  # type: ignore[arg-type]
    return (outcome(fast, values),
            outcome(lambda v: parse_invoice_row(v, columns, InvoiceFormat.GENERIC, **options), values))  # type: ignore[arg-type]


@pytest.mark.parametrize("cells", [
    {},
    {"client": "  Acme   Logistics  Srl "},
    {"client": ""}, {"client": "x" * 201}, {"invoice_number": ""}, {"invoice_number": "N" * 65},
    {"due_date": ""}, {"due_date": "2025-02-31"}, {"due_date": "31/03/2025"}, {"due_date": "03/31/2025"},
    {"due_date": "1-03-2025"}, {"due_date": "31 Mar 2025"}, {"due_date": "2025-3-1"}, {"due_date": "2025-03-31T00:00"},
    {"issue_date": ""}, {"issue_date": "2025-04-30"}, {"issue_date": "nope"},
    {"amount": ""}, {"amount": "1.234,56"}, {"amount": "€ 12.50"}, {"amount": "12.505"}, {"amount": "-45.00"},
    {"amount": "1000000000000"}, {"amount": "٣٤"}, {"amount": "12.5"},
    {"currency": ""}, {"currency": "eur"}, {"currency": "EURO"}, {"currency": " usd "}, {"currency": "ÉUR"},
    {"paid_date": "2025-03-20"}, {"paid_date": "20/03/2025"}, {"paid_date": "bad"},
    {"amount_paid": "40.00"}, {"amount_paid": "100.01"}, {"amount_paid": "-40.00"}, {"amount_paid": "40,00"},
    {"amount": "-45.00", "amount_paid": "45.00"}, {"amount": "-45.00", "amount_paid": "50.00"},
    {"amount_paid": "40.00", "paid_date": "2025-03-20"}, {"amount": "0", "paid_date": "2025-03-20"},
    {"disputed": "yes"}, {"disputed": " Oui "}, {"disputed": "nein"}, {"disputed": "maybe"},
])
@pytest.mark.parametrize("dayfirst", [False, True])
def test_the_fast_path_answers_as_the_tolerant_parser(cells: dict[str, str], dayfirst: bool):
    fast, tolerant = both(GOOD | cells, dayfirst=dayfirst)
    assert fast == tolerant


@pytest.mark.parametrize("headers", [
    ["Client", "Invoice Number", "Due Date", "Amount"],  # no currency, no paid columns, no disputed
    ["client", "number", "due", "total", "currency", "paid on"],
])
@pytest.mark.parametrize("currency", [None, "EUR"])
def test_fewer_columns_and_a_default_currency(headers: list[str], currency: str | None):
    values = dict(zip(headers, ["Acme", "F-1", "2025-03-31", "10.00", "GBP", "2025-04-02"]))
    fast, tolerant = both(values, headers, currency=currency)
    assert fast == tolerant


CELLS = st.sampled_from(["", " ", "2025-03-31", "2025-02-29", "2024-02-29", "31/03/2025", "03/31/2025", "1-3-25",
                         "100.00", "-100.00", "12", "0", "1.234,56", "€5", "EUR", "eur", "usd", "yes", "no", "x",
                         "Acme", "  Acme  Srl ", "F-1", "٣"])


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({h: CELLS for h in GENERIC}), st.booleans())
def test_any_mix_of_cells_gets_the_same_answer(values: dict[str, str], dayfirst: bool):
    fast, tolerant = both(values, dayfirst=dayfirst)
    assert fast == tolerant


def test_a_plain_line_does_not_need_the_tolerant_parser(monkeypatch: pytest.MonkeyPatch):
    def tolerant(*_args: object, **_options: object) -> None:
        raise AssertionError("the plain line went to the tolerant parser")

    monkeypatch.setattr("bot.domain.row_parsers.parse_invoice_row", tolerant)
    parse = row_parser(column_map(GENERIC, InvoiceFormat.GENERIC), InvoiceFormat.GENERIC)
    assert parse(GOOD | {"paid_date": "2025-03-20", "disputed": "yes"}).amount_paid == 100  # type: ignore[union-attr]
