"""A real SQLite store filled by ingesting the reports in tests/fixtures/web, and clients.

The five reports: a deal announced (Meridian Wire), one release told three
ways (Levant Wire: three hostages, Gulf Daily: four, and a hostile outlet:
two), and an Israeli proposal Hamas rejects (Levant Wire). The hostile
report carries script and HTML in its title, outlet, text and URL.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from truceline import api
from truceline.store import Store
from truceline.web import create_app

FIXTURES = Path(__file__).parent.parent / "fixtures" / "web"
TOKEN = "s3cret-test-token"


@pytest.fixture(scope="session")
def store_file(tmp_path_factory, extractor) -> Path:
    """The ingested store, made once; tests that write work on a copy."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    outcomes = list(api.ingest([FIXTURES], db=f"sqlite:///{path}", extractor=extractor))
    assert all(isinstance(o, api.IngestOutcome) for o in outcomes), outcomes
    return path


@pytest.fixture(scope="session")
def store(store_file: Path):
    with Store.open(store_file) as opened:
        yield opened


@pytest.fixture(scope="session")
def client(store: Store) -> TestClient:
    """A read-only server (no token configured)."""
    return TestClient(create_app(store))


@pytest.fixture()
def writable(tmp_path, store_file: Path, extractor):
    """A server with a write token over a copy of the store."""
    copy = tmp_path / "copy.db"
    shutil.copy(store_file, copy)
    with Store.open(copy, write=True) as opened:
        yield TestClient(create_app(opened, token=TOKEN, extractor=extractor)), opened


@pytest.fixture(scope="session")
def ids(client: TestClient) -> dict[str, object]:
    """Ids the store gave: the release story event, the hostile article, one reported event."""
    release = client.get("/api/stories", params={"type": "RELEASE", "since": "2025-02-01"})
    (story,) = release.json()["items"]
    articles = client.get("/api/articles").json()["items"]
    hostile = next(a for a in articles if a["key"].startswith("javascript:"))
    return {
        "release": story["id"],
        "release_reports": story["reports"],
        "hostile": hostile["id"],
        "article": next(a["id"] for a in articles if a["outlet"] == "Gulf Daily"),
    }
