"""What each report shows, as pydantic values: the ``--json`` output and the tables' input.

Every report command builds one of these from the store's query results
(:mod:`truceline.reports.build`) and then either renders it as a Rich table
or prints ``model_dump(mode="json")``. Keeping one value for both means a
program reading ``--json`` sees exactly what a person sees, and the top-level
keys below are the stable contract of each command's JSON:

* ``summary``   -> :class:`Summary`   ``{as_of, counts, processes, unassigned_events,
  unassigned_contradictions, unassigned_contradictions_total}``; bounded whatever the
  store's size: per process the standing proposals (3), each party x issue track's
  latest stance with its last 5 points, the phase clocks of the 3 latest agreements,
  its agreements (up to 100, each its own round's deal) and rounds, the ledger totals and the 5 most recent contradictions; the rest is counted
  (``counts``, each track's ``points``)
* ``timeline``  -> :class:`Timeline`  ``{total, events: [StoryEvent]}``
* ``proposals`` -> :class:`Proposals` ``{total, proposals: [Proposal]}``
* ``positions`` -> :class:`Positions` ``{total, tracks: [PositionTrack]}``; each track's
  ``history`` holds its latest 10 points by default, ``points`` counts them all
* ``ledger``    -> :class:`Ledger`    ``{entries, totals, disputed}``
* ``sources``   -> :class:`Sources`   ``{outlets: [OutletSources], kinds: [SourcingKind]}``
* ``show ID``   -> :class:`Shown`     ``{id, story_event, contradictions, reports}``
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from truceline.record import (
    Agreement,
    Contradiction,
    CorrectionNote,
    LedgerEntry,
    LedgerTotal,
    OutletSources,
    PositionPoint,
    Process,
    Proposal,
    ReportedEvent,
    Round,
    SourcingKind,
    Stance,
    StoryEvent,
    Term,
    TermValue,
)

PhaseState = Literal["upcoming", "running", "ended", "unknown"]


class PhaseClock(BaseModel):
    """One phase of an agreement as of a date: where its clock stands."""

    agreement: str
    phase: int
    start: dt.date | None = None
    end: dt.date | None = None
    duration_days: int | None = None
    extensions: list[int] = Field(default_factory=list)
    state: PhaseState
    days_left: int | None = Field(
        default=None, description="Days until the phase ends (0 once over); None if no end."
    )
    current: bool = Field(description="The phase running on as_of, else the latest begun.")


class PositionTrack(BaseModel):
    """One party's stand on one issue: the latest point and how it got there."""

    process: str
    party: str
    issue: str
    stance: Stance
    value: TermValue = None
    date: dt.date | None = None
    history: list[PositionPoint] = Field(
        description="The latest points (all, or as many as asked for), oldest first."
    )
    points: int = Field(default=0, description="All the track's points, shown or not.")

    @property
    def moved(self) -> bool:
        """Whether the stance or the value changed within the history shown."""
        return len({(p.stance, repr(p.value)) for p in self.history}) > 1


class ProcessSummary(BaseModel):
    """One negotiation at a glance."""

    process: Process
    on_the_table: list[Proposal] = Field(
        description="Latest proposals not superseded, newest first."
    )
    positions: list[PositionTrack]
    phases: list[PhaseClock]
    agreements: list[Agreement] = Field(
        default_factory=list,
        description="Its agreements, oldest first: each its own round's deal, with its phases.",
    )
    rounds: list[Round] = Field(
        default_factory=list, description="The rounds its agreements conclude, oldest first."
    )
    totals: list[LedgerTotal]
    contradictions: list[Contradiction] = Field(
        description="The most recent few, newest first; counts['contradictions'] has them all."
    )
    counts: dict[str, int] = Field(
        description="story_events, reports, proposals, agreements, contradictions, releases."
    )


class Summary(BaseModel):
    """``truceline summary``: per process what is on the table, who stands where, clocks."""

    as_of: dt.date
    counts: dict[str, int] = Field(description="Whole-store counts (articles, events, ...).")
    processes: list[ProcessSummary]
    unassigned_events: int = Field(
        default=0, description="Story events no configured process claims."
    )
    unassigned_contradictions: list[Contradiction] = Field(
        default_factory=list,
        description="The most recent few contradictions outside any configured process.",
    )
    unassigned_contradictions_total: int = Field(
        default=0, description="All contradictions outside any configured process."
    )


