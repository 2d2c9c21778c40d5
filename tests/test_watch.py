"""``truceline watch``: a real local HTTP server whose feed changes between polls, and folders.

The server answers conditional GETs as a news site does (304 when the ETag
sent back is still its own), counts what it was asked, and can be told to
fail. The texts are written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truceline import api, cli
from truceline.store import Store, StoreError
from truceline.watch import Watcher, WatchError, parse_interval

STORIES = {
    "talks": (
        "Mediators meet in Cairo on truce",
        "Egyptian and Qatari mediators met Israeli and Hamas delegations in Cairo on Monday "
        "to discuss a ceasefire in Gaza, two officials said.",
    ),
    "release": (
        "Hamas frees four hostages",
        "Hamas released four hostages on Tuesday under the ceasefire deal, the Red Cross said.",
    ),
    "proposal": (
        "Qatar proposes six-week truce",
        "Qatar proposed on Wednesday a six-week truce in exchange for the release of 20 "
        "hostages, according to a diplomat briefed on the talks.",
    ),
    "tabled": (
        "Qatar tables truce plan",
        "Qatar proposed on Wednesday a six-week truce between Israel and Hamas in exchange for "
        "the release of 20 hostages, according to a diplomat briefed on the talks.",
    ),
    "rejected": (
        "Hamas turns down Qatari plan",
        "Hamas rejected the Qatari proposal on Friday, a Hamas official told reporters.",
    ),
    "demand90": (
        "Hamas wants long truce",
        "Hamas demanded on Thursday a 90-day ceasefire in Gaza, a Hamas spokesman said.",
    ),
    "demand60": (
        "Hamas lowers its demand",
        "Hamas demanded on Saturday a 60-day ceasefire in Gaza, a Hamas spokesman said.",
    ),
}


def item(name: str, source: str | None = None) -> str:
    title, text = STORIES[name]
    named = f'<source url="https://{name}.example/feed">{source}</source>' if source else ""
    return (
        f"<item><title>{title}</title><link>https://news.example/{name}</link>"
        f"<guid>https://news.example/{name}</guid>{named}"
        f"<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>"
        f"<description>{text}</description></item>"
    )


def feed(*items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News Aggregator</title>'
        f"<link>https://news.example/</link>{''.join(items)}</channel></rss>"
    ).encode()


class Site:
    """What the server serves, and what it was asked."""

    def __init__(self) -> None:
        self.body = feed()
        self.etag = '"v1"'
        self.content_type = "application/rss+xml"
        self.status = 200
        self.validators = True
        self.delay = 0.0
        self.asked: list[tuple[str | None, int]] = []  # (If-None-Match sent, status answered)

    def publish(self, body: bytes, etag: str) -> None:
        self.body, self.etag = body, etag


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    served = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            sent = self.headers.get("If-None-Match")
            if served.delay:
                time.sleep(served.delay)
            if served.status != 200:
                status, body = served.status, b"down"
            elif served.validators and sent == served.etag:
                status, body = 304, b""
            else:
                status, body = 200, served.body
            served.asked.append((sent, status))
            self.send_response(status)
            if status == 200:
                self.send_header("Content-Type", served.content_type)
                self.send_header("ETag", served.etag)
                self.send_header("Last-Modified", "Mon, 03 Mar 2025 10:00:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "watch.db", write=True) as store:
        yield store


def watcher(store: Store, sources: list[str], extractor, **options) -> tuple[Watcher, list[str]]:
    said: list[str] = []
    return Watcher(store, sources, extractor=extractor, say=said.append, **options), said


def test_a_feed_is_taken_once_then_asked_conditionally_and_only_new_items_are_ingested(
    site, db, extractor
):
    served, url = site
    served.publish(feed(item("talks"), item("release")), '"v1"')
    watch, said = watcher(db, [url], extractor)

    (first,) = watch.poll_all()
    assert first.ingested == 2 and first.error is None
    assert db.counts().articles == 2
    assert db.counts().story_events > 0  # the record was rebuilt

    (second,) = watch.poll_all()
    assert second.not_modified and second.ingested == 0
    assert served.asked[-1] == ('"v1"', 304)

    served.publish(feed(item("proposal"), item("talks"), item("release")), '"v2"')
    (third,) = watch.poll_all()
    assert third.ingested == 1
    assert db.counts().articles == 3
    assert said == [
        f"{url}: 2 new articles ingested",
        f"{url}: not modified",
        f"{url}: 1 new article ingested",
    ]
    state = db.watched_source(url)
    assert (state.kind, state.etag, state.ingested, state.last_error) == ("feed", '"v2"', 3, None)
    assert state.last_polled is not None and state.last_success == state.last_polled


def test_a_restarted_watch_resumes_from_the_store(site, tmp_path, extractor):
    served, url = site
    served.publish(feed(item("talks"), item("release")), '"v1"')
    path = tmp_path / "resume.db"
    with Store.open(path, write=True) as store:
        watcher(store, [url], extractor)[0].run(once=True)

    with Store.open(path, write=True) as store:
        (poll,) = watcher(store, [url], extractor)[0].poll_all()
        assert poll.not_modified  # the stored ETag was sent back
        assert served.asked[-1] == ('"v1"', 304)

        # A server that ignores validators: the items taken are still not taken again.
        served.validators = False
        (poll,) = watcher(store, [url], extractor)[0].poll_all()
        assert (poll.not_modified, poll.ingested) == (False, 0)
        assert store.counts().articles == 2


def test_a_changed_item_text_is_taken_again_as_a_new_version(site, db, extractor):
    served, url = site
    served.publish(feed(item("release")), '"v1"')
    watch, _ = watcher(db, [url], extractor)
    watch.poll_all()
    changed = item("release").replace("four hostages on Tuesday", "five hostages on Tuesday")
    served.publish(feed(changed), '"v2"')
    (poll,) = watch.poll_all()
    assert poll.ingested == 1
    assert (db.counts().articles, db.counts().versions) == (1, 2)


def test_a_failing_source_records_its_error_and_backs_off(site, db, extractor):
    served, url = site
    served.status = 503
    now = dt.datetime(2025, 3, 3, 12, 0, tzinfo=dt.UTC)
    watch, said = watcher(db, [url], extractor, every=60, clock=lambda: now)

    (poll,) = watch.poll_all()
    assert poll.error and "503" in poll.error
    state = db.watched_source(url)
    assert state.failures == 1 and "503" in state.last_error
    assert state.next_poll == now + dt.timedelta(seconds=120)

    (again,) = watch.poll_all()  # still backing off: the server is not asked
    assert again.skipped and len(served.asked) == 1

    served.status = 200
    served.publish(feed(item("talks")), '"v1"')
    now += dt.timedelta(seconds=121)
    (back,) = watch.poll_all()
    assert back.ingested == 1
    state = db.watched_source(url)
    assert (state.failures, state.last_error, state.next_poll) == (0, None, None)
    assert said[0].startswith(f"{url}: failed: the server answered 503")


def test_backoff_doubles_with_each_failure_in_a_row(site, db, extractor):
    served, url = site
    served.status = 500
    now = dt.datetime(2025, 3, 3, 12, 0, tzinfo=dt.UTC)
    watch, _ = watcher(db, [url], extractor, every=60, clock=lambda: now)
    gaps = []
    for _ in range(3):
        watch.poll_all()
        state = db.watched_source(url)
        gaps.append((state.next_poll - now).total_seconds())
        now = state.next_poll
    assert gaps == [120, 240, 480]


def test_unreachable_too_large_and_slow_sources_fail_with_their_reason(site, db, extractor):
    served, url = site
    served.publish(feed(item("talks"), item("release")), '"v1"')
    (poll,) = watcher(db, [url], extractor, max_bytes=100)[0].poll_all()
    assert "100" in poll.error and db.counts().articles == 0

    served.delay = 1.0
    (poll,) = watcher(db, [url.replace("feed.xml", "slow")], extractor, timeout=0.3)[0].poll_all()
    assert "timed out" in poll.error

    (poll,) = watcher(db, ["http://127.0.0.1:9/feed.xml"], extractor)[0].poll_all()
    assert "could not be downloaded" in poll.error
    assert db.watched_source("http://127.0.0.1:9/feed.xml").last_error == poll.error


def test_a_page_that_is_not_a_feed_is_one_article(site, db, extractor):
    served, url = site
    title, text = STORIES["talks"]
    page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p><p>{text}</p></article></body></html>"
    served.content_type = "text/html; charset=utf-8"
    served.publish(page.encode(), '"p1"')
    (poll,) = watcher(db, [url], extractor)[0].poll_all()
    assert poll.ingested == 1
    assert db.watched_source(url).kind == "page"


def test_a_feed_item_names_its_own_outlet_not_the_channel(site, db, extractor):
    served, url = site
    served.publish(feed(item("talks", source="Harbour Gazette"), item("release")), '"v1"')
    watcher(db, [url], extractor)[0].poll_all()
    outlets = {a.url: a.outlet for a in db.articles()}
    assert outlets == {
        "https://news.example/talks": "Harbour Gazette",
        "https://news.example/release": "News Aggregator",
    }


def test_a_folder_source_takes_new_and_changed_files(tmp_path, db, extractor):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("talks", "release"):
        title, text = STORIES[name]
        (folder / f"{name}.txt").write_text(f"{title}\n{text}\n", encoding="utf-8")
    watch, _ = watcher(db, [str(folder)], extractor, published=dt.date(2025, 3, 3))

    assert [p.ingested for p in watch.poll_all()] == [2]
    assert [p.ingested for p in watch.poll_all()] == [0]

    title, text = STORIES["proposal"]
    (folder / "proposal.txt").write_text(f"{title}\n{text}\n", encoding="utf-8")
    changed = folder / "release.txt"
    changed.write_text(changed.read_text() + "The Red Cross took them to Israel.\n")
    later = time.time() + 5
    os.utime(changed, (later, later))
    assert [p.ingested for p in watch.poll_all()] == [2]
    # A file's article has no URL: the store keys it by its text, so a new text is a new article.
    assert db.counts().articles == 4

    os.utime(folder / "talks.txt", (later, later))  # touched, text unchanged: not re-extracted
    assert [p.ingested for p in watch.poll_all()] == [0]
    assert db.watched_source(str(folder)).kind == "folder"


def test_a_watched_article_about_no_negotiation_is_stored_as_screened_out(tmp_path, db, extractor):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "weather.txt").write_text(
        "Storm lashes coast\nHeavy rain and high winds cut power to 20,000 homes.\n",
        encoding="utf-8",
    )
    watch, _ = watcher(db, [str(folder)], extractor, published=dt.date(2025, 3, 3))
    assert [p.ingested for p in watch.poll_all()] == [0]
    assert db.counts().articles == 0
    assert [s.title for s in db.screened()] == ["Storm lashes coast"]


def test_a_missing_folder_is_a_recorded_error(tmp_path, db, extractor):
    (poll,) = watcher(db, [str(tmp_path / "none")], extractor)[0].poll_all()
    assert "no such file or directory" in poll.error


class StoppingExtractor:
    """The session's extractor, setting ``stop`` after its first article (a SIGTERM then)."""

    def __init__(self, extractor, stop: threading.Event) -> None:
        self.extractor, self.stop = extractor, stop

    def extract_many(self, articles):
        for outcome in self.extractor.extract_many(articles):
            self.stop.set()
            yield outcome


