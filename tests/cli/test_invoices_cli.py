"""`redflag invoices import` on fixture exports of all three formats: summary, per-line errors, exit code, idempotence."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal

import pytest
from freezegun import freeze_time

from bot.cli import main
from bot.sandbox.fake_slack import TEAM_ID
from tests.invoice_helpers import FIXTURES, SAMPLES, client_names, invoices, seed_directory

EXPORT_DAY = "2025-03-31 10:00:00"  # 12:00 in Rome


@pytest.fixture(autouse=True)
def environment(monkeypatch, database_url, engine, session_factory, tmp_path):  # type: ignore[no-untyped-def]
    for name in ("SLACK_BOT_TOKEN", "OWNERS_CHANNEL", "DAYFIRST", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SLACK_TEAM_ID", TEAM_ID)
    monkeypatch.setenv("TIMEZONE", "Europe/Rome")
    monkeypatch.chdir(tmp_path)  # no stray .env
    seed_directory(session_factory, tmp_path)


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["invoices", "import", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@freeze_time(EXPORT_DAY)
def test_xero_export_with_payments_summary_errors_and_exit_code(capsys, session_factory):
    code, out, err = run(capsys, FIXTURES / "xero_invoices.csv", "--dayfirst", "--payments", SAMPLES / "payments_xero.csv")
    assert code == 1
    assert "invoices (xero export): 19 new, 0 updated, 0 unchanged, 4 failed (2 lines skipped: not invoices)" in out
    assert err.splitlines() == [
        "line 20: no client “Nuova Pasticceria Rossi” in the directory",
        "line 26: due date: “31/02/2025” is not a date",
        "line 27: amount: “twelve” is not an amount",
        "line 28: the client name is empty",
    ]
    assert "not in the client directory" in out and "  Nuova Pasticceria Rossi (1 line)" in out
    assert "payments: 12 gave a payment day, 0 changed nothing, 0 failed" in out
    stored = invoices(session_factory)
    assert len(stored) == 19
    bellavista = stored[("Hotel Bellavista", "INV-0130")]  # two line items, one invoice
    assert (bellavista.amount, bellavista.paid_amount, bellavista.last_payment_on, bellavista.paid_on) == (
        Decimal("2434.00"), Decimal("1200.00"), date(2025, 3, 10), None)
    acme = stored[("Acme Logistics S.r.l.", "INV-0140")]  # "Acme Logistics Srl" in Xero
    assert (acme.paid_on, acme.paid_approximate, acme.due_on) == (date(2025, 3, 3), False, date(2025, 1, 31))
    assert stored[("Studio Legale Conti", "INV-0142")].paid_on == date(2025, 3, 28)  # "Studio Legale Cont": a typo
    credit = stored[("Boulangerie Lefèvre SARL", "CN-0007")]
    assert credit.amount == Decimal("-45.00")
    no_payment_line = stored[("Bianchi Costruzioni S.p.A.", "INV-0143")]
    assert (no_payment_line.paid_on, no_payment_line.paid_approximate, no_payment_line.paid_after) == (
        date(2025, 3, 31), True, None)
    assert ("Ferramenta Esposito", "INV-0120") not in stored and ("Pizzeria Da Gino", "INV-0170") not in stored


@freeze_time(EXPORT_DAY)
def test_the_same_export_twice_changes_nothing(capsys, session_factory):
    args = (FIXTURES / "xero_invoices.csv", "--dayfirst", "--payments", SAMPLES / "payments_xero.csv")
    run(capsys, *args)
    before = {k: (v.id, v.amount, v.paid_amount, v.paid_on, v.updated_at) for k, v in invoices(session_factory).items()}
    code, out, _ = run(capsys, *args)
    assert code == 1  # the same bad lines fail again
    assert "19 unchanged" in out and "0 new, 0 updated" in out
    assert "payments: 0 gave a payment day, 12 changed nothing" in out
    after = {k: (v.id, v.amount, v.paid_amount, v.paid_on, v.updated_at) for k, v in invoices(session_factory).items()}
    assert after == before


def test_an_updated_export_updates_by_client_and_number_and_deletes_nothing(capsys, session_factory):
    with freeze_time("2025-03-01 09:00:00"):
        code, out, _ = run(capsys, FIXTURES / "generic_semicolon_dayfirst.csv", "--dayfirst")
        assert "6 new, 0 updated, 0 unchanged, 5 failed" in out
    with freeze_time("2025-04-01 09:00:00"):
        code, out, err = run(capsys, FIXTURES / "generic_a_month_later.csv")
    assert (code, err) == (0, "")
    assert "invoices (generic export): 1 new, 2 updated, 3 unchanged, 0 failed" in out
    stored = invoices(session_factory)
    paid = stored[("Acme Logistics S.r.l.", "FT-2025-002")]
    assert (paid.paid_on, paid.paid_approximate, paid.disputed) == (date(2025, 3, 25), False, True)
    assert stored[("Van Dijk Transport B.V.", "FT-2025-005")].amount == Decimal("1243.56")
    assert ("Ferramenta Esposito", "NC-2025-001") in stored  # not in the newer file, still stored
    assert len(stored) == 7


@freeze_time(EXPORT_DAY)
def test_semicolons_decimal_commas_bom_and_dayfirst_from_the_setting(capsys, session_factory, monkeypatch):
    monkeypatch.setenv("DAYFIRST", "true")
    code, out, err = run(capsys, FIXTURES / "generic_semicolon_dayfirst.csv")
    assert code == 1
    assert "6 new, 0 updated, 0 unchanged, 5 failed" in out
    assert err.splitlines() == [
        "line 7: the due date Jan 14, 2025 is before the issue date Jan 15, 2025",
        "line 8: currency “CHF €” is not a 3-letter code such as EUR",
        "line 9: issue date: “32/01/2025” is not a date",
        "line 11: the amount paid €300 is more than the amount €290",
        "line 12: disputed: “forse” is not yes or no",
    ]
    stored = invoices(session_factory)
    first = stored[("Acme Logistics S.r.l.", "FT-2025-001")]
    assert (first.issued_on, first.due_on, first.amount, first.paid_on) == (
        date(2025, 1, 2), date(2025, 2, 1), Decimal("4200.00"), date(2025, 2, 20))
    symbol = stored[("Acme Logistics S.r.l.", "FT-2025-002")]  # "ACME LOGISTICS SRL", "4.200,00 €", "sì"
    assert (symbol.currency, symbol.disputed, symbol.paid_on) == ("EUR", True, None)
    partial = stored[("Bianchi Costruzioni S.p.A.", "FT-2025-003")]
    assert (partial.paid_amount, partial.paid_on, partial.last_payment_on) == (Decimal("1475.00"), None, date(2025, 3, 1))
    assert stored[("Van Dijk Transport B.V.", "FT-2025-005")].amount == Decimal("1234.56")


@freeze_time(EXPORT_DAY)
def test_windows_1252_month_first(capsys, session_factory):
    code, out, err = run(capsys, FIXTURES / "generic_windows1252.csv")
    assert (code, err) == (0, "")
    assert "3 new" in out
    stored = invoices(session_factory)
    lefevre = stored[("Boulangerie Lefèvre SARL", "F-1001")]
    assert (lefevre.amount, lefevre.currency, lefevre.due_on) == (Decimal("380.00"), "EUR", date(2025, 2, 14))
    assert stored[("Cabinet Dubois Expertise", "F-1002")].disputed is True  # "oui"


@freeze_time(EXPORT_DAY)
def test_quickbooks_invoice_list_with_title_and_footer_lines(capsys, session_factory):
    code, out, err = run(capsys, FIXTURES / "quickbooks_invoice_list.csv", "--currency", "eur")
    assert code == 1
    assert "invoices (quickbooks export): 8 new, 0 updated, 0 unchanged, 3 failed (3 lines skipped: not invoices)" in out
    assert err.splitlines() == [
        "line 15: due date: “03/40/2025” is not a date",
        "line 16: amount: “fifty-five” is not an amount",
        "line 17: the invoice number is empty",
    ]
    stored = invoices(session_factory)
    sorriso = stored[("Clinica Dentale Sorriso", "1045")]
    assert (sorriso.amount, sorriso.paid_amount, sorriso.currency, sorriso.due_on) == (
        Decimal("1850.00"), Decimal("925.00"), "EUR", date(2025, 3, 17))
    assert stored[("Clinica Dentale Sorriso", "CM-12")].amount == Decimal("-150.00")


def test_samples_in_the_repo_import_cleanly(capsys, tmp_path):
    for name, extra in (("invoices_generic.csv", ()), ("invoices_quickbooks.csv", ("--currency", "EUR"))):
        code, out, err = run(capsys, SAMPLES / name, *extra)
        assert (code, err) == (0, ""), (name, out, err)


def test_unmatched_clients_are_created_on_request(capsys, session_factory, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text("client,invoice_number,due_date,amount,currency\nNuova Pasticceria Rossi,P-1,2025-03-31,250,EUR\n"
                    "nuova pasticceria rossi srl,P-2,2025-04-30,250,EUR\n")
    code, out, err = run(capsys, path)
    assert code == 1 and "no client “Nuova Pasticceria Rossi”" in err
    assert "Nuova Pasticceria Rossi" not in client_names(session_factory)
    code, out, err = run(capsys, path, "--create-clients")
    assert (code, err) == (0, "")
    assert "2 new" in out and "clients created: Nuova Pasticceria Rossi" in out
    assert {k for k in invoices(session_factory) if k[0] == "Nuova Pasticceria Rossi"} == {
        ("Nuova Pasticceria Rossi", "P-1"), ("Nuova Pasticceria Rossi", "P-2")}


@pytest.mark.parametrize(("content", "args", "words"), [
    ("name,aliases\nAcme,\n", (), "Cannot tell which export this is; pass --format"),
    ("client,amount\nAcme,1\n", ("--format", "generic"), "A generic export needs the columns client, invoice number, due date, amount"),
    ("", (), "the file is empty"),
])
def test_a_file_that_is_not_an_export_says_so(capsys, tmp_path, content, args, words):
    path = tmp_path / "odd.csv"
    path.write_text(content)
    code, out, err = run(capsys, path, *args)
    assert code == 1 and words in err and "Traceback" not in err


def test_a_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "nope.csv")
    assert (code, err.strip()) == (1, f"redflag: {tmp_path / 'nope.csv'}: no such file")
    code, _, err = run(capsys, SAMPLES / "invoices_generic.csv", "--payments", tmp_path / "pay.csv")
    assert (code, err.strip()) == (1, f"redflag: {tmp_path / 'pay.csv'}: no such file")


@freeze_time(EXPORT_DAY)
def test_facts_command_prints_aging_and_lateness(capsys, session_factory):
    run(capsys, FIXTURES / "xero_invoices.csv", "--dayfirst", "--payments", SAMPLES / "payments_xero.csv")
    assert main(["invoices", "facts"]) == 0
    out = capsys.readouterr().out
    acme = out[out.index("Acme Logistics S.r.l.\n"):].split("\n\n")[0]
    assert "open: €8,400; past due: €4,200" in acme  # INV-0153 31 days past due, INV-0166 due today
    assert "aging (EUR): current €4,200  31–60 days €4,200" in acme
    # paid 3, 8, 5 and 31 days late, 33, 37, 35 and 61 days after issue; INV-0153 open 31 days past due
    assert "paid invoices: 4; on time 0%; average 41.5 days to pay, 11.8 days late (by amount: 11.7 (EUR))" in acme
    assert "late in the last 12 months: 5; disputed: 0" in acme
    assert "trend (last 90 days vs the 90 before): 5.3 → 31 days (+25.7 days)" in acme


def test_copy_of_a_fixture_keeps_its_bytes(tmp_path):
    # The fixtures are the contract: BOM and encodings must reach the importer untouched.
    copy = tmp_path / "copy.csv"
    shutil.copy(FIXTURES / "generic_semicolon_dayfirst.csv", copy)
    assert copy.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "è".encode("cp1252") in (FIXTURES / "generic_windows1252.csv").read_bytes()
