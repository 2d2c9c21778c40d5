"""Reads for listings and pages: counts, a page of articles or reported events,
one article's events with their story events, the ledger's daily sums, search.

Each is one or two SQL statements on a connection the :class:`Store` opens,
narrowed by the store's own filter conditions (:mod:`truceline.store.queries`),
so that a filter means here what it means in every report.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from pydantic import BaseModel, Field
from sqlalchemy import Connection, Integer, Text, cast, func, select

from truceline.record import Event, ReportedEvent, StoryEvent
from truceline.store import queries as conditions
from truceline.store.articles import StoredArticle
from truceline.store.filters import Filters
from truceline.store.pager import dated_then_undated
from truceline.store.search import articles_matching, story_events_matching
from truceline.store.search import words as search_words
from truceline.store.tables import (
    AgreementRow,
    ArticleRow,
    ArticleVersionRow,
    ContradictionRow,
    EventRow,
    LedgerEntryRow,
    StoryEventReportRow,
    StoryEventRow,
)


def _count(conn: Connection, table: Any, where: list[Any]) -> int:
    return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def count_contradictions(conn: Connection, filters: Filters | None) -> int:
    where = conditions.derived_conditions("contradiction", ContradictionRow, filters)
    return _count(conn, ContradictionRow, where)


def count_agreements(conn: Connection, filters: Filters | None) -> int:
    where = conditions.derived_conditions("agreement", AgreementRow, filters)
    return _count(conn, AgreementRow, where)


def count_articles(conn: Connection, filters: Filters | None) -> int:
    return _count(conn, ArticleRow, conditions.article_conditions(filters))


_ARTICLE_COLUMNS = (
    ArticleRow.id,
    ArticleRow.key,
    ArticleRow.url,
    ArticleRow.current_version.label("versions"),
    ArticleVersionRow.outlet,
    ArticleVersionRow.title,
    ArticleVersionRow.published,
    ArticleVersionRow.version,
    ArticleVersionRow.superseded,
    ArticleVersionRow.ingested_at,
)
"""A :class:`StoredArticle`'s fields (no text), named as its fields are."""


def _reader(conn: Connection, query: Any) -> Any:
    """A :mod:`~truceline.store.pager` reader of ``query``'s first column."""
    return lambda n, skip: list(conn.execute(query.limit(n).offset(skip or None)).scalars())


def _newest_first(
    conn: Connection,
    where: list[Any],
    *,
    limit: int | None,
    offset: int,
    join_version: bool = False,
) -> list[int]:
    """Ids of a page of articles, newest publication first (undated last), then by id."""
    a, v = ArticleRow, ArticleVersionRow

    def ids(*extra: Any) -> Any:
        query = select(a.id)
        if join_version:
            query = query.join(v, (v.article_id == a.id) & (v.version == a.current_version))
        return query.where(*where, *extra)

    dated = ids(a.published.is_not(None)).order_by(a.published.desc(), a.id)
    undated = ids(a.published.is_(None)).order_by(a.id)

    def count_dated() -> int:
        count = select(func.count()).select_from(dated.order_by(None).subquery())
        return int(conn.execute(count).scalar_one())

    read_dated, read_undated = _reader(conn, dated), _reader(conn, undated)
    return dated_then_undated(read_dated, count_dated, read_undated, limit=limit, offset=offset)


def articles(
    conn: Connection, filters: Filters | None, *, limit: int | None, offset: int
) -> list[StoredArticle]:
    """A page of articles at their current version (no text), newest first, in two
    or three queries (not one per article)."""
    a, v = ArticleRow, ArticleVersionRow
    ids = _newest_first(conn, conditions.article_conditions(filters), limit=limit, offset=offset)
    query = (
        select(*_ARTICLE_COLUMNS)
        .join(v, (v.article_id == a.id) & (v.version == a.current_version))
        .where(a.id.in_(ids))
    )
    rows = {r.id: r for r in conn.execute(query)}
    return [StoredArticle.model_validate(dict(rows[i]._mapping)) for i in ids if i in rows]


def latest_story_events(
    conn: Connection, filters: Filters | None, *, limit: int
) -> list[StoryEvent]:
    """The newest dated story events matching ``filters``, newest first (one query).

    Read backwards along the (process, date) index, so it stops after ``limit`` rows
    instead of skipping every older one.
    """
    se = StoryEventRow
    query = (
        select(se.payload)
        .where(*conditions.story_conditions(filters), se.date.is_not(None))
        .order_by(se.date.desc(), se.id.desc())
        .limit(limit)
    )
    return [StoryEvent.model_validate(p) for p in conn.execute(query).scalars()]


def count_ledger_entries(conn: Connection, filters: Filters | None) -> int:
    where = conditions.derived_conditions("ledger", LedgerEntryRow, filters)
    return _count(conn, LedgerEntryRow, where)


class DailyReleases(NamedTuple):
    """What one releaser freed of one kind on one day, all reports of it summed."""

    process: str
    date: dt.date
    releaser: str
    kind: str
    count: int


