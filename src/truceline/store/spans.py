"""What an incremental rebuild reads before it reconciles: spans, loose reports, kept stories.

A full rebuild reads every current reported event and reconciles them all.
An incremental one (:mod:`truceline.incremental`) reads only

* the **story spans** (``story_spans``): each stored story event's blocking key
  and the date hull of its reports, from which :mod:`truceline.resolve.reach`
  finds the time islands new reports fall into;
* the **loose reports**: current events no story holds (new article versions)
  and the stories holding an event that is no longer current (an old version);
* the reports of the stories in those islands, and who every current event of
  the articles they come from names (an article's parties are read from all its
  events: :func:`article_names`);
* the kept story events and contradictions as stored, to hand the whole
  record to assignment and derivation.

``derived_basis`` keeps what the record was built with; a rebuild whose basis
differs is done in full. Both tables are written with the derived record, in
its transaction (:meth:`truceline.store.Store.replace_derived`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Integer, Text, and_, cast, delete, or_, select

from truceline.record import (
    ArticleName,
    Contradiction,
    EventType,
    ReportedEvent,
    StoryEvent,
    StorySpan,
)
from truceline.store.bulk import paused_gc
from truceline.store.inserts import insert_rows
from truceline.store.reported import reported_events_where
from truceline.store.tables import (
    ContradictionRow,
    DerivedBasisRow,
    EventActorRow,
    EventRow,
    StoryEventReportRow,
    StoryEventRow,
    StorySpanRow,
)

CHUNK = 900
"""Ids per ``IN (...)`` list (SQLite allows a few thousand bound values)."""


@dataclass(frozen=True)
class Loose:
    """What changed in the reported layer since the record was built."""

    new: list[int]
    """Current events in no story event: the events of new article versions."""
    broken: dict[str, int]
    """Story events holding an event that is no longer current (a superseded version),
    with the day the first of those had arrived (:func:`arrival_day`)."""


def arrival_day(published: dt.date | None, date: dt.date | None) -> int:
    """The day a report is taken in by matching: its publication date, else its event's
    date, undated last (:func:`truceline.resolve.merge.arrival`, which ties by id)."""
    return (published or date or dt.date.max).toordinal()


def _current() -> Any:
    # ``current`` compared as a number so that SQLite keeps to the id or article index
    # instead of walking (current, id) over every current event (see reported.article_events).
    return cast(EventRow.current, Integer) == 1


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def story_spans(conn: Connection) -> list[StorySpan]:
    """Every stored story span."""
    s = StorySpanRow
    query = select(
        s.id, s.type, s.modality_group, s.date_class, s.lo, s.hi, s.first_arrival, s.last_arrival
    )
    return [StorySpan(*row) for row in conn.execute(query)]


def loose_reports(conn: Connection) -> Loose:
    """Current events no story holds, and stories holding a superseded event."""
    link, story = StoryEventReportRow, StoryEventRow
    unheld = (
        select(EventRow.id)
        .outerjoin(link, link.event_id == EventRow.id)
        .where(EventRow.current.is_(True), link.event_id.is_(None))
        .order_by(EventRow.id)
    )
    superseded = (
        select(story.id, EventRow.published, EventRow.date)
        .join(link, link.story_event == story.row)
        .join(EventRow, EventRow.id == link.event_id)
        .where(EventRow.current.is_(False))
    )
    broken: dict[str, int] = {}
    for sid, published, date in conn.execute(superseded):
        day = arrival_day(published, date)
        broken[sid] = min(day, broken.get(sid, day))
    return Loose(new=list(conn.execute(unheld).scalars()), broken=broken)


def reports_by_id(conn: Connection, ids: Iterable[int]) -> list[ReportedEvent]:
    """The current events of these ids, in id order."""
    wanted = sorted(set(ids))
    found: list[ReportedEvent] = []
    for chunk in _chunks(wanted):
        found += reported_events_where(conn, _current(), EventRow.id.in_(chunk))
    return found


def story_reports(conn: Connection, story_ids: Iterable[str]) -> dict[str, set[int]]:
    """Story id -> the ids of the events it holds (current or not), for these stored stories."""
    link, story = StoryEventReportRow, StoryEventRow
    found: dict[str, set[int]] = {}
    for chunk in _chunks(sorted(set(story_ids))):
        query = select(story.id, link.event_id).join(link, link.story_event == story.row)
        for sid, event in conn.execute(query.where(story.id.in_(chunk))):
            found.setdefault(sid, set()).add(event)
    return found


def article_names(conn: Connection, article_ids: Iterable[int]) -> list[ArticleName]:
    """Who the current events of these articles name, each (article, actor, mediating)
    once: read from the events' roles (``event_actors``, written from each event's
    doers, targets and mediators), not by parsing every event of the articles, which
    at 100,000 articles was most of the read (850,000 payloads for 53,000 articles)."""
    e, role = EventRow, EventActorRow
    mediating = or_(
        role.role == "mediator", and_(role.role == "actor", e.type == EventType.MEDIATE.value)
    )
    query = (
        select(e.article_id, role.actor_id, mediating)
        .join(role, role.event_id == e.id)
        .where(_current(), role.role.in_(("actor", "target", "mediator")))
        .distinct()
    )
    found: list[ArticleName] = []
    for chunk in _chunks(sorted(set(article_ids))):
        rows = conn.execute(query.where(e.article_id.in_(chunk))).all()
        found += [ArticleName(article, actor, bool(flag)) for article, actor, flag in rows]
    return found


def kept_story_events(conn: Connection, leave_out: set[str]) -> list[StoryEvent]:
    """The stored story events but ``leave_out``, as reconciliation gave them: the process
    derivation filled in taken off, the article ids (not stored) read from their reports."""
    link, story = StoryEventReportRow, StoryEventRow
    articles: dict[int, set[int]] = {}
    query = select(link.story_event, EventRow.article_id).join(
        EventRow, EventRow.id == link.event_id
    )
    for row, article in conn.execute(query):
        articles.setdefault(row, set()).add(article)
    kept: list[StoryEvent] = []
    parse = StoryEvent.model_validate_json
    with paused_gc():
        rows = conn.execute(select(story.row, story.id, cast(story.payload, Text)))
        for row, sid, payload in rows:
            if sid in leave_out:
                continue
            item = parse(payload)
            item.process = None
            item.articles = sorted(articles.get(row, ()))
            kept.append(item)
    return kept


def stored_contradictions(conn: Connection) -> list[Contradiction]:
    """The stored contradictions as reconciliation gave them (without the process the
    store filled in)."""
    found = []
    query = select(cast(ContradictionRow.payload, Text)).order_by(ContradictionRow.row)
    for payload in conn.execute(query).scalars():
        item = Contradiction.model_validate_json(payload)
        item.process = None
        found.append(item)
    return found


def derived_basis(conn: Connection) -> str | None:
    """What the stored record was built with (None: a store from before spans were kept)."""
    return conn.execute(select(DerivedBasisRow.basis)).scalar()


@dataclass(frozen=True)
class SpanWrite:
    """Spans to write with the derived record: ``spans`` after deleting those of the
    ``drop`` story ids (None: every span), and the record's new ``basis``."""

    spans: Sequence[StorySpan]
    drop: Iterable[str] | None
    basis: str


def keep_spans(conn: Connection, write: SpanWrite) -> None:
    """Apply a :class:`SpanWrite`."""
    spans, drop, basis = write.spans, write.drop, write.basis
    if drop is None:
        conn.execute(delete(StorySpanRow))
    else:
        for chunk in _chunks(sorted(set(drop))):
            conn.execute(delete(StorySpanRow).where(StorySpanRow.id.in_(chunk)))
    rows = [
        {"id": s.id, "type": s.type, "modality_group": s.group, "date_class": s.date_class}
        | {"lo": s.lo, "hi": s.hi, "first_arrival": s.first_arrival, "last_arrival": s.last_arrival}
        for s in spans
    ]
    insert_rows(conn, StorySpanRow, rows)
    conn.execute(delete(DerivedBasisRow))
    insert_rows(conn, DerivedBasisRow, [{"id": 1, "basis": basis}])


def forget_basis(conn: Connection) -> None:
    """Drop the basis (a record written with no spans): the next rebuild reconciles whole."""
    conn.execute(delete(DerivedBasisRow))
