"""The Pareto line: the top fifth of clients by red flags, their share of revenue and of red flags."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.pareto import ClientShare, main_currency, pareto, share_rows


def rows(*spec: tuple[str, int, int]) -> list[ClientShare]:
    return [ClientShare(i, name, Decimal(mrr), flags) for i, (name, mrr, flags) in enumerate(spec, 1)]


def test_three_of_fifteen_clients_bring_little_revenue_and_most_red_flags():
    team = rows(("Acme", 300, 9), ("Gino", 180, 6), ("Galli", 320, 4),
                *((f"Quiet {i}", 770, 1 if i < 7 else 0) for i in range(12)))
    line = pareto(team, currency="EUR")
    assert line is not None and line.names == ("Acme", "Gino", "Galli")
    assert str(line.sentence()) == "3 clients bring 8% of MRR and 73% of red flags"  # 800 of 10,040; 19 of 26
    assert line.clients_counted == 15 and line.currency == "EUR"


def test_one_client_and_ties_broken_by_smaller_revenue_then_name():
    line = pareto(rows(("Big", 5000, 3), ("Small", 100, 3), ("Calm", 900, 0)), currency="EUR")
    assert line is not None and line.names == ("Small",)
    assert str(line.sentence()) == "1 client brings 2% of MRR and 50% of red flags"


@pytest.mark.parametrize("spec", [(), (("A", 100, 0), ("B", 200, 0)), (("A", 0, 3),)])
def test_no_line_without_revenue_or_red_flags(spec):
    assert pareto(rows(*spec), currency="EUR") is None


def test_the_top_never_includes_clients_without_red_flags():
    line = pareto(rows(*((f"C{i}", 100, 5 if i == 0 else 0) for i in range(10))), currency="EUR")
    assert line is not None and line.names == ("C0",)


def test_share_rows_for_the_chart_sum_to_one_and_group_the_rest():
    team = rows(*((f"C{i:02d}", 100 + i, i % 4) for i in range(20)))
    shown = share_rows(team, limit=12)
    assert len(shown) == 13 and str(shown[-1].name) == "Others (8)"
    assert sum(r.revenue_share for r in shown) == pytest.approx(1.0)
    assert sum(r.flag_share for r in shown) == pytest.approx(1.0)
    assert [r.flag_share for r in shown[:12]] == sorted((r.flag_share for r in shown[:12]), reverse=True)


def test_main_currency_is_the_most_common_one():
    assert main_currency(["EUR", "USD", None, "EUR", "USD", "CHF", "EUR"]) == "EUR"
    assert main_currency(["USD", "EUR"]) == "EUR"
    assert main_currency([None]) is None
