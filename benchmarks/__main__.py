"""`python -m benchmarks`: run the benchmarks and print the product beside its baselines.

Progress goes to stderr, the table to stdout. Targets are reported, never asserted: the exit
status is 1 only when a benchmark could not run end to end (CI's smoke test relies on that).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks import ack, digest, invoice_import
from benchmarks.child import ROOT
from benchmarks.databases import DATABASES, Databases, postgres_available
from benchmarks.sizes import SIZES, Size
from benchmarks.table import Line, missed, render

BENCHMARKS = ("ack", "digest", "import")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="full",
                        help="full: issue 6's sizes (several minutes); small: a smoke test (CI)")
    parser.add_argument("--only", type=_names, default=list(BENCHMARKS), metavar="ack,digest,import",
                        help="which benchmarks to run (default: all)")
    parser.add_argument("--database", choices=("both", *DATABASES), default="both",
                        help="where to run: both (PostgreSQL is skipped with a note when not reachable), "
                             "sqlite, or postgres (database test_bench on 127.0.0.1:5432, or REDFLAG_BENCH_DATABASE_URL)")
    parser.add_argument("--dir", type=Path, help="keep the databases, CSV files and server logs here "
                                                 "(default: a temporary directory, removed afterwards)")
    return parser


def _names(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown benchmark(s) {', '.join(unknown) or '(none)'}: "
                                         f"choose from {', '.join(BENCHMARKS)}")
    return names


def _databases(choice: str) -> tuple[list[str], list[Line]]:
    kinds = list(DATABASES) if choice == "both" else [choice]
    if "postgres" not in kinds or (why := postgres_available()) is None:
        return kinds, []
    if choice == "postgres":
        raise SystemExit(why)
    return ["sqlite"], [Line("(all)", "PostgreSQL", None, note=f"skipped: {why}")]


def _runners(databases: Databases, kinds: list[str], size: Size,
             log: Callable[[str], None]) -> dict[str, Callable[[], list[Line]]]:
    return {
        "ack": lambda: [line for kind in kinds for line in ack.run(databases, kind, size, log)],
        "digest": lambda: digest.run(databases, kinds, size, log),
        "import": lambda: invoice_import.run(databases, kinds, size, log),
    }


def _revision() -> str:
    """The commit measured, and whether the working tree differs from it."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    return commit + (" + uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    size = SIZES[args.size]
    kinds, lines = _databases(args.database)
    began = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - began:6.1f}s] {message}", file=sys.stderr, flush=True)

    failed = False
    with tempfile.TemporaryDirectory(prefix="redflag-bench-") as scratch:
        directory = args.dir or Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        runners = _runners(Databases(directory), kinds, size, log)
        for name in args.only:
            try:
                lines += runners[name]()
            except Exception as error:  # noqa: BLE001 - reported in the table, and the exit status says so
                traceback.print_exc()
                lines.append(Line(name, "ran end to end", None, note=f"FAILED: {type(error).__name__}: {error}"[:160]))
                failed = True
    print(f"Redflag benchmarks, size {size.name}, {date.today().isoformat()}, {_revision()}, "
          f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, "
          f"{time.monotonic() - began:.0f} s\n")
    print(render(lines))
    if misses := missed(lines):
        print(f"\n{len(misses)} target(s) missed: " + "; ".join(f"{m.benchmark} {m.measure}" for m in misses))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
