"""Copying a SQLite store into an empty PostgreSQL one: the same rows, a store that works on.

The store is built from the test reports (tests/fixtures/store/reports.jsonl)
and rebuilt, so that every layer has rows; the copy must hold each table's
rows exactly (ids included), have every index and foreign key its migrations
make, know its tables' sizes (ANALYZE), and take new articles after it.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, select, text
from typer.testing import CliRunner

from truceline import api
from truceline.cli import app
from truceline.record import ExtractionRecord
from truceline.store import Store, StoreError
from truceline.store.copying import copy_store
from truceline.store.engine import parse_url
from truceline.store.tables import metadata


@pytest.fixture
def new_schema(postgres_url: str) -> Iterator[Any]:
    """Makes an empty PostgreSQL schema per call, as a store URL; all dropped at the end."""
    schemas: list[str] = []

    def make() -> str:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        separator = "&" if "?" in postgres_url else "?"
        return f"{postgres_url}{separator}options=-csearch_path%3D{schema}"

    yield make
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def source(tmp_path: Path, records: dict[str, ExtractionRecord]) -> str:
    """A rebuilt SQLite store of the test reports but the last, which is kept for adding."""
    url = f"sqlite:///{tmp_path / 'source.db'}"
    with Store.open(url, write=True) as store:
        for record in list(records.values())[:-1]:
            store.add(record)
        api.rebuild(store)
    return url


def engine(url: str) -> Engine:
    return create_engine(parse_url(url))


def utc(value: Any) -> Any:
    """A time as the store's readers give it: SQLite keeps UTC times without their zone."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in primary-key order, times in UTC."""
    db = engine(url)
    try:
        with db.connect() as conn:
            return {
                t.name: [
                    tuple(utc(v) for v in r)
                    for r in conn.execute(select(t).order_by(*t.primary_key.columns))
                ]
                for t in metadata.sorted_tables
            }
    finally:
        db.dispose()


def schema_objects(url: str) -> set[tuple[str, str]]:
    """The names of the schema's indexes and constraints, kind by kind."""
    db = engine(url)
    try:
        with db.connect() as conn:
            indexes = conn.execute(
                text(
                    "SELECT 'index', indexname FROM pg_indexes WHERE schemaname = current_schema()"
                )
            ).all()
            constraints = conn.execute(
                text(
                    "SELECT contype::text, conname FROM pg_constraint "
                    "WHERE connamespace = current_schema()::regnamespace"
                )
            ).all()
            return {tuple(r) for r in [*indexes, *constraints]}  # type: ignore[misc]
    finally:
        db.dispose()


def copied(source: str, target: str) -> None:
    with Store.open(target, write=True):
        pass  # created and migrated
    src, dst = engine(source), engine(target)
    try:
        copy_store(src, dst)
    finally:
        src.dispose()
        dst.dispose()


def test_a_copied_store_holds_every_row_of_every_table_with_its_ids(source, new_schema) -> None:
    target = new_schema()
    copied(source, target)
    held, wanted = rows(target), rows(source)
    assert {name: len(r) for name, r in held.items()} == {n: len(r) for n, r in wanted.items()}
    assert sum(len(r) for r in wanted.values()) > 100
    assert held == wanted


def test_a_copied_store_has_every_index_and_foreign_key_its_migrations_make(
    source, new_schema
) -> None:
    fresh, target = new_schema(), new_schema()
    with Store.open(fresh, write=True):
        pass
    copied(source, target)
    made = schema_objects(target)
    assert made == schema_objects(fresh)
    assert ("f", "fk_events_article_id_articles") in made
    assert ("index", "ix_article_versions_words") in made  # the full-text index


def test_a_copied_store_is_vacuumed_and_analyzed_for_the_planner(source, new_schema) -> None:
    target = new_schema()
    copied(source, target)
    db = engine(target)
    try:
        with db.connect() as conn:
            done = conn.execute(
                text(
                    "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                    "AND last_analyze IS NOT NULL AND last_vacuum IS NOT NULL"
                )
            ).scalars()
            assert {"events", "story_events", "articles"} <= set(done)
            # Pages marked all-visible: index-only scans need not visit the rows.
            visible = conn.execute(
                text("SELECT relallvisible FROM pg_class WHERE oid = 'events'::regclass")
            ).scalar_one()
            assert visible > 0
    finally:
        db.dispose()


def test_a_copied_store_answers_as_the_source_and_takes_new_articles(
    source, new_schema, records
) -> None:
    target = new_schema()
    copied(source, target)
    with Store.open(source) as before, Store.open(target, write=True) as after:
        assert after.story_events() == before.story_events()
        assert api.summary(after) == api.summary(before)
        found = after.search("hostages")  # through the full-text index made again
        assert found == before.search("hostages") and found.articles
        newest = max(a.id for a in before.articles())
        after.add(list(records.values())[-1])  # new ids, past the copied ones
        assert max(a.id for a in after.articles()) == newest + 1


def test_a_copy_into_a_store_with_articles_is_refused_and_leaves_it_as_it_was(
    source, new_schema, records
) -> None:
    target = new_schema()
    with Store.open(target, write=True) as store:
        store.add(next(iter(records.values())))
    with pytest.raises(StoreError, match="holds 1 articles"):
        copied(source, target)
    with Store.open(target) as store:
        assert store.counts().articles == 1
        assert store.counts().events >= 1


def test_truceline_store_copy_moves_a_store_that_then_reports_as_before(source, new_schema) -> None:
    target = new_schema()
    runner = CliRunner()
    done = runner.invoke(app, ["store", "copy", "--db", source, "--to", target])
    assert done.exit_code == 0, done.output
    assert re.search(r"^copied \d+ articles \([\d,]+ rows\) into postgresql", done.stdout)
    for report in (["timeline"], ["sources"], ["ledger"], ["positions"]):
        before = runner.invoke(app, [*report, "--db", source])
        after = runner.invoke(app, [*report, "--db", target])
        assert after.exit_code == 0 and after.stdout == before.stdout, report


def test_truceline_store_copy_into_sqlite_is_refused_and_writes_nothing(source, tmp_path) -> None:
    into = tmp_path / "other.db"
    done = CliRunner().invoke(app, ["store", "copy", "--db", source, "--to", f"sqlite:///{into}"])
    assert done.exit_code != 0
    assert "copied into PostgreSQL" in done.output
    assert not into.exists()
