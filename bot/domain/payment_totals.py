"""A client's payment facts from totals the database added up, instead of from every invoice.

`client_facts` in lateness.py is the definition of the facts; `facts_from_totals`
must give the same `ClientPaymentFacts` from the per-currency totals that
storage/payment_totals.py computes with the same rules (tests/test_payment_totals.py
checks both on the same invoices). The totals are whole numbers (amounts in
cents, days as counts), so the averages built here are exact.

"Paid" means what it means in lateness.py: an invoice (not a credit note) with
nothing left open and a known payment day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from bot.domain.lateness import ONE_DECIMAL, Bucket, ClientPaymentFacts, Trend


@dataclass(frozen=True)
class PaymentTotals:
    """One client's invoices in one currency (voided ones left out), counted on one day."""

    client_id: int
    currency: str
    open_items: int  # invoices and credit notes with money open: the currency shows in the aging
    open_cents: Mapping[Bucket, int]  # open remainder per aging bucket (unused credit notes in current)
    open_count: int  # invoices (not credit notes) with money open
    overdue_count: int  # … of them past due
    oldest_overdue_days: int | None
    paid_count: int
    paid_cents: int  # the paid invoices' amounts
    days_to_pay: int  # summed over the paid invoices with an issue day
    days_to_pay_count: int
    days_late: int  # summed over the paid invoices
    cent_days_late: int  # amount in cents × days late, summed over the paid invoices
    on_time_count: int
    paid_date_unknown: int
    late_last_12_months: int
    disputed: int
    recent_days_late: int  # the trend's windows: days late summed, and how many invoices
    recent_count: int
    previous_days_late: int
    previous_count: int


def facts_from_totals(client_id: int, totals: Iterable[PaymentTotals], today: date) -> ClientPaymentFacts:
    """The client's facts on `today` from its totals per currency (those of `today`)."""
    rows = sorted(totals, key=lambda t: t.currency)
    paid = sum(t.paid_count for t in rows)
    overdue = [t.oldest_overdue_days for t in rows if t.oldest_overdue_days is not None]
    return ClientPaymentFacts(
        client_id=client_id,
        today=today,
        open_by_bucket={t.currency: {b: _money(t.open_cents.get(b, 0)) for b in Bucket} for t in rows if t.open_items},
        average_days_to_pay=_mean(sum(t.days_to_pay for t in rows), sum(t.days_to_pay_count for t in rows)),
        average_days_late=_mean(sum(t.days_late for t in rows), paid),
        weighted_days_late={t.currency: (Decimal(t.cent_days_late) / t.paid_cents).quantize(ONE_DECIMAL, ROUND_HALF_UP)
                            for t in rows if t.paid_cents},
        on_time_share=(Decimal(sum(t.on_time_count for t in rows)) / paid).quantize(Decimal("0.001"), ROUND_HALF_UP)
        if paid else None,
        paid_count=paid,
        paid_date_unknown=sum(t.paid_date_unknown for t in rows),
        open_count=sum(t.open_count for t in rows),
        overdue_count=sum(t.overdue_count for t in rows),
        oldest_overdue_days=max(overdue, default=None),
        late_last_12_months=sum(t.late_last_12_months for t in rows),
        disputed=sum(t.disputed for t in rows),
        trend=Trend(_mean(sum(t.recent_days_late for t in rows), sum(t.recent_count for t in rows)),
                    _mean(sum(t.previous_days_late for t in rows), sum(t.previous_count for t in rows))),
    )


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _mean(total: int, count: int) -> Decimal | None:
    return (Decimal(total) / count).quantize(ONE_DECIMAL, ROUND_HALF_UP) if count else None
