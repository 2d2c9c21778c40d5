"""Reads of the derived record: story events, contradictions, the negotiation, sources.

Each function runs on a connection the :class:`~truceline.store.Store` opens,
narrowed by the store's filter conditions (:mod:`truceline.store.queries`), so
that a filter means the same in every report and page. Payloads are read as
the rebuild wrote them and validated into the record's types.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel
from sqlalchemy import Connection, Text, cast, func, select

from truceline.record import (
    Agreement,
    Contradiction,
    LedgerEntry,
    LedgerTotal,
    OutletSources,
    Process,
    Proposal,
    SourcingKind,
    StoryEvent,
)
from truceline.store import queries
from truceline.store.filters import Filters
from truceline.store.pager import dated_then_undated
from truceline.store.tables import (
    ActorSourceCountsRow,
    AgreementRow,
    ContradictionRow,
    LedgerEntryRow,
    LedgerTotalRow,
    OutletSourcesRow,
    ProcessRow,
    ProposalRow,
    SourceCountsRow,
    StoryEventRow,
)

M = TypeVar("M", bound=BaseModel)

OUTLET_COUNTS = [name for name in queries.SOURCE_COUNTS if name in OutletSources.model_fields]
"""The kept counts an :class:`OutletSources` shows (the rest are per kind of source)."""


# ---------------------------------------------------------------------- reading payloads


def payload_text(table: Any) -> Any:
    """A table's payload as the JSON text the database holds, for :func:`parsed`."""
    return cast(table.payload, Text)


def parsed(model: type[M], payload: str | Any) -> M:
    """A payload read with :func:`payload_text` as ``model``: pydantic reads the JSON
    text itself, without building it as Python objects first (up to twice as fast)."""
    if isinstance(payload, str):
        return model.model_validate_json(payload)
    return model.model_validate(payload)


def models(conn: Connection, model: type[M], query: Any, limit: int | None, offset: int) -> list[M]:
    """The payloads ``query`` selects, one page of them, as ``model`` values."""
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    return [parsed(model, p) for p in conn.execute(query).scalars()]


def _by_rows(
    conn: Connection,
    model: type[M],
    table: Any,
    where: list[Any],
    order: tuple[Any, ...],
    limit: int | None,
    offset: int,
) -> list[M]:
    """The payloads of ``table`` matching ``where`` in ``order``, one page of them.

    A page's rows are ordered and cut first, and only then are their
    payloads read: sorting many matches then moves small keys, not whole
    payloads (which SQLite's sorter would otherwise carry along).
    """
    if limit is None:
        query = select(payload_text(table)).where(*where).order_by(*order)
        return models(conn, model, query, None, offset)
    rows = select(table.row).where(*where).order_by(*order).limit(limit).offset(offset or None)
    page = list(conn.execute(rows).scalars())
    if not page:
        return []
    query = select(table.row, payload_text(table)).where(table.row.in_(page))
    found = dict(conn.execute(query).all())
    return [parsed(model, found[row]) for row in page]


def _dated_first(
    conn: Connection,
    model: type[M],
    table: Any,
    where: list[Any],
    dated_order: tuple[Any, ...],
    limit: int | None,
    offset: int,
    undated_order: Any = None,
) -> list[M]:
    """Payloads of ``table`` in ``dated_order``, then the undated (by id), one page of them."""
    dated = [*where, table.date.is_not(None)]
    undated = [*where, table.date.is_(None)]
    order = (table.id if undated_order is None else undated_order,)

    def count_dated() -> int:
        return int(conn.execute(select(func.count()).select_from(table).where(*dated)).scalar_one())

    return dated_then_undated(
        lambda n, skip: _by_rows(conn, model, table, dated, dated_order, n, skip),
        count_dated,
        lambda n, skip: _by_rows(conn, model, table, undated, order, n, skip),
        limit=limit,
        offset=offset,
    )


def _count(conn: Connection, table: Any, where: list[Any]) -> int:
    return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


# ---------------------------------------------------------------------- story events


