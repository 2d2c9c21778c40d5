"""Replacing the derived layer: story events, contradictions, the negotiation model.

Derived rows are recomputed from all current events on every rebuild, so
they are replaced wholesale in one transaction: a reader sees the old
record or the new one, never a mix. Row ids are assigned here (1..n per
table) because the tables are emptied first; the links that filters use
(actors, story events, outlets, reports) are written alongside.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, delete, insert, select, update

from truceline.record import Negotiation, Reconciliation, StoryEvent
from truceline.store import search
from truceline.store.inserts import insert_rows
from truceline.store.queries import actor_cells_query, source_cells_query, sources_query
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
    story_rows, story_actors = _story_events(conn, reconciliation.story_events, negotiation)
    links = _Links(story_rows)
    _contradictions(conn, reconciliation, negotiation, links, story_actors)
    _insert(
        conn,
        ProcessRow,
        [{"row": n, "id": p.id, "payload": _json(p)} for n, p in _numbered(negotiation.processes)],
    )
    _negotiation(conn, negotiation, links)
    links.write(conn)
    fill_derived_outlets(conn)
    # Counted once here, with the story events and contradictions just written.
    fill_source_counts(conn)


def fill_derived_outlets(conn: Connection) -> None:
    """Link each derived row to the outlets reporting, and the types of, the story events
    it rests on (what outlet and type filters read)."""
    links, reports = DerivedStoryEventRow, StoryEventReportRow
    outlets = (
        select(links.kind, links.derived, reports.outlet)
        .join(reports, reports.story_event == links.story_event)
        .where(reports.outlet.is_not(None))
        .distinct()
    )
    conn.execute(insert(DerivedOutletRow).from_select(["kind", "derived", "outlet"], outlets))
    types = (
        select(links.kind, links.derived, StoryEventRow.type)
        .join(StoryEventRow, StoryEventRow.row == links.story_event)
        .distinct()
    )
    conn.execute(insert(DerivedTypeRow).from_select(["kind", "derived", "type"], types))


def fill_source_counts(conn: Connection) -> None:
    """Count per outlet (``outlet_sources``), per outlet x process x type x month cell, and
    per actor x cell (``actor_source_counts``)."""
    for table, query in (
        (OutletSourcesRow, sources_query(None)),
        (SourceCountsRow, source_cells_query(conn.dialect.name)),
        (ActorSourceCountsRow, actor_cells_query(conn.dialect.name)),
    ):
        counts = query.subquery()
        conn.execute(
            insert(table).from_select([c.name for c in counts.columns], select(*counts.columns))
        )


def _story_events(
    conn: Connection, story_events: Sequence[StoryEvent], negotiation: Negotiation
) -> tuple[dict[str, int], dict[str, set[str]]]:
    rows, actors, reports = [], [], []
    story_rows: dict[str, int] = {}
    story_actors: dict[str, set[str]] = {}
    for n, story in _numbered(story_events):
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
        roles = {("actor", a) for a in story.actor}
        roles |= {("target", a) for a in story.target}
        roles |= {("mediator", a) for a in story.mediators}
        story_actors[story.id] = {a for _, a in roles}
        actors += [{"story_event": n, "actor_id": a, "role": r} for r, a in sorted(roles)]
        reports += [{"story_event": n, "event_id": e} for e in dict.fromkeys(story.reports)]
    _insert(conn, StoryEventRow, rows)
    search.index_story_events(conn, ((r["row"], r["payload"]) for r in rows))
    _insert(conn, StoryEventActorRow, actors)
    _insert(conn, StoryEventReportRow, reports)
    # The outlet of each report, copied from its event so outlet filters need no join.
    conn.execute(
        update(StoryEventReportRow).values(
            outlet=select(EventRow.outlet)
            .where(EventRow.id == StoryEventReportRow.event_id)
            .scalar_subquery()
        )
    )
    return story_rows, story_actors


def _contradictions(
    conn: Connection,
    reconciliation: Reconciliation,
    negotiation: Negotiation,
    links: _Links,
    story_actors: dict[str, set[str]],
) -> None:
    rows, reports = [], []
    for n, item in _numbered(reconciliation.contradictions):
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


def _negotiation(conn: Connection, negotiation: Negotiation, links: _Links) -> None:
    rows = []
    for n, p in _numbered(negotiation.proposals):
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
    for n, pos in _numbered(negotiation.positions):
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
    for n, a in _numbered(negotiation.agreements):
        rows.append(
            {"row": n, "id": a.id, "process": a.process, "date": a.date, "payload": _json(a)}
        )
        stories = [*a.story_events, *(s for phase in a.phases for s in phase.story_events)]
        links.add("agreement", n, [*a.parties, *a.mediators], stories)
    _insert(conn, AgreementRow, rows)

    rows = []
    # In the ledger's reading order, so that a page of it is read in row order.
    ledger = sorted(
        negotiation.ledger,
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
            for n, t in _numbered(negotiation.totals)
        ],
    )


def _numbered(items: Sequence[Any]) -> Iterable[tuple[int, Any]]:
    return enumerate(items, start=1)


def _json(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def _insert(conn: Connection, table: type[Rows], rows: list[dict[str, Any]]) -> None:
    insert_rows(conn, table, rows)
