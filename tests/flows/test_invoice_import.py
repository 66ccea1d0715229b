"""The import engine: batches, repeated lines, approximate payment days across imports, payments exports,
client-name matching, and memory that does not grow with the file."""

from __future__ import annotations

import io
import tracemalloc
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from bot.cli.progress import ProgressBar
from bot.domain.invoice_rows import InvoiceFormat
from bot.flows.client_names import ClientNames
from bot.flows.csv_source import CsvError, read_csv
from bot.flows.invoice_import import import_invoice_rows, open_invoice_file
from bot.flows.payment_import import import_payment_file
from bot.sandbox.fake_slack import TEAM_ID
from storage.clients import add_client
from storage.models.invoices import Invoice
from storage import new_invoices
from storage.new_invoices import InsertInFlight
from tests.invoice_helpers import FIXTURES, invoices, seed_directory

NOW = datetime(2025, 4, 1, 9, 0, tzinfo=timezone.utc)
XERO_HEADER = "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,InvoiceAmountPaid,InvoiceAmountDue,Description,Currency,Type,Status\n"


@pytest.fixture(autouse=True)
def directory(session_factory, tmp_path):  # type: ignore[no-untyped-def]
    seed_directory(session_factory, tmp_path)


def import_file(sessions, path: Path, *, today: date = date(2025, 4, 1), batch_size: int = 1000, **options):  # type: ignore[no-untyped-def]
    fmt, headers, rows = open_invoice_file(path)
    return import_invoice_rows(sessions, headers, rows, team_id=TEAM_ID, fmt=fmt, today=today, now=NOW,
                               batch_size=batch_size, **options)


def write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_xero_line_items_across_a_batch_boundary_and_a_repeated_invoice(session_factory, tmp_path):
    path = write(tmp_path, XERO_HEADER + "\n".join([
        "Acme Logistics Srl,INV-1,01/03/2025,31/03/2025,300.00,0.00,300.00,line 1,EUR,Sales invoice,Awaiting Payment",
        "Acme Logistics Srl,INV-1,01/03/2025,31/03/2025,300.00,0.00,300.00,line 2,EUR,Sales invoice,Awaiting Payment",
        "Acme Logistics Srl,INV-1,01/03/2025,31/03/2025,300.00,0.00,300.00,line 3,EUR,Sales invoice,Awaiting Payment",
        "Van Dijk Transport B.V.,INV-2,01/03/2025,31/03/2025,50.00,0.00,50.00,line 1,EUR,Sales invoice,Awaiting Payment",
        "Hotel Bellavista,INV-3,01/03/2025,31/03/2025,70.00,0.00,70.00,line 1,EUR,Sales invoice,Awaiting Payment",
        # the same invoice again further down, paid meanwhile: the later line wins
        "Acme Logistics Srl,INV-1,01/03/2025,31/03/2025,300.00,300.00,0.00,line 1,EUR,Sales invoice,Paid",
    ]) + "\n")
    summary = import_file(session_factory, path, batch_size=2, dayfirst=True)
    assert (summary.new, summary.updated, summary.unchanged, summary.failed) == (3, 1, 0, 0)
    stored = invoices(session_factory)
    assert len(stored) == 3
    assert stored[("Acme Logistics S.r.l.", "INV-1")].paid_amount == Decimal("300.00")


def test_approximate_payment_day_between_two_weekly_imports(session_factory, tmp_path):
    line = "Hotel Bellavista,INV-7,01/03/2025,31/03/2025,500.00,{paid},{due},Support,EUR,Sales invoice,{status}\n"
    open_ = write(tmp_path, XERO_HEADER + line.format(paid="0.00", due="500.00", status="Awaiting Payment"), "week1.csv")
    paid = write(tmp_path, XERO_HEADER + line.format(paid="500.00", due="0.00", status="Paid"), "week2.csv")
    import_file(session_factory, open_, today=date(2025, 4, 4), dayfirst=True)
    import_file(session_factory, open_, today=date(2025, 4, 7), dayfirst=True)
    summary = import_file(session_factory, paid, today=date(2025, 4, 14), dayfirst=True)
    assert summary.updated == 1
    invoice = invoices(session_factory)[("Hotel Bellavista", "INV-7")]
    assert (invoice.paid_on, invoice.paid_after, invoice.paid_approximate) == (date(2025, 4, 14), date(2025, 4, 7), True)
    assert import_file(session_factory, paid, today=date(2025, 4, 21), dayfirst=True).unchanged == 1
    assert invoices(session_factory)[("Hotel Bellavista", "INV-7")].paid_on == date(2025, 4, 14)


