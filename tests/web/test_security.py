"""Untrusted text stays inert: an article whose title, outlet, text and URL carry script
and HTML is shown escaped on every page, and the API returns it as JSON data only."""

from __future__ import annotations

import pytest

HOSTILE_OUTLET = '<script>alert("outlet")</script>Evil <b>Wire</b>'
HOSTILE_TITLE = '<img src=x onerror=alert("title")>Hamas frees two hostages'
INJECTED = (
    "<script>alert",
    "<img",
    "<iframe",
    "<b>Wire",
    '<a href="javascript',
    'href="javascript:',
)
REFLECTED = "<script>alert(1)</script>"


def pages(ids) -> list[str]:
    return [
        "/",
        "/?as_of=2025-02-20",
        "/timeline",
        f"/stories/{ids['release']}",
        "/positions",
        "/proposals",
        "/ledger",
        "/sources",
        "/articles",
        f"/articles/{ids['hostile']}",
        "/search?q=script",
        "/search?q=Evil",
    ]


def assert_inert(html: str) -> None:
    for raw in INJECTED:
        assert raw not in html, raw


def test_every_page_shows_the_hostile_article_escaped(client, ids):
    for path in pages(ids):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert_inert(response.text)


def test_the_hostile_outlet_and_title_appear_as_text(client, ids):
    html = client.get(f"/articles/{ids['hostile']}").text
    assert (
        "&lt;script&gt;alert(&#34;outlet&#34;)&lt;/script&gt;Evil &lt;b&gt;Wire&lt;/b&gt;" in html
    )
    assert "&lt;img src=x onerror=alert(&#34;title&#34;)&gt;Hamas frees two hostages" in html
    assert "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;" in html


def test_a_javascript_url_is_shown_but_never_linked(client, ids):
    html = client.get(f"/articles/{ids['hostile']}").text
    assert "javascript:alert(&#34;url&#34;)</span>" in html
    assert 'href="javascript' not in html


def test_the_hostile_outlet_is_escaped_where_outlets_are_listed(client):
    for path in ("/sources", "/timeline", "/"):
        assert "&lt;script&gt;alert(&#34;outlet&#34;)" in client.get(path).text, path


def test_chart_data_holding_the_outlet_cannot_close_its_script_element(client):
    html = client.get("/sources").text
    assert "\\u003cscript\\u003ealert" in html


@pytest.mark.parametrize(
    "path",
    [
        f"/search?q={REFLECTED}",
        f"/timeline?outlet={REFLECTED}",
        f"/timeline?type={REFLECTED}",
        f"/stories/{REFLECTED}",
        f"/articles?process={REFLECTED}",
    ],
)
def test_request_input_is_escaped_when_echoed(client, path):
    response = client.get(path)
    assert REFLECTED not in response.text
    assert response.status_code in (200, 404, 422)


def test_the_api_returns_the_hostile_values_unchanged_as_json(client, ids):
    response = client.get(f"/api/articles/{ids['hostile']}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    article = response.json()["article"]
    assert (article["outlet"], article["title"]) == (HOSTILE_OUTLET, HOSTILE_TITLE)


def test_api_errors_echoing_input_are_json(client):
    response = client.get("/api/stories", params={"type": REFLECTED})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"


def test_every_response_forbids_remote_and_inline_scripts(client):
    for path in ("/", "/api/stories", "/static/style.css", "/nowhere"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "default-src 'none'" in csp