def story_events(
    conn: Connection, filters: Filters | None, *, limit: int | None, offset: int
) -> list[StoryEvent]:
    """Story events by date (undated last), then id.

    Dated and undated ones are asked for apart, so that a page is read in
    index order (``date``, or ``process``/``type`` then ``date``) and its
    end stops the reading, rather than every match being sorted first.
    """
    se = StoryEventRow
    where = queries.story_conditions(filters, in_date_order=True)
    return _dated_first(conn, StoryEvent, se, where, (se.date, se.id), limit, offset)


def count_story_events(conn: Connection, filters: Filters | None) -> int:
    return int(conn.execute(queries.count_story_events(filters)).scalar_one())


def story_counts(conn: Connection, filters: Filters | None) -> dict[str | None, tuple[int, int]]:
    """Per process (None: unassigned): its story events and the reports behind them."""
    se = StoryEventRow
    query = (
        select(se.process, func.count(), func.coalesce(func.sum(se.reports), 0))
        .where(*queries.story_conditions(filters))
        .group_by(se.process)
    )
    return {p: (int(n), int(r)) for p, n, r in conn.execute(query)}


def story_event(conn: Connection, story_id: str) -> StoryEvent | None:
    query = select(payload_text(StoryEventRow)).where(StoryEventRow.id == story_id)
    found = models(conn, StoryEvent, query, None, 0)
    return found[0] if found else None


def latest_story_events(
    conn: Connection, filters: Filters | None, *, limit: int
) -> list[StoryEvent]:
    """The newest dated story events matching ``filters``, newest first (one query).

    Read backwards along the (process, date) index, so it stops after ``limit`` rows
    instead of skipping every older one.
    """
    se = StoryEventRow
    query = (
        select(payload_text(se))
        .where(*queries.story_conditions(filters, in_date_order=True), se.date.is_not(None))
        .order_by(se.date.desc(), se.id.desc())
        .limit(limit)
    )
    return [parsed(StoryEvent, p) for p in conn.execute(query).scalars()]


def contradictions(
    conn: Connection,
    filters: Filters | None,
    *,
    limit: int | None,
    offset: int,
    about: str | None,
    newest_first: bool,
    unassigned: bool,
) -> list[Contradiction]:
    """Contradictions by date (undated last); see :meth:`Store.contradictions`."""
    t = ContradictionRow
    extra = [t.process.is_(None)] if unassigned else []
    return _listing(
        conn, "contradiction", Contradiction, t, filters, extra, limit, offset, about, newest_first
    )


def count_contradictions(conn: Connection, filters: Filters | None) -> int:
    where = queries.derived_conditions("contradiction", ContradictionRow, filters)
    return _count(conn, ContradictionRow, where)


# ---------------------------------------------------------------------- the negotiation

_COUNTED: dict[str, Any] = {
    "proposal": ProposalRow,
    "agreement": AgreementRow,
    "ledger": LedgerEntryRow,
    "contradiction": ContradictionRow,
}


def count_by_process(conn: Connection, kind: str, filters: Filters | None) -> dict[str | None, int]:
    """How many ``kind`` rows (proposal, agreement, ledger, contradiction) each process has."""
    table = _COUNTED[kind]
    query = (
        select(table.process, func.count())
        .where(*queries.derived_conditions(kind, table, filters))
        .group_by(table.process)
    )
    return {p: int(n) for p, n in conn.execute(query)}


def processes(conn: Connection, filters: Filters | None) -> list[Process]:
    """Configured processes (only ``filters.process`` and ``actor`` narrow them)."""
    found = models(conn, Process, select(payload_text(ProcessRow)).order_by(ProcessRow.id), None, 0)
    if filters and filters.process is not None:
        found = [p for p in found if p.id == filters.process]
    if filters and filters.actor is not None:
        actor = filters.actor
        found = [
            p
            for p in found
            if actor in p.parties
            or actor in p.mediators
            or any(actor in side for side in p.sides.values())
        ]
    return found