@pytest.mark.parametrize("batch_size", [1, 2, 3, 1000])
def test_new_changed_and_unchanged_lines_mixed_across_batches(session_factory, tmp_path, batch_size):
    header = "client,invoice_number,due_date,amount,currency,amount_paid\n"
    first = write(tmp_path, header + "".join(f"Acme Logistics Srl,M-{n},2025-03-31,100.00,EUR,0\n" for n in range(4)),
                  "first.csv")
    assert import_file(session_factory, first, batch_size=batch_size).new == 4
    # stored ones first (the batches turn to looking up before inserting), then new ones (and back)
    lines = ["Acme Logistics Srl,M-0,2025-03-31,100.00,EUR,0", "Acme Logistics Srl,M-1,2025-03-31,100.00,EUR,100.00",
             "Acme Logistics Srl,M-2,2025-03-31,100.00,EUR,0", "Acme Logistics Srl,M-3,2025-03-31,100.00,EUR,40.00",
             "Van Dijk Transport B.V.,M-0,2025-03-31,5.00,EUR,0", "Acme Logistics Srl,N-1,2025-03-31,7.00,EUR,0",
             "Acme Logistics Srl,N-2,2025-03-31,8.00,EUR,8.00", "Acme Logistics Srl,M-1,2025-03-31,100.00,EUR,100.00",
             "Acme Logistics Srl,N-3,2025-03-31,9.00,EUR,0"]
    summary = import_file(session_factory, write(tmp_path, header + "\n".join(lines) + "\n", "second.csv"),
                          batch_size=batch_size)
    assert (summary.new, summary.updated, summary.unchanged, summary.failed) == (4, 2, 3, 0)
    stored = invoices(session_factory)
    assert len(stored) == 8
    assert stored[("Acme Logistics S.r.l.", "M-1")].paid_on == date(2025, 4, 1)
    assert stored[("Acme Logistics S.r.l.", "M-3")].paid_amount == Decimal("40.00")
    assert stored[("Van Dijk Transport B.V.", "M-0")].amount == Decimal("5.00")
    assert stored[("Acme Logistics S.r.l.", "N-2")].paid_approximate
    again = import_file(session_factory, write(tmp_path, header + "\n".join(lines) + "\n", "third.csv"),
                        batch_size=batch_size)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 9)


def test_payments_export_errors_are_per_line(session_factory, tmp_path):
    with session_factory.begin() as session:  # two clients with an invoice numbered 7
        add_client(session, team_id=TEAM_ID, name="Studio Sette")
    generic = write(tmp_path, "client,invoice_number,due_date,amount,currency,amount_paid\n"
                              "Tipografia Galli,7,2025-03-01,100,EUR,100\nStudio Sette,7,2025-03-01,90,EUR,90\n"
                              "Hotel Bellavista,8,2025-03-01,80,EUR,80\n")
    assert import_file(session_factory, generic).new == 3
    payments = write(tmp_path, "Payment Date;Invoice No;Customer;Amount\n"
                               "03/03/2025;7;Tipografia Galli;100,00\n"  # exact
                               "05/03/2025;7;;90,00\n"  # ambiguous without a customer
                               "06/03/2025;9;;10,00\n"  # no such invoice
                               "07/03/2025;8;Nobody;80,00\n"  # unknown customer
                               "31/02/2025;8;Hotel Bellavista;80,00\n"  # bad date
                               "08/03/2025;8;Hotel Bellavista;80,00\n", "payments.csv")
    summary = import_payment_file(session_factory, payments, team_id=TEAM_ID, now=NOW, dayfirst=True)
    assert (summary.updated, summary.unchanged, summary.failed) == (2, 0, 4)
    assert [(e.line, e.message) for e in summary.errors] == [
        (3, "invoice number 7 belongs to 2 clients; add a contact column to tell them apart"),
        (4, "no invoice 9 has been imported; import the invoices first"),
        (5, "no client “Nobody” in the directory"),
        (6, "payment date: “31/02/2025” is not a date"),
    ]
    stored = invoices(session_factory)
    assert (stored[("Tipografia Galli", "7")].paid_on, stored[("Tipografia Galli", "7")].paid_approximate) == (date(2025, 3, 3), False)
    assert stored[("Studio Sette", "7")].paid_approximate is True
    assert stored[("Hotel Bellavista", "8")].paid_on == date(2025, 3, 8)


def test_client_names_match_like_redflag_does(session_factory):
    names = ClientNames.load(session_factory, team_id=TEAM_ID)
    acme = names.resolve("Acme Logistics S.r.l.")
    assert acme is not None
    assert names.resolve("ACME LOGISTICS SRL") == acme  # case and legal suffix
    assert names.resolve("ACME Log") == acme  # an alias
    assert names.resolve("Acme Logistcs") == acme  # a typo
    assert names.resolve("Boulangerie Lefevre") == names.resolve("Boulangerie Lefèvre SARL")  # accents
    assert names.resolve("Acme Logistics Group") is None  # more than a typo away
    assert names.resolve("De") is None  # a prefix is not a name
    assert names.resolve("Zzz Unknown Ltd") is None


