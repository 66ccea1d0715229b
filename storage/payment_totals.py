"""Payment totals per client and currency, added up by the database in one scan of the invoices.

The rules are bot/domain/lateness.py's (open remainders, payment days, days
late, aging buckets, the 12-month and trend windows), written once more as SQL:
whole numbers only (amounts summed in cents, days as counts), so the averages
built from them (bot/domain/payment_totals.py) are exact. The bucket limits and
window lengths come from the domain module; tests/test_payment_totals.py checks
that `facts_from_totals` over these totals equals `client_facts` over the same
invoices, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Integer, and_, case, cast, func, or_, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from bot.domain.lateness import BUCKET_LIMITS, OLDEST_BUCKET, TREND_WINDOW_DAYS, YEAR_DAYS, Bucket
from bot.domain.payment_totals import PaymentTotals
from storage.models.invoices import Invoice

TABLE = Invoice.__table__
# The totals that do not depend on the day (the paid invoices' averages), left out with paid=False.
PAID_TOTALS = ("open_count", "paid_count", "paid_cents", "days_to_pay", "days_to_pay_count", "days_late",
               "cent_days_late", "on_time_count", "paid_date_unknown")
DAY_TOTALS = ("overdue_count", "oldest_overdue_days", "late_last_12_months", "disputed",
              "recent_days_late", "recent_count", "previous_days_late", "previous_count")


class days_between(FunctionElement[int]):  # noqa: N801 - reads as the SQL function it stands for
    """Whole days from the second DATE to the first (NULL when either is NULL)."""

    type = Integer()
    inherit_cache = True


@compiles(days_between)
def _days_between(element: days_between, compiler: Any, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"({later} - {earlier})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _cents(value: ColumnElement[Any]) -> ColumnElement[int]:
    # SQLite keeps NUMERIC as a float: round each amount to whole cents before adding up.
    return cast(func.round(value * 100), BigInteger)


class _Rules:
    """lateness.py's conditions on one invoice row, as SQL (dates compare as dates, amounts as stored)."""

    a = TABLE.c.amount
    p = TABLE.c.paid_amount
    due = TABLE.c.due_on
    payday = case((TABLE.c.paid_approximate, TABLE.c.paid_after), else_=TABLE.c.paid_on)  # Invoice.payment_day
    open_ = and_(p != a, or_(and_(a > 0, p < a), and_(a < 0, p > a)))  # open_remainder ≠ 0


# What an invoice row is, whatever the day: its `kind` (the classes are disjoint).
OTHER, OPEN_INVOICE, OPEN_CREDIT, PAID, SETTLED_ZERO, SETTLED_UNDATED = range(6)


def _kind() -> ColumnElement[int]:
    """OPEN_INVOICE: money open, not a credit note; OPEN_CREDIT: a credit note not used up; settled (not a
    credit note, nothing open) with a payment day: PAID (lateness._paid) when the amount is above 0, else
    SETTLED_ZERO; settled without one: SETTLED_UNDATED; anything else (a used-up credit note): OTHER.
    Settled comes first: most invoices are."""
    a, p, payday = _Rules.a, _Rules.p, _Rules.payday
    return case(
        (and_(p >= a, a >= 0), case((payday.is_(None), SETTLED_UNDATED), (a > 0, PAID), else_=SETTLED_ZERO)),
        (and_(p < a, a > 0), OPEN_INVOICE),
        (and_(a < 0, p > a), OPEN_CREDIT),
        else_=OTHER)


def _invoice_rows(*, team_id: str, first: date | None, dialect: str) -> Any:
    """One row per invoice (voided ones left out), each condition and amount worked out once: `kind`, `open`
    (open remainder in cents), `cents` (amount in cents), `late` (days paid after due, 0 when on time or not
    paid), `to_pay` (days from issue to payment), due day, dispute and issue day. With `first`, only the
    invoices the day totals can read from that day on (see payment_totals)."""
    r = _Rules
    a, p, due, payday = r.a, r.p, r.due, r.payday
    query = select(
        TABLE.c.client_id, TABLE.c.currency, due.label("due"), _kind().label("kind"),
        case((p != a, _cents(a - p))).label("open"),  # NULL when settled: most rows skip NUMERIC arithmetic
        _cents(a).label("cents"), _late(payday, due).label("late"),
        days_between(payday, TABLE.c.issued_on).label("to_pay"), TABLE.c.disputed.label("disputed"),
        func.coalesce(TABLE.c.issued_on, due).label("issued"),
    ).where(TABLE.c.team_id == team_id, TABLE.c.voided.is_(False))
    if first is not None:
        query = query.where(or_(due > first, r.open_, and_(TABLE.c.disputed, TABLE.c.issued_on > first)))
    # A subquery the database keeps apart, so each row's expressions are computed once, not once per aggregate
    # that reads them. SQLite does not merge a subquery with an OFFSET (it runs it as a co-routine: about 40%
    # less time, benchmarks/ digest). PostgreSQL does not merge one with a set-returning function in its
    # select list, and (unlike with an OFFSET) still scans it in parallel.
    if dialect == "postgresql":
        return query.add_columns(func.generate_series(1, 1).label("once")).subquery("i")
    return query.offset(0).subquery("i")


