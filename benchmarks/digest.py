"""Benchmark 2: building one weekly digest over a big directory, beside a plain aggregate scan.

The product: `bot.flows.digest.render_week` (builds the message and chart, sends nothing) for
the most recent digest slot. The floor: three GROUP BY scans of the same tables in the same
database (clients; red flags per client and severity; invoices per client and currency).
Each runs in its own child process (see child.py), so its peak RSS is its own.
"""

from __future__ import annotations

from datetime import date
from time import perf_counter
from typing import Any

from sqlalchemy import text

from benchmarks import data
from benchmarks.child import measure
from benchmarks.databases import Databases
from benchmarks.product import unavailable
from benchmarks.sizes import Size
from benchmarks.table import Line
from bot.sandbox.fake_slack import TEAM_ID
from storage.db import make_engine

TARGET_RATIO, TARGET_RSS_MB = 2.0, 300.0
FLOOR = (
    "SELECT id, name, mrr, currency FROM clients WHERE team_id = :team",
    "SELECT client_id, severity, count(*), max(occurred_on) FROM reports WHERE team_id = :team "
    "GROUP BY client_id, severity",
    "SELECT client_id, currency, count(*), sum(amount), sum(paid_amount) FROM invoices WHERE team_id = :team "
    "GROUP BY client_id, currency",
)


def build_digest(url: str, team_id: str) -> dict[str, Any]:
    """In a child: build the latest slot's digest once; its time and what it holds."""
    import bot.charts  # noqa: F401 - imports are not part of building a digest
    from bot.deps import Deps
    from bot.domain.schedule import latest_slot
    from bot.flows.digest import render_week, weekly_slot
    from bot.settings import Settings
    from storage.db import make_session_factory

    settings = Settings(_env_file=None, database_url=url, slack_team_id=team_id, timezone="Europe/Rome")
    engine = make_engine(url)
    deps = Deps(settings=settings, engine=engine, session_factory=make_session_factory(engine))
    now = deps.now()
    week, _ = latest_slot(weekly_slot(settings), now)
    started = perf_counter()
    rendered = render_week(deps, team_id=team_id, week=week, now=now)
    seconds = perf_counter() - started
    return {"seconds": seconds, "week": week, "blocks": len(rendered.blocks), "watch": len(rendered.digest.watch),
            "new_reports": len(rendered.digest.new_reports), "chart_bytes": len(rendered.chart or b"")}


def scan_floor(url: str, team_id: str) -> dict[str, Any]:
    """In a child: the plain aggregate scan of the same tables, all rows fetched."""
    engine = make_engine(url)
    started = perf_counter()
    with engine.connect() as connection:
        rows = sum(len(connection.execute(text(query), {"team": team_id}).all()) for query in FLOOR)
    return {"seconds": perf_counter() - started, "rows": rows}


def prepare(databases: Databases, kind: str, size: Size) -> str:
    url = databases.fresh(kind, "digest")
    engine = make_engine(url)
    try:
        data.add_clients(engine, size.clients)
        data.add_red_flags(engine, size.red_flags, size.clients)
        data.add_invoices(engine, size.invoices, size.clients, today=date.today())
        if engine.dialect.name == "postgresql":
            with engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
        else:
            with engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()
    return url


def run(databases: Databases, kinds: list[str], size: Size, log: Any) -> list[Line]:
    lines: list[Line] = []
    missing = unavailable("bot.flows.digest", "render_week", "weekly_slot")
    for kind in kinds:
        name = f"digest ({kind})"
        if missing:
            lines.append(Line(name, "build one digest, s", None, note=missing))
            continue
        log(f"{name}: generating {size.clients:,} clients, {size.red_flags:,} red flags, {size.invoices:,} invoices")
        url = prepare(databases, kind, size)
        log(f"{name}: floor scan, then the digest, each in a fresh process")
        floor = measure("benchmarks.digest:scan_floor", url=url, team_id=TEAM_ID)
        built = measure("benchmarks.digest:build_digest", url=url, team_id=TEAM_ID)
        log(f"{name}: week {built['week']}: {built['new_reports']} new red flags, {built['watch']} on the watch list, "
            f"{built['blocks']} blocks, chart {built['chart_bytes']:,} bytes; floor fetched {floor['rows']:,} rows")
        lines += [
            Line(name, "build one digest, s", built["seconds"], floor["seconds"], f"≤ {TARGET_RATIO:g}× floor",
                 lambda _v, ratio: ratio is not None and ratio <= TARGET_RATIO),
            Line(name, "peak RSS, MB", built["peak_rss_mb"], floor["peak_rss_mb"], f"< {TARGET_RSS_MB:g} MB",
                 lambda value, _r: value < TARGET_RSS_MB),
        ]
    return lines


