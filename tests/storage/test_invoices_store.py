"""Invoice storage: the bulk insert writes exactly what the ORM reads back, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.invoice_state import InvoiceState
from storage import invoices as store
from storage import new_invoices
from storage.clients import add_client
from storage.invoices import astuple_state
from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.models.invoices import Invoice
from tests.conftest import postgres_url

NOW = datetime(2025, 4, 1, 9, 30, 15, 123456, tzinfo=timezone.utc)
OPEN = InvoiceState("EUR", Decimal("1234.56"), date(2025, 3, 31), date(2025, 3, 1), open_seen_on=date(2025, 4, 1))
PAID = InvoiceState("USD", Decimal("99.99"), date(2025, 2, 28), None, Decimal("99.99"), date(2025, 3, 20),
                    date(2025, 3, 10), True, date(2025, 3, 5), date(2025, 3, 10), True, False)
CREDIT = InvoiceState("EUR", Decimal("-45.00"), date(2025, 3, 10), voided=True)


def test_state_columns_follow_the_state_fields():
    assert tuple(store.STATE_COLUMNS) == tuple(f.name for f in fields(InvoiceState))


def test_bulk_insert_round_trips_through_the_orm(session_factory):
    with session_factory.begin() as session:
        acme = add_client(session, team_id="T1", name="Acme").id
        other = add_client(session, team_id="T1", name="Other").id
        store.add_invoices(session, team_id="T1", source="xero", now=NOW,
                           invoices=[(acme, "A-1", OPEN), (acme, "A-2", PAID), (other, "A-1", CREDIT)])
    with session_factory() as session:
        stored = store.stored_invoices(session, team_id="T1", keys=[(acme, "A-1"), (acme, "A-2"), (other, "A-1"), (acme, "X")])
        rows = {(r.client_id, r.number): r for r in session.scalars(select(Invoice))}
        grouped = dict(store.client_invoices(session, team_id="T1"))
        by_number = store.invoices_by_number(session, team_id="T1", numbers=["A-1"])
        other_team = store.stored_invoices(session, team_id="T2", keys=[(acme, "A-1")])
    assert {k: v[1] for k, v in stored.items()} == {(acme, "A-1"): OPEN, (acme, "A-2"): PAID, (other, "A-1"): CREDIT}
    row = rows[(acme, "A-2")]
    assert (row.amount, row.paid_on, row.paid_approximate, row.source) == (Decimal("99.99"), date(2025, 3, 20), True, "xero")
    assert row.created_at == NOW and row.created_at.tzinfo is not None
    assert rows[(acme, "A-1")].issued_on == date(2025, 3, 1) and rows[(acme, "A-1")].paid_on is None
    assert [i.number for i in grouped[acme]] == ["A-2", "A-1"]  # by due day
    assert other not in grouped  # voided invoices are left out of the facts
    assert sorted(client for _, client, _ in by_number["A-1"]) == sorted([acme, other])
    assert other_team == {}


def test_updates_write_the_new_state(session_factory):
    with session_factory.begin() as session:
        acme = add_client(session, team_id="T1", name="Acme").id
        store.add_invoices(session, team_id="T1", source="generic", now=NOW, invoices=[(acme, "A-1", OPEN)])
    with session_factory.begin() as session:
        [(invoice_id, _)] = store.stored_invoices(session, team_id="T1", keys=[(acme, "A-1")]).values()
        store.update_invoices(session, now=NOW, invoices=[(invoice_id, PAID)], source="webhook")
    with session_factory() as session:
        assert store.stored_invoices(session, team_id="T1", keys=[(acme, "A-1")])[(acme, "A-1")][1] == PAID
        assert store.team_ids_with_invoices(session) == ["T1"]


@pytest.fixture(params=["sqlite", "postgresql"])
def both_databases(request: pytest.FixtureRequest, tmp_path: Path, database_url: str) -> Iterator[sessionmaker[Session]]:
    """An empty database of each kind (PostgreSQL: TEST_DATABASE_URL, emptied by `database_url`, or skipped)."""
    url = f"sqlite:///{tmp_path / 'insert-new.sqlite3'}" if request.param == "sqlite" else postgres_url()
    engine = make_engine(url)
    if request.param == "sqlite":
        Base.metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def test_insert_new_leaves_stored_invoices_alone_and_names_them(both_databases):
    sessions = both_databases
    with sessions.begin() as session:
        acme = add_client(session, team_id="T1", name="Acme").id
        other = add_client(session, team_id="T1", name="Other").id
        store.add_invoices(session, team_id="T1", source="xero", now=NOW, invoices=[(acme, "A-1", OPEN)])
        store.add_invoices(session, team_id="T2", source="xero", now=NOW, invoices=[(acme, "A-2", OPEN)])
    with sessions.begin() as session:
        assert new_invoices.insert_new_invoices(session, team_id="T1", source="generic", now=NOW, invoices=[]) == set()
        stored = new_invoices.insert_new_invoices(session, team_id="T1", source="generic", now=NOW, invoices=[
            (acme, "A-1", astuple_state(PAID)), (other, "A-1", astuple_state(CREDIT)), (acme, "A-2", astuple_state(PAID))])
        # twice in one transaction: the second batch is judged on its own (and against the first)
        again = new_invoices.insert_new_invoices(session, team_id="T1", source="generic", now=NOW, invoices=[
            (acme, "A-3", astuple_state(OPEN)), (other, "A-1", astuple_state(OPEN))])
    assert stored == {(acme, "A-1")}
    assert again == {(other, "A-1")}
    with sessions() as session:
        rows = {(r.team_id, r.client_id, r.number): r for r in session.scalars(select(Invoice))}
        states = store.stored_invoices(session, team_id="T1", keys=[(acme, "A-1"), (other, "A-1"), (acme, "A-2"),
                                                                     (acme, "A-3")])
    assert {k: v[1] for k, v in states.items()} == {(acme, "A-1"): OPEN, (other, "A-1"): CREDIT, (acme, "A-2"): PAID,
                                                    (acme, "A-3"): OPEN}
    assert rows[("T1", acme, "A-1")].source == "xero"  # untouched
    assert rows[("T1", acme, "A-2")].source == "generic" and rows[("T1", acme, "A-2")].created_at == NOW
    assert len(rows) == 5


def test_insert_new_after_a_rolled_back_batch(both_databases):
    sessions = both_databases
    with sessions.begin() as session:
        acme = add_client(session, team_id="T1", name="Acme").id
    with pytest.raises(RuntimeError), sessions.begin() as session:
        new_invoices.insert_new_invoices(session, team_id="T1", source="generic", now=NOW, invoices=[(acme, "A-1", astuple_state(OPEN))])
        raise RuntimeError("the batch fails after the insert")
    with sessions.begin() as session:
        assert new_invoices.insert_new_invoices(session, team_id="T1", source="generic", now=NOW,
                                         invoices=[(acme, "A-1", astuple_state(PAID)), (acme, "A-2", astuple_state(OPEN))]) == set()
    with sessions() as session:
        states = store.stored_invoices(session, team_id="T1", keys=[(acme, "A-1"), (acme, "A-2")])
    assert {k: v[1] for k, v in states.items()} == {(acme, "A-1"): PAID, (acme, "A-2"): OPEN}
