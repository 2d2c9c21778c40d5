"""RSS and Atom feeds: one article per entry that carries text.

Feeds are how outlets publish running coverage, and many carry the full
article (``content``) or at least its lede (``summary``). Entries with
neither are links only and are skipped; a feed where every entry is like
that is reported, since the user then needs to fetch the pages instead.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from truceline.ingest.article import Source, build_article, with_headline
from truceline.ingest.dates import parse_published
from truceline.ingest.html import html_fragment_text
from truceline.ingest.problems import ReadError, ReadProblem
from truceline.record import Article

# The text is already decoded (truceline.ingest.decode); telling feedparser
# so keeps it from re-decoding by the document's own declaration.
_DECODED = "application/xml; charset=utf-8"


def read_feed(text: str, source: Source) -> Iterator[Article | ReadProblem]:
    """The articles of a feed, in feed order."""
    feed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),
        response_headers={"content-type": _DECODED, "content-location": source.url or ""},
    )
    if not feed.version and not feed.entries:
        raise ReadError("is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)")
    outlet = feed.feed.get("title")
    with_text = 0
    for number, entry in enumerate(feed.entries, start=1):
        body = entry_text(entry)
        if not body:
            continue
        with_text += 1
        yield build_article(
            source,
            id=entry.get("id") or entry.get("link") or f"{source.id_stem}:{number}",
            text=with_headline(entry.get("title"), body),
            title=entry.get("title"),
            url=entry.get("link"),
            outlet=outlet,
            published=_entry_date(entry),
        )
    if not with_text:
        raise ReadError(
            f"none of the feed's {len(feed.entries)} entries has text (content or summary); "
            "read the linked pages instead"
        )


def entry_text(entry: Any) -> str:
    """An entry's full content if it has some, else its summary, as plain text."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if not detail:
            continue
        value: str = detail.get("value", "")
        text = value.strip() if detail.get("type") == "text/plain" else html_fragment_text(value)
        if text:
            return text
    return ""


def _entry_date(entry: Any) -> date | None:
    """The entry's own date (in its own time zone), else feedparser's UTC reading of it."""
    for key in ("published", "updated", "published_parsed", "updated_parsed"):
        published = parse_published(entry.get(key))
        if published is not None:
            return published
    return None