def _late(payday: ColumnElement[Any], due: ColumnElement[Any]) -> ColumnElement[int]:
    return case((payday > due, days_between(payday, due)), else_=0)


def payment_totals(session: Session, *, team_id: str, days: Sequence[date], paid: bool = True
                   ) -> list[list[PaymentTotals]]:
    """Every client's totals per currency on each of `days` (the team's calendar days), voided invoices
    left out, in one scan. With paid=False the totals that `PaymentSignal` does not read (the paid
    invoices' averages, open and overdue counts) are 0 and only the invoices the others need are read."""
    dialect = session.get_bind().dialect.name
    first = min(days) - timedelta(days=max(YEAR_DAYS, 2 * TREND_WINDOW_DAYS)) if not paid and days else None
    i = _invoice_rows(team_id=team_id, first=first, dialect=dialect)
    due, kind, open_cents, late = i.c.due, i.c.kind, i.c.open, i.c.late
    open_invoice, dated = kind == OPEN_INVOICE, kind.in_([PAID, SETTLED_ZERO])  # dated: settled, payday known
    columns: list[ColumnElement[Any]] = [func.count().filter(kind.in_([OPEN_INVOICE, OPEN_CREDIT])).label("open_items")]
    for k, day in enumerate(days):
        def since(length: int, end: int = 0) -> date:
            return day - timedelta(days=end + length)  # noqa: B023

        past_due = and_(due < day, open_invoice)
        # lateness.days_late as the trend counts it: NULL for credit notes, unknown days and open-not-yet-due
        window_late = case((past_due, days_between(day, due)), (dated, late))
        newest: int | None = None
        for bucket, most in BUCKET_LIMITS:
            here = due >= since(most) if newest is None else and_(due >= since(most), due < since(newest))
            # the current bucket also holds every unused credit note
            where = or_(kind == OPEN_CREDIT, and_(here, open_invoice)) if bucket is Bucket.CURRENT else and_(here, open_invoice)
            columns.append(func.sum(open_cents).filter(where).label(f"{bucket.name}_{k}"))
            newest = most
        in_year, recent, previous = (and_(due > since(YEAR_DAYS), due <= day), and_(due > since(TREND_WINDOW_DAYS), due <= day),
                                     and_(due > since(TREND_WINDOW_DAYS, TREND_WINDOW_DAYS), due <= since(0, TREND_WINDOW_DAYS)))
        columns += [
            func.sum(open_cents).filter(and_(due < since(newest or 0), open_invoice)).label(f"{OLDEST_BUCKET.name}_{k}"),
            func.count().filter(past_due).label(f"overdue_count_{k}"),
            func.max(days_between(day, due)).filter(past_due).label(f"oldest_overdue_days_{k}"),
            func.count().filter(and_(in_year, or_(past_due, and_(late > 0, dated)))).label(f"late_last_12_months_{k}"),
            func.count().filter(and_(i.c.disputed, i.c.issued > since(YEAR_DAYS), i.c.issued <= day)).label(f"disputed_{k}"),
            func.sum(window_late).filter(recent).label(f"recent_days_late_{k}"),
            func.count(window_late).filter(recent).label(f"recent_count_{k}"),
            func.sum(window_late).filter(previous).label(f"previous_days_late_{k}"),
            func.count(window_late).filter(previous).label(f"previous_count_{k}"),
        ]
    if paid:
        paid_ = kind == PAID
        columns += [
            func.count().filter(open_invoice).label("open_count"),
            func.count().filter(paid_).label("paid_count"),
            func.sum(i.c.cents).filter(paid_).label("paid_cents"),
            func.sum(i.c.to_pay).filter(paid_).label("days_to_pay"),
            func.count(i.c.to_pay).filter(paid_).label("days_to_pay_count"),
            func.sum(late).filter(paid_).label("days_late"),
            func.sum(i.c.cents * late).filter(paid_).label("cent_days_late"),
            func.count().filter(and_(paid_, late == 0)).label("on_time_count"),
            func.count().filter(kind == SETTLED_UNDATED).label("paid_date_unknown"),
        ]
    query = select(i.c.client_id, i.c.currency, *columns).group_by(i.c.client_id, i.c.currency)
    if dialect == "postgresql":
        # PostgreSQL's JIT spends seconds compiling this wide aggregate (6 of 7.5 s at 1M invoices);
        # interpreted it is a fraction of that. For this transaction only.
        session.execute(text("SET LOCAL jit = off"))
    result = session.execute(query).all()
    names = [bucket for bucket, _ in BUCKET_LIMITS] + [OLDEST_BUCKET]
    return [[_totals(row._mapping, k, names, paid) for row in result] for k in range(len(days))]


def _totals(values: Any, k: int, buckets: list[Bucket], paid: bool) -> PaymentTotals:
    def whole(name: str) -> int:
        return int(values[name] or 0)

    oldest = values[f"oldest_overdue_days_{k}"]
    return PaymentTotals(
        client_id=values["client_id"], currency=values["currency"],
        open_cents={bucket: whole(f"{bucket.name}_{k}") for bucket in buckets},
        oldest_overdue_days=None if oldest is None else int(oldest), open_items=whole("open_items"),
        **{name: whole(f"{name}_{k}") for name in DAY_TOTALS if name != "oldest_overdue_days"},
        **{name: whole(name) if paid else 0 for name in PAID_TOTALS},
    )
