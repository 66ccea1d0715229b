"""Money as owners read it: per currency, no cents when whole, never summed across currencies."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.money import add_by_currency, format_money, format_totals


@pytest.mark.parametrize(("amount", "currency", "text"), [
    ("4200", "EUR", "€4,200"), ("4200.5", "EUR", "€4,200.50"), ("312.50", "USD", "$312.50"),
    ("1100", "CHF", "CHF\u00a01,100"), ("-12.5", "GBP", "-£12.50"), ("1234567", None, "1,234,567"),
    ("0.1", None, "0.10"),
])
def test_format_money(amount, currency, text):
    assert format_money(Decimal(amount), currency) == text


def test_totals_per_currency_largest_first():
    totals = add_by_currency([("EUR", Decimal("100")), ("USD", Decimal("300")), ("EUR", Decimal("250.25"))])
    assert totals == {"EUR": Decimal("350.25"), "USD": Decimal("300")}
    assert format_totals(totals) == "€350.25 + $300"
    assert format_totals({}) == ""
