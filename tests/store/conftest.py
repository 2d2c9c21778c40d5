"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL.

PostgreSQL comes from ``TRUCELINE_TEST_PG_URL`` when set, else from a
throwaway cluster this session starts (see :mod:`pgserver`; ``make test``
installs Debian's package first). If it cannot be had the PostgreSQL tests
fail; ``TRUCELINE_TEST_NO_PG=1`` is the explicit way to skip them.
Each PostgreSQL test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from truceline.api import extract
from truceline.record import ExtractionRecord
from truceline.store import Store

from .pgserver import PostgresUnavailable, start

REPORTS = Path(__file__).parents[1] / "fixtures" / "store" / "reports.jsonl"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    if os.environ.get("TRUCELINE_TEST_NO_PG") == "1":
        pytest.skip("TRUCELINE_TEST_NO_PG=1: PostgreSQL store tests skipped on request")
    given = os.environ.get("TRUCELINE_TEST_PG_URL")
    if given:
        yield given
        return
    try:
        server = start()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL is needed for the store tests and could not be started: {exc}")
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base: str = request.getfixturevalue("postgres_url")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url, write=True) as opened:
        yield opened


@pytest.fixture(scope="session")
def records(extractor) -> dict[str, ExtractionRecord]:
    """The test reports (tests/fixtures/store/reports.jsonl), extracted once, by article id."""
    found = {}
    for item in extract([REPORTS], extractor=extractor):
        assert isinstance(item, ExtractionRecord), item
        found[item.article.id] = item
    return found
