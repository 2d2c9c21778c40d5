"""What the summary shows of one process, as one value the store can keep.

The summary is bounded whatever the store's size: per process it shows the
:data:`TABLE_DEPTH` standing proposals, each position track's
:data:`SUMMARY_HISTORY` latest points, the :data:`SUMMARY_ROUNDS` latest
agreements, the :data:`SUMMARY_CONTRADICTIONS` most recent contradictions and
the ledger totals of its :data:`SUMMARY_ROUNDS` latest rounds, and counts the rest. Reading those parts takes a few dozen
queries over the derived tables (a fifth of a second at 100,000 articles), so
a rebuild reads them once per process into a :class:`SummaryPart` and the
summary reads the parts back (``truceline.store.summaries``). The depths live
here, below both the store that keeps the parts and the reports that show
them, so that the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from truceline.record.negotiation import Agreement, LedgerTotal, PositionPoint, Proposal
from truceline.record.story import Contradiction

TABLE_DEPTH = 3
"""How many live proposals the summary shows per process."""

SUMMARY_HISTORY = 5
"""How many of a track's latest points the summary shows (the moves an analyst reads)."""

SUMMARY_CONTRADICTIONS = 5
"""How many of the most recent contradictions the summary lists per process (all are counted)."""

SUMMARY_ROUNDS = 10
"""How many of a process's latest rounds the summary shows: their deals (one per round)
and their ledger totals. A process of a hundred prisoner swaps is not read at a glance
from a hundred rows, and every row shown is one the summary reads and keeps (at 100,000
articles a depth of 100 made the kept parts 1.8 MB to read per call); ``agreements`` and
``ledger`` list them all, and the summary counts them."""


def latest_rounds(totals: Sequence[LedgerTotal]) -> list[LedgerTotal]:
    """The totals, of one process, that the summary shows: those of its
    :data:`SUMMARY_ROUNDS` latest rounds (by number) and those of no round, in their order."""
    numbered = [t.round for t in totals if t.round is not None]
    if not numbered:
        return list(totals)
    oldest = max(numbered) - SUMMARY_ROUNDS
    return [t for t in totals if t.round is None or t.round > oldest]


class TrackSize(BaseModel):
    """How many points a (process, party, issue) position track has in all."""

    process: str
    party: str
    issue: str
    points: int


class SummaryPart(BaseModel):
    """What the summary reads of one process (``process`` None: of no process), as read
    from the derived tables at the last rebuild, in the order the reads return it."""

    process: str | None
    story_events: int = Field(description="Story events of the process.")
    reports: int = Field(description="Reports behind those story events.")
    counts: dict[str, int] = Field(
        default_factory=dict,
        description="Rows of each kind (proposal, agreement, ledger, contradiction).",
    )
    proposals: list[Proposal] = Field(
        default_factory=list, description="The TABLE_DEPTH newest standing proposals."
    )
    agreements: list[Agreement] = Field(
        default_factory=list, description="The SUMMARY_ROUNDS newest agreements."
    )
    contradictions: list[Contradiction] = Field(
        default_factory=list, description="The SUMMARY_CONTRADICTIONS newest contradictions."
    )
    positions: list[PositionPoint] = Field(
        default_factory=list, description="Each track's SUMMARY_HISTORY latest points."
    )
    tracks: list[TrackSize] = Field(default_factory=list)
    totals: list[LedgerTotal] = Field(
        default_factory=list, description="The ledger totals of its SUMMARY_ROUNDS latest rounds."
    )
    store_counts: dict[str, int] | None = Field(
        default=None,
        description="On the part of no process: the store's story events and contradictions "
        "(both change only at a rebuild, which keeps them here; a summary need not count them).",
    )
