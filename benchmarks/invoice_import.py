"""Benchmark 3: importing a generic-format invoice CSV, beside a bare bulk insert of the same rows.

The product: `bot.flows.invoice_import.open_invoice_file` + `import_invoice_rows`, as
`redflag invoices import FILE` runs them (client matching, validation, idempotent upsert in
batches). The bare insert: `csv.reader` over the same file, a dict from client name to id, and
sqlite3 `executemany` / PostgreSQL `COPY` of the rows as they are. Memory is measured at the
full size and at a quarter of it: a flat import's peak does not grow with the file.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timezone
from pathlib import Path
from time import perf_counter
from typing import Any

from sqlalchemy import text

from benchmarks import data
from benchmarks.bulk import copy_rows
from benchmarks.child import measure
from benchmarks.databases import Databases
from benchmarks.product import unavailable
from benchmarks.sizes import Size
from benchmarks.table import Line
from bot.sandbox.fake_slack import TEAM_ID
from storage.db import make_engine

TARGET_RATE, TARGET_GROWTH = 0.5, 1.1
COLUMNS = ("team_id", "client_id", "number", "issued_on", "due_on", "amount", "currency", "paid_on", "paid_amount",
           "last_payment_on", "open_seen_on", "paid_approximate", "disputed", "voided", "source", "created_at",
           "updated_at")


def _stored(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM invoices")).scalar_one())


def import_file(url: str, path: str, team_id: str) -> dict[str, Any]:
    """In a child: the product's import of the file; rows per second."""
    from bot.flows.invoice_import import import_invoice_rows, open_invoice_file
    from storage.db import make_session_factory

    sessions = make_session_factory(make_engine(url))
    now = datetime.now(timezone.utc)
    started = perf_counter()
    fmt, headers, rows = open_invoice_file(Path(path))
    summary = import_invoice_rows(sessions, headers, rows, team_id=team_id, fmt=fmt, today=now.date(), now=now)
    seconds = perf_counter() - started
    return {"seconds": seconds, "new": summary.new, "failed": summary.failed, "stored": _stored(url),
            "first_error": summary.errors[0].message if summary.errors else None}


def bare_insert(url: str, path: str, team_id: str) -> dict[str, Any]:
    """In a child: csv.reader + client lookup + executemany/COPY of the same rows, nothing else."""
    engine = make_engine(url)
    with engine.connect() as connection:
        ids = dict(connection.execute(text("SELECT name, id FROM clients WHERE team_id = :t"), {"t": team_id}).all())
    now: Any = datetime.now(timezone.utc)
    today = now.date().isoformat()
    if engine.dialect.name == "sqlite":
        now = now.replace(tzinfo=None).isoformat(sep=" ")
    started = perf_counter()
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = ((team_id, ids[client], number, issued or None, due, amount, currency, paid or None,
                 amount if paid else "0", paid or None, None if paid else today, False, disputed == "yes", False,
                 "generic", now, now)
                for client, number, issued, due, amount, currency, paid, _paid_amount, disputed in reader)
        count = copy_rows(engine, "invoices", COLUMNS, rows)
    return {"seconds": perf_counter() - started, "new": count, "failed": 0, "stored": _stored(url)}


def _checked(result: dict[str, Any], rows: int, what: str) -> dict[str, Any]:
    if result["new"] != rows or result["failed"] or result["stored"] != rows:
        raise RuntimeError(f"{what}: expected {rows:,} new rows stored, got {result}")
    return result


def run(databases: Databases, kinds: list[str], size: Size, log: Any) -> list[Line]:
    lines: list[Line] = []
    missing = unavailable("bot.flows.invoice_import", "open_invoice_file", "import_invoice_rows")
    if missing:
        return [Line(f"import ({kind})", "rows per second", None, note=missing) for kind in kinds]
    rows, quarter, today = size.import_rows, size.import_rows // 4, date.today()
    names = [data.client_name(i) for i in range(size.clients)]
    log(f"import: writing CSV files of {rows:,} and {quarter:,} invoices")
    full_csv = data.write_invoice_csv(databases.directory / "invoices-full.csv", rows, names, today=today)
    quarter_csv = data.write_invoice_csv(databases.directory / "invoices-quarter.csv", quarter, names, today=today)
    for kind in kinds:
        name = f"import ({kind})"
        results = {}
        for label, path, count, target in (("product", full_csv, rows, "import_file"),
                                           ("product, quarter", quarter_csv, quarter, "import_file"),
                                           ("bare", full_csv, rows, "bare_insert")):
            url = databases.fresh(kind, "import")
            engine = make_engine(url)
            data.add_clients(engine, size.clients)
            engine.dispose()
            log(f"{name}: {label}: {count:,} rows")
            results[label] = _checked(measure(f"benchmarks.invoice_import:{target}", url=url, path=str(path),
                                              team_id=TEAM_ID), count, f"{name} {label}")
        product, bare, small = results["product"], results["bare"], results["product, quarter"]
        lines += [
            Line(name, f"rows per second ({rows:,} rows)", rows / product["seconds"], rows / bare["seconds"],
                 f"≥ {TARGET_RATE:g}× bare", lambda _v, ratio: ratio is not None and ratio >= TARGET_RATE),
            Line(name, f"peak RSS, MB: {rows:,} vs {quarter:,} rows", product["peak_rss_mb"], small["peak_rss_mb"],
                 f"≤ {TARGET_GROWTH:g}× (flat)", lambda _v, ratio: ratio is not None and ratio <= TARGET_GROWTH),
            Line(name, "peak RSS, MB: product vs bare", product["peak_rss_mb"], bare["peak_rss_mb"]),
        ]
    return lines
