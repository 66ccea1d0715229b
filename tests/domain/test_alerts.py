"""Which payment alerts are due: the lateness threshold, the strict-payer policy, a worsening trend."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from bot.domain.alerts import AlertKind, AlertPolicy, DueAlert, due_alerts
from bot.domain.lateness import Invoice, client_facts

TODAY = date(2025, 6, 30)


def invoice(number: str, due_days_ago: int, *, paid_days_late: int | None = None, amount: str = "100.00",
            paid: str | None = None) -> Invoice:
    due = TODAY - timedelta(days=due_days_ago)
    if paid_days_late is not None:
        return Invoice(5, number, "EUR", Decimal(amount), due, None, Decimal(amount), due + timedelta(days=paid_days_late))
    return Invoice(5, number, "EUR", Decimal(amount), due, None, Decimal(paid or 0))


def alerts(invoices: list[Invoice], policy: AlertPolicy = AlertPolicy()) -> list[DueAlert]:
    return due_alerts(5, invoices, client_facts(5, invoices, TODAY), today=TODAY, policy=policy)


def test_an_open_invoice_alerts_from_the_threshold_on():
    assert alerts([invoice("A", 14)]) == []
    [due] = alerts([invoice("A", 15, amount="1000.00", paid="250.00")])
    assert (due.kind, due.key, due.days, due.amount, due.currency) == (
        AlertKind.OVERDUE, "overdue:5:A", 15, Decimal("750.00"), "EUR")
    assert alerts([invoice("A", 20, paid_days_late=30)]) == []  # paid: nothing to chase
    assert alerts([invoice("CN", 40, amount="-10.00")]) == []
    assert [a.key for a in alerts([invoice("A", 5)], AlertPolicy(overdue_days=5))] == ["overdue:5:A"]


def test_strict_policy_alerts_on_the_first_late_payment_ever():
    history = [invoice("old", 200, paid_days_late=0), invoice("late", 100, paid_days_late=3), invoice("later", 40, paid_days_late=9)]
    assert [a.kind for a in alerts(history)] == []
    [first] = alerts(history, AlertPolicy(strict=True))
    assert (first.kind, first.key, first.invoice_number, first.days, first.open) == (
        AlertKind.FIRST_LATE, "first_late:5", "late", 3, False)
    assert alerts([invoice("fine", 10, paid_days_late=0)], AlertPolicy(strict=True)) == []


def test_worsening_lateness_alerts_when_beyond_the_allowed_days():
    before = [invoice("a", 150, paid_days_late=2), invoice("b", 120, paid_days_late=4)]  # 3 days late on average
    slightly = before + [invoice("c", 60, paid_days_late=13)]  # 13: 10 days worse, not more
    assert alerts(slightly) == []
    worse = before + [invoice("c", 60, paid_days_late=14)]
    [alert] = alerts(worse)
    assert (alert.kind, alert.key, alert.recent, alert.previous, alert.days) == (
        AlertKind.WORSENING, "worsening:5:2025-06-30", Decimal("14.0"), Decimal("3.0"), 11)


def test_alert_details_survive_storage_as_json():
    [due] = alerts([invoice("A/1", 30, amount="1234.56")])
    assert DueAlert.from_details(due.kind.value, due.key, due.client_id, due.details()) == due
