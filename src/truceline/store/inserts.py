"""Writing many rows of one table at once, the fastest way each database takes them.

A rebuild writes a million rows or more at 100,000 articles. Through
SQLAlchemy's ``executemany`` each row's values go through the column types'
processors and, on PostgreSQL, many rows share one ``INSERT ... VALUES``
statement that the server still parses and plans batch by batch. PostgreSQL's
``COPY ... FROM STDIN`` streams the rows to the server in its own format
without a statement per batch; SQLite has nothing faster than ``executemany``
of one prepared statement, which is what it gets, with the values stored as
SQLAlchemy's types store them but without its per-row processing. Both run inside the
caller's transaction, so a reader still sees the old rows or the new ones.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Integer, String, Table, insert

from truceline.store.tables import Payload, Rows

COPY_FROM_ROWS = 1000
"""Below this many rows PostgreSQL gets an ``INSERT`` as well: COPY's set-up costs more."""
BATCH = 20_000
"""Rows per ``executemany``: bounds the memory of the parameters built at once."""


class JsonText(str):
    """A payload already written as JSON text (as a store holds it): stored as it is.

    Copying a store reads its payloads as text; parsing each into Python
    objects only to write it back as the same text was most of a copy's time.
    """


def insert_rows(
    conn: Connection, table: type[Rows] | Table, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Write ``rows`` (dicts with the same keys, named as the columns) into ``table``."""
    if not rows:
        return
    target = table if isinstance(table, Table) else table.__table__
    if conn.dialect.name == "postgresql" and len(rows) >= COPY_FROM_ROWS:
        _copy(conn, target, rows)
        return
    names = list(rows[0])
    converters = [_sqlite_value(target.c[name].type) for name in names]
    if conn.dialect.name == "sqlite" and all(converters):
        _executemany(conn, target, names, converters, rows)  # type: ignore[arg-type]
        return
    statement = insert(target)
    it = iter(rows)
    while chunk := list(islice(it, BATCH)):
        conn.execute(statement, [_as_objects(row) for row in chunk])


def _sqlite_value(kind: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite types store a Python value, for the types derived rows use
    (None: a type not written here, which goes through SQLAlchemy)."""
    if isinstance(kind, Payload):
        return _json_text
    if isinstance(kind, Boolean):
        return _as_int
    if isinstance(kind, Date) and not isinstance(kind, DateTime):
        return _iso_date
    if isinstance(kind, Integer | String):  # Text is a String
        return _same
    return None


def _executemany(
    conn: Connection,
    table: Table,
    names: list[str],
    converters: list[Callable[[Any], Any]],
    rows: Sequence[Mapping[str, Any]],
) -> None:
    """One prepared ``INSERT`` for every row, values stored as SQLAlchemy's types would.

    SQLAlchemy's ``executemany`` builds each row's parameters through the
    compiled statement and the types' processors: a third of the write of a
    large rebuild, for values that need at most a JSON dump or an ISO date.
    """
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'
    pairs = list(zip(names, converters, strict=True))
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, (tuple(f(row[n]) for n, f in pairs) for row in rows))
    finally:
        cursor.close()


def _json_text(value: Any) -> str | None:
    if value is None or isinstance(value, JsonText):
        return value
    return json.dumps(value)


def _as_objects(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """A row as SQLAlchemy's types take it: a :class:`JsonText` payload parsed back."""
    if not any(isinstance(value, JsonText) for value in row.values()):
        return row
    return {k: json.loads(v) if isinstance(v, JsonText) else v for k, v in row.items()}


def _as_int(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _iso_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _same(value: Any) -> Any:
    return value


def _copy(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """``COPY table (columns) FROM STDIN`` on the connection's own transaction."""
    names = list(rows[0])
    as_json = [isinstance(table.c[name].type, Payload) for name in names]
    columns = ", ".join(f'"{name}"' for name in names)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(
                    [
                        _json_text(row[name]) if is_json else row[name]
                        for name, is_json in zip(names, as_json, strict=True)
                    ]
                )
    finally:
        cursor.close()