def daily_releases(conn: Connection, filters: Filters | None) -> list[DailyReleases]:
    """The dated ledger summed per day, process, first releaser and kind: what its chart draws.

    Entries with no releaser or count are left out, as totals leave them.
    Plain tuples, not models: a long ledger has thousands of days, and
    validating a model per day took longer than the query.
    """
    t = LedgerEntryRow
    query = (
        select(t.process, t.date, t.releaser, t.kind, func.sum(t.count))
        .where(
            *conditions.derived_conditions("ledger", t, filters),
            t.date.is_not(None),
            t.releaser.is_not(None),
            t.count.is_not(None),
        )
        .group_by(t.process, t.date, t.releaser, t.kind)
        .order_by(t.date, t.process, t.releaser, t.kind)
    )
    return [DailyReleases(*row[:4], int(row[4])) for row in conn.execute(query)]


def _reported(row: Any) -> ReportedEvent:
    return ReportedEvent(
        id=row.id,
        article_id=row.article_id,
        outlet=row.outlet,
        published=row.published,
        event=Event.model_validate_json(row.payload),
    )


_REPORTED = (
    EventRow.id,
    EventRow.article_id,
    EventRow.outlet,
    EventRow.published,
    cast(EventRow.payload, Text).label("payload"),
)


def reported_events(
    conn: Connection, filters: Filters | None, *, limit: int, offset: int
) -> tuple[int, list[ReportedEvent]]:
    """A page of current reported events in id order, and how many match in all."""
    where = conditions.event_conditions(filters)
    query = select(*_REPORTED).where(*where).order_by(EventRow.id).limit(limit).offset(offset)
    rows = conn.execute(query).all()
    return _count(conn, EventRow, where), [_reported(r) for r in rows]


class ArticleEvent(BaseModel):
    """One event of an article and the story event it was merged into."""

    reported: ReportedEvent
    story_event: str | None = Field(default=None, description="Id of its story event, if any.")


def article_events(conn: Connection, article_id: int) -> list[ArticleEvent]:
    """The current events of one article, in text order, with their story event ids."""
    query = (
        select(*_REPORTED, StoryEventRow.id.label("story"))
        .outerjoin(StoryEventReportRow, StoryEventReportRow.event_id == EventRow.id)
        .outerjoin(StoryEventRow, StoryEventRow.row == StoryEventReportRow.story_event)
        # ``current`` compared as a number, so that no index on it is used: SQLite
        # otherwise walks (current, id), every current event, not the article's few.
        .where(EventRow.article_id == article_id, cast(EventRow.current, Integer) == 1)
        .order_by(EventRow.seq)
    )
    rows = conn.execute(query).all()
    return [ArticleEvent(reported=_reported(r), story_event=r.story) for r in rows]


class ArticleHit(BaseModel):
    id: int
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    snippet: str = Field(description="The text around the first match, plain text.")


class SearchResults(BaseModel):
    """What ``/search?q=`` finds: articles (title, text, outlet) and story events.

    Both hold every word of the query (each word may start a longer one).
    """

    query: str
    articles: list[ArticleHit]
    story_events: list[StoryEvent]


SNIPPET_SIDE = 80


def _snippet(text: str, found: list[str]) -> str:
    """The text around the first place a word of the query starts (case ignored)."""
    lowered = text.lower()
    starts = [m.start() for w in found if (m := re.search(rf"\b{re.escape(w)}", lowered))]
    if not starts:  # matched in the title or the outlet, or through folded accents
        return text[: 2 * SNIPPET_SIDE] + ("…" if len(text) > 2 * SNIPPET_SIDE else "")
    at = min(starts)
    start, end = max(0, at - SNIPPET_SIDE), min(len(text), at + SNIPPET_SIDE)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search(conn: Connection, q: str, *, limit: int = 50) -> SearchResults:
    """Articles whose current title, text or outlet hold every word of ``q``, newest
    first, and story events whose record (actors, terms, outlets, evidence) does,
    by date; each word may start a longer one; at most ``limit`` of each.

    The matching is the store's word index (:mod:`truceline.store.search`).
    """
    found = search_words(q)
    if not found:
        return SearchResults(query=q, articles=[], story_events=[])
    a, v, se = ArticleRow, ArticleVersionRow, StoryEventRow
    holds = articles_matching(conn, found)
    ids = _newest_first(conn, [holds], limit=limit, offset=0, join_version=True)
    told = story_events_matching(conn, found)
    dated = select(se.payload).where(told, se.date.is_not(None)).order_by(se.date, se.id)
    undated = select(se.payload).where(told, se.date.is_(None)).order_by(se.id)
    articles = (
        select(a.id, v.title, v.outlet, v.published, v.text)
        .join(v, (v.article_id == a.id) & (v.version == a.current_version))
        .where(a.id.in_(ids))
    )
    by_id = {r.id: r for r in conn.execute(articles)}
    rows = [by_id[i] for i in ids if i in by_id]
    # Dated first along the date index (the reading stops at ``limit`` hits), then undated.
    payloads = dated_then_undated(
        _reader(conn, dated), lambda: 0, _reader(conn, undated), limit=limit, offset=0
    )
    events = [StoryEvent.model_validate(p) for p in payloads]
    hits = [
        ArticleHit(
            id=r.id,
            title=r.title,
            outlet=r.outlet,
            published=r.published,
            snippet=_snippet(r.text, found),
        )
        for r in rows
    ]
    return SearchResults(query=q, articles=hits, story_events=events)
