"""Reads of the reported layer: each article's events as extracted, with provenance.

Every read returns :class:`~truceline.record.ReportedEvent` values: the event
and the row id, article, outlet and publication date the store knows.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Connection, Integer, Text, cast, func, select

from truceline.record import Event, ReportedEvent
from truceline.store import queries
from truceline.store.articles import StoredArticle, read_article
from truceline.store.bulk import paused_gc
from truceline.store.filters import Filters
from truceline.store.tables import EventRow, StoryEventReportRow, StoryEventRow

BATCH = 5000
"""Rows per partition when every event is streamed."""

_REPORTED = (
    EventRow.id,
    EventRow.article_id,
    EventRow.outlet,
    EventRow.published,
    cast(EventRow.payload, Text).label("payload"),
)


def _reported(row: Any) -> ReportedEvent:
    return ReportedEvent(
        id=row.id,
        article_id=row.article_id,
        outlet=row.outlet,
        published=row.published,
        event=Event.model_validate_json(row.payload),
    )


def all_reported_events(conn: Connection) -> list[ReportedEvent]:
    """Every event of the current article versions, in id order, streamed in batches.

    Each payload is validated (it is JSON the store wrote, but a store
    may be older than this truceline's model); the collector is paused
    meanwhile (see :mod:`truceline.store.bulk`).
    """
    return reported_events_where(conn, EventRow.current.is_(True))


def reported_events_where(conn: Connection, *where: Any) -> list[ReportedEvent]:
    """The events ``where`` holds, in id order, streamed and built as
    :func:`all_reported_events` builds them (what an incremental rebuild reads a part with)."""
    query = select(*_REPORTED).where(*where).order_by(EventRow.id)
    out: list[ReportedEvent] = []
    build, parse = ReportedEvent.model_construct, Event.model_validate_json
    with paused_gc():
        result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
        for rows in result.partitions():
            out.extend(
                build(id=i, article_id=a, outlet=o, published=p, event=parse(payload))
                for i, a, o, p, payload in rows
            )
    return out


def reported_event(conn: Connection, event_id: int) -> tuple[ReportedEvent, StoredArticle] | None:
    """One stored event (current or history) and the article version it came from."""
    query = select(
        EventRow.id,
        EventRow.article_id,
        EventRow.outlet,
        EventRow.published,
        EventRow.payload,
        EventRow.version_id,
    ).where(EventRow.id == event_id)
    row = conn.execute(query).first()
    if row is None:
        return None
    article = read_article(conn, version_id=row.version_id, with_text=True)
    event = ReportedEvent(
        id=row.id,
        article_id=row.article_id,
        outlet=row.outlet,
        published=row.published,
        event=Event.model_validate(row.payload),
    )
    assert article is not None
    return event, article


def reported_events_page(
    conn: Connection, filters: Filters | None, *, limit: int, offset: int
) -> tuple[int, list[ReportedEvent]]:
    """A page of current reported events in id order, and how many match in all."""
    where = queries.event_conditions(filters)
    query = select(*_REPORTED).where(*where).order_by(EventRow.id).limit(limit).offset(offset)
    rows = conn.execute(query).all()
    total = conn.execute(select(func.count()).select_from(EventRow).where(*where)).scalar_one()
    return int(total), [_reported(r) for r in rows]


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
