"""payment_facts() on the team's calendar day, with freezegun: the aging boundaries, and midnight in Rome."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from freezegun import freeze_time

from bot.deps import Deps
from bot.domain.invoice_rows import InvoiceFormat
from bot.domain.lateness import Bucket
from bot.flows.csv_source import CsvRow
from bot.flows.invoice_import import import_invoice_rows
from bot.flows.lateness import payment_facts
from bot.sandbox.fake_slack import TEAM_ID
from tests.invoice_helpers import client_id, seed_directory

HEADERS = ["client", "invoice_number", "due_date", "amount", "currency", "amount_paid"]
# days past due on 2025-06-30 → the bucket it must fall in; the amount is the days + 1 cent, to tell them apart
BOUNDARIES = {0: Bucket.CURRENT, 1: Bucket.DAYS_1_30, 30: Bucket.DAYS_1_30, 31: Bucket.DAYS_31_60,
              60: Bucket.DAYS_31_60, 61: Bucket.DAYS_61_90, 90: Bucket.DAYS_61_90, 91: Bucket.DAYS_90_PLUS}


@pytest.fixture
def deps(settings, engine, session_factory, tmp_path) -> Deps:  # type: ignore[no-untyped-def]
    seed_directory(session_factory, tmp_path)
    return Deps(settings=settings, engine=engine, session_factory=session_factory)  # TIMEZONE Europe/Rome


def import_due(deps: Deps, today: date) -> None:
    rows = [CsvRow(n, dict(zip(HEADERS, ["Acme", f"D-{days}", (today - timedelta(days=days)).isoformat(),
                                         f"{days}.01", "EUR", ""])))
            for n, days in enumerate(BOUNDARIES)]
    rows.append(CsvRow(99, dict(zip(HEADERS, ["Acme", "PARTIAL", (today - timedelta(days=45)).isoformat(), "1000.00",
                                              "EUR", "999.00"]))))
    summary = import_invoice_rows(deps.session_factory, HEADERS, rows, team_id=TEAM_ID, fmt=InvoiceFormat.GENERIC,
                                  today=today, now=deps.now())
    assert summary.new == len(BOUNDARIES) + 1


def facts_today(deps: Deps) -> dict[Bucket, Decimal]:
    with deps.session_factory() as session:
        facts = payment_facts(session, team_id=TEAM_ID, today=deps.today())
    return dict(facts[client_id(deps.session_factory, "Acme")].open_by_bucket["EUR"])


def test_aging_boundaries_on_the_teams_calendar_day(deps):
    with freeze_time("2025-06-30 12:00:00"):
        import_due(deps, date(2025, 6, 30))
        expected = {bucket: Decimal(0) for bucket in Bucket}
        for days, bucket in BOUNDARIES.items():
            expected[bucket] += Decimal(f"{days}.01")
        expected[Bucket.DAYS_31_60] += Decimal("1.00")  # the partly paid invoice's remainder
        assert facts_today(deps) == expected
    with freeze_time("2025-06-30 21:59:00"):  # 23:59 in Rome: still 30 June
        assert facts_today(deps) == expected
    with freeze_time("2025-06-30 22:00:00"):  # midnight in Rome: 1 July, every invoice one day older
        moved = facts_today(deps)
    # due today → 1 day (1–30), 30 → 31 days (31–60), 60 → 61 (61–90), 90 → 91 (90+)
    assert moved == {Bucket.CURRENT: Decimal(0), Bucket.DAYS_1_30: Decimal("0.01") + Decimal("1.01"),
                     Bucket.DAYS_31_60: Decimal("30.01") + Decimal("31.01") + Decimal("1.00"),
                     Bucket.DAYS_61_90: Decimal("60.01") + Decimal("61.01"),
                     Bucket.DAYS_90_PLUS: Decimal("90.01") + Decimal("91.01")}
