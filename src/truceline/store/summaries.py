"""The summary's parts kept per process, written at the end of every rebuild.

A whole-store summary read each process's newest proposals, agreements and
contradictions, every track's latest points, the ledger totals and five
counts: about fifty queries and 3,500 payloads at 100,000 articles, a fifth
of a second per call. Those reads depend only on the derived tables, so
:func:`fill_summaries` runs them once per process when a rebuild (full or
incremental) has written the tables, and keeps each process's answers as one
:class:`~truceline.record.summary.SummaryPart` row (``process_summaries``).
A summary narrowed by no more than a process reads those rows back
(:func:`summary_parts`): a few rows instead of fifty queries.

The parts are what the live reads return, read by the same functions, so a
summary from them equals one read live (tests compare both). An empty table
(a store migrated from before it, until its next rebuild or a call of
:func:`fill_summaries`) means "read live".
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, func, select

from truceline.record import Process
from truceline.record.summary import (
    SUMMARY_CONTRADICTIONS,
    SUMMARY_HISTORY,
    SUMMARY_ROUNDS,
    TABLE_DEPTH,
    SummaryPart,
    TrackSize,
    latest_rounds,
)
from truceline.store import derived_reads, positions
from truceline.store.derived_reads import models, parsed, payload_text
from truceline.store.filters import Filters
from truceline.store.inserts import insert_rows
from truceline.store.tables import ContradictionRow, ProcessRow, ProcessSummaryRow, StoryEventRow


def fill_summaries(conn: Connection, processes: set[str] | None = None) -> None:
    """Replace the kept parts by those the derived tables now give: one row per
    configured process that has anything to show, and one (process None) for the
    story events and contradictions of no process.

    ``processes``: only those processes' parts (and the part of none) are read
    again, as an incremental rebuild rewrites only their rows; the others' parts
    still hold. None: every part (a full rebuild).
    """
    t = ProcessSummaryRow
    ids = [p.id for p in models(conn, Process, select(payload_text(ProcessRow)), None, 0)]
    if processes is None:
        conn.execute(delete(t))
    else:
        ids = [pid for pid in ids if pid in processes]
        conn.execute(delete(t).where(t.process.in_(sorted(processes)) | t.process.is_(None)))
    parts = [part for part in (_part(conn, pid) for pid in sorted(ids)) if part is not None]
    parts.append(_unassigned(conn))
    first = (conn.execute(select(func.max(t.row))).scalar() or 0) + 1
    rows = [
        {"row": n, "process": part.process, "payload": part.model_dump(mode="json")}
        for n, part in enumerate(parts, first)
    ]
    insert_rows(conn, t, rows)


def summary_parts(conn: Connection, process: str | None) -> list[SummaryPart] | None:
    """The kept parts (of one process and none other when ``process`` is given), in
    process order with the unassigned part last; None when nothing is kept."""
    t = ProcessSummaryRow
    query = select(t.process, payload_text(t)).order_by(t.process.is_(None), t.process)
    if process is not None:
        query = query.where(t.process == process)
    found = conn.execute(query).all()
    if not found and (process is None or conn.execute(select(t.row).limit(1)).first() is None):
        return None
    return [parsed(SummaryPart, payload) for _, payload in found]


def _counts(conn: Connection, f: Filters) -> dict[str, int]:
    return {
        kind: derived_reads.count_by_process(conn, kind, f).get(f.process, 0)
        for kind in ("proposal", "agreement", "ledger", "contradiction")
    }


def _part(conn: Connection, process: str) -> SummaryPart | None:
    """What the summary reads of ``process`` (as ``api.summary`` reads it live)."""
    mine = Filters(process=process)
    counts = _counts(conn, mine)
    events, reports = derived_reads.story_counts(conn, mine).get(process, (0, 0))
    if not (events or any(counts.values())):
        return None
    newest = {"offset": 0, "newest_first": True, "about": None}
    points, sizes = positions.position_history(
        conn, mine, tracks=None, offset=0, depth=SUMMARY_HISTORY
    )
    return SummaryPart(
        process=process,
        story_events=events,
        reports=reports,
        counts=counts,
        proposals=derived_reads.proposals(conn, mine, limit=TABLE_DEPTH, standing=True, **newest)
        if counts["proposal"]
        else [],
        agreements=derived_reads.agreements(conn, mine, limit=SUMMARY_ROUNDS, **newest)
        if counts["agreement"]
        else [],
        contradictions=derived_reads.contradictions(
            conn, mine, limit=SUMMARY_CONTRADICTIONS, unassigned=False, **newest
        )
        if counts["contradiction"]
        else [],
        positions=points,
        tracks=[TrackSize(process=p, party=q, issue=i, points=n) for (p, q, i), n in sizes.items()],
        totals=latest_rounds(derived_reads.ledger_totals(conn, mine)),
    )


def _unassigned(conn: Connection) -> SummaryPart:
    """The story events and contradictions of no process."""
    events, reports = derived_reads.story_counts(conn, None).get(None, (0, 0))
    total = derived_reads.count_by_process(conn, "contradiction", None).get(None, 0)
    latest = derived_reads.contradictions(
        conn,
        None,
        limit=SUMMARY_CONTRADICTIONS,
        offset=0,
        about=None,
        newest_first=True,
        unassigned=True,
    )
    return SummaryPart(
        process=None,
        story_events=events,
        reports=reports,
        counts={"contradiction": total},
        contradictions=latest,
        store_counts={
            "story_events": conn.execute(
                select(func.count()).select_from(StoryEventRow)
            ).scalar_one(),
            "contradictions": conn.execute(
                select(func.count()).select_from(ContradictionRow)
            ).scalar_one(),
        },
    )