def test_a_typo_close_to_two_clients_is_not_guessed(session_factory):
    with session_factory.begin() as session:
        add_client(session, team_id=TEAM_ID, name="Studio Rossi")
        add_client(session, team_id=TEAM_ID, name="Studio Rosso")
    names = ClientNames.load(session_factory, team_id=TEAM_ID)
    assert names.resolve("Studio Rossa") is None
    assert names.resolve("Studio Rossi") is not None


def test_the_header_is_found_below_title_lines_and_progress_is_reported(tmp_path):
    seen: list[tuple[int, int]] = []
    headers, rows = read_csv(FIXTURES / "quickbooks_invoice_list.csv", find_header=lambda cells: "open balance" in cells,
                             progress=lambda done, total: seen.append((done, total)))
    lines = [row.line for row in rows]
    assert headers[:3] == ["date", "transaction type", "no."] and lines[0] == 6
    size = (FIXTURES / "quickbooks_invoice_list.csv").stat().st_size
    assert seen and seen[-1] == (size, size)
    with pytest.raises(CsvError, match="no header line with the expected columns in the first 20 lines"):
        read_csv(FIXTURES / "quickbooks_invoice_list.csv", find_header=lambda cells: "nothing" in cells)


def test_windows_1252_bytes_past_the_sampled_start_are_read_as_such(tmp_path):
    path = tmp_path / "late.csv"
    path.write_bytes(b"client,amount\n" + b"Acme,1\n" * 20_000 + "Lefèvre,2\n".encode("cp1252"))
    _, rows = read_csv(path)
    assert list(rows)[-1].values["client"] == "Lefèvre"


def test_the_progress_bar_shows_only_for_work_that_takes_a_moment():
    clock = iter([0.0, 0.1, 0.5, 1.5, 1.6, 3.0]).__next__
    quick, slow = io.StringIO(), io.StringIO()
    bar = ProgressBar("importing x.csv", stream=quick, clock=lambda: 0.0)
    bar.update(10, 10)
    bar.finish()
    assert quick.getvalue() == ""
    bar = ProgressBar("importing big.csv", stream=slow, clock=clock)
    for done in (1_000_000, 2_000_000, 5_000_000, 6_000_000, 10_000_000):
        bar.update(done, 10_000_000)
    bar.finish()
    shown = slow.getvalue()
    assert shown.count("\r") == 2 and shown.endswith("\n")
    assert "importing big.csv [###############...............]  50%" in shown and "100%" in shown


def _generic_file(path: Path, rows: int, prefix: str) -> Path:
    clients = ["Acme Logistics S.r.l.", "Van Dijk Transport B.V.", "Hotel Bellavista", "Tipografia Galli"]
    with path.open("w", encoding="utf-8") as handle:
        handle.write("client,invoice_number,issue_date,due_date,amount,currency,paid_date\n")
        for n in range(rows):
            handle.write(f"{clients[n % 4]},{prefix}-{n},2025-01-01,2025-01-31,{n % 997}.50,EUR,{'2025-02-03' if n % 3 else ''}\n")
    return path


def test_memory_does_not_grow_with_the_file(session_factory, tmp_path):
    peaks = []
    for rows in (1_500, 6_000):
        path = _generic_file(tmp_path / f"{rows}.csv", rows, prefix=str(rows))
        tracemalloc.start()
        summary = import_file(session_factory, path, batch_size=500)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert summary.new == rows
    assert peaks[1] < peaks[0] * 1.5, peaks  # four times the rows, about the same peak


AWKWARD = ["Acme Logistics Srl,P-1,2025-03-31,100.00,EUR,0", "Acme Logistics Srl,P-2,2025-03-31,-50.00,EUR,-50.00",
           "Nobody Known,P-3,2025-03-31,5.00,EUR,0", "Acme Logistics Srl,P-4,not a day,5.00,EUR,0",
           "Van Dijk Transport B.V.,P-1,2025-03-31,7.00,EUR,7.00", "Acme Logistics Srl,P-1,2025-03-31,100.00,EUR,60",
           "Hotel Bellavista,\"tab\there\",2025-03-31,1.00,EUR,0", "Hotel Bellavista,back\\slash,2025-03-31,2,EUR,",
           "Acme Logistics Srl,P-5,2025-03-31,\"1.234,50\",EUR,0", "Acme Logistics Srl,M-0,2025-03-31,100.00,EUR,100"]


