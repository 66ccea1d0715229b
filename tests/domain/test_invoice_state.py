"""What an import does to a stored invoice, and how payment days stay honest (exact, or approximate with bounds)."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date
from decimal import Decimal

import pytest

from bot.domain.invoice_rows import InvoiceRow
from bot.domain.invoice_state import InvoiceState, from_row, state_values, with_payment

DUE = date(2025, 3, 31)


def line(paid: str | None = None, paid_on: date | None = None, disputed: bool | None = None) -> InvoiceRow:
    return InvoiceRow("Acme", "INV-1", DUE, Decimal("100.00"), "EUR", date(2025, 3, 1),
                      None if paid is None else Decimal(paid), paid_on, disputed)


def test_a_new_open_invoice_remembers_the_import_that_saw_it_open():
    state = from_row(line(), None, today=date(2025, 4, 5))
    assert (state.paid_amount, state.paid_on, state.open_seen_on, state.disputed) == (Decimal(0), None, date(2025, 4, 5), False)


def test_paid_seen_between_two_imports_gets_an_approximate_day_with_both_bounds():
    open_ = from_row(line(), None, today=date(2025, 4, 5))
    again = from_row(line(), open_, today=date(2025, 4, 12))
    assert again.open_seen_on == date(2025, 4, 12) and again.same_facts(open_) and again != open_
    paid = from_row(line("100.00"), again, today=date(2025, 4, 19))
    assert (paid.paid_on, paid.paid_after, paid.approximate) == (date(2025, 4, 19), date(2025, 4, 12), True)
    later = from_row(line("100.00"), paid, today=date(2025, 5, 1))
    assert later == paid  # the first import that showed it paid stays its day


def test_paid_when_first_seen_has_no_lower_bound():
    state = from_row(line("100.00"), None, today=date(2025, 4, 19))
    assert (state.paid_on, state.paid_after, state.approximate) == (date(2025, 4, 19), None, True)


def test_a_paid_date_in_the_file_is_exact_and_wins():
    approximate = from_row(line("100.00"), None, today=date(2025, 4, 19))
    exact = from_row(line("100.00", paid_on=date(2025, 4, 2)), approximate, today=date(2025, 4, 20))
    assert (exact.paid_amount, exact.paid_on, exact.paid_after, exact.approximate) == (Decimal("100.00"), date(2025, 4, 2), None, False)


def test_a_payments_export_makes_the_day_exact_unless_the_payment_predates_an_open_sighting():
    open_ = from_row(line(), None, today=date(2025, 4, 5))
    paid = from_row(line("100.00"), open_, today=date(2025, 4, 19))
    exact = with_payment(paid, date(2025, 4, 9))
    assert (exact.paid_on, exact.approximate, exact.paid_after) == (date(2025, 4, 9), False, None)
    assert with_payment(exact, date(2025, 4, 9)) == exact  # the same file twice changes nothing
    stale = with_payment(paid, date(2025, 4, 1))  # before the import that still showed it open: a partial payment
    assert (stale.paid_on, stale.approximate, stale.last_payment_on) == (date(2025, 4, 19), True, date(2025, 4, 1))


def test_a_payment_recorded_before_the_invoice_shows_paid_is_used_when_it_does():
    open_ = from_row(line(), None, today=date(2025, 4, 5))
    partial_seen = with_payment(open_, date(2025, 4, 8))  # still open: only the day is remembered
    assert partial_seen.paid_on is None and partial_seen.last_payment_on == date(2025, 4, 8)
    paid = from_row(line("100.00"), partial_seen, today=date(2025, 4, 19))
    assert (paid.paid_on, paid.approximate) == (date(2025, 4, 8), False)


def test_disputed_is_kept_when_the_export_has_no_such_column():
    disputed = from_row(line(disputed=True), None, today=date(2025, 4, 5))
    assert from_row(line(), disputed, today=date(2025, 4, 6)).disputed is True
    assert from_row(line(disputed=False), disputed, today=date(2025, 4, 6)).disputed is False


def test_state_turns_into_a_lateness_invoice():
    state = InvoiceState("EUR", Decimal("100.00"), DUE, paid_amount=Decimal("40.00"))
    invoice = state.lateness_invoice(3, "INV-9")
    assert (invoice.client_id, invoice.number, invoice.open_amount) == (3, "INV-9", Decimal("60.00"))


@pytest.mark.parametrize("row", [line(), line("100.00"), line("40.00"), line(None, date(2025, 3, 20)),
                                 line("100.00", date(2025, 3, 20), True), line("0", None, False),
                                 InvoiceRow("Acme", "CN-1", DUE, Decimal("-50.00"), "EUR", None, Decimal("-50.00")),
                                 InvoiceRow("Acme", "V-1", DUE, Decimal("10.00"), "EUR", voided=True)])
@pytest.mark.parametrize("stored", [None, "open", "paid approximately", "paid exactly"])
def test_state_values_are_from_rows_state_in_field_order(row: InvoiceRow, stored: str | None):
    before = {None: None, "open": from_row(line(), None, today=date(2025, 4, 1)),
              "paid approximately": from_row(line("100.00"), from_row(line(), None, today=date(2025, 4, 1)),
                                             today=date(2025, 4, 8)),
              "paid exactly": from_row(line("100.00", date(2025, 4, 2), True), None, today=date(2025, 4, 8))}[stored]
    values = state_values(row, before, today=date(2025, 4, 15))
    assert values == astuple(from_row(row, before, today=date(2025, 4, 15)))
