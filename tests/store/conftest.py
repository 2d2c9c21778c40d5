"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL.

``store_url`` (tests/conftest.py) gives each test an empty database of each
kind; ``store`` opens it for writing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from truceline.api import extract
from truceline.record import ExtractionRecord
from truceline.store import Store

REPORTS = Path(__file__).parents[1] / "fixtures" / "store" / "reports.jsonl"


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