@pytest.mark.parametrize("batch_size", [1, 2, 3, 1000])
def test_sending_a_batch_while_reading_the_next_stores_what_sending_it_at_once_does(session_factory, tmp_path,
                                                                                     monkeypatch, batch_size):
    header = "client,invoice_number,due_date,amount,currency,amount_paid\n"
    stored = write(tmp_path, header + "Acme Logistics Srl,M-0,2025-03-31,100.00,EUR,0\n", "stored.csv")
    path = write(tmp_path, header + "\n".join(AWKWARD * 2) + "\n")
    results = []
    for send_every in (10**9, 1):  # all of a batch's COPY when the next batch is full, or a line per line read
        monkeypatch.setattr("bot.flows.invoice_import.SEND_EVERY", send_every)
        seed = import_file(session_factory, stored, batch_size=batch_size)
        summary = import_file(session_factory, path, batch_size=batch_size)
        rows = {key: (i.amount, i.paid_amount, i.paid_on, i.open_seen_on, i.source)
                for key, i in invoices(session_factory).items()}
        results.append(((seed.new, summary.new, summary.updated, summary.unchanged, summary.failed),
                        [(e.line, e.message) for e in summary.errors], rows))
        with session_factory.begin() as session:
            session.execute(Invoice.__table__.delete())
    assert results[0] == results[1]
    assert results[0][0] == (1, 6, 4, 6, 4)
    assert ("Hotel Bellavista", "tab\there") in results[0][2]


def test_an_error_while_reading_keeps_the_batch_being_written(session_factory, tmp_path, monkeypatch):
    """On PostgreSQL batch 1's COPY is still open while batch 2 is read: a failure there must not undo it."""
    header = "client,invoice_number,due_date,amount,currency\n"
    path = write(tmp_path, header + "".join(f"Acme Logistics Srl,F-{n},2025-03-31,10.00,EUR\n" for n in range(9)))
    monkeypatch.setattr("bot.flows.invoice_import.SEND_EVERY", 1)
    fmt, headers, rows = open_invoice_file(path)

    def failing_on_the_fifth_line():  # type: ignore[no-untyped-def]
        for n, row in enumerate(rows):
            if n == 4:
                raise OSError("the upload was cut off")
            yield row

    with pytest.raises(OSError, match="cut off"):
        import_invoice_rows(session_factory, headers, failing_on_the_fifth_line(), team_id=TEAM_ID, fmt=fmt,
                            today=date(2025, 4, 1), now=NOW, batch_size=3)
    assert sorted(number for _, number in invoices(session_factory)) == ["F-0", "F-1", "F-2"]


def test_a_batch_failing_while_the_next_is_read_keeps_the_batches_before(session_factory, tmp_path, monkeypatch):
    header = "client,invoice_number,due_date,amount,currency\n"
    path = write(tmp_path, header + "".join(f"Acme Logistics Srl,F-{n},2025-03-31,10.00,EUR\n" for n in range(9)))
    monkeypatch.setattr("bot.flows.invoice_import.SEND_EVERY", 1)
    finish, calls = InsertInFlight.finish, []

    def failing(insert: InsertInFlight) -> None:
        calls.append(insert)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        finish(insert)

    monkeypatch.setattr(InsertInFlight, "finish", failing)
    with pytest.raises(RuntimeError, match="went away"):
        import_file(session_factory, path, batch_size=3)
    assert sorted(number for _, number in invoices(session_factory)) == ["F-0", "F-1", "F-2"]
    monkeypatch.setattr(InsertInFlight, "finish", finish)
    assert import_file(session_factory, path, batch_size=3).new == 6


@pytest.mark.parametrize("fails", [False, True])
def test_sqlite_checkpoints_as_usual_again_once_a_batch_is_done(engine, session_factory, tmp_path, monkeypatch, fails):
    """Batches space SQLite's WAL checkpoints out on their connection; the pool gets it back as SQLite sets it."""
    if engine.dialect.name != "sqlite":
        pytest.skip("a SQLite setting")
    real, seen = new_invoices.bulk_checkpoints, []

    def bulk(connection):  # type: ignore[no-untyped-def]
        seen.append(connection.connection.driver_connection)
        real(connection)
        if fails:
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(new_invoices, "bulk_checkpoints", bulk)
    header = "client,invoice_number,due_date,amount,currency\n"
    path = write(tmp_path, header + "".join(f"Acme Logistics Srl,F-{n},2025-03-31,10.00,EUR\n" for n in range(4)))
    if fails:
        with pytest.raises(RuntimeError):
            import_file(session_factory, path, batch_size=2)
    else:
        import_file(session_factory, path, batch_size=2)
    assert seen and all(c.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000 for c in seen)
