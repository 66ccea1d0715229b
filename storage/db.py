"""Engines and session factories for SQLite and PostgreSQL from one code path."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
READ_ONLY = "redflag_read_only"
SQLITE_DEFAULT_CHECKPOINT = 1000  # pages: SQLite's own wal_autocheckpoint
BULK_CHECKPOINT = 10_000  # pages (40 MB) of WAL between checkpoints while a bulk insert writes
_BULK = "redflag_bulk_checkpoints"  # in a pooled connection's info: its checkpoints are spaced out
# What the database not answering looks like (server down, connection dropped, pool exhausted).
UNAVAILABLE: tuple[type[Exception], ...] = (OperationalError, InterfaceError, PoolTimeout)


def normalise_url(url: str) -> str:
    """Accept the `postgres://` and `postgresql://` spellings platforms hand out; use psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def make_engine(url: str, **kwargs: object) -> Engine:
    """An engine for `url`. SQLite gets WAL, a busy timeout and foreign keys."""
    url = normalise_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            **kwargs,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        event.listen(engine, "checkin", _sqlite_usual_checkpoints)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # Let SQLAlchemy, not pysqlite, decide when transactions begin (see _sqlite_begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_immediate(connection) -> None:  # type: ignore[no-untyped-def]
    # BEGIN IMMEDIATE takes the write lock up front, so two writers wait on the busy
    # timeout instead of failing with "database is locked" when a read lock upgrades.
    # Sessions from read_session_factory only read: a plain BEGIN lets them run side by side.
    reading = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def bulk_checkpoints(connection: Connection) -> None:
    """SQLite, during a bulk insert: checkpoint the WAL every BULK_CHECKPOINT pages on this connection rather
    than at nearly every commit. Undone when the connection goes back to the pool."""
    connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT}").close()
    connection.connection.info[_BULK] = True


def _sqlite_usual_checkpoints(dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
    if record.info.pop(_BULK, False):
        dbapi_connection.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_DEFAULT_CHECKPOINT}").close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def read_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for hot read paths (opening a modal, the type-ahead). On SQLite they do not take the
    write lock, so they never queue behind writers; elsewhere they are ordinary sessions."""
    return sessionmaker(bind=engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)


def ping(engine: Engine) -> bool:
    """True when the database answers a trivial query."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not healthy"; /healthz reports it
        return False
