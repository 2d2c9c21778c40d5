"""Shared fixtures: one extractor per test session (loading spaCy takes a second), and
an empty database of each kind the store supports.

PostgreSQL comes from ``TRUCELINE_TEST_PG_URL`` when set, else from a
throwaway cluster this session starts (see ``tests/store/pgserver.py``; ``make
test`` installs Debian's package first). If it cannot be had the PostgreSQL
tests fail; ``TRUCELINE_TEST_NO_PG=1`` is the explicit way to skip them.
Each PostgreSQL test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest

from store.pgserver import PostgresUnavailable, start
from truceline.extract.pipeline import Extractor
from truceline.record import Article, ExtractionRecord


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    """Extract a text (headline on the first line) as an article published on 2025-03-02."""

    def run(
        text: str, published: date | None = date(2025, 3, 2), outlet: str | None = "Test Wire"
    ) -> ExtractionRecord:
        title = text.splitlines()[0] if text else None
        article = Article(id="t", text=text, title=title, published=published, outlet=outlet)
        return extractor.extract(article)

    return run


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
