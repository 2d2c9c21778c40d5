"""Copying a whole store into an empty PostgreSQL one: when an archive outgrows one machine.

Every table is copied row for row, ids included, so that story event ids,
``show N`` and every link read the same in the copy. The rows go through the
store's one bulk writer (:func:`~truceline.store.inserts.insert_rows`, ``COPY``
on PostgreSQL) in large chunks, and the copy is loaded the way PostgreSQL's
manual says a bulk load should be ("Populating a Database"):

* the secondary indexes (the full-text GIN indexes above all) and the foreign
  keys are dropped first and made again at the end, so that each index is
  built once from sorted rows and each foreign key checked by one join,
  rather than both kept up row by row;
* ``maintenance_work_mem`` is raised for the transaction, which index builds
  use to sort;
* the tables are vacuumed and analyzed after (``VACUUM (ANALYZE)``): the
  planner otherwise plans every report over tables it believes empty, and
  until a vacuum marks the new pages all-visible an index-only scan (a
  ``count(*)``, a page of ids) still visits every row's page.

All of it runs in one transaction: a copy cut short leaves an empty store,
never one that looks whole; the dropped indexes and keys come back with the
rollback. The primary keys and unique constraints stay: they are what the
ids are checked against.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, Integer, Table, Text, func, select, text, type_coerce

from truceline.store.errors import StoreError
from truceline.store.inserts import JsonText, insert_rows
from truceline.store.migrate import current_revision
from truceline.store.tables import ArticleRow, Payload, metadata

CHUNK = 100_000
"""Rows read from the source and written by one ``COPY``: large enough that a
statement's set-up is nothing beside its rows, small enough to bound memory."""

MAINTENANCE_WORK_MEM = "512MB"
"""Memory each index build may sort in, for the copy's transaction only."""


@dataclass
class CopyReport:
    """What a copy wrote, and where its time went (seconds)."""

    rows: dict[str, int] = field(default_factory=dict)
    load_seconds: float = 0.0
    index_seconds: float = 0.0
    vacuum_seconds: float = 0.0

    @property
    def seconds(self) -> float:
        return round(self.load_seconds + self.index_seconds + self.vacuum_seconds, 1)


def copy_store(
    source: Engine, target: Engine, log: Callable[[str], object] = lambda _: None
) -> CopyReport:
    """Copy every row of the store at ``source`` into the empty, migrated store at ``target``.

    ``target`` must be PostgreSQL (a SQLite store is copied as a file) at the
    same schema revision as ``source``, and hold no article.
    """
    if target.dialect.name != "postgresql":
        raise StoreError("a store is copied into PostgreSQL only; copy a SQLite store's file")
    report = CopyReport()
    with source.connect() as src, target.begin() as dst:
        _check_copyable(src, dst)
        dst.execute(text(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'"))
        # The store writes UTC; SQLite gives its times back without a zone, which
        # PostgreSQL would otherwise read in the server's own.
        dst.execute(text("SET LOCAL TimeZone = 'UTC'"))
        remake = _drop_deferrable(dst)
        start = time.perf_counter()
        for table in metadata.sorted_tables:
            report.rows[table.name] = _copy_table(src, dst, table)
            log(f"copied {table.name}: {report.rows[table.name]:,} rows")
        report.load_seconds = round(time.perf_counter() - start, 1)
        start = time.perf_counter()
        for statement in remake:
            dst.execute(text(statement))
        report.index_seconds = round(time.perf_counter() - start, 1)
        log(f"indexes and foreign keys made again in {report.index_seconds:.0f} s")
    start = time.perf_counter()
    with target.connect() as dst:
        dst.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM (ANALYZE)"))
    report.vacuum_seconds = round(time.perf_counter() - start, 1)
    return report


def _check_copyable(src: Connection, dst: Connection) -> None:
    """Same schema on both sides (the rows are copied column for column), nothing in the target."""
    have, want = current_revision(src), current_revision(dst)
    if have != want:
        raise StoreError(
            f"the source store is at schema {have} and the target at {want}: "
            "open both for writing with this truceline first, which migrates them"
        )
    held = dst.execute(select(func.count()).select_from(ArticleRow)).scalar_one()
    if held:
        raise StoreError(f"the target store holds {held:,} articles: copy into an empty store")


def _drop_deferrable(conn: Connection) -> list[str]:
    """Drop the foreign keys and the indexes that back no constraint; the DDL to make them."""
    keys = conn.execute(
        text(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' "
            "AND connamespace = current_schema()::regnamespace ORDER BY conname"
        )
    ).all()
    indexes = conn.execute(
        text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND NOT EXISTS ("
            "  SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname"
            "  AND c.connamespace = current_schema()::regnamespace) ORDER BY i.indexname"
        )
    ).all()
    drops = [f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"' for table, name, _ in keys]
    drops += [f'DROP INDEX "{name}"' for name, _ in indexes]
    creates = [definition for _, definition in indexes]
    creates += [f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {d}' for table, name, d in keys]
    for statement in drops:
        conn.execute(text(statement))
    return creates


def _copy_table(src: Connection, dst: Connection, table: Table) -> int:
    """Copy one table's rows, its payloads as the JSON text the source holds."""
    payloads = [c.name for c in table.c if isinstance(c.type, Payload)]
    columns = [type_coerce(c, Text).label(c.name) if c.name in payloads else c for c in table.c]
    rows = src.execution_options(yield_per=CHUNK).execute(select(*columns))
    copied = 0
    for part in rows.partitions():
        found = [row._asdict() for row in part]
        for row in found if payloads else []:
            for name in payloads:
                if row[name] is not None:
                    row[name] = JsonText(row[name])
        insert_rows(dst, table, found)
        copied += len(part)
    _advance_ids(dst, table)
    return copied


def _advance_ids(conn: Connection, table: Table) -> None:
    """Move a serial id's sequence past the copied ids, so that the store can add to them."""
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not isinstance(keys[0].type, Integer) or keys[0].autoincrement is False:
        return
    name = keys[0].name
    conn.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{name}'), "
            f'coalesce(max("{name}"), 0) + 1, false) FROM "{table.name}"'
        )
    )
