"""Fresh, migrated databases for the benchmarks: SQLite files in a temporary directory, and
PostgreSQL's `test_bench` database on 127.0.0.1:5432 (created when missing, emptied per run), or the
one REDFLAG_BENCH_DATABASE_URL names.

Never the `test` database: CI and the test suite use that one.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.db import make_engine
from storage.migrate import upgrade

PG_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH = os.environ.get("REDFLAG_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test_bench")
PG_NAME = make_url(PG_BENCH).database
DATABASES = ("sqlite", "postgres")


@dataclass
class Databases:
    """Hands out empty databases with the schema at all migration heads."""

    directory: Path
    _serial: itertools.count = field(default_factory=lambda: itertools.count(1))

    def fresh(self, kind: str, label: str) -> str:
        """The SQLAlchemy URL of an empty, migrated database of `kind` ("sqlite" or "postgres")."""
        if kind == "sqlite":
            path = self.directory / f"{next(self._serial):02d}-{label}.sqlite3"
            for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                stale.unlink(missing_ok=True)  # a --dir used before
            url = f"sqlite:///{path}"
        elif kind == "postgres":
            url = PG_BENCH
            _create_pg_database()
            _empty_pg_schema(url)
        else:
            raise ValueError(f"unknown database {kind!r}: expected one of {', '.join(DATABASES)}")
        upgrade(url)
        return url


def _create_pg_database() -> None:
    with psycopg.connect(PG_SERVER, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_NAME,)).fetchone() is None:
            connection.execute(f"CREATE DATABASE {PG_NAME}")


def _empty_pg_schema(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    finally:
        engine.dispose()


def postgres_available() -> str | None:
    """None when PostgreSQL answers at 127.0.0.1:5432, else why not."""
    try:
        with psycopg.connect(PG_SERVER, connect_timeout=3):
            return None
    except psycopg.OperationalError as error:
        return f"PostgreSQL not reachable at 127.0.0.1:5432 ({str(error).strip().splitlines()[0]})"
