"""Importing invoices: a CSV export (`redflag invoices import`) or JSON rows (POST /webhooks/invoices).

Streaming and batched: rows are parsed one by one and written in batches of
`BATCH`, one transaction each, so memory stays flat and a bad row never undoes
good ones. A batch is first inserted as new invoices, skipping those already
stored, which are then looked up and merged (updated); once most of a batch was
already stored, the next ones are looked up first instead (a re-import). On
PostgreSQL a batch's new invoices go to the database a piece at a time while
the next batch is read (storage.new_invoices), so the server inserts while
Python parses; the batch is committed once the next one is full.
Invoices are keyed by (team, client, number): the same export twice changes
nothing, a newer export updates, and nothing is deleted for missing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bot.domain.invoice_rows import InvoiceFormat, InvoiceRow, Skip, column_map, detect_format, missing_columns
from bot.domain.invoice_state import from_row, state_values
from bot.domain.row_parsers import RowParser, row_parser
from bot.errors import UserError
from bot.flows.client_names import ClientNames
from bot.flows.csv_source import CsvRow, RowError, read_csv, reason
from bot.i18n import N_, Msg, Translator
from storage import invoices as store
from storage import new_invoices
from storage.new_invoices import InsertInFlight

SessionFactory = sessionmaker[Session]
BATCH = 5000
SEND_EVERY = 250  # lines read, between two pieces of the batch before's COPY (as many lines)
ERRORS_KEPT = 1000
Key = tuple[int, str]


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # lines that are not invoices: drafts, payments, report totals
    failed: int = 0
    errors: list[RowError] = field(default_factory=list)  # the first ERRORS_KEPT of them
    unmatched: dict[str, int] = field(default_factory=dict)  # client name → rows, names not in the directory
    created_clients: list[str] = field(default_factory=list)
    clients: set[int] = field(default_factory=set)  # ids of the clients whose invoices were imported

    def fail(self, line: int, why: Msg | str) -> None:
        self.failed += 1
        if len(self.errors) < ERRORS_KEPT:
            self.errors.append(RowError(line, why))

    def line(self, t: Translator) -> str:
        """"3 new, 1 updated, 0 unchanged, 2 failed (1 line skipped: not an invoice)" in `t`'s language."""
        counts = {"new": self.new, "updated": self.updated, "unchanged": self.unchanged, "failed": self.failed}
        if not self.skipped:
            return t.gettext("{new} new, {updated} updated, {unchanged} unchanged, {failed} failed", **counts)
        return t.ngettext("{new} new, {updated} updated, {unchanged} unchanged, {failed} failed ({n} line skipped: "
                          "not an invoice)", "{new} new, {updated} updated, {unchanged} unchanged, {failed} failed "
                          "({n} lines skipped: not invoices)", self.skipped, **counts)


@dataclass
class _InFlight:
    """A batch whose transaction is open: its new invoices still being sent (PostgreSQL's COPY)."""

    session: Session
    batch: dict[Key, InvoiceRow]
    insert: InsertInFlight | None  # None: the batch is merged line by line


@dataclass
class _Run:
    sessions: SessionFactory
    team_id: str
    source: str
    today: date
    now: datetime
    names: ClientNames
    summary: ImportSummary = field(default_factory=ImportSummary)
    batch: dict[Key, InvoiceRow] = field(default_factory=dict)
    in_flight: _InFlight | None = None  # the batch before this one, written while this one is read
    written: int = 0
    next_statistics: int = BATCH  # refresh the planner's statistics each time the rows written double
    mostly_new: bool = True  # the last batch was: insert first, then merge what was already stored

    def add(self, key: Key, row: InvoiceRow, batch_size: int) -> None:
        if key in self.batch:  # the same invoice again: apply the earlier line first, then this one over it
            self.flush()
        self.batch[key] = row
        if len(self.batch) >= batch_size:
            self.flush()
        elif not len(self.batch) % SEND_EVERY and self.in_flight is not None and self.in_flight.insert is not None:
            self.in_flight.insert.send(SEND_EVERY)

    def flush(self) -> None:
        """Finish the batch in flight; start writing this one (finished at once unless a COPY is sent)."""
        self.settle()
        if not self.batch:
            return
        batch, self.batch = self.batch, {}
        session = self.sessions()
        try:
            session.begin()
            insert = self._insert_new(session, batch) if self.mostly_new else None
        except BaseException:
            session.close()
            raise
        self.in_flight = _InFlight(session, batch, insert)
        if insert is None or insert.done:
            self.settle()

    def settle(self) -> None:
        """The batch in flight, if any: the rest of its new invoices, the merge of the others, its commit."""
        in_flight, self.in_flight = self.in_flight, None
        if in_flight is None:
            return
        insert = in_flight.insert
        with in_flight.session as session:
            try:
                if insert is not None:
                    insert.finish()
                rest = {key: row for key, row in in_flight.batch.items() if row.voided or key in insert.stored} \
                    if insert is not None else in_flight.batch
                new = self._merge(session, rest, whole=insert is None)
                session.commit()
            except BaseException:
                if insert is not None:
                    insert.abandon()  # a COPY cut short is ended before the rollback
                raise
        self.written += new
        if self.written >= self.next_statistics:
            with self.sessions.begin() as session:
                store.refresh_statistics(session)
            self.next_statistics = 2 * self.written

    def keep_in_flight(self) -> None:
        """After an error while reading: the batch in flight had none of its own, so it is stored, as it was
        before its writing overlapped the reading. If storing it fails too, settle() has rolled it back, and
        the first error is the one the caller raises."""
        with contextlib.suppress(Exception):
            self.settle()

    def finish(self) -> None:
        self.flush()
        self.settle()

    def _insert_new(self, session: Session, batch: dict[Key, InvoiceRow]) -> InsertInFlight:
        """Start inserting the batch's invoices that are not stored yet, as new (not the voided lines)."""
        fresh = [(key[0], key[1], state_values(row, None, today=self.today)) for key, row in batch.items()
                 if not row.voided]
        insert = new_invoices.start_new_invoices(session, team_id=self.team_id, source=self.source, now=self.now,
                                                 invoices=fresh)
        self.summary.new += len(fresh) - len(insert.stored)
        self.written += len(fresh) - len(insert.stored)
        self.mostly_new = 2 * len(insert.stored) <= len(fresh)
        return insert

    def _merge(self, session: Session, batch: dict[Key, InvoiceRow], *, whole: bool) -> int:
        """Apply lines over what is stored (inserting those that are not); the number of new invoices."""
        new, changed = [], []
        stored = store.stored_invoices(session, team_id=self.team_id, keys=batch.keys())
        for key, row in batch.items():
            before = stored.get(key)
            if before is None and row.voided:
                self.summary.skipped += 1
                continue
            state = from_row(row, before[1] if before else None, today=self.today)
            if before is None:
                new.append((key[0], key[1], state))
                self.summary.new += 1
                continue
            if state != before[1]:
                changed.append((before[0], state))
            if before[1].same_facts(state):
                self.summary.unchanged += 1
            else:
                self.summary.updated += 1
        store.add_invoices(session, team_id=self.team_id, source=self.source, now=self.now, invoices=new)
        store.update_invoices(session, now=self.now, invoices=changed)
        if whole:
            self.mostly_new = 2 * len(new) >= len(batch)
        return len(new)


