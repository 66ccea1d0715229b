"""Lateness facts: aging buckets, averages (plain and by amount), on-time share, trend; exact and per currency."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bot.domain.lateness import (
    Bucket,
    Invoice,
    aging,
    aging_bucket,
    average_days_late,
    average_days_to_pay,
    client_facts,
    days_late,
    first_late,
    on_time_share,
    trend,
    weighted_days_late,
)

TODAY = date(2025, 6, 30)
D = Decimal


def invoice(number: str = "1", *, due: date = TODAY, amount: str = "100.00", paid: str = "0", paid_on: date | None = None,
            currency: str = "EUR", issued: date | None = None, **extra: object) -> Invoice:
    return Invoice(1, number, currency, D(amount), due, issued, D(paid), paid_on, **extra)  # type: ignore[arg-type]


def paid(number: str, due: date, on: date, amount: str = "100.00", **extra: object) -> Invoice:
    return invoice(number, due=due, amount=amount, paid=amount, paid_on=on, **extra)


@pytest.mark.parametrize(("days_past_due", "bucket"), [
    (-10, Bucket.CURRENT), (0, Bucket.CURRENT), (1, Bucket.DAYS_1_30), (30, Bucket.DAYS_1_30),
    (31, Bucket.DAYS_31_60), (60, Bucket.DAYS_31_60), (61, Bucket.DAYS_61_90), (90, Bucket.DAYS_61_90),
    (91, Bucket.DAYS_90_PLUS), (400, Bucket.DAYS_90_PLUS),
])
def test_aging_bucket_boundaries(days_past_due, bucket):
    assert aging_bucket(TODAY - timedelta(days=days_past_due), TODAY) is bucket


def test_aging_keeps_currencies_apart_and_partial_payments_leave_the_remainder_open():
    invoices = [
        invoice("a", due=TODAY - timedelta(days=5), amount="1000.00", paid="400.00"),  # 600 open, 1–30
        invoice("b", due=TODAY - timedelta(days=45), amount="250.50"),  # 31–60
        invoice("c", due=TODAY - timedelta(days=45), amount="99.99", currency="USD"),
        paid("d", TODAY - timedelta(days=100), TODAY - timedelta(days=1), amount="5000.00"),  # paid: not open
        invoice("e", due=TODAY + timedelta(days=10), amount="0.10"),  # current
        invoice("f", due=TODAY + timedelta(days=10), amount="0.20"),
        invoice("cn", due=TODAY - timedelta(days=200), amount="-45.00"),  # a credit is never past due
    ]
    result = aging(invoices, TODAY)
    assert result["EUR"] == {Bucket.CURRENT: D("-44.70"), Bucket.DAYS_1_30: D("600.00"), Bucket.DAYS_31_60: D("250.50"),
                             Bucket.DAYS_61_90: D(0), Bucket.DAYS_90_PLUS: D(0)}
    assert result["USD"][Bucket.DAYS_31_60] == D("99.99") and sum(result["USD"].values()) == D("99.99")
    assert all(isinstance(v, Decimal) for buckets in result.values() for v in buckets.values())


def test_days_late_paid_open_early_and_credit():
    due = date(2025, 6, 1)
    assert days_late(paid("1", due, date(2025, 6, 11)), TODAY) == 10
    assert days_late(paid("2", due, date(2025, 5, 20)), TODAY) == 0  # early is on time, not negative
    assert days_late(invoice("3", due=due), TODAY) == 29  # open: so far
    assert days_late(invoice("4", due=due, amount="-10.00"), TODAY) is None


def test_averages_plain_and_weighted_by_amount_per_currency():
    invoices = [
        paid("1", date(2025, 3, 31), date(2025, 4, 10), amount="100.00", issued=date(2025, 3, 1)),  # 10 late, 40 to pay
        paid("2", date(2025, 4, 30), date(2025, 4, 30), amount="900.00", issued=date(2025, 4, 1)),  # on time, 29
        paid("3", date(2025, 5, 31), date(2025, 7, 30), amount="50.00", currency="USD"),  # 60 late
        invoice("4", due=date(2025, 5, 1), amount="700.00"),  # open: not in averages of paid invoices
    ]
    assert average_days_late(invoices) == D("23.3")  # (10 + 0 + 60) / 3
    assert average_days_to_pay(invoices) == D("34.5")  # (40 + 29) / 2, only where the issue day is known
    assert weighted_days_late(invoices) == {"EUR": D("1.0"), "USD": D("60.0")}  # (100×10 + 900×0) / 1000
    assert on_time_share(invoices) == D("0.333")
    assert average_days_late([]) is None and on_time_share([]) is None and weighted_days_late([]) == {}


def test_approximate_payment_days_count_from_the_lower_bound_and_unknown_ones_not_at_all():
    due = date(2025, 5, 1)
    bounded = invoice("1", due=due, paid="100.00", paid_on=date(2025, 5, 20), paid_after=date(2025, 5, 6), approximate=True)
    unknown = invoice("2", due=due, paid="100.00", paid_on=date(2025, 5, 20), approximate=True)
    assert days_late(bounded, TODAY) == 5
    assert days_late(unknown, TODAY) is None
    facts = client_facts(1, [bounded, unknown], TODAY)
    assert facts.average_days_late == D("5.0") and facts.paid_count == 1 and facts.paid_date_unknown == 1


def test_trend_compares_invoices_due_in_the_last_90_days_with_the_90_before():
    before = [paid("a", TODAY - timedelta(days=150), TODAY - timedelta(days=148)),  # 2 late
              paid("b", TODAY - timedelta(days=120), TODAY - timedelta(days=116))]  # 4 late
    recent = [paid("c", TODAY - timedelta(days=60), TODAY - timedelta(days=40)),  # 20 late
              invoice("d", due=TODAY - timedelta(days=30)),  # open, 30 days so far
              invoice("e", due=TODAY)]  # due today: can still be on time, not counted
    result = trend(before + recent, TODAY)
    assert (result.previous, result.recent, result.change) == (D("3.0"), D("25.0"), D("22.0"))
    assert trend(recent, TODAY).change is None
    edge = trend([paid("f", TODAY - timedelta(days=90), TODAY - timedelta(days=80))], TODAY)
    assert (edge.recent, edge.previous) == (None, D("10.0"))  # due exactly 90 days ago: the earlier window


def test_facts_count_late_invoices_and_disputes_in_the_last_12_months():
    invoices = [
        paid("old", TODAY - timedelta(days=400), TODAY - timedelta(days=380), disputed=True),
        paid("late", TODAY - timedelta(days=200), TODAY - timedelta(days=190), disputed=True),
        paid("ok", TODAY - timedelta(days=100), TODAY - timedelta(days=100)),
        invoice("open", due=TODAY - timedelta(days=3), amount="10.00"),
        invoice("cn", due=TODAY - timedelta(days=50), amount="-5.00", disputed=True),
    ]
    facts = client_facts(7, invoices, TODAY)
    assert facts.client_id == 7
    assert facts.late_last_12_months == 2  # "late" and "open"; "old" is older than 12 months
    assert facts.disputed == 2  # "late" and the credit note
    assert facts.open_count == 1 and facts.overdue_count == 1 and facts.oldest_overdue_days == 3
    assert facts.overdue_by_currency() == {"EUR": D("10.00")}
    assert facts.open_by_currency() == {"EUR": D("5.00")}
    assert first_late(invoices, TODAY).number == "old"  # type: ignore[union-attr]
