"""RSS and Atom feeds: one article per entry that carries text.

Feeds are how outlets publish running coverage, and many carry the full
article (``content``) or at least its lede (``summary``). Entries with
neither are links only and are skipped; a feed where every entry is like
that is reported, since the user then needs to fetch the pages instead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from truceline.ingest.article import ReadOutcome, Source, build_article, with_headline
from truceline.ingest.dates import parse_published
from truceline.ingest.html import html_fragment_text
from truceline.ingest.problems import ReadError

# The text is already decoded (truceline.ingest.decode); telling feedparser
# so keeps it from re-decoding by the document's own declaration.
_DECODED = "application/xml; charset=utf-8"


def read_feed(text: str, source: Source) -> Iterator[ReadOutcome]:
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
        yield from build_article(
            source,
            id=entry.get("id") or entry.get("link") or f"{source.id_stem}:{number}",
            text=with_headline(entry.get("title"), body),
            title=entry.get("title"),
            url=entry.get("link"),
            outlet=entry_outlet(entry, body) or outlet,
            published=_entry_date(entry),
        )
    if not with_text:
        raise ReadError(
            f"none of the feed's {len(feed.entries)} entries has text (content or summary); "
            "read the linked pages instead"
        )


# "DOHA, Jan 8 (Reuters) -", "GAZA CITY (AP) —": a capitalised place, maybe a date, the
# credited outlet in brackets, a dash; at the very start of the entry's text.
_DATELINE = re.compile(
    r"\A[A-Z][A-Z.'\- ]{1,40}(?:,[^()\n]{1,30})?\s*\(([A-Z][\w.&' -]{0,40})\)\s*(?:-|--|—|–)"
)


def entry_outlet(entry: Any, body: str) -> str | None:
    """The outlet an entry names for itself: its ``<source>`` (an aggregator's feed names
    each item's publisher so), else the outlet its dateline credits; None if neither.

    The channel's title is only the outlet of entries that name none: counting an
    aggregator as the outlet of every report would make independent reports one.
    """
    source = entry.get("source") or {}
    named = source.get("title") if hasattr(source, "get") else None
    if isinstance(named, str) and named.strip():
        return named.strip()
    dateline = _DATELINE.match(body.lstrip())
    return dateline.group(1).strip() if dateline else None


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
