"""The database's payment totals give the same facts as the pure rules in bot/domain/lateness.py.

`payment_totals` (SQL) + `facts_from_totals` must equal `client_facts` over the same invoices, on
SQLite (amounts stored as floats, dates as text) and on PostgreSQL (NUMERIC, DATE): one table of
awkward invoices, checked on several days around the aging and window boundaries.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.invoice_state import InvoiceState
from bot.domain.lateness import client_facts
from bot.flows.lateness import facts_by_client, payment_facts
from bot.flows.signals import payment_signal, payment_signals
from storage import invoices as invoice_store
from storage.db import make_engine, make_session_factory
from storage.models import Base, Client
from storage.payment_totals import payment_totals
from tests.conftest import postgres_url

TEAM = "T0TOTALS"
TODAY = date(2026, 11, 23)
DAYS = [TODAY, TODAY - timedelta(days=7), TODAY - timedelta(days=30), TODAY + timedelta(days=61)]
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", "postgresql"])
def sessions(request: pytest.FixtureRequest, tmp_path: Path, database_url: str) -> Iterator[sessionmaker[Session]]:
    """An empty database of each kind (PostgreSQL: TEST_DATABASE_URL, emptied by `database_url`, or skipped)."""
    url = f"sqlite:///{tmp_path / 'totals.sqlite3'}" if request.param == "sqlite" else postgres_url()
    engine = make_engine(url)
    if request.param == "sqlite":
        Base.metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def states(rng: random.Random, count: int = 120) -> Iterator[InvoiceState]:
    """Invoices and credit notes of every kind the rules tell apart, due around TODAY."""
    for _ in range(count):
        due = TODAY - timedelta(days=rng.randrange(-60, 420))
        amount = Decimal(rng.choice([rng.randrange(1, 500_000), rng.randrange(1, 500_000), -rng.randrange(1, 90_000),
                                     0, 100])) / 100
        kind = rng.choice(["open", "partial", "paid", "paid", "approximate", "unknown", "overpaid"])
        paid_on = paid_after = None
        approximate = False
        paid = Decimal(0)
        if kind == "partial":
            paid = (amount * Decimal(rng.choice(["0.25", "0.5", "0.99"]))).quantize(Decimal("0.01"))
            paid_on = due + timedelta(days=rng.randrange(-5, 40))
        elif kind in ("paid", "approximate", "unknown", "overpaid"):
            paid = amount + (Decimal("10.00") if kind == "overpaid" else 0)
            if kind != "unknown":
                paid_on = due + timedelta(days=rng.randrange(-20, 80))
            if kind == "approximate":
                approximate, paid_after = True, paid_on - timedelta(days=rng.randrange(0, 9))  # type: ignore[operator]
        yield InvoiceState(
            currency=rng.choice(["EUR", "EUR", "USD"]), amount=amount, due_on=due,
            issued_on=None if rng.random() < 0.15 else due - timedelta(days=30), paid_amount=paid, paid_on=paid_on,
            paid_after=paid_after, approximate=approximate, disputed=rng.random() < 0.15, voided=rng.random() < 0.05)


@pytest.fixture
def clients(sessions: sessionmaker[Session]) -> list[int]:
    rng = random.Random(20261123)
    with sessions.begin() as session:
        added = [Client(team_id=TEAM, name=f"Client {n}", normalized_name=f"client {n}", currency="EUR")
                 for n in range(4)]
        session.add_all(added)
        session.flush()
        ids = [c.id for c in added]
        invoice_store.add_invoices(session, team_id=TEAM, source="generic", now=NOW, invoices=(
            (ids[n % 4], f"INV-{n:04d}", state) for n, state in enumerate(states(rng))))
    return ids


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_facts_from_the_databases_totals_equal_the_rules_over_every_invoice(sessions, clients, day):
    with sessions() as session:
        expected = {client_id: client_facts(client_id, invoices, day)
                    for client_id, invoices in invoice_store.client_invoices(session, team_id=TEAM)}
        (totals,) = payment_totals(session, team_id=TEAM, days=[day])
    assert set(expected) == set(clients)
    assert facts_by_client(totals, day) == expected


def test_several_days_in_one_scan_equal_one_day_at_a_time(sessions, clients):
    with sessions() as session:
        together = payment_totals(session, team_id=TEAM, days=DAYS)
        alone = [payment_totals(session, team_id=TEAM, days=[day])[0] for day in DAYS]
    assert [facts_by_client(t, d) for t, d in zip(together, DAYS)] == [facts_by_client(t, d) for t, d in zip(alone, DAYS)]


def test_the_digests_lean_scan_gives_the_same_signals(sessions, clients):
    with sessions() as session:
        lean = payment_signals(session, team_id=TEAM, days=DAYS)
        full = [{c: payment_signal(f) for c, f in payment_facts(session, team_id=TEAM, today=day).items()}
                for day in DAYS]
    assert lean == full


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_invoice_is_classified_once_as_the_rules_see_it(sessions, seed):
    """The SQL works out each invoice's kind (open, credit note, paid, settled without a day, …) once and
    the day totals read it: more random invoices, every day of DAYS in one scan, against the rules."""
    rng = random.Random(seed)
    with sessions.begin() as session:
        added = [Client(team_id=TEAM, name=f"Client {n}", normalized_name=f"client {n}", currency="EUR")
                 for n in range(3)]
        session.add_all(added)
        session.flush()
        ids = [c.id for c in added]
        invoice_store.add_invoices(session, team_id=TEAM, source="generic", now=NOW, invoices=(
            (ids[n % 3], f"INV-{n:04d}", state) for n, state in enumerate(states(rng, 400))))
    with sessions() as session:
        invoices = list(invoice_store.client_invoices(session, team_id=TEAM))
        together = payment_totals(session, team_id=TEAM, days=DAYS)
        lean = payment_signals(session, team_id=TEAM, days=DAYS)
    for day, totals, signals in zip(DAYS, together, lean):
        expected = {client_id: client_facts(client_id, found, day) for client_id, found in invoices}
        assert facts_by_client(totals, day) == expected
        assert signals == {c: payment_signal(f) for c, f in expected.items()}