def test_a_stop_ends_the_poll_between_articles_and_the_next_watch_takes_the_rest(
    site, db, extractor
):
    served, url = site
    served.publish(feed(item("talks"), item("release"), item("proposal")), '"v1"')
    stop = threading.Event()
    watch, _ = watcher(db, [url], StoppingExtractor(extractor, stop), stop=stop)
    watch.run()  # stops itself after one article
    assert db.counts().articles == 1
    assert db.watched_source(url).etag is None  # the feed must be read again
    assert db.counts().story_events > 0  # what was stored is rebuilt

    (poll,) = watcher(db, [url], extractor)[0].poll_all()
    assert poll.ingested == 2
    assert db.counts().articles == 3


@pytest.mark.parametrize(
    ("text", "seconds"), [("30s", 30), ("10m", 600), ("1h", 3600), ("2", 2), ("1.5m", 90)]
)
def test_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "ten", "0", "5w"])
def test_bad_intervals_are_usage_errors(text):
    with pytest.raises(WatchError):
        parse_interval(text)


def test_the_command_polls_once_and_says_what_it_did(site, tmp_path, extractor, monkeypatch):
    served, url = site
    served.publish(feed(item("talks")), '"v1"')
    monkeypatch.setattr(api, "new_extractor", lambda store=None: extractor)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(cli.app, ["watch", url, "--once", "--db", db, "--every", "1m"])
    assert result.exit_code == 0, result.output
    assert f"{url}: 1 new article ingested" in result.output
    with Store.open(db) as store:
        assert store.counts().articles == 1

    bad = CliRunner().invoke(cli.app, ["watch", url, "--once", "--db", db, "--every", "soon"])
    assert bad.exit_code == 2


