"""?as_of= on the API and pages, and /changes: the record as known on a date (see asof.py)."""

from __future__ import annotations

import datetime as dt


def get(client, path, **params):
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_an_endpoint_as_of_a_date_answers_from_the_reports_published_by_then(client):
    # The Israeli proposal (1 March) and its rejection are reported on 2 March.
    assert get(client, "/api/proposals")["total"] == 1
    assert get(client, "/api/proposals", as_of="2025-02-20")["total"] == 0
    assert get(client, "/api/articles", as_of="2025-02-20")["total"] == 4
    assert (
        get(client, "/api/stories", as_of="2025-01-20")["total"]
        < get(client, "/api/stories")["total"]
    )


def test_the_same_date_asked_twice_reads_the_record_built_once(client):
    state = client.app.state.web
    get(client, "/api/ledger", as_of="2025-02-16")
    kept = state.kept_records().at(dt.date(2025, 2, 16))
    get(client, "/api/stories", as_of="2025-02-16")
    assert state.kept_records().at(dt.date(2025, 2, 16)) is kept


def test_api_changes_lists_what_the_later_record_knows(client):
    data = get(client, "/api/changes", since="2025-02-20", until="2025-03-05")
    kinds = [c["kind"] for c in data["changes"]]
    assert "proposal" in kinds and "response" in kinds
    (response,) = [c for c in data["changes"] if c["kind"] == "response"]
    assert response["text"] == "HAMAS rejects the Israeli proposal"
    assert response["reports"] and response["process"] == "gaza"


def test_api_changes_needs_since(client):
    response = client.get("/api/changes")
    assert response.status_code == 422
    assert response.json()["detail"] == "changes needs since, YYYY-MM-DD"


def test_the_changes_page_lists_the_changes_and_every_page_has_a_date_control(client):
    html = client.get("/changes", params={"since": "2025-02-20", "until": "2025-03-05"}).text
    assert "HAMAS rejects the Israeli proposal" in html
    assert "Give a <em>since</em> date" in client.get("/changes").text
    assert 'name="as_of" type="date"' in client.get("/ledger", params={"as_of": "2025-02-16"}).text
