"""The dashboard in a real browser: Debian's chromium driven by Playwright, against the
real server on loopback. Each test checks the console stays clean, no request leaves
the machine and no injected script runs. Screenshots of each page go to a temporary
folder, or to $TRUCELINE_SCREENSHOTS when asked (`make screenshots` asks for
docs/screenshots), so a test run never rewrites committed files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from truceline.web import create_app

from .browser import LAUNCH_ARGS, BrowserUnavailable, LiveServer, chromium

AS_OF = "2025-02-20"


@pytest.fixture(scope="module")
def server(store) -> Iterator[LiveServer]:
    with LiveServer(create_app(store)) as live:
        yield live


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    asked = os.environ.get("TRUCELINE_SCREENSHOTS")
    return Path(asked) if asked else tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser():
    try:
        executable = chromium()
    except BrowserUnavailable as exc:
        pytest.fail(f"the browser tests need Debian's chromium: {exc}")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page and what it did: console errors, requests, dialogs (an injected alert)."""

    def __init__(self, page, base: str, shots: Path) -> None:
        self.page, self.base, self.shots = page, base, shots
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, path
        self.page.wait_for_load_state("networkidle")

    def shot(self, name: str) -> None:
        self.shots.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True)

    def check(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        away = [u for u in self.requests if not u.startswith((self.base + "/", "data:"))]
        assert away == []


@pytest.fixture()
def watched(browser, server, shots) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    w = Watched(page, server.url, shots)
    yield w
    context.close()
    w.check()


def test_overview_to_timeline_to_story_to_the_highlighted_article(watched):
    page = watched.page
    watched.open(f"/?as_of={AS_OF}")
    assert page.locator("h2").first.inner_text().startswith("Gaza ceasefire")
    watched.shot("overview")

    with page.expect_navigation():
        page.get_by_role("link", name="Whole timeline of gaza").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Timeline 7 story events"
    watched.shot("timeline")

    with page.expect_navigation():
        page.get_by_role("link", name="5 reports").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("li.report").count() == 5
    assert page.locator("blockquote mark.evidence").first.inner_text().startswith("Hamas frees")
    watched.shot("story")

    with page.expect_navigation():
        page.locator("a.article-link", has_text="Four hostages handed over in Gaza").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Four hostages handed over in Gaza"
    marks = page.locator("article mark.evidence")
    assert marks.count() >= 1
    assert "Hamas released four Israeli hostages" in marks.first.inner_text()
    watched.shot("article")


def test_timeline_filter_form_narrows_the_list(watched):
    page = watched.page
    watched.open("/timeline")
    page.fill("input[name=type]", "RELEASE")
    page.fill("input[name=since]", "2025-02-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("networkidle")
    assert "type=RELEASE" in page.url
    assert page.locator("h1").inner_text() == "Timeline 1 story event"
    assert page.locator("table.events tbody tr").count() == 1


def test_search_from_the_header_finds_articles_and_story_events(watched):
    page = watched.page
    watched.open("/")
    page.fill("header input[name=q]", "Khan Younis")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.locator("h2").first.inner_text() == "2 articles"
    watched.shot("search")
    with page.expect_navigation():
        page.get_by_role("link", name="Hamas frees three hostages in Khan Younis").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("article mark.evidence").count() >= 1


@pytest.mark.parametrize("path", ["/ledger", "/sources"])
def test_charts_are_drawn_from_the_local_vega_files(watched, path):
    watched.open(path)
    charts = watched.page.locator(".chart")
    for i in range(charts.count()):
        charts.nth(i).locator("svg").first.wait_for(timeout=10_000)
    assert watched.page.locator(".chart-error").count() == 0
    assert any("/static/vendor/vega.min.js" in u for u in watched.requests)
    watched.shot(path.strip("/"))


def test_overview_draws_each_process_rounds_on_a_time_line(watched):
    watched.open(f"/?as_of={AS_OF}")
    rounds = watched.page.locator(".chart[data-spec^='spec-rounds-']")
    assert rounds.count() >= 1
    rounds.first.locator("svg").first.wait_for(timeout=10_000)
    assert watched.page.locator(".chart-error").count() == 0
    # One band per round and a mark for the deal reached, drawn by the local Vega.
    assert rounds.first.locator("svg path[aria-roledescription='bar']").count() >= 1
    assert rounds.first.locator("svg path[aria-roledescription='point']").count() >= 1
    assert any("/static/vendor/vega.min.js" in u for u in watched.requests)
    watched.shot("overview-rounds")


@pytest.mark.parametrize("path", ["/positions", "/proposals", "/articles"])
def test_tables_pages_render(watched, path):
    watched.open(path)
    assert watched.page.locator("table").count() >= 1
    watched.shot(path.strip("/"))


def test_the_hostile_article_shows_its_markup_as_text_and_runs_nothing(watched, ids):
    page = watched.page
    watched.open(f"/articles/{ids['hostile']}")
    assert page.locator("h1").inner_text().startswith('<img src=x onerror=alert("title")>')
    assert '<script>alert("text")</script>' in page.locator("article").inner_text()
    assert page.locator("article script, article img, article iframe, article a").count() == 0
    for path in ("/", "/timeline", "/sources", "/search?q=Evil"):
        watched.open(path)
    assert watched.dialogs == []
