"""Fast bulk writes that bypass the app: sqlite3 `executemany`, PostgreSQL `COPY`.

Used to generate the benchmark data and, in `invoice_import`, as the bare insert the
product's import is compared with.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import JSON, Engine, Table

CHUNK = 10_000


def copy_rows(engine: Engine, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write DBAPI-ready rows in one transaction: executemany in chunks (SQLite) or one COPY (PostgreSQL)."""
    count = 0
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        if engine.dialect.name == "postgresql":
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            cursor.execute("BEGIN")
            statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            iterator = iter(rows)
            while chunk := list(itertools.islice(iterator, CHUNK)):
                cursor.executemany(statement, chunk)
                count += len(chunk)
        connection.commit()
    finally:
        connection.close()
    return count


def insert_values(engine: Engine, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    """Write rows of Python values (dates, Decimals, aware datetimes, lists for JSON), converted as the
    models' column types would; every row has the first row's keys. Given ids keep PostgreSQL's
    sequence past them."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    columns = [table.c[name] for name in first]
    names = list(first)
    if engine.dialect.name == "postgresql":
        convert = [(lambda v: None if v is None else json.dumps(v)) if isinstance(c.type, JSON) else None
                   for c in columns]
    else:
        convert = [c.type.bind_processor(engine.dialect) for c in columns]
    converted = (tuple(f(row[n]) if f else row[n] for f, n in zip(convert, names))
                 for row in itertools.chain([first], iterator))
    count = copy_rows(engine, table.name, names, converted)
    if engine.dialect.name == "postgresql" and "id" in names:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), (SELECT max(id) FROM {table.name}))")
    return count

