"""Reading the store: filtered selects that return the story.py types.

Every query narrows with the same :class:`Filters`; what each filter means
for a kind of row is decided here, in one place per kind:

* story events: their own process, type and date; actor among actors,
  targets or mediators; outlet among the outlets of their reports;
* contradictions, proposals, positions, agreements, ledger entries: their
  own process and date; actor among the actors they involve; type and
  outlet through the story events they rest on;
* ledger totals: process, and actor as releaser (``type`` other than
  RELEASE leaves none); dates and outlets do not narrow a total;
* reported events and outlets' sources: the event's own columns, process
  through the story events it is merged into.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    bindparam,
    case,
    cast,
    false,
    func,
    select,
    true,
)

from truceline.store.filters import Filters
from truceline.store.tables import (
    ArticleRow,
    ContradictionReportRow,
    DerivedActorRow,
    DerivedOutletRow,
    DerivedStoryEventRow,
    DerivedTypeRow,
    EventActorRow,
    EventRow,
    LedgerEntryRow,
    LedgerTotalRow,
    SourceCountsRow,
    StoryEventActorRow,
    StoryEventReportRow,
    StoryEventRow,
)


def _dates(column: Any, f: Filters) -> list[ColumnElement[bool]]:
    out = []
    if f.since is not None:
        out.append(column >= f.since)
    if f.until is not None:
        out.append(column <= f.until)
    return out


def story_conditions(
    f: Filters | None, *, in_date_order: bool = False
) -> list[ColumnElement[bool]]:
    """Conditions on story events.

    ``in_date_order``: for a page read along the date index. An actor or outlet
    is then checked on each row met (``row + 0``: SQLite will not read by the
    row id), so the page ends after a few hundred index entries; otherwise SQLite
    reads every story event of the actor or outlet by row id and sorts them all
    (a busy outlet's 15,000 at 100,000 articles: 100 ms against 15).
    """
    if not f:
        return []
    se = StoryEventRow
    row = se.row + 0 if in_date_order else se.row
    out = _dates(se.date, f)
    if f.process is not None:
        out.append(se.process == f.process)
    if f.type is not None:
        out.append(se.type == f.type.value)
    if f.actor is not None:
        out.append(row.in_(_story_events_of_actor(f.actor)))
    if f.outlet is not None:
        out.append(row.in_(_story_events_of_outlet(f.outlet)))
    return out


def _story_events_of_actor(actor: str) -> Select[Any]:
    return select(StoryEventActorRow.story_event).where(StoryEventActorRow.actor_id == actor)


def _story_events_of_outlet(outlet: str) -> Select[Any]:
    return select(StoryEventReportRow.story_event).where(StoryEventReportRow.outlet == outlet)


def count_story_events(f: Filters | None) -> Select[Any]:
    """How many story events ``f`` keeps; narrowed by an actor or an outlet alone, the
    distinct story events of its links (an index read; no story event row is read)."""
    se = StoryEventRow
    if f and f == Filters(actor=f.actor):
        links = _story_events_of_actor(str(f.actor)).distinct().subquery()
    elif f and f == Filters(outlet=f.outlet):
        links = _story_events_of_outlet(str(f.outlet)).distinct().subquery()
    else:
        return select(func.count()).select_from(se).where(*story_conditions(f))
    return select(func.count()).select_from(links)


def derived_conditions(kind: str, table: Any, f: Filters | None) -> list[ColumnElement[bool]]:
    """Conditions on a derived table with ``row``, ``process`` and ``date`` columns."""
    if not f:
        return []
    out = _dates(table.date, f)
    if f.process is not None:
        out.append(table.process == f.process)
    if f.actor is not None:
        out.append(
            table.row.in_(
                select(DerivedActorRow.derived).where(
                    DerivedActorRow.kind == kind, DerivedActorRow.actor_id == f.actor
                )
            )
        )
    if f.type is not None:
        out.append(
            table.row.in_(
                select(DerivedTypeRow.derived).where(
                    DerivedTypeRow.kind == kind, DerivedTypeRow.type == f.type.value
                )
            )
        )
    if f.outlet is not None:
        out.append(
            table.row.in_(
                select(DerivedOutletRow.derived).where(
                    DerivedOutletRow.kind == kind, DerivedOutletRow.outlet == f.outlet
                )
            )
        )
    return out


def disputed_releases(f: Filters | None) -> Select[Any]:
    """How many ledger entries have ``disputed_counts`` (kept as a count beside the payload)."""
    t = LedgerEntryRow
    return (
        select(func.count())
        .select_from(t)
        .where(*derived_conditions("ledger", t, f), t.disputed > 0)
    )


def derived_about(kind: str, story_id: str) -> Select[Any]:
    """Rows of a derived ``kind`` that rest on the story event ``story_id``."""
    return (
        select(DerivedStoryEventRow.derived)
        .join(StoryEventRow, StoryEventRow.row == DerivedStoryEventRow.story_event)
        .where(DerivedStoryEventRow.kind == kind, StoryEventRow.id == story_id)
    )


def total_conditions(f: Filters | None) -> list[ColumnElement[bool]]:
    if not f:
        return []
    out: list[ColumnElement[bool]] = []
    if f.process is not None:
        out.append(LedgerTotalRow.process == f.process)
    if f.actor is not None:
        out.append(LedgerTotalRow.releaser == f.actor)
    if f.type is not None and f.type.value != "RELEASE":
        out.append(false())
    return out


def event_conditions(f: Filters | None) -> list[ColumnElement[bool]]:
    """Conditions on current events; dates are the event's date, else its publication."""
    out: list[ColumnElement[bool]] = [EventRow.current.is_(True)]
    if not f:
        return out
    out += _dates(func.coalesce(EventRow.date, EventRow.published), f)
    if f.type is not None:
        out.append(EventRow.type == f.type.value)
    if f.outlet is not None:
        out.append(EventRow.outlet == f.outlet)
    if f.actor is not None:
        out.append(
            EventRow.id.in_(select(EventActorRow.event_id).where(EventActorRow.actor_id == f.actor))
        )
    if f.process is not None:
        out.append(
            EventRow.id.in_(
                select(StoryEventReportRow.event_id)
                .join(StoryEventRow, StoryEventRow.row == StoryEventReportRow.story_event)
                .where(StoryEventRow.process == f.process)
            )
        )
    return out


def article_conditions(f: Filters | None) -> list[ColumnElement[bool]]:
    """Articles published in the date range whose current events match the rest."""
    if not f:
        return []
    out = _dates(ArticleRow.published, f)
    if f.outlet is not None:
        out.append(ArticleRow.outlet == f.outlet)
    rest = Filters(process=f.process, actor=f.actor, type=f.type)
    if rest:
        out.append(ArticleRow.id.in_(select(EventRow.article_id).where(*event_conditions(rest))))
    return out


def sources_query(
    f: Filters | None, by: tuple[Any, ...] = (), among: Sequence[int] | None = None
) -> Select[Any]:
    """Per outlet: events, articles, sourcing, corroborated and contradicted, in one pass.

    Corroborated and contradicted are also counted per kind of source
    (``corroborated_named`` ...), so that kept counts answer "how do anonymous
    claims fare" without reading the events again.

    ``by``: further labelled columns to group by (see :func:`source_cells_query`).
    ``among``: of these events only (None: all), which the corroborated and
    contradicted lists are read for too: counting a few cells again must not read
    every story event's reports (see :func:`truceline.store.derived.recount_sources`).
    """
    corroborated = (
        select(StoryEventReportRow.event_id)
        .join(StoryEventRow, StoryEventRow.row == StoryEventReportRow.story_event)
        .where(StoryEventRow.outlets >= 2, *_among(StoryEventReportRow.event_id, among))
    )
    contradicted = select(ContradictionReportRow.event_id).where(
        *_among(ContradictionReportRow.event_id, among)
    )
    is_corroborated, is_contradicted = EventRow.id.in_(corroborated), EventRow.id.in_(contradicted)

    def count_if(condition: ColumnElement[bool]) -> Any:
        return func.sum(case((condition, 1), else_=0))

    outlet = func.coalesce(EventRow.outlet, UNKNOWN_OUTLET)
    return (
        select(
            outlet.label("outlet"),
            *by,
            func.count().label("events"),
            func.count(EventRow.article_id.distinct()).label("articles"),
            count_if(EventRow.sourcing == "named").label("named"),
            count_if(EventRow.sourcing == "anonymous").label("anonymous"),
            count_if(EventRow.sourcing == "unattributed").label("unattributed"),
            count_if(is_corroborated).label("corroborated"),
            count_if(is_contradicted).label("contradicted"),
            *(
                count_if(and_(fate, EventRow.sourcing == sourcing)).label(f"{name}_{sourcing}")
                for name, fate in (
                    ("corroborated", is_corroborated),
                    ("contradicted", is_contradicted),
                )
                for sourcing in SOURCINGS
            ),
        )
        .where(and_(true(), *event_conditions(f), *_among(EventRow.id, among)))
        .group_by(outlet, *by)
        .order_by(func.count().desc(), outlet)
    )


def event_month(dialect: str) -> Any:
    """The first day of the month of an event's date, else of its publication."""
    day = func.coalesce(EventRow.date, EventRow.published)
    if dialect == "postgresql":
        return cast(func.date_trunc("month", day), Date)
    return func.date(day, "start of month")


def source_cells_query(dialect: str, among: Sequence[int] | None = None) -> Select[Any]:
    """The ``source_counts`` rows: :func:`sources_query` per outlet, process, type and month
    (of the events ``among``; None: all)."""
    return sources_query(None, _cell_keys(dialect), among)


def actor_cells_query(dialect: str, among: Sequence[int] | None = None) -> Select[Any]:
    """The ``actor_source_counts`` rows: :func:`source_cells_query` per actor the event names
    (of the events ``among``; None: all).

    An actor named in several roles of one event counts the event once, as
    the live actor filter (:func:`event_conditions`) does.
    """
    named = (
        select(EventActorRow.event_id, EventActorRow.actor_id)
        .where(*_among(EventActorRow.event_id, among))
        .distinct()
        .subquery()
    )
    by = (named.c.actor_id.label("actor_id"), *_cell_keys(dialect))
    return sources_query(None, by, among).join(named, named.c.event_id == EventRow.id)


def outlet_sources_query() -> Select[Any]:
    """The ``outlet_sources`` rows from the kept ``source_counts`` cells, each outlet's
    summed, except ``articles``, counted over the outlet's current events: an article
    with events in several cells counts once in each cell, once per outlet.

    Every current event is in exactly one cell (its outlet, process, type and month),
    so the sums are :func:`sources_query`'s counts; this reads a few thousand cells and
    the events' outlet and article columns, not every story event's reports.
    """
    cells = SourceCountsRow
    summed = (
        select(
            cells.outlet.label("outlet"),
            *(
                func.sum(getattr(cells, name)).label(name)
                for name in SOURCE_COUNTS
                if name != "articles"
            ),
        )
        .group_by(cells.outlet)
        .subquery()
    )
    outlet = func.coalesce(EventRow.outlet, UNKNOWN_OUTLET)
    articles = (
        select(outlet.label("outlet"), func.count(EventRow.article_id.distinct()).label("articles"))
        .where(EventRow.current.is_(True))
        .group_by(outlet)
        .subquery()
    )
    counts = (articles.c.articles if n == "articles" else summed.c[n] for n in SOURCE_COUNTS)
    return select(summed.c.outlet, *counts).join(articles, articles.c.outlet == summed.c.outlet)


def _among(column: Any, ids: Sequence[int] | None) -> list[ColumnElement[bool]]:
    """``column`` among ``ids`` (none when None), the ids written into the statement: a
    few thousand would pass the number of values a statement may bind."""
    if ids is None:
        return []
    return [column.in_(bindparam(None, list(ids), expanding=True, literal_execute=True))]


def _cell_keys(dialect: str) -> tuple[Any, ...]:
    """Process (of the story event the event is merged into), type and month, labelled."""
    process = (
        select(func.min(StoryEventRow.process))
        .join(StoryEventReportRow, StoryEventRow.row == StoryEventReportRow.story_event)
        .where(StoryEventReportRow.event_id == EventRow.id)
        .scalar_subquery()
    )
    return (
        process.label("process"),
        EventRow.type.label("type"),
        event_month(dialect).label("month"),
    )


def whole_months(f: Filters) -> bool:
    """Whether the date range starts and ends on month edges (the cells can answer it)."""
    since_ok = f.since is None or f.since.day == 1
    # The last day of its month, asked without adding a day (9999-12-31 has no next day).
    until_ok = f.until is None or f.until.day == calendar.monthrange(f.until.year, f.until.month)[1]
    return since_ok and until_ok


UNKNOWN_OUTLET = "(unknown outlet)"

SOURCINGS = ("named", "anonymous", "unattributed")
"""The kinds of source an event's claim can rest on (``EventRow.sourcing``)."""

SOURCE_COUNTS = (
    "events",
    "articles",
    *SOURCINGS,
    "corroborated",
    "contradicted",
    *(f"{fate}_{sourcing}" for fate in ("corroborated", "contradicted") for sourcing in SOURCINGS),
)
"""The count columns of ``outlet_sources`` and ``source_counts``, in :func:`sources_query` order."""
