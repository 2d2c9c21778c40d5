"""The REST API over the ingested reports: every endpoint, filters, paging, errors."""

from __future__ import annotations

import datetime as dt

import pytest

from truceline import api
from truceline.store import Filters


def get(client, path, **params):
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_summary_is_what_truceline_summary_json_prints(client, store):
    data = get(client, "/api/summary", as_of="2025-02-20")
    expected = api.summary(store, Filters(), dt.date(2025, 2, 20))
    assert data == expected.model_dump(mode="json")


def test_summary_names_the_gaza_process_and_its_counts(client):
    data = get(client, "/api/summary")
    (gaza,) = data["processes"]
    assert gaza["process"]["id"] == "gaza"
    assert data["counts"] == {
        "articles": 5,
        "reported_events": 17,
        "story_events": 7,
        "contradictions": 1,
    }


def test_summary_as_of_a_date_counts_only_the_reports_published_by_then(client):
    # The report of 2 March (Hamas rejects the extension) is not yet known on 20 February.
    data = get(client, "/api/summary", as_of="2025-02-20")
    assert data["as_of"] == "2025-02-20"
    assert data["counts"] == {
        "articles": 4,
        "reported_events": 12,
        "story_events": 4,
        "contradictions": 1,
    }


def test_articles_list_newest_first_without_text_and_with_the_total(client):
    data = get(client, "/api/articles")
    assert data["total"] == 5
    assert [a["published"] for a in data["items"]] == [
        "2025-03-02",
        "2025-02-16",
        "2025-02-15",
        "2025-02-15",
        "2025-01-15",
    ]
    assert all(a["text"] is None for a in data["items"])


def test_article_has_its_text_and_its_events_with_their_story_event(client, ids):
    data = get(client, f"/api/articles/{ids['article']}")
    assert data["article"]["outlet"] == "Gulf Daily"
    assert data["article"]["text"].startswith("Four hostages handed over in Gaza\n")
    stories = {e["story_event"] for e in data["events"]}
    assert ids["release"] in stories


def test_events_carry_claim_and_evidence(client):
    data = get(client, "/api/events", outlet="Gulf Daily")
    assert data["total"] == 1
    (event,) = data["items"]
    assert event["event"]["type"] == "RELEASE"
    assert event["event"]["claim"]["anonymous"] is True
    assert event["event"]["evidence"]["text"].startswith("Hamas released four Israeli hostages")


def test_one_event_shows_its_evidence_in_its_sentence(client, ids):
    first = ids["release_reports"][0]
    data = get(client, f"/api/events/{first}")
    assert data["reported"]["id"] == first
    assert data["context"]["evidence"] == data["reported"]["event"]["evidence"]["text"]


def test_stories_filtered_by_type_and_dates(client, ids):
    data = get(client, "/api/stories", type="release", since="2025-02-01", until="2025-02-28")
    assert [s["id"] for s in data["items"]] == [ids["release"]]
    assert data["items"][0]["outlets"][:2] == ["Levant Wire", "Gulf Daily"]


def test_stories_filtered_by_actor_and_outlet(client):
    assert get(client, "/api/stories", actor="ISR", type="PROPOSE")["total"] == 2
    # The deal, the truce it sets up and the exchange it agrees to (a release to come).
    assert get(client, "/api/stories", outlet="Meridian Wire")["total"] == 3
    assert get(client, "/api/stories", process="gaza")["total"] == 7


def test_story_has_every_report_behind_it_and_its_contradiction(client, ids):
    data = get(client, f"/api/stories/{ids['release']}")
    assert [r["reported"]["id"] for r in data["reports"]] == ids["release_reports"]
    (contradiction,) = data["contradictions"]
    assert contradiction["issue"] == "hostages_released"


def test_a_response_links_to_the_proposal_it_answers_with_that_proposals_terms(client):
    (rejection,) = get(client, "/api/stories", type="REJECT", process="gaza")["items"]
    (link,) = get(client, f"/api/stories/{rejection['id']}")["links"]
    assert link["kind"] == "proposal"
    # Named from its report's words ("Hamas rejected the Israeli proposal to extend ...").
    assert link["statement"].startswith("HAMAS rejects the Israeli proposal (2025-03-01)")
    assert {t["issue"] for t in link["terms"]} == {"extension_days", "phase"}


def test_paging_gives_the_total_and_the_requested_slice(client):
    everything = get(client, "/api/stories")["items"]
    page = get(client, "/api/stories", limit=2, offset=2)
    assert (page["total"], page["limit"], page["offset"]) == (7, 2, 2)
    assert page["items"] == everything[2:4]


def test_paging_past_the_end_is_an_empty_page(client):
    page = get(client, "/api/events", offset=100)
    assert (page["total"], page["items"]) == (17, [])


def test_contradictions_list_the_three_accounts(client):
    (c,) = get(client, "/api/contradictions")["items"]
    assert sorted(a["value"] for a in c["accounts"]) == [2, 3, 4]


def test_processes_are_the_configured_ones(client):
    ids = [p["id"] for p in get(client, "/api/processes")["items"]]
    assert "gaza" in ids
    assert get(client, "/api/processes", process="gaza")["total"] == 1


