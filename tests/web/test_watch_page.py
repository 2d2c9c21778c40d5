"""The dashboard's /watch page and /api/watch: each watched source's last poll and error."""

from __future__ import annotations

import datetime as dt

from truceline.store import WatchedSource

POLLED = dt.datetime(2025, 3, 3, 12, 5, tzinfo=dt.UTC)


def test_the_watch_page_without_sources_says_how_to_watch(client):
    page = client.get("/watch")
    assert page.status_code == 200
    assert "No source watched yet" in page.text
    assert '<a href="/watch"' in client.get("/").text


def test_the_watch_page_shows_each_sources_last_poll_and_last_error(writable):
    client, store = writable
    store.save_watched_source(
        WatchedSource(
            source="https://news.example/feed.xml",
            kind="feed",
            last_polled=POLLED,
            last_success=POLLED,
            ingested=12,
        )
    )
    store.save_watched_source(
        WatchedSource(
            source="https://reader:s3cret@wire.example/<b>rss</b>",
            kind="url",
            last_polled=POLLED,
            last_error="the server answered 503 Service Unavailable; try again later",
            failures=3,
            next_poll=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
        )
    )
    page = client.get("/watch").text
    assert "https://news.example/feed.xml" in page
    assert "2025-03-03 12:05 UTC" in page
    assert "the server answered 503 Service Unavailable" in page
    assert "3 failures in a row" in page
    assert "not before" in page
    assert "s3cret" not in page and "<b>rss</b>" not in page  # no password, escaped

    listed = client.get("/api/watch").json()
    assert [s["source"] for s in listed] == [
        "https://news.example/feed.xml",
        "https://wire.example/<b>rss</b>",
    ]
    assert listed[0]["last_polled"].startswith("2025-03-03T12:05")
    assert listed[1]["failures"] == 3


def test_serve_watches_in_a_background_thread_and_stops_with_the_server(writable, tmp_path):
    import time

    from truceline.web.serve import watching

    client, store = writable
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "talks.txt").write_text(
        "Envoys resume truce talks in Doha\n"
        "Qatari and Egyptian envoys resumed talks with Hamas in Doha on Sunday on a new "
        "ceasefire in Gaza, two officials said.\n",
        encoding="utf-8",
    )
    before = store.counts().articles
    said: list[str] = []
    with watching(store, [str(inbox)], 3600, client.app.state.web, said.append):
        deadline = time.monotonic() + 60
        while store.counts().articles == before and time.monotonic() < deadline:
            time.sleep(0.05)
    # Left: the thread was stopped and waited for; the poll it made is on the page.
    assert said == ["truceline: watching 1 source(s) every 3600 s"]
    assert store.counts().articles == before + 1
    page = client.get("/watch").text
    assert str(inbox) in page and "folder" in page


def test_serve_delivers_alerts_of_its_watch(writable, tmp_path):
    import json
    import sys
    import time

    from truceline.alerts import load_rules
    from truceline.web.serve import watching

    client, store = writable
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "release.txt").write_text(
        "Hamas frees three hostages\n"
        "Hamas released three hostages in Gaza on Saturday under the truce, the Red Cross said.\n",
        encoding="utf-8",
    )
    got = tmp_path / "got.jsonl"
    keep = f"import sys; open({str(got)!r}, 'a').write(sys.stdin.read() + '\\n')"
    rules = tmp_path / "alerts.yaml"
    rules.write_text(
        "rules:\n  - name: releases\n    kinds: [release]\n"
        f"    to:\n      - command: [{sys.executable!r}, '-c', {keep!r}]\n",
        encoding="utf-8",
    )
    with watching(store, [str(inbox)], 3600, client.app.state.web, [].append, load_rules(rules)):
        deadline = time.monotonic() + 60
        while not got.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    alerts = [json.loads(line) for line in got.read_text().splitlines()]
    assert alerts and {(a["rule"], a["kind"]) for a in alerts} == {("releases", "release")}


def test_the_watch_page_counts_the_screened_out_and_the_api_lists_them(writable):
    from truceline.extract.screened import ScreenedOut
    from truceline.record import Article

    client, store = writable
    assert "No article screened out." in client.get("/watch").text
    weather = Article(id="storm", text="Storm lashes coast\nHigh winds cut power.", title="Storm")
    store.add_screened(ScreenedOut.of(weather, "no party"))
    assert "1 article screened out" in client.get("/watch").text
    listed = client.get("/api/screened").json()
    assert [(s["source_id"], s["reason"]) for s in listed] == [("storm", "no party")]
    assert client.get("/api/screened", params={"since": "2999-01-01"}).json() == []
