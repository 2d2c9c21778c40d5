"""The dashboard's pages over the ingested reports: content, filters, links, errors."""

from __future__ import annotations

import sqlite3

from fastapi.testclient import TestClient

from truceline.store import Store
from truceline.web import create_app


def page(client, path: str, **params) -> str:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return response.text


def test_overview_shows_what_is_on_the_table_and_the_ledger(client):
    html = page(client, "/", as_of="2025-03-05")
    assert "Gaza ceasefire and hostage-prisoner exchange" in html
    # Named as its report names it ("rejected the Israeli proposal to extend ..."), never by
    # an internal id: that rejection tells of the proposal, so it is tabled with its words.
    assert "the Israeli proposal" in html and "proposal:" not in html
    assert "extension_days=42" in html
    assert (
        '<td>HAMAS</td><td>hostages_released</td><td class="num">3</td><td class="num">33</td>'
        in html
    )


def test_overview_lists_latest_moves_newest_first_linked_to_story_events(client):
    html = page(client, "/")
    moves = html.split("<h3>Latest moves</h3>")[1].split("</table>")[0]
    dates = [part.split("<")[0] for part in moves.split('">')[1:] if part[:4] == "2025"]
    assert len(dates) == 5
    assert dates == sorted(dates, reverse=True)
    assert 'href="/stories/' in moves


def test_overview_shows_the_contradiction_with_each_outlets_value(client):
    html = page(client, "/")
    assert "Contradictions outside any process" in html or "Open contradictions" in html
    assert "(Levant Wire)" in html and "(Gulf Daily)" in html


def test_timeline_lists_story_events_linked_to_their_reports(client, ids):
    html = page(client, "/timeline")
    assert "7 story events" in html
    assert f'href="/stories/{ids["release"]}">5 reports</a>' in html


def test_timeline_filters_by_the_same_filters_as_the_api(client, ids):
    html = page(client, "/timeline", type="RELEASE", since="2025-02-01", outlet="Gulf Daily")
    assert "1 story event" in html
    assert f'href="/stories/{ids["release"]}"' in html
    assert 'value="Gulf Daily"' in html


def test_timeline_blank_form_fields_mean_no_filter(client):
    html = page(client, "/timeline", process="", actor="", type="", since="", until="", outlet="")
    assert "7 story events" in html


def test_timeline_pages_with_links_to_the_next_page(client):
    html = page(client, "/timeline", limit=2)
    assert "1–2 of 7" in html
    assert 'href="?limit=2&amp;offset=2" rel="next"' in html


def test_story_page_shows_each_report_with_its_evidence_and_article_link(client, ids):
    html = page(client, f"/stories/{ids['release']}")
    first = ids["release_reports"][0]
    assert f"#ev-{first}" in html
    assert '<mark class="evidence">Hamas released three Israeli hostages' in html
    assert "anonymous" in html and "named" in html


def test_story_page_of_a_response_says_which_proposal_it_answers_and_its_terms(client):
    (rejection,) = client.get("/api/stories", params={"type": "REJECT"}).json()["items"]
    html = page(client, f"/stories/{rejection['id']}")
    assert "<h2>In the record</h2>" in html
    assert "HAMAS rejects the Israeli proposal (2025-03-01), whose terms are" in html


def test_positions_page_is_a_party_by_issue_grid(client):
    html = page(client, "/positions")
    assert "<th>extension_days</th>" in html and "<th>phase</th>" in html
    assert '<th scope="row">ISR</th>' in html
    # Hamas's rejection states no terms of its own: it has no row (the proposals page shows it)
    # and stands on an explicit link to the proposal it rejects, with that proposal's terms.
    assert '<th scope="row">HAMAS</th>' not in html
    assert "HAMAS rejects the Israeli proposal (2025-03-01), whose terms are" in html


def test_proposals_page_puts_terms_and_responses_side_by_side(client):
    html = page(client, "/proposals")
    assert '<th scope="row">extension_days</th>' in html
    assert '<th scope="row">HAMAS answered</th>' in html
    assert 'class="badge stance-reject"' in html


def test_ledger_page_has_the_chart_and_the_totals(client):
    html = page(client, "/ledger")
    assert 'data-spec="spec-ledger"' in html
    assert '<script src="/static/vendor/vega-embed.min.js"></script>' in html
    assert "3/33" in html
    assert "also 2, 4" in html or "also 4, 2" in html


def test_sources_page_has_outlets_and_kinds_of_source(client):
    html = page(client, "/sources")
    assert 'data-spec="spec-outlets"' in html and 'data-spec="spec-kinds"' in html
    assert "Gulf Daily" in html
    assert ">anonymous</span>" in html


def test_article_page_marks_every_events_evidence(client, ids):
    events = client.get(f"/api/articles/{ids['article']}").json()["events"]
    html = page(client, f"/articles/{ids['article']}")
    for item in events:
        assert f'id="ev-{item["reported"]["id"]}"' in html
    assert '<mark class="evidence depth-1"' in html


def test_articles_page_lists_articles_with_links(client, ids):
    html = page(client, "/articles")
    assert "5 articles" in html
    assert f'href="/articles/{ids["article"]}"' in html


def test_search_finds_articles_and_story_events(client):
    html = page(client, "/search", q="Khan Younis")
    assert "2 articles" in html
    assert "Four hostages handed over in Gaza" in html


def test_search_without_a_query_shows_the_form(client):
    html = page(client, "/search")
    assert 'name="q"' in html and "articles</h2>" not in html


def test_unknown_story_and_article_are_404_pages(client):
    for path in ("/stories/nothing-here", "/articles/999", "/no/such/page"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")


def test_a_bad_filter_is_a_422_page_saying_why(client):
    response = client.get("/timeline", params={"since": "2025-03-01", "until": "2025-01-01"})
    assert response.status_code == 422
    assert "filter since 2025-03-01 is after until 2025-01-01" in response.text


def test_static_vendor_files_are_served(client):
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "vega-interpreter.min.js"):
        response = client.get(f"/static/vendor/{name}")
        assert response.status_code == 200, name
        assert "javascript" in response.headers["content-type"]


def test_a_store_error_is_a_503_with_the_message_and_no_traceback(tmp_path, store_file):
    broken = tmp_path / "broken.db"
    broken.write_bytes(store_file.read_bytes())
    with Store.open(broken) as store:
        with sqlite3.connect(broken) as conn:
            conn.execute("DROP TABLE outlet_sources")
        client = TestClient(create_app(store))
        response = client.get("/api/sources")
    assert response.status_code == 503
    assert "Traceback" not in response.text
    assert response.json()["detail"]


def test_an_unexpected_error_is_a_plain_500(store):
    app = create_app(store)

    @app.get("/api/fail")
    def fail() -> None:
        raise RuntimeError("secret internals")

    response = TestClient(app, raise_server_exceptions=False).get("/api/fail")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error; the server log has the details"}