def test_a_store_error_ends_a_round_not_the_watch(site, db, extractor, monkeypatch):
    served, url = site
    served.publish(feed(item("talks")), '"v1"')
    stop = threading.Event()
    watch, said = watcher(db, [url], extractor, stop=stop, every=0.01)
    rounds = []

    def flaky() -> list:
        rounds.append(1)
        if len(rounds) == 1:
            raise StoreError("database is locked")
        stop.set()
        return []

    monkeypatch.setattr(watch, "poll_all", flaky)
    watch.run()
    assert len(rounds) == 2
    assert said == ["store error, the next poll tries again: database is locked"]


def test_a_folder_given_relative_is_kept_by_its_absolute_path(tmp_path, db, extractor, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    title, text = STORIES["talks"]
    (inbox / "talks.txt").write_text(f"{title}\n{text}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [p.ingested for p in watcher(db, ["inbox"], extractor)[0].poll_all()] == [1]
    monkeypatch.chdir(inbox)
    assert [p.ingested for p in watcher(db, ["."], extractor)[0].poll_all()] == [0]
    assert [s.source for s in db.watched_sources()] == [str(inbox.resolve())]


# ---------------------------------------------------------------- alerts (issue 13, item 4)

ALERT_RULES = """\
rules:
  - name: releases
    kinds: [release]
    to: [stdout]
  - name: qatar
    actors: [QAT]
    kinds: [proposal]
    to: [stdout]
"""


def alerting(store: Store, tmp_path: Path, sent: list[dict], text: str = ALERT_RULES):
    import json

    from truceline.alerts import Alerts, load_rules

    path = tmp_path / "alerts.yaml"
    path.write_text(text, encoding="utf-8")
    return Alerts(store, load_rules(path), write=lambda line: sent.append(json.loads(line)))


def test_watch_delivers_each_new_change_once_also_across_restarts(site, tmp_path, extractor):
    served, url = site
    served.publish(feed(item("talks"), item("release")), '"v1"')
    path = tmp_path / "alerts.db"
    sent: list[dict] = []
    with Store.open(path, write=True) as store:
        watch, said = watcher(store, [url], extractor, alerts=alerting(store, tmp_path, sent))
        (first,) = watch.poll_all()
        assert first.ingested == 2 and store.counts().articles == 2
        releases = list(sent)  # the title and the text may each tell the release
        assert releases and {(a["rule"], a["kind"], *a["actors"]) for a in releases} == {
            ("releases", "release", "HAMAS")
        }
        assert all(a["text"].startswith("HAMAS: 4 hostages released") for a in releases)
        assert all(a["reports"] for a in releases)
        assert said[-1] == f"alerts: {len(releases)} delivered, 0 not delivered"

        watch.poll_all()  # not modified: nothing new to say
        assert sent == releases

        served.publish(feed(item("proposal"), item("talks"), item("release")), '"v2"')
        (third,) = watch.poll_all()
        assert third.ingested == 1 and store.counts().articles == 3
        proposals = sent[len(releases) :]
        assert proposals and {(a["rule"], a["kind"]) for a in proposals} == {("qatar", "proposal")}
        keys = [a["key"] for a in sent]
        assert len(set(keys)) == len(keys)  # each change once
        assert store.delivered_alerts("releases", keys) == {a["key"] for a in releases}
        assert store.delivered_alerts("qatar", keys) == {a["key"] for a in proposals}

    # Restarted on a server that ignores validators: nothing is taken or delivered again.
    served.validators = False
    again: list[dict] = []
    with Store.open(path, write=True) as store:
        watch, _ = watcher(store, [url], extractor, alerts=alerting(store, tmp_path, again))
        (poll,) = watch.poll_all()
        assert (poll.ingested, again) == (0, [])
        assert store.counts().articles == 3


def test_alerts_begun_on_a_known_store_send_only_what_is_new(site, tmp_path, extractor):
    served, url = site
    served.publish(feed(item("release")), '"v1"')
    path = tmp_path / "known.db"
    with Store.open(path, write=True) as store:
        watcher(store, [url], extractor)[0].poll_all()  # a watch without alerts
    served.publish(feed(item("release"), item("proposal")), '"v2"')
    sent: list[dict] = []
    with Store.open(path, write=True) as store:
        watch, _ = watcher(store, [url], extractor, alerts=alerting(store, tmp_path, sent))
        watch.poll_all()
    assert sent and {(a["rule"], a["kind"]) for a in sent} == {("qatar", "proposal")}


def test_an_undelivered_alert_is_tried_again_after_the_next_poll(site, tmp_path, db, extractor):
    import sys

    served, url = site
    served.publish(feed(item("release")), '"v1"')
    flag = tmp_path / "down"
    flag.write_text("x")
    got = tmp_path / "got.jsonl"
    script = (
        "import os, sys; "
        f"os.path.exists({str(flag)!r}) and sys.exit('mail server down'); "
        f"open({str(got)!r}, 'a').write(sys.stdin.read() + '\\n')"
    )
    rules = (
        "rules:\n  - name: releases\n    kinds: [release]\n"
        f"    to:\n      - command: [{sys.executable!r}, '-c', {script!r}]\n"
    )
    watch, said = watcher(db, [url], extractor, alerts=alerting(db, tmp_path, [], rules))
    watch.poll_all()
    failed = [line for line in said if "mail server down" in line]
    assert failed and said[-1] == f"alerts: 0 delivered, {len(failed)} not delivered"
    assert not got.exists()

    flag.unlink()
    (poll,) = watch.poll_all()  # nothing new ingested, but the pending alert goes out
    assert poll.not_modified and said[-1] == f"alerts: {len(failed)} delivered, 0 not delivered"
    kinds = [json.loads(line)["kind"] for line in got.read_text().splitlines()]
    assert kinds == ["release"] * len(failed)
    watch.poll_all()
    assert len(got.read_text().splitlines()) == len(failed)


def test_the_command_prints_alerts_as_json_lines_and_logs_to_stderr(
    site, tmp_path, extractor, monkeypatch
):
    served, url = site
    served.publish(feed(item("talks"), item("release")), '"v1"')
    monkeypatch.setattr(api, "new_extractor", lambda store=None: extractor)
    rules = tmp_path / "alerts.yaml"
    rules.write_text(ALERT_RULES, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    result = runner.invoke(cli.app, ["watch", url, "--once", "--db", db, "--alerts", str(rules)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines and {json.loads(line)["kind"] for line in lines} == {"release"}
    assert f"{url}: 2 new articles ingested" in result.stderr

    rules.write_text("rules:\n  - name: x\n    to: [email]\n", encoding="utf-8")
    bad = runner.invoke(cli.app, ["watch", url, "--once", "--db", db, "--alerts", str(rules)])
    assert bad.exit_code == 2 and f"{rules}:3: rules[0].to[0]" in bad.output


# ---------------------------------------------------------------- alerts compare records (issue 13)

RECORD_RULES = """\
rules:
  - name: statuses
    kinds: [status]
    to: [stdout]
  - name: moves
    kinds: [position_moved]
    to: [stdout]
  - name: releases
    kinds: [release]
    to: [stdout]
"""


def test_a_proposal_rejected_after_it_was_tabled_alerts_its_status_once(site, tmp_path, extractor):
    served, url = site
    served.publish(feed(item("tabled")), '"v1"')
    path = tmp_path / "status.db"
    sent: list[dict] = []
    with Store.open(path, write=True) as store:
        alerts = alerting(store, tmp_path, sent, RECORD_RULES)
        watch, _ = watcher(store, [url], extractor, alerts=alerts)
        watch.poll_all()
        assert [p.status for p in store.proposals()] == ["tabled"] and sent == []

        served.publish(feed(item("tabled"), item("rejected")), '"v2"')
        watch.poll_all()
        assert [p.status for p in store.proposals()] == ["rejected"]
        assert [(a["rule"], a["kind"]) for a in sent] == [("statuses", "status")]
        assert sent[0]["text"].endswith("is now rejected (was tabled)")

        served.publish(feed(item("tabled"), item("rejected"), item("talks")), '"v3"')
        (poll,) = watch.poll_all()
        assert poll.ingested == 1 and len(sent) == 1  # said once, not at every later change
    with Store.open(path, write=True) as store:  # nor after a restart
        watcher(store, [url], extractor, alerts=alerting(store, tmp_path, sent, RECORD_RULES))[
            0
        ].poll_all()
    assert len(sent) == 1


def test_a_position_that_moved_says_what_it_was(site, tmp_path, db, extractor):
    served, url = site
    served.publish(feed(item("demand90")), '"v1"')
    sent: list[dict] = []
    watch, _ = watcher(db, [url], extractor, alerts=alerting(db, tmp_path, sent, RECORD_RULES))
    watch.poll_all()
    assert sent == []
    served.publish(feed(item("demand90"), item("demand60")), '"v2"')
    watch.poll_all()
    assert [(a["rule"], a["text"]) for a in sent] == [
        ("moves", "HAMAS on ceasefire_days: demand 60 (was demand 90)")
    ]


def test_a_poll_that_moved_nothing_reads_no_record_but_news_from_elsewhere_is_delivered(
    site, tmp_path, db, extractor
):
    served, url = site
    served.publish(feed(item("talks")), '"v1"')
    sent: list[dict] = []
    alerts = alerting(db, tmp_path, sent, RECORD_RULES)
    watch, _ = watcher(db, [url], extractor, alerts=alerts)
    watch.poll_all()
    read = alerts.records_read
    watch.poll_all()
    watch.poll_all()
    assert alerts.records_read == read  # not modified: a digest, no record

    # An ingest by another command meanwhile: the next poll, though it stores nothing, tells it.
    (title, text) = STORIES["release"]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "release.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    list(api.ingest([inbox], db=db, extractor=extractor, published=dt.date(2025, 3, 4)))
    (poll,) = watch.poll_all()
    assert poll.not_modified and [a["kind"] for a in sent][:1] == ["release"]
    assert alerts.records_read == read + 1


def test_alert_keys_survive_a_rebuild_that_gives_story_events_new_ids(
    site, tmp_path, db, extractor
):
    served, url = site
    served.publish(feed(item("talks"), item("release")), '"v1"')
    sent: list[dict] = []
    watch, _ = watcher(db, [url], extractor, alerts=alerting(db, tmp_path, sent, RECORD_RULES))
    watch.poll_all()
    releases = [a for a in sent if a["kind"] == "release"]
    before = {s.id for s in db.story_events() if s.type == "RELEASE"}
    assert releases and before

    # The release article is edited (a sentence added): stored again, its events get new ids.
    title, text = STORIES["release"]
    STORIES["release"] = (title, text + " Talks on the next stage are due next week.")
    try:
        served.publish(feed(item("talks"), item("release")), '"v2"')
        (poll,) = watch.poll_all()
    finally:
        STORIES["release"] = (title, text)
    after = {s.id for s in db.story_events() if s.type == "RELEASE"}
    assert poll.ingested == 1 and after and after.isdisjoint(before)
    assert sent == releases  # the same release, the same key: not alerted again
    assert all("@https://news.example/release#" in a["key"] for a in releases)
    # ... while what a person reads names the story events as `truceline show` knows them.
    assert all(s in before for a in releases for s in a["story_events"])
    assert not any("@" in a["text"] for a in releases)
