from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.amounts import AmountError, parse_amount
from bot.domain.client_rows import parse_client_row


@pytest.mark.parametrize(("raw", "amount", "currency"), [
    ("1.234,56 €", "1234.56", "EUR"), ("$1,234.56", "1234.56", "USD"), ("EUR 1234", "1234", "EUR"),
    ("-12,50", "-12.50", None), ("1,234", "1234", None), ("1.234", "1234", None), ("12,5", "12.5", None),
    ("(100.00)", "-100.00", None), ("1 234,56", "1234.56", None), ("CHF 1'234.50", "1234.50", "CHF"),
    ("1.234.567,89", "1234567.89", None), ("0,99 eur", "0.99", "EUR"), ("£7", "7", "GBP"),
])
def test_amounts_as_people_type_them(raw, amount, currency):
    assert parse_amount(raw) == (Decimal(amount), currency)


@pytest.mark.parametrize("raw", ["", "abc", "12abc", "€", "1,2,3.4.5x"])
def test_non_amounts_are_refused(raw):
    with pytest.raises(AmountError):
        parse_amount(raw)


def test_explicit_decimal_comma():
    assert parse_amount("1.234", decimal_comma=True) == (Decimal("1.234").scaleb(3), None)
    assert parse_amount("1,234", decimal_comma=False) == (Decimal("1234"), None)


@pytest.mark.parametrize(("row", "message"), [
    ({"name": ""}, "the name is empty"),
    ({"name": "x" * 76}, "longer than 75"),
    ({"name": "A", "mrr": "-5", "currency": "EUR"}, "cannot be negative"),
    ({"name": "A", "mrr": "5 $", "currency": "EUR"}, "does not match"),
    ({"name": "A", "mrr": "5"}, "needs a currency"),
    ({"name": "A", "currency": "euro"}, "3-letter code"),
])
def test_client_row_problems(row, message):
    with pytest.raises(ValueError, match=message):
        parse_client_row(row)


def test_client_row_aliases_split_on_semicolon_and_pipe():
    row = parse_client_row({"name": " Acme  Inc ", "aliases": "Acme; ACME Log | AL", "monthly recurring revenue": "10"
                            , "currency": "eur"})
    assert (row.name, row.aliases, row.mrr, row.currency) == ("Acme Inc", ("Acme", "ACME Log", "AL"), Decimal("10"), "EUR")
