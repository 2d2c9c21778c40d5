"""Reads the dashboard and the REST API need that :class:`~truceline.store.Store` lacks.

Counts for pagination, a page of reported events, one article's events with
their story events, sourcing kinds and search. Each is one or two SQL
statements over the store's engine, narrowed by the store's own filter
conditions (:mod:`truceline.store.queries`), so a filter means here what it
means in every report. They belong in the store; they live here, apart,
until it has them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Connection, Integer, Text, case, cast, func, or_, select
from sqlalchemy.exc import DBAPIError

from truceline.model import Event
from truceline.store import Filters, Store, StoredArticle
from truceline.store import queries as conditions
from truceline.store.engine import explain
from truceline.store.schema import (
    ArticleRow,
    ArticleVersionRow,
    ContradictionReportRow,
    ContradictionRow,
    EventRow,
    LedgerEntryRow,
    StoryEventReportRow,
    StoryEventRow,
)
from truceline.story import LedgerEntry, ReportedEvent, StoryEvent


@contextmanager
def _reading(store: Store) -> Iterator[Connection]:
    try:
        with store.engine.connect() as conn:
            yield conn
    except DBAPIError as exc:
        raise explain(exc, store.url) from None


def _count(store: Store, table: Any, where: list[Any]) -> int:
    with _reading(store) as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def count_contradictions(store: Store, filters: Filters | None) -> int:
    where = conditions.derived_conditions("contradiction", ContradictionRow, filters)
    return _count(store, ContradictionRow, where)


def count_articles(store: Store, filters: Filters | None) -> int:
    return _count(store, ArticleRow, conditions.article_conditions(filters))


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


def _newest_first(
    conn: Connection, where: list[Any], *, limit: int, offset: int, join_version: bool = False
) -> list[int]:
    """Ids of a page of articles, newest publication first (undated last), then by id.

    Dated and undated ones are asked for apart, so that the dated are read in
    the order of the index on ``published`` and the reading stops at the page's
    end; one ORDER BY over both (``published IS NULL, ...``) sorts every match.
    """
    a, v = ArticleRow, ArticleVersionRow

    def ids(*extra: Any) -> Any:
        query = select(a.id)
        if join_version:
            query = query.join(v, (v.article_id == a.id) & (v.version == a.current_version))
        return query.where(*where, *extra)

    dated = ids(a.published.is_not(None)).order_by(a.published.desc(), a.id)
    found = list(conn.execute(dated.limit(limit).offset(offset)).scalars())
    if len(found) >= limit:
        return found
    if found or not offset:
        before = offset + len(found)
    else:
        count = select(func.count()).select_from(dated.order_by(None).subquery())
        before = int(conn.execute(count).scalar_one())
    undated = ids(a.published.is_(None)).order_by(a.id)
    rest = undated.limit(limit - len(found)).offset(max(0, offset - before))
    return found + list(conn.execute(rest).scalars())


def articles(
    store: Store, filters: Filters | None, *, limit: int, offset: int
) -> list[StoredArticle]:
    """A page of articles at their current version (no text), newest first.

    What ``Store.articles`` returns, in two or three queries instead of one per article.
    """
    a, v = ArticleRow, ArticleVersionRow
    with _reading(store) as conn:
        ids = _newest_first(
            conn, conditions.article_conditions(filters), limit=limit, offset=offset
        )
        query = (
            select(*_ARTICLE_COLUMNS)
            .join(v, (v.article_id == a.id) & (v.version == a.current_version))
            .where(a.id.in_(ids))
        )
        rows = {r.id: r for r in conn.execute(query)}
    return [StoredArticle.model_validate(dict(rows[i]._mapping)) for i in ids if i in rows]


def latest_story_events(store: Store, filters: Filters | None, *, limit: int) -> list[StoryEvent]:
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
    with _reading(store) as conn:
        return [StoryEvent.model_validate(p) for p in conn.execute(query).scalars()]


def count_ledger_entries(store: Store, filters: Filters | None) -> int:
    where = conditions.derived_conditions("ledger", LedgerEntryRow, filters)
    return _count(store, LedgerEntryRow, where)


def daily_releases(store: Store, filters: Filters | None) -> list[LedgerEntry]:
    """The dated ledger summed per day, process, first releaser and kind: what its chart draws.

    Each item is a :class:`LedgerEntry` standing for that day's releases (no
    story event). Read as raw JSON and summed here: validating every entry as
    a model (thousands at 100,000 articles) costs ten times as much, and SQL's
    JSON functions, run per row, more still.
    """
    t = LedgerEntryRow
    query = (
        select(t.process, t.date, t.kind, cast(t.payload, Text))
        .where(*conditions.derived_conditions("ledger", t, filters), t.date.is_not(None))
        .order_by(t.date, t.row)
    )
    sums: dict[tuple[str, dt.date, str, str], int] = {}
    with _reading(store) as conn:
        for process, day, kind, payload in conn.execute(query):
            entry = json.loads(payload)
            if entry.get("releaser") and entry.get("count") is not None:
                key = (process, day, entry["releaser"][0], kind)
                sums[key] = sums.get(key, 0) + int(entry["count"])
    return [
        LedgerEntry(process=p, date=day, releaser=[who], kind=kind, count=n, story_event="")
        for (p, day, who, kind), n in sums.items()
    ]


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
    store: Store, filters: Filters | None, *, limit: int, offset: int
) -> tuple[int, list[ReportedEvent]]:
    """A page of current reported events in id order, and how many match in all."""
    where = conditions.event_conditions(filters)
    query = select(*_REPORTED).where(*where).order_by(EventRow.id).limit(limit).offset(offset)
    with _reading(store) as conn:
        rows = conn.execute(query).all()
    return _count(store, EventRow, where), [_reported(r) for r in rows]


class ArticleEvent(BaseModel):
    """One event of an article and the story event it was merged into."""

    reported: ReportedEvent
    story_event: str | None = Field(default=None, description="Id of its story event, if any.")


def article_events(store: Store, article_id: int) -> list[ArticleEvent]:
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
    with _reading(store) as conn:
        rows = conn.execute(query).all()
    return [ArticleEvent(reported=_reported(r), story_event=r.story) for r in rows]


class SourcingKind(BaseModel):
    """How reports resting on one kind of source fare: named, anonymous or unattributed."""

    sourcing: str
    events: int
    corroborated: int = Field(description="In story events that 2+ outlets report.")
    contradicted: int = Field(description="On one side of a contradiction.")


def sourcing_kinds(store: Store, filters: Filters | None) -> list[SourcingKind]:
    """Per kind of source: events, how many corroborated and how many contradicted."""
    corroborated = EventRow.id.in_(
        select(StoryEventReportRow.event_id)
        .join(StoryEventRow, StoryEventRow.row == StoryEventReportRow.story_event)
        .where(StoryEventRow.outlets >= 2)
    )
    contradicted = EventRow.id.in_(select(ContradictionReportRow.event_id))
    query = (
        select(
            EventRow.sourcing,
            func.count().label("events"),
            func.sum(case((corroborated, 1), else_=0)).label("corroborated"),
            func.sum(case((contradicted, 1), else_=0)).label("contradicted"),
        )
        .where(*conditions.event_conditions(filters))
        .group_by(EventRow.sourcing)
        .order_by(EventRow.sourcing)
    )
    with _reading(store) as conn:
        rows = conn.execute(query).all()
    return [
        SourcingKind(
            sourcing=r.sourcing,
            events=int(r.events),
            corroborated=int(r.corroborated or 0),
            contradicted=int(r.contradicted or 0),
        )
        for r in rows
    ]


class ArticleHit(BaseModel):
    id: int
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    snippet: str = Field(description="The text around the first match, plain text.")


class SearchResults(BaseModel):
    """What ``/search?q=`` finds: articles (title, text, outlet) and story events."""

    query: str
    articles: list[ArticleHit]
    story_events: list[StoryEvent]


SNIPPET_SIDE = 80


def _like(q: str) -> str:
    """A LIKE pattern matching ``q`` literally anywhere (wildcards in it escaped)."""
    escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _snippet(text: str, q: str) -> str:
    at = text.lower().find(q.lower())
    if at < 0:
        return text[: 2 * SNIPPET_SIDE]
    start, end = max(0, at - SNIPPET_SIDE), min(len(text), at + len(q) + SNIPPET_SIDE)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search(store: Store, q: str, *, limit: int = 50) -> SearchResults:
    """Articles whose current title, text or outlet holds ``q``, and story events whose
    record (actors, terms, outlets, evidence) holds it; case-insensitive, at most ``limit`` each.
    """
    pattern = _like(q)
    a, v = ArticleRow, ArticleVersionRow
    holds = or_(
        func.lower(v.text).like(pattern, escape="\\"),
        func.lower(v.title).like(pattern, escape="\\"),
        func.lower(v.outlet).like(pattern, escape="\\"),
    )
    se = StoryEventRow
    told = func.lower(cast(se.payload, Text)).like(pattern, escape="\\")
    # Dated first along the date index (the reading stops at ``limit`` hits), then undated.
    dated = select(se.payload).where(told, se.date.is_not(None)).order_by(se.date, se.id)
    undated = select(se.payload).where(told, se.date.is_(None)).order_by(se.id)
    with _reading(store) as conn:
        ids = _newest_first(conn, [holds], limit=limit, offset=0, join_version=True)
        articles = (
            select(a.id, v.title, v.outlet, v.published, v.text)
            .join(v, (v.article_id == a.id) & (v.version == a.current_version))
            .where(a.id.in_(ids))
        )
        by_id = {r.id: r for r in conn.execute(articles)}
        found = [by_id[i] for i in ids if i in by_id]
        payloads = list(conn.execute(dated.limit(limit)).scalars())
        if len(payloads) < limit:
            payloads += conn.execute(undated.limit(limit - len(payloads))).scalars()
        events = [StoryEvent.model_validate(p) for p in payloads]
    hits = [
        ArticleHit(
            id=r.id,
            title=r.title,
            outlet=r.outlet,
            published=r.published,
            snippet=_snippet(r.text, q),
        )
        for r in found
    ]
    return SearchResults(query=q, articles=hits, story_events=events)
