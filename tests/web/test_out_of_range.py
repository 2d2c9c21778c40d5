"""Values at the edge of what the store can hold: a date of year 9999, an offset of 2**63,
an id of 20 digits. On SQLite and on PostgreSQL each is answered -- 200 when it is a
valid value, 422 when it is out of range -- and no error body names the database.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from truceline import api
from truceline.store import Store, StoreError
from truceline.web import create_app

from .conftest import FIXTURES

HUGE = str(2**63)
TWENTY_DIGITS = "9" * 20


@pytest.fixture
def served(store_url: str, extractor) -> Iterator[tuple[TestClient, str]]:
    """A read-only server over the web fixtures ingested into an empty SQLite or PostgreSQL store."""
    outcomes = list(api.ingest([FIXTURES], db=store_url, extractor=extractor))
    assert all(isinstance(o, api.IngestOutcome) for o in outcomes), outcomes
    with Store.open(store_url) as store:
        yield TestClient(create_app(store), raise_server_exceptions=False), store_url


LISTINGS = [
    "/api/summary",
    "/api/articles",
    "/api/events",
    "/api/stories",
    "/api/contradictions",
    "/api/proposals",
    "/api/positions",
    "/api/agreements",
    "/api/ledger",
    "/api/sources",
    "/",
    "/timeline",
    "/sources",
    "/ledger",
]


def _names_no_database(response, url: str) -> None:
    body = response.text
    for secret in (url, "sqlite", "postgresql", "store.db", "127.0.0.1"):
        assert secret not in body, f"{response.request.url} names {secret!r}: {body[:300]}"


def test_the_last_day_of_the_calendar_is_a_date_like_any_other(served):
    client, _ = served
    for path in LISTINGS:
        response = client.get(path, params={"until": "9999-12-31"})
        assert response.status_code == 200, (path, response.text[:300])
        response = client.get(path, params={"since": "0001-01-01"})
        assert response.status_code == 200, (path, response.text[:300])


@pytest.mark.parametrize("param", ["offset", "limit"])
def test_an_offset_or_limit_past_64_bits_is_422(served, param):
    client, url = served
    for path in ("/api/articles", "/api/events", "/api/stories", "/api/ledger", "/timeline"):
        response = client.get(path, params={param: HUGE})
        assert response.status_code == 422, (path, response.text[:300])
        _names_no_database(response, url)


def test_the_largest_offset_is_an_empty_page(served):
    client, url = served
    response = client.get("/api/stories", params={"offset": str(2**63 - 1)})
    assert response.status_code == 422 or response.json()["items"] == []
    _names_no_database(response, url)


@pytest.mark.parametrize(
    "path",
    [
        f"/api/articles/{TWENTY_DIGITS}",
        f"/api/events/{TWENTY_DIGITS}",
        f"/articles/{TWENTY_DIGITS}",
    ],
)
def test_an_id_of_twenty_digits_is_422(served, path):
    client, url = served
    response = client.get(path)
    assert response.status_code == 422, response.text[:300]
    _names_no_database(response, url)


@pytest.mark.parametrize("path", [f"/api/stories/{TWENTY_DIGITS}", f"/stories/{TWENTY_DIGITS}"])
def test_a_story_id_of_twenty_digits_is_not_found(served, path):
    client, url = served
    response = client.get(path)
    assert response.status_code == 404, response.text[:300]
    _names_no_database(response, url)


def test_a_store_error_is_503_without_naming_the_database(served, monkeypatch):
    client, url = served

    def unreachable(*args, **kwargs):
        raise StoreError(f"cannot reach the database server at 127.0.0.1:5432 ({url}): refused")

    monkeypatch.setattr(Store, "story_events", unreachable)
    response = client.get("/api/stories")
    assert response.status_code == 503
    assert response.json()["detail"] == "the store cannot answer now; the server log says why"
    _names_no_database(response, url)
