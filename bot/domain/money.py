"""Showing money to people: "€4,200", "$312.50", "CHF 1,100". Never sums across currencies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from babel.numbers import format_currency, get_currency_symbol

LOCALE = "en"


def format_money(amount: Decimal, currency: str | None) -> str:
    """`amount` in `currency`, without cents when whole. No currency: a plain number."""
    whole = amount == amount.to_integral_value()
    if not currency:
        return f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    pattern = "¤#,##0" if whole else "¤#,##0.00"
    text = format_currency(amount, currency, format=pattern, currency_digits=False, locale=LOCALE)
    symbol = get_currency_symbol(currency, locale=LOCALE)
    if symbol.isalpha() and len(symbol) > 1:  # a code such as CHF: "CHF 1,100", not "CHF1,100"
        text = text.replace(symbol, symbol + "\u00a0", 1)
    return text


def format_totals(totals: Mapping[str, Decimal]) -> str:
    """Per-currency totals joined: "€4,200 + $300" (largest first), or "" when empty."""
    parts = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return " + ".join(format_money(amount, currency) for currency, amount in parts if amount)


def add_by_currency(items: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for currency, amount in items:
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    return totals
