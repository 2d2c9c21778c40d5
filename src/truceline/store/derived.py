"""Replacing the derived layer: story events, contradictions, the negotiation model.

A full rebuild replaces every derived row in one transaction: a reader sees
the old record or the new one, never a mix. Row ids are assigned here (1..n
per table, the tables emptied first); the links that filters use (actors,
story events, outlets, reports) are written alongside.

An incremental rebuild (:func:`update_derived`) replaces, in one transaction
too, only the story events that changed and the rows of the processes whose
inputs changed; new rows take ids after the largest, so row ids are no longer
1..n, and nothing reads them as an order except where written so: the
ledger's reading order, which is why the ledger is always rewritten whole
(it is small), and a position track's points, which are all of one process
and written together. Processes are few and rewritten whole; contradictions
only about the story events the rebuild names (those reconciled again, stale
or fresh: a contradiction's process is its story events'), the others kept,
as their readers order them by date and id. The outlet and type links are
filled for the rows written only, and
the kept source counts are counted again only where the events of the story
events dropped or written, and of the contradictions that came or went,
fall (:func:`recount_sources`): at 10,000 articles, counting everything was
half of an incremental write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import (
    Connection,
    String,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    true,
    tuple_,
    type_coerce,
    update,
)

from truceline.record import Contradiction, LedgerEntry, Negotiation, Reconciliation, StoryEvent
from truceline.store import search
from truceline.store.inserts import insert_rows
from truceline.store.queries import (
    UNKNOWN_OUTLET,
    actor_cells_query,
    event_month,
    outlet_sources_query,
    source_cells_query,
)
from truceline.store.summaries import fill_summaries
from truceline.store.tables import (
    DERIVED_TABLES,
    ActorSourceCountsRow,
    AgreementRow,
    ContradictionReportRow,
    ContradictionRow,
    DerivedActorRow,
    DerivedOutletRow,
    DerivedStoryEventRow,
    DerivedTypeRow,
    EventRow,
    LedgerEntryRow,
    LedgerTotalRow,
    OutletSourcesRow,
    PositionRow,
    ProcessRow,
    ProposalRow,
    Rows,
    SourceCountsRow,
    StoryEventActorRow,
    StoryEventReportRow,
    StoryEventRow,
)

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class _Links:
    """Rows of the link tables, collected while the derived rows are built."""

    def __init__(self, story_rows: dict[str, int]) -> None:
        self.story_rows = story_rows
        self.actors: set[tuple[str, int, str]] = set()
        self.stories: set[tuple[str, int, int]] = set()

    def add(self, kind: str, row: int, actors: Iterable[str], stories: Iterable[str]) -> None:
        self.actors |= {(kind, row, a) for a in actors}
        self.stories |= {(kind, row, self.story_rows[s]) for s in stories if s in self.story_rows}

    def write(self, conn: Connection) -> None:
        _insert(
            conn,
            DerivedActorRow,
            [{"kind": k, "derived": r, "actor_id": a} for k, r, a in sorted(self.actors)],
        )
        _insert(
            conn,
            DerivedStoryEventRow,
            [{"kind": k, "derived": r, "story_event": s} for k, r, s in sorted(self.stories)],
        )


def replace_derived(
    conn: Connection, reconciliation: Reconciliation, negotiation: Negotiation
) -> None:
    """Empty every derived table and write this reconciliation and negotiation."""
    for table in DERIVED_TABLES:
        conn.execute(delete(table))
    search.clear_story_events(conn)
    story_rows = _story_events(conn, reconciliation.story_events, negotiation, first=1)
    _rest(conn, reconciliation, negotiation, story_rows, negotiation.ledger)


def analyze_derived(conn: Connection) -> None:
    """Give PostgreSQL's planner the sizes and values of the derived tables just rewritten.

    A full rebuild deletes and rewrites every derived row; until autovacuum
    samples them (a minute or more later, and never before the first rebuild
    of a new store is read), the planner plans reports over the statistics of
    the old rows, or over none. ``conn`` must be outside a transaction
    (autocommit), after the rebuild's has committed.
    """
    if conn.dialect.name != "postgresql":
        return  # SQLite's planner reads its indexes, not sampled statistics
    names = ", ".join(f'"{table.__tablename__}"' for table in DERIVED_TABLES)
    conn.execute(text(f"ANALYZE {names}"))


@dataclass(frozen=True)
class StoredStory:
    """What the store holds of a story event: enough to tell whether it changed.

    A story event is a function of its reports (reported events are never
    rewritten: a new article version has new events) and its process.
    """

    row: int
    process: str | None
    reports: frozenset[int] | None
    """None: not read (a story the caller knows kept its reports)."""


@dataclass(frozen=True)
class DerivedState:
    """What an incremental rebuild compares with: the stored story events (no payloads),
    and the payloads of the processes and contradictions (small tables), in row order."""

    stories: dict[str, StoredStory]
    processes: list[dict[str, Any]]
    contradictions: list[dict[str, Any]]


def derived_state(conn: Connection, around: set[str] | None = None) -> DerivedState:
    """The stored derived record as :class:`DerivedState`: every story event's process; the
    reports of the story events ``around`` and the contradictions about any of them (None:
    of all), what can have changed when only those were reconciled again."""
    se, link = StoryEventRow, StoryEventReportRow
    stored = conn.execute(select(se.row, se.id, se.process)).all()
    wanted = _story_rows(conn, around)
    reports: dict[int, set[int]] = {}
    for part in [None] if wanted is None else _chunks(wanted):
        query = select(link.story_event, link.event_id)
        if part is not None:
            query = query.where(link.story_event.in_(part))
        for row, event in conn.execute(query):
            reports.setdefault(row, set()).add(event)
    read = None if wanted is None else set(wanted)
    stories = {
        sid: StoredStory(
            row,
            process,
            frozenset(reports.get(row, ())) if read is None or row in read else None,
        )
        for row, sid, process in stored
    }
    return DerivedState(
        stories=stories,
        processes=_payloads(conn, ProcessRow),
        contradictions=_payloads(conn, ContradictionRow, _contradiction_rows(conn, wanted)),
    )


def _contradiction_rows(conn: Connection, story_rows: Sequence[int] | None) -> set[int] | None:
    """The rows of the stored contradictions about any of these story event rows (None: all)."""
    if story_rows is None:
        return None
    links = DerivedStoryEventRow
    found: set[int] = set()
    for part in _chunks(story_rows):
        query = select(links.derived).where(
            links.kind == "contradiction", links.story_event.in_(part)
        )
        found |= set(conn.execute(query).scalars())
    return found


def _contradicted(contradictions: Sequence[Contradiction]) -> set[int]:
    """The reported events these contradictions rest on (``contradiction_reports``)."""
    return {e for item in contradictions for account in item.accounts for e in account.reports}


def _payloads(conn: Connection, table: Any, rows: set[int] | None = None) -> list[dict[str, Any]]:
    """The payloads of a table (of these ``rows``; None: all), in row order."""
    if rows is None:
        return list(conn.execute(select(table.payload).order_by(table.row)).scalars())
    found: list[tuple[int, dict[str, Any]]] = []
    for part in _chunks(sorted(rows)):
        query = select(table.row, table.payload).where(table.row.in_(part))
        found += [(row, payload) for row, payload in conn.execute(query)]
    return [payload for _, payload in sorted(found, key=lambda item: item[0])]


def update_derived(
    conn: Connection,
    reconciliation: Reconciliation,
    negotiation: Negotiation,
    *,
    stale: Iterable[str],
    fresh: Sequence[StoryEvent],
    processes: set[str],
    around: set[str] | None = None,
) -> None:
    """Replace the ``stale`` story events by the ``fresh`` ones and the rows of ``processes``.

    ``reconciliation`` holds every story event and contradiction; ``negotiation``
    every process and story assignment, and the derived rows of ``processes``
    only (the others' rows are kept as stored). The contradictions about any story
    event ``around`` are replaced, the others kept (None: all are): it must hold
    every stale and fresh one (whose process may have moved) and every one whose
    contradictions may have changed. See the module docstring.
    """
    dropped = _contradiction_rows(conn, _story_rows(conn, around))
    contradicted = _contradicted_events(conn, dropped)
    for part in [None] if dropped is None else _chunks(sorted(dropped)):
        _drop_rows(conn, "contradiction", ContradictionRow, _among(ContradictionRow, part))
    story_rows, recount = _drop_stories(conn, set(stale))
    for kind, table in _PER_PROCESS:
        _drop_rows(conn, kind, table, table.process.in_(sorted(processes)))
    kept_ledger = _models(conn, LedgerEntry, LedgerEntryRow, ~LedgerEntryRow.process.in_(processes))
    _drop_rows(conn, "ledger", LedgerEntryRow, None)
    conn.execute(delete(ProcessRow))
    # The rows written from here on: their outlet and type links are filled after.
    written = {kind: _next_row(conn, table) for kind, table in _WRITTEN}
    first = (conn.execute(select(func.max(StoryEventRow.row))).scalar() or 0) + 1
    story_rows |= _story_events(conn, fresh, negotiation, first=first)
    # The ledger in the full rebuild's order: the processes' entries in process order,
    # each as derived (kept ones as stored, which keeps their order among equals).
    ledger: list[LedgerEntry] = []
    for process in negotiation.processes:
        if process.id in processes:
            ledger += [e for e in negotiation.ledger if e.process == process.id]
        else:
            ledger += [e for e in kept_ledger if e.process == process.id]
    mentioned = [
        c
        for c in reconciliation.contradictions
        if around is None or any(s in around for s in c.story_events)
    ]
    _rest(conn, reconciliation, negotiation, story_rows, ledger, processes, written, mentioned)
    # Events whose counts may have moved: the reports of the story events dropped or
    # written (corroboration, process, new and replaced events), and those the
    # contradictions dropped or written rest on, but not both.
    recount |= {e for story in fresh for e in story.reports}
    recount |= contradicted ^ _contradicted(mentioned)
    recount_sources(conn, recount)


_PER_PROCESS: tuple[tuple[str, Any], ...] = (
    ("proposal", ProposalRow),
    ("position", PositionRow),
    ("agreement", AgreementRow),
    ("total", LedgerTotalRow),
)
_WRITTEN: tuple[tuple[str, Any], ...] = (
    *_PER_PROCESS,
    ("contradiction", ContradictionRow),
    ("ledger", LedgerEntryRow),
)


def _story_rows(conn: Connection, story_ids: set[str] | None) -> list[int] | None:
    """The rows of these stored story events (None: of all)."""
    if story_ids is None:
        return None
    found: list[int] = []
    for part in _chunks(sorted(story_ids)):
        query = select(StoryEventRow.row).where(StoryEventRow.id.in_(part))
        found += conn.execute(query).scalars()
    return sorted(found)


def _contradicted_events(conn: Connection, rows: set[int] | None) -> set[int]:
    """The reported events these contradiction rows rest on (None: all of them)."""
    link = ContradictionReportRow
    found: set[int] = set()
    for part in [None] if rows is None else _chunks(sorted(rows)):
        query = select(link.event_id)
        if part is not None:
            query = query.where(link.contradiction.in_(part))
        found |= set(conn.execute(query).scalars())
    return found


def _among(table: Any, rows: Sequence[int] | None) -> Any:
    """Rows of ``table`` among ``rows`` (None: all)."""
    return None if rows is None else table.row.in_(rows)


def _drop_stories(conn: Connection, stale: set[str]) -> tuple[dict[str, int], set[int]]:
    """Delete the stale story events with their links and words; the kept ones' rows by id,
    and the reported events the deleted ones rested on."""
    se = StoryEventRow
    kept: dict[str, int] = {}
    gone: list[tuple[int, dict[str, Any]]] = []
    for row, sid in conn.execute(select(se.row, se.id)):
        if sid in stale:
            gone.append((row, {}))
        else:
            kept[sid] = row
    rows = [row for row, _ in gone]
    reports: set[int] = set()
    for chunk in _chunks(rows):
        link = StoryEventReportRow
        reports |= set(
            conn.execute(select(link.event_id).where(link.story_event.in_(chunk))).scalars()
        )
        if conn.dialect.name == "sqlite":
            payloads = conn.execute(select(se.row, se.payload).where(se.row.in_(chunk))).all()
            search.forget_story_events(conn, payloads)
        conn.execute(
            delete(DerivedStoryEventRow).where(DerivedStoryEventRow.story_event.in_(chunk))
        )
        conn.execute(delete(StoryEventActorRow).where(StoryEventActorRow.story_event.in_(chunk)))
        conn.execute(delete(StoryEventReportRow).where(StoryEventReportRow.story_event.in_(chunk)))
        conn.execute(delete(se).where(se.row.in_(chunk)))
    return kept, reports


def _drop_rows(conn: Connection, kind: str, table: Any, where: Any) -> None:
    """Delete a derived table's rows (all, or those ``where`` holds) and their link rows."""
    rows = select(table.row) if where is None else select(table.row).where(where)
    for link in (DerivedActorRow, DerivedStoryEventRow, DerivedOutletRow, DerivedTypeRow):
        conn.execute(delete(link).where(link.kind == kind, link.derived.in_(rows)))
    if table is ContradictionRow:
        link = ContradictionReportRow
        conn.execute(
            delete(link) if where is None else delete(link).where(link.contradiction.in_(rows))
        )
    conn.execute(delete(table) if where is None else delete(table).where(where))


def _models(conn: Connection, model: type[M], table: Any, where: Any) -> list[M]:
    query = select(table.payload).where(where).order_by(table.row)
    return [model.model_validate(p) for p in conn.execute(query).scalars()]


def _chunks(items: Sequence[T], size: int = 500) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _rest(
    conn: Connection,
    reconciliation: Reconciliation,
    negotiation: Negotiation,
    story_rows: dict[str, int],
    ledger: Sequence[LedgerEntry],
    processes: set[str] | None = None,
    written: dict[str, int] | None = None,
    contradictions: Sequence[Contradiction] | None = None,
) -> None:
    """Write the ``contradictions`` (None: the reconciliation's), processes, the derived
    rows (of ``processes``; all if None), the ledger given, the links and the summary's
    kept parts; the source counts too when all is written (else the caller recounts what
    moved). ``written``: kind -> the first row id written now (None: all), whose outlet
    and type links are filled."""
    if contradictions is None:
        contradictions = reconciliation.contradictions
    about = {s for c in contradictions for s in c.story_events}
    story_actors = {s.id: _actor_ids(s) for s in reconciliation.story_events if s.id in about}
    links = _Links(story_rows)
    first = 1 if written is None else written["contradiction"]
    _contradictions(conn, contradictions, negotiation, links, story_actors, first)
    _insert(
        conn,
        ProcessRow,
        [{"row": n, "id": p.id, "payload": _json(p)} for n, p in _numbered(negotiation.processes)],
    )
    _negotiation(conn, negotiation, links, ledger, processes)
    links.write(conn)
    fill_derived_outlets(conn, written)
    if written is None:
        # Counted once here, with the story events and contradictions just written.
        fill_source_counts(conn)
    # Read last: the summary's parts are read from everything written above.
    fill_summaries(conn, processes)


def fill_derived_outlets(conn: Connection, written: dict[str, int] | None = None) -> None:
    """Link each derived row to the outlets reporting, and the types of, the story events
    it rests on (what outlet and type filters read); ``written`` (kind -> first row id):
    only the rows from there on, the others' links being kept."""
    links, reports = DerivedStoryEventRow, StoryEventReportRow
    new = true()
    if written is not None:
        new = or_(*(and_(links.kind == k, links.derived >= row) for k, row in written.items()))
    outlets = (
        select(links.kind, links.derived, reports.outlet)
        .join(reports, reports.story_event == links.story_event)
        .where(reports.outlet.is_not(None), new)
        .distinct()
    )
    conn.execute(insert(DerivedOutletRow).from_select(["kind", "derived", "outlet"], outlets))
    types = (
        select(links.kind, links.derived, StoryEventRow.type)
        .join(StoryEventRow, StoryEventRow.row == links.story_event)
        .where(new)
        .distinct()
    )
    conn.execute(insert(DerivedTypeRow).from_select(["kind", "derived", "type"], types))


def recount_sources(conn: Connection, events: set[int]) -> None:
    """Count again the kept source counts (:func:`fill_source_counts`) where ``events``
    fall, the others staying as stored: every (outlet, type, month) cell of theirs
    across processes and actors; then the outlets' totals, whole, from the cells
    (:func:`fill_outlet_sources`). Every current event is a report of some story event, so
    events that were added, replaced or re-merged are among those an incremental
    rebuild passes."""
    cells: set[tuple[str, str, Any]] = set()
    outlet, month = _outlet(), event_month(conn.dialect.name)
    for chunk in _chunks(sorted(events)):
        query = select(outlet, EventRow.type, month).where(EventRow.id.in_(chunk)).distinct()
        cells |= {tuple(row) for row in conn.execute(query)}  # type: ignore[misc]
    # Each cell is counted over its events, found first (one pass over the events'
    # columns): counted over all events, each count read every story event's reports.
    dated = sorted(c for c in cells if c[2] is not None)
    undated = sorted((o, t) for o, t, m in cells if m is None)  # no date, no publication
    parts: list[tuple[Any, Callable[[Any], Any]]] = [
        (
            tuple_(outlet, EventRow.type, month).in_(part),
            partial(_dated_cells, part=part, dialect=conn.dialect.name),
        )
        for part in _chunks(dated)
    ]
    parts += [
        (
            and_(outlet == o, EventRow.type == t, month.is_(None)),
            partial(_undated_cell, cell=(o, t)),
        )
        for o, t in undated
    ]
    for where, kept in parts:
        among = list(
            conn.execute(select(EventRow.id).where(EventRow.current.is_(True), where)).scalars()
        )
        for table, query in (
            (SourceCountsRow, source_cells_query(conn.dialect.name, among)),
            (ActorSourceCountsRow, actor_cells_query(conn.dialect.name, among)),
        ):
            conn.execute(delete(table).where(kept(table)))
            if among:
                _count_into(conn, table, query)
    fill_outlet_sources(conn)


def _dated_cells(table: Any, part: Sequence[tuple[str, str, Any]], dialect: str) -> Any:
    """The kept cells of ``table`` among ``part`` (outlet, type, month)."""
    month = table.month
    if dialect == "sqlite":  # SQLite keeps the month as the text its date() gave
        month = type_coerce(table.month, String)
    return tuple_(table.outlet, table.type, month).in_(part)


def _undated_cell(table: Any, cell: tuple[str, str]) -> Any:
    """The kept cell of ``table`` of this outlet and type with no month."""
    return and_(table.outlet == cell[0], table.type == cell[1], table.month.is_(None))


def _outlet() -> Any:
    return func.coalesce(EventRow.outlet, UNKNOWN_OUTLET)


def _count_into(conn: Connection, table: Any, query: Any) -> None:
    counts = query.subquery()
    conn.execute(
        insert(table).from_select([c.name for c in counts.columns], select(*counts.columns))
    )


def fill_source_counts(conn: Connection) -> None:
    """Count per outlet x process x type x month cell (``source_counts``), per actor x
    cell (``actor_source_counts``), and per outlet (``outlet_sources``, from the cells)."""
    for table, query in (
        (SourceCountsRow, source_cells_query(conn.dialect.name)),
        (ActorSourceCountsRow, actor_cells_query(conn.dialect.name)),
    ):
        _count_into(conn, table, query)
    fill_outlet_sources(conn)


def fill_outlet_sources(conn: Connection) -> None:
    """Write ``outlet_sources`` whole from the kept cells (:func:`outlet_sources_query`).

    Whole, because adding an article empties it (the sign readers take that no
    count holds); from the cells, because counting it over the events read every
    story event's reports and contradiction (13 s of an incremental write at
    100,000 articles, against about 1 s for the articles per outlet).
    """
    conn.execute(delete(OutletSourcesRow))
    _count_into(conn, OutletSourcesRow, outlet_sources_query())


def _story_events(
    conn: Connection, story_events: Sequence[StoryEvent], negotiation: Negotiation, *, first: int
) -> dict[str, int]:
    rows, actors, reports = [], [], []
    story_rows: dict[str, int] = {}
    for n, story in _numbered(story_events, first):
        process = negotiation.story_process.get(story.id, story.process)
        if process != story.process:
            story = story.model_copy(update={"process": process})
        story_rows[story.id] = n
        rows.append(
            {
                "row": n,
                "id": story.id,
                "type": story.type.value,
                "date": story.date,
                "process": process,
                "outlets": story.corroboration.outlets,
                "reports": len(dict.fromkeys(story.reports)),
                "payload": _json(story),
            }
        )
        actors += [{"story_event": n, "actor_id": a, "role": r} for r, a in sorted(_roles(story))]
        reports += [{"story_event": n, "event_id": e} for e in dict.fromkeys(story.reports)]
    _insert(conn, StoryEventRow, rows)
    search.index_story_events(conn, ((r["row"], r["payload"]) for r in rows))
    _insert(conn, StoryEventActorRow, actors)
    _insert(conn, StoryEventReportRow, reports)
    # The outlet of each report, copied from its event so outlet filters need no join.
    written = select(StoryEventRow.row).where(StoryEventRow.row >= first)
    conn.execute(
        update(StoryEventReportRow)
        .where(StoryEventReportRow.story_event.in_(written))
        .values(
            outlet=select(EventRow.outlet)
            .where(EventRow.id == StoryEventReportRow.event_id)
            .scalar_subquery()
        )
    )
    return story_rows


def _roles(story: StoryEvent) -> set[tuple[str, str]]:
    roles = {("actor", a) for a in story.actor}
    roles |= {("target", a) for a in story.target}
    return roles | {("mediator", a) for a in story.mediators}


def _actor_ids(story: StoryEvent) -> set[str]:
    return {a for _, a in _roles(story)}


def _contradictions(
    conn: Connection,
    contradictions: Sequence[Contradiction],
    negotiation: Negotiation,
    links: _Links,
    story_actors: dict[str, set[str]],
    first: int,
) -> None:
    rows, reports = [], []
    for n, item in _numbered(contradictions, first):
        # A contradiction belongs to the process of the story events it is about.
        process = item.process or next(
            (
                negotiation.story_process[s]
                for s in item.story_events
                if s in negotiation.story_process
            ),
            None,
        )
        if process != item.process:
            item = item.model_copy(update={"process": process})
        rows.append(
            {
                "row": n,
                "id": item.id,
                "kind": item.kind,
                "date": item.date,
                "process": item.process,
                "payload": _json(item),
            }
        )
        event_ids = dict.fromkeys(e for account in item.accounts for e in account.reports)
        reports += [{"contradiction": n, "event_id": e} for e in event_ids]
        actors = set().union(*(story_actors.get(s, set()) for s in item.story_events))
        links.add("contradiction", n, actors, item.story_events)
    _insert(conn, ContradictionRow, rows)
    _insert(conn, ContradictionReportRow, reports)


def _negotiation(
    conn: Connection,
    negotiation: Negotiation,
    links: _Links,
    ledger: Sequence[LedgerEntry],
    processes: set[str] | None,
) -> None:
    def mine(items: Sequence[Any]) -> list[Any]:
        return [i for i in items if processes is None or i.process in processes]

    rows = []
    for n, p in _numbered(mine(negotiation.proposals), _next_row(conn, ProposalRow)):
        rows.append(
            {
                "row": n,
                "id": p.id,
                "process": p.process,
                "date": p.date,
                "status": p.status,
                "payload": _json(p),
            }
        )
        actors = [*p.proposer, *p.mediators, *(r.actor for r in p.responses)]
        links.add("proposal", n, actors, [*p.story_events, *(r.story_event for r in p.responses)])
    _insert(conn, ProposalRow, rows)

    rows = []
    for n, pos in _numbered(mine(negotiation.positions), _next_row(conn, PositionRow)):
        rows.append(
            {
                "row": n,
                "process": pos.process,
                "party": pos.party,
                "issue": pos.issue,
                "date": pos.date,
                "payload": _json(pos),
            }
        )
        links.add("position", n, [pos.party], [pos.story_event])
    _insert(conn, PositionRow, rows)

    rows = []
    for n, a in _numbered(mine(negotiation.agreements), _next_row(conn, AgreementRow)):
        rows.append(
            {"row": n, "id": a.id, "process": a.process, "date": a.date, "payload": _json(a)}
        )
        stories = [*a.story_events, *(s for phase in a.phases for s in phase.story_events)]
        links.add("agreement", n, [*a.parties, *a.mediators], stories)
    _insert(conn, AgreementRow, rows)

    rows = []
    # In the ledger's reading order, so that a page of it is read in row order.
    ledger = sorted(
        ledger,
        key=lambda e: (e.date is None, e.date or dt.date.min, e.kind, e.story_event),
    )
    for n, entry in _numbered(ledger):
        rows.append(
            {
                "row": n,
                "process": entry.process,
                "kind": entry.kind,
                "date": entry.date,
                "releaser": entry.releaser[0] if entry.releaser else None,
                "count": entry.count,
                "round": entry.round,
                "disputed": len(entry.disputed_counts),
                "payload": _json(entry),
            }
        )
        links.add("ledger", n, entry.releaser, [entry.story_event])
    _insert(conn, LedgerEntryRow, rows)

    _insert(
        conn,
        LedgerTotalRow,
        [
            {
                "row": n,
                "process": t.process,
                "releaser": t.releaser,
                "kind": t.kind,
                "as_of": t.as_of,
                "payload": _json(t),
            }
            for n, t in _numbered(mine(negotiation.totals), _next_row(conn, LedgerTotalRow))
        ],
    )


def _numbered(items: Sequence[Any], first: int = 1) -> Iterable[tuple[int, Any]]:
    return enumerate(items, start=first)


def _next_row(conn: Connection, table: Any) -> int:
    """The row id after the table's largest (1 for an empty table)."""
    return int(conn.execute(select(func.max(table.row))).scalar() or 0) + 1


def _json(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def _insert(conn: Connection, table: type[Rows], rows: list[dict[str, Any]]) -> None:
    insert_rows(conn, table, rows)