def proposals(
    conn: Connection,
    filters: Filters | None,
    *,
    limit: int | None,
    offset: int,
    newest_first: bool,
    standing: bool,
    about: str | None,
) -> list[Proposal]:
    """Proposals by date (undated last), then id; see :meth:`Store.proposals`."""
    t = ProposalRow
    extra = [t.status != "superseded"] if standing else []
    return _listing(
        conn, "proposal", Proposal, t, filters, extra, limit, offset, about, newest_first
    )


def count_proposals(conn: Connection, filters: Filters | None) -> int:
    return _count(conn, ProposalRow, queries.derived_conditions("proposal", ProposalRow, filters))


def agreements(
    conn: Connection,
    filters: Filters | None,
    *,
    limit: int | None,
    offset: int,
    newest_first: bool,
    about: str | None,
) -> list[Agreement]:
    """Agreements by date (undated last), then id; ``newest_first``: the dated newest first."""
    return _listing(
        conn, "agreement", Agreement, AgreementRow, filters, [], limit, offset, about, newest_first
    )


def _listing(
    conn: Connection,
    kind: str,
    model: type[M],
    table: Any,
    filters: Filters | None,
    extra: list[Any],
    limit: int | None,
    offset: int,
    about: str | None,
    newest_first: bool,
) -> list[M]:
    """One page of a derived table: by date (undated last), then id; ``newest_first``
    sorts a page's keys first and reads only its payloads; ``about`` keeps the rows
    that rest on that story event."""
    where = [*queries.derived_conditions(kind, table, filters), *extra]
    if about is not None:
        where.append(table.row.in_(queries.derived_about(kind, about)))
    if newest_first:
        order = (table.date.desc(), table.id.desc())
        return _dated_first(conn, model, table, where, order, limit, offset)
    query = (
        select(payload_text(table))
        .where(*where)
        .order_by(table.date.is_(None), table.date, table.id)
    )
    return models(conn, model, query, limit, offset)


def count_agreements(conn: Connection, filters: Filters | None) -> int:
    where = queries.derived_conditions("agreement", AgreementRow, filters)
    return _count(conn, AgreementRow, where)


def ledger(
    conn: Connection, filters: Filters | None, *, limit: int | None, offset: int
) -> list[LedgerEntry]:
    """Releases by date (undated last), then kind and story event (rows are written so)."""
    t = LedgerEntryRow
    where = queries.derived_conditions("ledger", t, filters)
    return _dated_first(conn, LedgerEntry, t, where, (t.date, t.row), limit, offset, t.row)


def count_ledger_entries(conn: Connection, filters: Filters | None) -> int:
    where = queries.derived_conditions("ledger", LedgerEntryRow, filters)
    return _count(conn, LedgerEntryRow, where)


def count_disputed_releases(conn: Connection, filters: Filters | None) -> int:
    """Ledger entries some outlets give other counts for, counted in SQL."""
    query = queries.disputed_releases(filters)
    return int(conn.execute(query).scalar_one())


def ledger_totals(conn: Connection, filters: Filters | None) -> list[LedgerTotal]:
    """Totals by process, releaser, kind, then round (oldest first).

    The round is in the payload only, so the last key is sorted here, never left
    to the order rows happen to be stored in (which an incremental rebuild changes).
    """
    t = LedgerTotalRow
    query = select(payload_text(t)).where(*queries.total_conditions(filters))
    found = models(conn, LedgerTotal, query, None, 0)
    return sorted(found, key=lambda x: (x.process, x.releaser, x.kind, x.round or 0))


ReleaseKey = tuple[str, int | None, str, str]
"""A ledger total's key: process, round, releaser, kind."""