def test_proposals_with_their_responses(client):
    (p,) = get(client, "/api/proposals")["items"]
    assert (p["proposer"], p["status"]) == (["ISR"], "rejected")
    assert [(r["actor"], r["stance"]) for r in p["responses"]] == [("HAMAS", "reject")]


def test_positions_are_party_issue_tracks(client):
    data = get(client, "/api/positions", actor="ISR")
    assert {(t["party"], t["issue"], t["stance"]) for t in data["items"]} == {
        ("ISR", "extension_days", "propose"),
        ("ISR", "phase", "propose"),
    }
    # Hamas's rejection states no terms of its own: the proposal lists it, no track does.
    assert get(client, "/api/positions", actor="HAMAS")["items"] == []


def test_agreements_have_phase_clocks_as_of_the_date(client):
    (item,) = get(client, "/api/agreements", as_of="2025-02-20")["items"]
    assert item["agreement"]["process"] == "gaza"
    assert all("days_left" in phase for phase in item["phases"])
    past_the_end = get(client, "/api/agreements", as_of="2025-02-20", offset=1)
    assert (past_the_end["total"], past_the_end["items"]) == (1, [])


def test_agreements_carry_their_ceasefire_typology(client):
    (item,) = get(client, "/api/agreements", as_of="2025-02-20")["items"]
    a = item["agreement"]
    assert (a["kind"], a["scope"], a["purpose"], a["declared_by"]) == (
        "agreed",
        "bilateral",
        "general",
        ["ISR", "HAMAS"],
    )


def test_ledger_has_entries_totals_and_disputes(client):
    data = get(client, "/api/ledger")
    (entry,) = data["entries"]
    assert (entry["count"], sorted(entry["disputed_counts"])) == (3, [2, 4])
    (total,) = data["totals"]
    assert (total["releaser"], total["released"], total["agreed"]) == ("HAMAS", 3, 33)
    assert data["disputed"] == 1


def test_sources_per_outlet_and_per_kind_of_source(client):
    data = get(client, "/api/sources")
    gulf = next(o for o in data["outlets"] if o["outlet"] == "Gulf Daily")
    assert (gulf["events"], gulf["anonymous"], gulf["corroborated"]) == (1, 1, 1)
    kinds = {k["sourcing"]: k for k in data["kinds"]}
    assert set(kinds) == {"named", "anonymous", "unattributed"}
    assert sum(k["events"] for k in kinds.values()) == 17


def test_search_finds_articles_and_story_events(client):
    data = get(client, "/api/search", q="khan younis")
    assert {a["outlet"] for a in data["articles"]} == {"Levant Wire", "Gulf Daily"}
    assert data["story_events"]


def test_search_takes_wildcards_literally(client):
    assert get(client, "/api/search", q="%")["articles"] == []


def test_openapi_document_lists_the_endpoints(client):
    paths = get(client, "/openapi.json")["paths"]
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/events/{event_id}",
        "/api/ledger",
    ):
        assert path in paths
    assert "post" in paths["/api/articles"]


@pytest.mark.parametrize(
    "path",
    ["/api/articles/999", "/api/events/999", "/api/stories/no-such-story", "/api/nothing"],
)
def test_unknown_ids_are_404_with_a_message(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "2025-03-01", "until": "2025-01-01"}, "filter since 2025-03-01 is after until"),
        ({"type": "BOGUS"}, "filter type 'BOGUS' is not an event type; use one of PROPOSE"),
        ({"since": "March"}, "filter since 'March' is not a date; use YYYY-MM-DD"),
        ({"limit": "0"}, "query limit: Input should be greater than or equal to 1"),
        ({"offset": "-1"}, "query offset: Input should be greater than or equal to 0"),
        ({"limit": "many"}, "query limit: Input should be a valid integer"),
    ],
)
def test_bad_filters_are_422_saying_what_is_wrong(client, params, message):
    response = client.get("/api/stories", params=params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_bad_as_of_is_422(client):
    response = client.get("/api/agreements", params={"as_of": "tomorrow"})
    assert response.status_code == 422
    assert response.json()["detail"] == "as_of 'tomorrow' is not a date; use YYYY-MM-DD"


def test_non_numeric_event_id_is_422(client):
    assert client.get("/api/events/abc").status_code == 422


def test_an_actor_id_in_another_case_is_the_actor(client):
    lower = client.get("/api/stories", params={"actor": "hamas"})
    assert lower.status_code == 200
    assert lower.json() == client.get("/api/stories", params={"actor": "HAMAS"}).json()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"actor": "HAMSA"}, "did you mean HAMAS, AMAL or ASEAN?"),
        ({"process": "gazza"}, "did you mean gaza?"),
        ({"type": "RELEAS"}, "did you mean RELEASE?"),
    ],
)
def test_an_unknown_name_is_422_with_the_nearest_known_names(client, params, message):
    for path in ("/api/stories", "/api/summary", "/api/articles"):
        response = client.get(path, params=params)
        assert response.status_code == 422, path
        assert response.json()["detail"].endswith(message)
