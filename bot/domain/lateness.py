"""Payment lateness: days late, accounts-receivable aging and the facts per client.

Pure functions over `Invoice` values; `today` is always passed in (the team's
calendar day). Amounts are exact decimals and are only ever added up within
one currency.

Conventions:
- An invoice is *open* while part of it is unpaid; partial payments leave the
  remainder open. Credit notes carry negative amounts: an unused one lowers
  the open balance (in the current bucket: a credit is never past due) and
  never counts as paid late or on time.
- Days late of a paid invoice = payment day − due day, never below 0 (paying
  early is on time, not "negative lateness"). Days past due of an open invoice
  = today − due day.
- A payment date known only approximately (the first import that showed the
  invoice paid) counts from its lower bound, the last import that still showed
  it open: lateness is "at least" that, which is fair to the client. When no
  import ever showed it open, its date is unknown and it is left out of the
  averages (counted in `paid_date_unknown`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from bot.i18n import N_, Msg

TREND_WINDOW_DAYS = 90
YEAR_DAYS = 365
ONE_DECIMAL = Decimal("0.1")


class Bucket(StrEnum):
    """Accounts-receivable aging buckets, by days past due on a given day."""

    CURRENT = "current"  # not yet due (due today is current)
    DAYS_1_30 = "1-30"
    DAYS_31_60 = "31-60"
    DAYS_61_90 = "61-90"
    DAYS_90_PLUS = "90+"

    @property
    def label(self) -> Msg:
        return BUCKET_LABELS[self]


BUCKET_LABELS = {Bucket.CURRENT: N_("current"), Bucket.DAYS_1_30: N_("1–30 days"), Bucket.DAYS_31_60: N_("31–60 days"),
                 Bucket.DAYS_61_90: N_("61–90 days"), Bucket.DAYS_90_PLUS: N_("90+ days")}


# Each bucket but the oldest, with the most days past due it holds (the database's sums use these too).
BUCKET_LIMITS: tuple[tuple[Bucket, int], ...] = (
    (Bucket.CURRENT, 0), (Bucket.DAYS_1_30, 30), (Bucket.DAYS_31_60, 60), (Bucket.DAYS_61_90, 90))
OLDEST_BUCKET = Bucket.DAYS_90_PLUS


@dataclass(frozen=True)
class Invoice:
    """One invoice (or credit note) as the lateness rules see it."""

    client_id: int
    number: str
    currency: str
    amount: Decimal  # negative for a credit note
    due_on: date
    issued_on: date | None = None
    paid_amount: Decimal = Decimal(0)
    paid_on: date | None = None  # the day it was paid in full (exact, or the approximate upper bound)
    paid_after: date | None = None  # approximate dates only: the last import that still showed it open
    approximate: bool = False
    disputed: bool = False
    open_amount: Decimal = field(init=False, repr=False, compare=False)  # what is still unpaid

    def __post_init__(self) -> None:
        object.__setattr__(self, "open_amount", open_remainder(self.amount, self.paid_amount))

    @property
    def is_credit(self) -> bool:
        return self.amount < 0

    @property
    def is_open(self) -> bool:
        return self.open_amount != 0

    @property
    def payment_day(self) -> date | None:
        """The day lateness is counted to for a paid invoice; None while open or when unknown."""
        if self.is_open:
            return None
        return self.paid_after if self.approximate else self.paid_on


@dataclass(frozen=True)
class Trend:
    """Average days late of invoices due in the last 90 days against the 90 days before.

    Open invoices due in a window count with their days past due so far.
    """

    recent: Decimal | None
    previous: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.recent is None or self.previous is None:
            return None
        return self.recent - self.previous


@dataclass(frozen=True)
class ClientPaymentFacts:
    """Everything the numbers say about how one client pays, on one day. Read-only."""

    client_id: int
    today: date
    open_by_bucket: Mapping[str, Mapping[Bucket, Decimal]]  # currency → bucket → open amount
    average_days_to_pay: Decimal | None  # paid invoices: issue day → payment day
    average_days_late: Decimal | None  # paid invoices
    weighted_days_late: Mapping[str, Decimal]  # currency → days late weighted by amount (paid invoices)
    on_time_share: Decimal | None  # 0..1, paid invoices paid by their due day
    paid_count: int  # paid invoices with a known payment day (what the averages are over)
    paid_date_unknown: int
    open_count: int
    overdue_count: int
    oldest_overdue_days: int | None  # days past due of the oldest open invoice, if any is past due
    late_last_12_months: int  # due in the last 365 days and paid late, or open past due
    disputed: int  # disputed invoices issued (or due) in the last 365 days
    trend: Trend = field(default_factory=lambda: Trend(None, None))

    def overdue_by_currency(self) -> dict[str, Decimal]:
        """Open amounts past due (every bucket but current), per currency."""
        return {currency: total for currency, buckets in self.open_by_bucket.items()
                if (total := sum((a for b, a in buckets.items() if b is not Bucket.CURRENT), Decimal(0)))}

    def open_by_currency(self) -> dict[str, Decimal]:
        return {currency: total for currency, buckets in self.open_by_bucket.items()
                if (total := sum(buckets.values(), Decimal(0)))}


def open_remainder(amount: Decimal, paid: Decimal) -> Decimal:
    """What is still unpaid (negative for an unused credit note); 0 once settled or overpaid."""
    remainder = amount - paid
    if amount == 0 or remainder * amount <= 0:
        return Decimal(0)
    return remainder


def days_past_due(due_on: date, today: date) -> int:
    return (today - due_on).days


def aging_bucket(due_on: date, today: date) -> Bucket:
    days = days_past_due(due_on, today)
    return next((bucket for bucket, most in BUCKET_LIMITS if days <= most), OLDEST_BUCKET)


def days_late(invoice: Invoice, today: date) -> int | None:
    """Days late (≥ 0): at payment for a paid invoice, so far for an open one; None if unknown or a credit."""
    if invoice.is_credit:
        return None
    if invoice.is_open:
        return max(0, days_past_due(invoice.due_on, today))
    paid = invoice.payment_day
    return None if paid is None else max(0, days_past_due(invoice.due_on, paid))


def aging(invoices: Iterable[Invoice], today: date) -> dict[str, dict[Bucket, Decimal]]:
    """Open balance per currency and aging bucket (every bucket present for a currency with any open money)."""
    totals: dict[str, dict[Bucket, Decimal]] = {}
    for invoice in invoices:
        remainder = invoice.open_amount
        if not remainder:
            continue
        buckets = totals.setdefault(invoice.currency, {b: Decimal(0) for b in Bucket})
        buckets[Bucket.CURRENT if invoice.is_credit else aging_bucket(invoice.due_on, today)] += remainder
    return totals


def _paid(invoices: Iterable[Invoice]) -> list[tuple[Invoice, date]]:
    return [(i, day) for i in invoices if not i.is_credit and not i.is_open and i.amount and (day := i.payment_day)]


def _mean(values: Sequence[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def average_days_to_pay(invoices: Iterable[Invoice]) -> Decimal | None:
    return _days_to_pay(_paid(invoices))


def average_days_late(invoices: Iterable[Invoice]) -> Decimal | None:
    return _days_late(_paid(invoices))


def weighted_days_late(invoices: Iterable[Invoice]) -> dict[str, Decimal]:
    """Days late weighted by invoice amount, per currency (as AR tools rate payers)."""
    return _weighted(_paid(invoices))


def on_time_share(invoices: Iterable[Invoice]) -> Decimal | None:
    return _on_time(_paid(invoices))


Paid = Sequence[tuple[Invoice, date]]  # paid invoices with the day their lateness counts to


def _days_to_pay(paid: Paid) -> Decimal | None:
    return _mean([(day - i.issued_on).days for i, day in paid if i.issued_on is not None])


def _days_late(paid: Paid) -> Decimal | None:
    return _mean([max(0, days_past_due(i.due_on, day)) for i, day in paid])


def _weighted(paid: Paid) -> dict[str, Decimal]:
    weighted: dict[str, tuple[Decimal, Decimal]] = {}
    for invoice, day in paid:
        days, total = weighted.get(invoice.currency, (Decimal(0), Decimal(0)))
        weighted[invoice.currency] = (days + invoice.amount * max(0, days_past_due(invoice.due_on, day)),
                                      total + invoice.amount)
    return {c: (d / t).quantize(ONE_DECIMAL, ROUND_HALF_UP) for c, (d, t) in weighted.items() if t}


def _on_time(paid: Paid) -> Decimal | None:
    if not paid:
        return None
    on_time = sum(1 for i, day in paid if day <= i.due_on)
    return (Decimal(on_time) / len(paid)).quantize(Decimal("0.001"), ROUND_HALF_UP)


def _within(day: date, today: date, days: int) -> bool:
    return today - timedelta(days=days) < day <= today


def late_in_last_12_months(invoices: Iterable[Invoice], today: date) -> int:
    return sum(1 for i in invoices if _within(i.due_on, today, YEAR_DAYS) and (days_late(i, today) or 0) > 0)


def disputed_in_last_12_months(invoices: Iterable[Invoice], today: date) -> int:
    return sum(1 for i in invoices if i.disputed and _within(i.issued_on or i.due_on, today, YEAR_DAYS))


def _window_lateness(invoices: Iterable[Invoice], today: date, start: date, end: date) -> Decimal | None:
    days = []
    for invoice in invoices:
        if not start < invoice.due_on <= end:
            continue
        late = days_late(invoice, today)
        if late is None or (invoice.is_open and late == 0):  # open but not yet late: can still be on time
            continue
        days.append(late)
    return _mean(days)


def trend(invoices: Sequence[Invoice], today: date, window: int = TREND_WINDOW_DAYS) -> Trend:
    middle, start = today - timedelta(days=window), today - timedelta(days=2 * window)
    return Trend(_window_lateness(invoices, today, middle, today), _window_lateness(invoices, today, start, middle))


def first_late(invoices: Iterable[Invoice], today: date) -> Invoice | None:
    """The client's earliest-due invoice that was paid late or is open past due."""
    late = [i for i in invoices if (days_late(i, today) or 0) > 0]
    return min(late, key=lambda i: (i.due_on, i.number)) if late else None


def client_facts(client_id: int, invoices: Sequence[Invoice], today: date) -> ClientPaymentFacts:
    open_past_due = [i for i in invoices if i.is_open and not i.is_credit and days_past_due(i.due_on, today) > 0]
    paid = _paid(invoices)
    return ClientPaymentFacts(
        client_id=client_id,
        today=today,
        open_by_bucket=aging(invoices, today),
        average_days_to_pay=_days_to_pay(paid),
        average_days_late=_days_late(paid),
        weighted_days_late=_weighted(paid),
        on_time_share=_on_time(paid),
        paid_count=len(paid),
        paid_date_unknown=sum(1 for i in invoices if not i.is_credit and not i.is_open and i.payment_day is None),
        open_count=sum(1 for i in invoices if i.is_open and not i.is_credit),
        overdue_count=len(open_past_due),
        oldest_overdue_days=max((days_past_due(i.due_on, today) for i in open_past_due), default=None),
        late_last_12_months=late_in_last_12_months(invoices, today),
        disputed=disputed_in_last_12_months(invoices, today),
        trend=trend(invoices, today),
    )
