"""Downloads, against a real HTTP server on 127.0.0.1: pages, feeds and misbehaving servers."""

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from truceline.ingest import ReadProblem, read_inputs
from truceline.record import Article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
SHORT_TIMEOUT = 0.5
PROXY_VARIABLES = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"]
LATIN1_PARAGRAPH = (
    "<p>Mediators said the \u201cfinal\u201d proposal would be put to both sides on Monday, "
    "and that a truce could follow within days if it was accepted.</p>"
)
LATIN1_PAGE = (
    "<html><head><title>Talks in Doha</title></head><body><article><h1>Talks in Doha</h1>"
    f"{LATIN1_PARAGRAPH * 3}</article></body></html>"
).encode("cp1252")


class _Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []  # noqa: RUF012 - shared with the tests on purpose

    def do_GET(self) -> None:
        self.user_agents.append(self.headers.get("User-Agent", ""))
        route = ROUTES.get(self.path)
        if route is None:
            self.send_error(404)
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)  # the client may give up early, as it should

    def send_body(self, content_type: str, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _page(handler: _Handler) -> None:
    body = (FIXTURES / "prisoner_swap.html").read_bytes()
    handler.send_body("text/html; charset=utf-8", body)


def _feed(handler: _Handler) -> None:
    handler.send_body("application/rss+xml", (FIXTURES / "talks.rss").read_bytes())


def _plain(handler: _Handler) -> None:
    body = (FIXTURES / "000_9ec5f3f7bbeb20d9.txt").read_bytes()
    handler.send_body("text/plain; charset=utf-8", body)


def _latin1(handler: _Handler) -> None:
    handler.send_body("text/html; charset=iso-8859-1", LATIN1_PAGE)


def _redirect(handler: _Handler) -> None:
    handler.send_response(302)
    handler.send_header("Location", "/page.html")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def _broken(handler: _Handler) -> None:
    handler.send_error(503)


def _slow(handler: _Handler) -> None:
    time.sleep(SHORT_TIMEOUT * 4)
    handler.send_body("text/plain", b"Too late.")


def _trickle(handler: _Handler) -> None:
    """One byte every 0.1 s for 3 s: no single wait is long, the whole is."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    for _ in range(30):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.1)


def _huge_declared(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", "50000000")
    handler.end_headers()
    handler.wfile.write(b"x" * 1_000)


def _huge_undeclared(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    for _ in range(100):
        handler.wfile.write(b"x" * 10_000)


ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/page.html": _page,
    "/feed": _feed,
    "/report": _plain,
    "/latin1": _latin1,
    "/redirect": _redirect,
    "/broken": _broken,
    "/slow": _slow,
    "/trickle": _trickle,
    "/huge-declared": _huge_declared,
    "/huge-undeclared": _huge_undeclared,
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def read_all(*urls: str, **options: object) -> list[Article | ReadProblem]:
    return list(read_inputs(urls, **options))


def test_html_page_is_read_with_the_url_as_id(server: str) -> None:
    url = f"{server}/page.html"

    [article] = read_all(url)

    assert (article.id, article.url, article.origin, article.outlet) == (
        url,
        url,
        url,
        "The Harbour Gazette",
    )
    assert article.text.startswith("Israel and Hamas complete third prisoner swap under truce\n")


def test_redirect_is_followed_and_the_final_address_is_the_url(server: str) -> None:
    [article] = read_all(f"{server}/redirect")

    assert (article.id, article.url) == (f"{server}/redirect", f"{server}/page.html")


def test_feed_is_recognised_by_its_content_type(server: str) -> None:
    assert [r.id for r in read_all(f"{server}/feed")] == [
        "hg-2023-11-27-001",
        "https://harbour-gazette.example/world/2023/11/27/rafah-handover",
    ]


def test_plain_text_response_is_one_article(server: str) -> None:
    [article] = read_all(f"{server}/report")

    assert article.title == "Hamas says it has received new ceasefire proposal from mediators"


def test_charset_from_the_content_type_header_is_used(server: str) -> None:
    [article] = read_all(f"{server}/latin1")

    assert "the \u201cfinal\u201d proposal" in article.text


def test_user_agent_names_truceline(server: str) -> None:
    read_all(f"{server}/report")

    assert _Handler.user_agents[-1].startswith("truceline/")


def test_http_error_is_a_problem_naming_the_status(server: str) -> None:
    url = f"{server}/nothing-here"

    assert read_all(url) == [
        ReadProblem(url, None, "the server answered 404 Not Found; check the address")
    ]


def test_server_error_advises_trying_again_later(server: str) -> None:
    url = f"{server}/broken"

    assert read_all(url) == [
        ReadProblem(url, None, "the server answered 503 Service Unavailable; try again later")
    ]


def test_server_slower_than_the_timeout_is_a_problem_in_good_time(server: str) -> None:
    url = f"{server}/slow"

    started = time.monotonic()
    results = read_all(url, timeout=SHORT_TIMEOUT)

    assert time.monotonic() - started < SHORT_TIMEOUT * 3
    assert results == [
        ReadProblem(
            url,
            None,
            "timed out after 0.5 s; the server is slow or unreachable, "
            "try again later or allow a longer timeout",
        )
    ]


def test_trickling_server_cannot_outlast_the_timeout(server: str) -> None:
    started = time.monotonic()
    [problem] = read_all(f"{server}/trickle", timeout=SHORT_TIMEOUT)

    assert time.monotonic() - started < SHORT_TIMEOUT * 3
    assert problem.message.startswith("timed out after 0.5 s")


def test_response_declared_over_the_size_limit_is_refused(server: str) -> None:
    url = f"{server}/huge-declared"

    assert read_all(url) == [
        ReadProblem(
            url, None, "is 50.0 MB, over the 20.0 MB size limit; raise the limit to read it"
        )
    ]


def test_response_streaming_past_the_size_limit_is_cut_off(server: str) -> None:
    url = f"{server}/huge-undeclared"

    assert read_all(url, max_bytes=100_000) == [
        ReadProblem(url, None, "is over the 100.0 kB size limit; raise the limit to read it")
    ]


def test_refused_connection_is_a_problem_naming_the_url() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"

    [problem] = read_all(url, timeout=SHORT_TIMEOUT)

    assert problem.origin == url
    assert problem.message.startswith("could not be downloaded (")
    assert problem.message.endswith("); check the address and the network connection")


def test_unknown_host_is_a_problem_naming_the_url() -> None:
    url = "http://truceline-test.invalid/article"

    [problem] = read_all(url, timeout=SHORT_TIMEOUT)

    assert (problem.origin, problem.line) == (url, None)
    assert problem.message.startswith("could not be downloaded (")


def test_a_failed_download_does_not_stop_the_next_input(server: str) -> None:
    results = read_all(f"{server}/nothing-here", f"{server}/report")

    assert [type(r).__name__ for r in results] == ["ReadProblem", "Article"]
