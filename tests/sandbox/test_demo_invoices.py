"""`redflag demo` imports the sample Xero export and prints the lateness facts and the alerts it produced."""

from __future__ import annotations

import io
from datetime import date

from bot.sandbox.demo import STEPS, demo_world, seed_directory
from bot.sandbox.demo_invoices import EXPORT_DAY, SAMPLES, dated_copy, import_invoices


def test_the_demo_imports_the_sample_export_and_prints_facts_and_alerts(tmp_path):
    assert import_invoices in STEPS
    out = io.StringIO()
    with demo_world(tmp_path / "demo", out) as world:
        seed_directory(world)
        import_invoices(world)
    text = out.getvalue().split("Payment lateness:")[1]
    first, again = text.split("The same export imported again")
    assert "invoices: 19 new, 0 updated, 0 unchanged, 1 failed (2 lines skipped: not invoices)" in first
    assert "not in the directory: Nuova Pasticceria Rossi (1 line)" in first
    assert "payments: 12 gave a payment day" in first and "alerts: 5 new posted to the owners' channel" in first
    assert "💸 Payment alert: Maison Girard Immobilier\n• Invoice INV-0090: €5,900.01 open, 101 days past due" in first
    assert "• Paying later: 31 days late on average over the last 90 days, against 5.3 in the 90 days before" in first
    assert "invoices: 0 new, 0 updated, 19 unchanged" in again and "alerts: 0 new posted" in again
    assert "owners' channel: 4 payment alert messages in all, 0 new" in again
    facts = again.split("Lateness facts on")[1]
    assert "Acme Logistics S.r.l.\n  open: €8,400; past due: €4,200" in facts
    assert "trend (last 90 days vs the 90 before): 5.3 → 31 days (+25.7 days)" in facts
    assert "Van Dijk Transport B.V." in facts and "on time 100%" in facts


def test_the_sample_dates_move_to_today(tmp_path):
    copy = dated_copy(SAMPLES / "payments_xero.csv", tmp_path / "payments.csv", date(2026, 1, 31))
    first_sample = (SAMPLES / "payments_xero.csv").read_text().splitlines()[1]
    first_copy = copy.read_text().splitlines()[1]
    assert first_sample.startswith("03/11/2024,") and EXPORT_DAY == date(2025, 3, 31)
    assert first_copy.startswith("05/09/2025,")  # 306 days later, like the export day
    assert first_copy.split(",")[1:] == first_sample.split(",")[1:]