class Timeline(BaseModel):
    """``truceline timeline``: story events by date."""

    total: int = Field(description="Matching story events before --limit.")
    events: list[StoryEvent]


class Proposals(BaseModel):
    """``truceline proposals``: proposals and counter-proposals, newest first."""

    total: int
    proposals: list[Proposal]


class Answer(BaseModel):
    """A party's answer to a proposal, said with the terms it answers: the ground of a
    stance that states no terms of its own ("HAMAS rejects the Israeli proposal
    (2025-03-01), whose terms are extension_days=42"), never inherited as its own."""

    process: str
    party: str
    stance: str
    date: dt.date | None = None
    story_event: str
    proposal: str = Field(description="The answered proposal's id.")
    statement: str
    terms: list[Term] = Field(
        default_factory=list, description="The answered proposal's terms, from its own reports."
    )


class Positions(BaseModel):
    """``truceline positions``: party x issue tracks."""

    total: int
    tracks: list[PositionTrack]
    answers: list[Answer] = Field(
        default_factory=list,
        description="Answers to the latest proposals, each linked to the proposal it answers.",
    )


class Ledger(BaseModel):
    """``truceline ledger``: releases by date, and totals against what was agreed."""

    entries: list[LedgerEntry]
    totals: list[LedgerTotal]
    disputed: int = Field(description="Entries some outlets give other counts for.")


class Sources(BaseModel):
    """``truceline sources``: how each outlet reports, and how each kind of source fares."""

    outlets: list[OutletSources]
    kinds: list[SourcingKind] = Field(
        default_factory=list,
        description="Named, anonymous and unattributed claims: how many, corroborated, contradicted.",
    )


class EvidenceInContext(BaseModel):
    """The sentence around an evidence span, split so the span can be highlighted."""

    before: str
    evidence: str
    after: str
    start: int = Field(description="Offset of the evidence in the article text.")
    end: int


class ReportBehind(BaseModel):
    """One report behind a shown event: the stored event and where it appeared."""

    reported: ReportedEvent
    title: str | None = None
    url: str | None = None
    context: EvidenceInContext | None = Field(
        default=None, description="None when the store keeps no text for the article."
    )
    corrections: list[CorrectionNote] = Field(
        default_factory=list,
        description="Analysts' corrections in force on this report (one marked wrong is in "
        "no story event).",
    )

    @property
    def marked_wrong(self) -> bool:
        return any(n.kind == "wrong" for n in self.corrections)


class Link(BaseModel):
    """What a story event grounds in the derived record, said with the terms it rests on:
    "HAMAS rejects the Israeli proposal of 1 Mar 2025 (2025-03-01), whose terms are
    extension_days=42; phase=1". Nothing is inherited silently: a response that
    states no terms of its own points to the proposal whose terms it answers."""

    kind: Literal["proposal", "agreement"]
    id: str = Field(description="The proposal's or agreement's id.")
    statement: str
    terms: list[Term] = Field(
        default_factory=list, description="The linked proposal's or agreement's terms."
    )


class Shown(BaseModel):
    """``truceline show ID``: a story or reported event with every report behind it."""

    id: str
    story_event: StoryEvent | None = Field(
        default=None, description="None when ID names a reported event outside any story event."
    )
    contradictions: list[Contradiction] = Field(default_factory=list)
    links: list[Link] = Field(
        default_factory=list,
        description="The proposals it tables or answers and the agreements it makes or runs.",
    )
    reports: list[ReportBehind]
    renamed_by: list[CorrectionNote] = Field(
        default_factory=list,
        description="When ID names a story event no longer in the record: the corrections "
        "(a type change, a merge) that made its reports the story event shown.",
    )

    @property
    def marked_wrong(self) -> bool:
        """ID names reports an analyst marked wrong, in no story event now."""
        return self.story_event is None and any(r.marked_wrong for r in self.reports)
