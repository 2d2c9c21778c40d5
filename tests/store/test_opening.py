"""Opening a store: schema versions, and messages for stores that cannot be used."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from truceline import api
from truceline.store import Store, StoreError, engine, migrate, search
from truceline.store.engine import make_engine, parse_url
from truceline.store.tables import metadata

HEAD = migrate.head_revision()


def at_first_migration(url: str) -> None:
    """A store as the first schema revision left it (articles and events, nothing derived)."""
    old = make_engine(parse_url(url), write=True)
    with old.begin() as conn:
        migrate.upgrade(conn, "0001")
    old.dispose()


def test_a_new_store_is_created_at_the_current_schema_without_a_migration_note(
    store_url: str,
) -> None:
    with Store.open(store_url, write=True) as store:
        assert store.migrated is None
        assert store.counts().articles == 0


def test_an_older_schema_opened_for_reading_says_to_run_migrate(store_url: str) -> None:
    at_first_migration(store_url)
    with pytest.raises(StoreError) as caught:
        Store.open(store_url)
    shown = engine.shown(store_url)
    assert str(caught.value) == (
        f"store {shown} has schema 0001, older than this truceline's {HEAD}: "
        f"run `truceline migrate --db {shown}`"
    )


def test_an_older_schema_opened_for_writing_is_migrated_and_says_so(
    store_url: str, records
) -> None:
    at_first_migration(store_url)
    with Store.open(store_url, write=True) as store:
        assert store.migrated == (
            f"migrated store {engine.shown(store_url)} from schema 0001 to {HEAD}"
        )
        store.add(records["harbor-1"])
        assert store.story_events() == []
    with Store.open(store_url) as store:
        assert store.counts().articles == 1


def test_reading_a_missing_sqlite_file_says_to_ingest_first(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    with pytest.raises(
        StoreError, match=r"no truceline store at .*none\.db: run `truceline ingest"
    ):
        Store.open(path)
    assert not path.exists()


def test_a_locked_database_names_the_file_and_says_to_wait(
    tmp_path: Path, records, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.db"
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.2)
    with Store.open(path, write=True) as store:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError) as caught:
                store.add(records["harbor-1"])
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert str(caught.value) == (
            f"database {path} is locked by another process (waited 0.2s); "
            "try again when that process has finished"
        )
        assert store.counts().articles == 0


@contextmanager
def unprivileged() -> Iterator[None]:
    """Act as a user without rights on other people's files (root ignores modes)."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture
def read_only_store(records) -> Iterator[Path]:
    """A store with one article in a file nobody but its owner may write."""
    folder = Path(tempfile.mkdtemp(prefix="truceline-ro-"))
    folder.chmod(0o755)
    path = folder / "store.db"
    with Store.open(path, write=True) as store:
        store.add(records["harbor-1"])
    path.chmod(0o444)
    yield path
    for item in folder.iterdir():
        item.unlink()
    folder.rmdir()


def test_writing_a_read_only_file_says_it_is_read_only(read_only_store: Path) -> None:
    with unprivileged(), pytest.raises(StoreError) as caught:
        Store.open(read_only_store, write=True)
    assert str(caught.value) == (
        f"database {read_only_store} is read-only: make the file and its directory writable "
        "(SQLite writes journal files beside it), or use another --db"
    )


def test_a_read_only_file_can_still_be_read(read_only_store: Path) -> None:
    with unprivileged(), Store.open(read_only_store) as store:
        assert store.counts().articles == 1


def test_an_unreachable_postgresql_server_is_named_without_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://analyst:s3cret@127.0.0.1:1/truceline")
    message = str(caught.value)
    assert message == (
        "cannot reach the database server at 127.0.0.1:1 "
        "(postgresql+psycopg://analyst:***@127.0.0.1:1/truceline): Connection refused"
    )


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.db is not a truceline database"):
        Store.open(path, write=True)


def _not_a_word_index(name: str | None, kind: str, parents: dict) -> bool:
    """The word indexes are the database's own (FTS5 tables, GIN indexes), not models."""
    words = (search.ARTICLE_WORDS, search.STORY_EVENT_WORDS)
    if kind == "table":
        return not (name or "").startswith(words)
    return not (kind == "index" and (name or "").endswith("_words"))


def test_the_migrated_schema_is_what_the_models_declare(store_url: str) -> None:
    with Store.open(store_url, write=True) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": _not_a_word_index}
        )
        assert compare_metadata(context, metadata) == []


def test_a_store_taken_back_to_the_previous_schema_and_up_again_keeps_its_record(
    store_url: str, records
) -> None:
    with Store.open(store_url, write=True) as store:
        list(store.add_many(records.values()))
        api.rebuild(store)
        before = store.source_counts()
        hits = store.search("hostages")
        assert hits.articles and hits.story_events and before[1]
    old = make_engine(parse_url(store_url), write=True)
    with old.begin() as conn:
        command.downgrade(migrate._config(conn), "0004")
    old.dispose()
    with Store.open(store_url, write=True) as store:
        assert store.migrated is not None
        assert store.source_counts() == before
        assert store.search("hostages") == hits


def test_the_revisions_read_from_file_names_are_alembics():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {s.revision for s in scripts.walk_revisions()}
    for script in scripts.walk_revisions():
        assert Path(script.path).name.startswith(f"{script.revision}_")


def test_opening_a_store_to_read_imports_no_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    Store.open(url, write=True).close()
    probe = f"import sys; from truceline.store import Store; Store.open({url!r}).close(); print('alembic' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