def import_invoice_rows(
    sessions: SessionFactory,
    headers: list[str],
    rows: Iterable[CsvRow],
    *,
    team_id: str,
    fmt: InvoiceFormat,
    today: date,
    now: datetime,
    dayfirst: bool = False,
    currency: str | None = None,
    create_clients: bool = False,
    source: str | None = None,
    batch_size: int = BATCH,
) -> ImportSummary:
    """Import parsed-as-text rows in format `fmt`. Each bad row is reported; good rows are kept."""
    columns = column_map(headers, fmt)
    names = ClientNames.load(sessions, team_id=team_id, create=create_clients)
    run = _Run(sessions, team_id, source or fmt.value, today, now, names)
    parse = row_parser(columns, fmt, dayfirst=dayfirst, currency=currency)
    continuation = _line_items(columns) if fmt is InvoiceFormat.XERO else None
    try:
        _read(run, rows, parse, continuation, batch_size)
    except BaseException:
        run.keep_in_flight()
        raise
    run.summary.created_clients = names.created
    return run.summary


def _read(run: _Run, rows: Iterable[CsvRow], parse: RowParser, continuation: Callable[[dict[str, str]], bool] | None,
          batch_size: int) -> None:
    for row in rows:
        if row.problem:
            run.summary.fail(row.line, row.problem)
            continue
        if continuation is not None and continuation(row.values):
            continue
        try:
            parsed = parse(row.values)
        except ValueError as error:
            run.summary.fail(row.line, reason(error))
            continue
        if isinstance(parsed, Skip):
            run.summary.skipped += 1
            continue
        client_id = run.names.resolve(parsed.client)
        if client_id is None:
            run.summary.unmatched[parsed.client] = run.summary.unmatched.get(parsed.client, 0) + 1
            run.summary.fail(row.line, N_("no client “{client}” in the directory", client=parsed.client))
            continue
        run.summary.clients.add(client_id)
        run.add((client_id, parsed.number), parsed, batch_size)
    run.finish()


def _line_items(columns: dict[str, str]) -> Callable[[dict[str, str]], bool]:
    """Xero writes one line per invoice line item, the invoice's totals repeated: keep the first of each run."""
    previous: list[tuple[str, str]] = []

    def repeats(values: dict[str, str]) -> bool:
        key = (values.get(columns["client"], ""), values.get(columns["number"], ""))
        same = bool(previous) and previous[0] == key and bool(key[1])
        previous[:] = [key]
        return same

    return repeats


def open_invoice_file(
    path: Path, *, fmt: InvoiceFormat | None = None, progress: Callable[[int, int], None] | None = None
) -> tuple[InvoiceFormat, list[str], Iterable[CsvRow]]:
    """(format, headers, rows) of an export; the format is told from the header when not given."""
    def is_header(cells: list[str]) -> bool:
        return (detect_format(cells) if fmt is None else (None if missing_columns(cells, fmt) else fmt)) is not None

    if not path.is_file():
        raise UserError(N_("{path}: no such file", path=str(path)))
    try:
        headers, rows = read_csv(path, find_header=is_header, progress=progress)
    except ValueError as error:
        if fmt is not None:
            raise UserError(N_("{problem}. A {format} export needs the columns {columns}", problem=reason(error),
                               format=fmt.value, columns=", ".join(_required_names(fmt)))) from None
        raise UserError(N_("{problem}. Cannot tell which export this is; pass --format quickbooks, xero or generic "
                           "(see the README for each format's columns)", problem=reason(error))) from None
    return fmt or detect_format(headers) or InvoiceFormat.GENERIC, headers, rows


def _required_names(fmt: InvoiceFormat) -> list[str]:
    return missing_columns([], fmt)