def released_sums(
    conn: Connection, filters: Filters | None
) -> dict[ReleaseKey, tuple[int, dt.date | None]]:
    """Per process, round, first releaser and kind, how many the releases ``filters``
    keep freed and the latest of their dates: what totals narrowed by dates or outlet add up.

    Summed in SQL, so that a busy outlet's thousands of releases are not read one by
    one; entries with no releaser or count are left out, as totals leave them.
    """
    t = LedgerEntryRow
    query = (
        select(t.process, t.round, t.releaser, t.kind, func.sum(t.count), func.max(t.date))
        .where(
            *queries.derived_conditions("ledger", t, filters),
            t.releaser.is_not(None),
            t.count.is_not(None),
        )
        .group_by(t.process, t.round, t.releaser, t.kind)
    )
    return {
        (process, None if r is None else int(r), releaser, kind): (int(n), day)
        for process, r, releaser, kind, n, day in conn.execute(query)
    }


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
            *queries.derived_conditions("ledger", t, filters),
            t.date.is_not(None),
            t.releaser.is_not(None),
            t.count.is_not(None),
        )
        .group_by(t.process, t.date, t.releaser, t.kind)
        .order_by(t.date, t.process, t.releaser, t.kind)
    )
    return [DailyReleases(*row[:4], int(row[4])) for row in conn.execute(query)]


# ---------------------------------------------------------------------- sources


def source_counts(
    conn: Connection, filters: Filters | None
) -> tuple[list[OutletSources], list[SourcingKind]]:
    """How each outlet reports, and how claims of each kind of source fare.

    What the last rebuild kept is read unless an article was added since
    (which empties the per-outlet counts: the sign that none hold until the
    next rebuild): unfiltered, the per-outlet counts; filtered by
    process, type, outlet and dates on month edges, the sum of the
    per-outlet x process x type x month cells (``articles`` then counts an
    article once per cell it has events in), by actor those cells per actor.
    A date range inside a month cannot be read from the cells and is
    counted live over the matching events, which reads them all. The kinds of
    source are the outlets' counts summed, so both always agree.
    """
    rows: Any = []
    if not filters:
        t = OutletSourcesRow
        kept = select(*(c for c in t.__table__.columns)).order_by(t.events.desc(), t.outlet)
        rows = conn.execute(kept).mappings().all()
    elif (
        queries.whole_months(filters)
        and conn.execute(select(OutletSourcesRow.outlet).limit(1)).first()
    ):
        cells = ActorSourceCountsRow if filters.actor is not None else SourceCountsRow
        rows = conn.execute(_summed_cells(cells, filters)).mappings().all()
        if not rows and conn.execute(select(cells.row).limit(1)).first():
            return [], []  # kept, and nothing matches
    if not rows:
        rows = conn.execute(queries.sources_query(filters)).mappings().all()
    outlets = [
        OutletSources(
            outlet=row["outlet"],
            **{name: int(row[name]) for name in OUTLET_COUNTS},
            anonymous_share=(row["anonymous"] / row["events"]) if row["events"] else 0.0,
        )
        for row in rows
    ]
    kinds = [
        SourcingKind(
            sourcing=kind,
            events=sum(int(row[kind]) for row in rows),
            corroborated=sum(int(row[f"corroborated_{kind}"]) for row in rows),
            contradicted=sum(int(row[f"contradicted_{kind}"]) for row in rows),
        )
        for kind in queries.SOURCINGS
    ]
    return outlets, [k for k in kinds if k.events]


def _summed_cells(t: Any, f: Filters) -> Any:
    """The sum of the kept cells of ``t`` (``source_counts`` or, by actor,
    ``actor_source_counts``) that ``f`` keeps, per outlet."""
    where = []
    if f.actor is not None:
        where.append(t.actor_id == f.actor)
    if f.process is not None:
        where.append(t.process == f.process)
    if f.type is not None:
        where.append(t.type == f.type.value)
    if f.outlet is not None:
        where.append(t.outlet == f.outlet)
    if f.since is not None:
        where.append(t.month >= f.since)
    if f.until is not None:
        where.append(t.month <= f.until)
    sums = [func.sum(getattr(t, name)).label(name) for name in queries.SOURCE_COUNTS]
    events = func.sum(t.events)
    return (
        select(t.outlet.label("outlet"), *sums)
        .where(*where)
        .group_by(t.outlet)
        .order_by(events.desc(), t.outlet)
    )
