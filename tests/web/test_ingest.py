"""POST /api/articles: ingest like `truceline ingest`, only with the configured token."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from truceline.store import Store
from truceline.web import create_app
from truceline.web.auth import TOKEN_ENV, TokenError, load_token
from truceline.web.limits import DEFAULT_MAX_BODY_BYTES, MAX_BODY_ENV, max_body_bytes

from .conftest import TOKEN

ARTICLE = {
    "id": "posted-1",
    "url": "https://posted.example/1",
    "title": "Egypt hosts new round of Gaza talks",
    "text": "Egypt hosts new round of Gaza talks\n"
    "Israeli and Hamas negotiators met in Cairo on Monday, Egyptian officials said.",
    "published": "2025-03-03",
    "outlet": "Nile Post",
}


def post(client, body, token: str | None = TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/api/articles", json=body, headers=headers)


def test_without_a_configured_token_the_api_is_read_only(client):
    response = post(client, [ARTICLE])
    assert response.status_code == 403
    assert response.json()["detail"].startswith("this server is read-only")


def test_a_missing_token_is_401(writable):
    client, _ = writable
    response = post(client, [ARTICLE], token=None)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_wrong_token_is_401_and_stores_nothing(writable):
    client, store = writable
    before = store.counts().articles
    assert post(client, [ARTICLE], token="guess").status_code == 401
    assert store.counts().articles == before


def test_the_token_ingests_the_article_and_rebuilds_the_record(writable):
    client, _ = writable
    response = post(client, [ARTICLE])
    assert response.status_code == 200, response.text
    data = response.json()
    (done,) = data["articles"]
    assert (done["article_id"], done["outcome"]) == ("posted-1", "added")
    assert done["events"] >= 1
    assert data["problems"] == []
    posted = client.get("/api/stories", params={"outlet": "Nile Post"}).json()
    assert "MEET" in [s["type"] for s in posted["items"]]


def test_posting_the_same_article_again_changes_nothing(writable):
    client, store = writable
    post(client, [ARTICLE])
    again = post(client, [ARTICLE]).json()
    assert again["articles"][0]["outcome"] == "unchanged"
    assert store.counts().articles == 6


def test_an_article_the_readers_refuse_is_reported_not_stored(writable):
    client, store = writable
    french = {
        "text": "Le Hamas a libéré trois otages israéliens samedi à Khan Younès, "
        "selon un porte-parole du mouvement, qui a salué la médiation du Qatar."
    }
    data = post(client, [french]).json()
    assert data["articles"] == []
    (problem,) = data["problems"]
    assert problem.startswith("body")
    assert store.counts().articles == 5


@pytest.mark.parametrize(
    "body",
    [[], [{"title": "no text"}], [{"text": ""}], [{"text": "x", "colour": "red"}], {"text": "x"}],
)
def test_a_malformed_body_is_422(writable, body):
    client, _ = writable
    assert post(client, body).status_code == 422


def test_token_comes_from_the_file_before_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, "from-env")
    path = tmp_path / "token"
    path.write_text("from-file\n")
    assert load_token(path) == "from-file"
    assert load_token(None) == "from-env"


def test_no_token_anywhere_means_read_only(monkeypatch):
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert load_token(None) is None


def test_an_empty_or_missing_token_file_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.write_text("  \n")
    with pytest.raises(TokenError, match="is empty"):
        load_token(empty)
    with pytest.raises(TokenError, match="cannot read token file"):
        load_token(Path(tmp_path / "absent"))


def test_a_long_article_beside_a_good_one_stores_both_and_says_what_was_done(
    writable, extractor, monkeypatch
):
    client, _ = writable
    monkeypatch.setattr(extractor.nlp, "max_length", 2_000)
    long = dict(
        ARTICLE,
        id="posted-long",
        url="https://posted.example/long",
        text=ARTICLE["text"] + "\nThe weather was discussed at length.\n" * 100,
    )
    response = post(client, [ARTICLE, long])
    assert response.status_code == 200, response.text
    data = response.json()
    assert [a["article_id"] for a in data["articles"]] == ["posted-1", "posted-long"]
    assert data["problems"] == []
    (warning,) = data["warnings"]
    assert warning.startswith(
        "body: warning: article is 3,914 characters long: extracted in 2 sections"
    )


def test_the_token_is_checked_before_the_body_is_read(writable):
    client, _ = writable
    response = client.post("/api/articles", content=b"{not json", headers={})
    assert response.status_code == 401
    wrong = {"Authorization": "Bearer guess", "Content-Type": "application/json"}
    assert client.post("/api/articles", content=b"[{", headers=wrong).status_code == 401


def test_a_body_over_the_limit_is_413_naming_the_limit_and_how_to_raise_it(tmp_path, store_file):
    copy = tmp_path / "copy.db"
    shutil.copy(store_file, copy)
    with Store.open(copy, write=True) as store:
        client = TestClient(create_app(store, token=TOKEN, max_body_bytes=1000))
        big = [ARTICLE | {"text": ARTICLE["text"] + " More." * 200}]
        response = post(client, big)
        assert response.status_code == 413
        detail = response.json()["detail"]
        assert "1000 bytes" in detail
        assert "--max-body-bytes" in detail
        assert MAX_BODY_ENV in detail
        assert store.counts().articles == 5
        assert post(client, [ARTICLE]).status_code == 200


def test_an_oversized_body_is_refused_before_it_is_all_received(tmp_path, store_file):
    """The body is read as a stream: the server stops reading at the limit, so a client
    sending 100 chunks of 1,000 bytes is answered 413 after a handful of them."""
    copy = tmp_path / "copy.db"
    shutil.copy(store_file, copy)
    sent = []

    async def chunks():
        yield b'[{"text": "'
        for i in range(100):
            sent.append(i)
            yield b"x" * 1000

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(store, token=TOKEN, max_body_bytes=4000))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post(
                "/api/articles", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}"}
            )

    with Store.open(copy, write=True) as store:
        response = asyncio.run(send())
    assert response.status_code == 413
    assert len(sent) <= 6


def test_the_limit_is_set_by_option_or_environment(monkeypatch):
    monkeypatch.delenv(MAX_BODY_ENV, raising=False)
    assert max_body_bytes(None) == DEFAULT_MAX_BODY_BYTES
    monkeypatch.setenv(MAX_BODY_ENV, "2048")
    assert max_body_bytes(None) == 2048
    assert max_body_bytes(512) == 512
