"""Bulk inserts of new invoices: awkward values survive the hand-built COPY text and executemany rows, a COPY
sent in pieces stores what one sent at once does, and an abandoned one stores nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from storage import invoices as store
from storage import new_invoices
from storage.clients import add_client
from storage.invoice_encoding import COLUMNS
from storage.invoices import astuple_state
from tests.storage.test_invoices_store import CREDIT, NOW, OPEN, PAID, both_databases  # noqa: F401

AWKWARD_NUMBERS = ["A\tB", "back\\slash", "line\nbreak", "cr\rhere", "\\N", "€-42 «ß»", "'quoted\"", " x "]
AWKWARD_STATES = [OPEN, PAID, CREDIT, replace(OPEN, amount=Decimal("1E+2"), paid_amount=Decimal("-0.00")),
                  replace(PAID, amount=Decimal("999999999999.99"), paid_amount=Decimal("0.01"), issued_on=date(1, 1, 1))]


def test_columns_follow_the_state_columns():
    assert COLUMNS[6:] == tuple(store.STATE_COLUMNS.values())


@pytest.mark.parametrize("piece", [1, 3, 1000])
def test_awkward_values_are_stored_as_given_in_any_pieces(both_databases, piece):  # noqa: F811
    sessions = both_databases
    with sessions.begin() as session:
        acme = add_client(session, team_id="T1", name="Acme").id
        store.add_invoices(session, team_id="T1", source="xero", now=NOW, invoices=[(acme, "stored", OPEN)])
    wanted = {(acme, number): AWKWARD_STATES[i % len(AWKWARD_STATES)] for i, number in enumerate(AWKWARD_NUMBERS)}
    with sessions.begin() as session:
        insert = new_invoices.start_new_invoices(session, team_id="T1", source="gen\teric", now=NOW, invoices=[
            (client, number, astuple_state(state)) for (client, number), state in wanted.items()] + [
            (acme, "stored", astuple_state(PAID))])
        for _ in range(len(wanted)):
            insert.send(piece)
        insert.finish()
    assert insert.stored == {(acme, "stored")}
    with sessions() as session:
        stored = store.stored_invoices(session, team_id="T1", keys=[*wanted, (acme, "stored")])
    assert {key: state for key, (_, state) in stored.items()} == {**wanted, (acme, "stored"): OPEN}


def test_an_abandoned_insert_stores_nothing_and_the_next_batch_goes_in(both_databases):  # noqa: F811
    sessions = both_databases
    with sessions.begin() as session:
        acme = add_client(session, team_id="T1", name="Acme").id
    with sessions() as session:
        session.begin()
        insert = new_invoices.start_new_invoices(session, team_id="T1", source="generic", now=NOW,
                                                 invoices=[(acme, "A-1", astuple_state(OPEN))])
        insert.abandon()
        session.rollback()
    with sessions.begin() as session:
        assert new_invoices.insert_new_invoices(session, team_id="T1", source="generic", now=NOW,
                                                invoices=[(acme, "A-2", astuple_state(PAID))]) == set()
    with sessions() as session:
        stored = store.stored_invoices(session, team_id="T1", keys=[(acme, "A-1"), (acme, "A-2")])
    assert {key: state for key, (_, state) in stored.items()} == {(acme, "A-2"): PAID}
