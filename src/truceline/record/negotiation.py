"""The negotiation as the negotiation model derives it from story events.

:class:`Process`, :class:`Proposal`, :class:`PositionPoint`,
:class:`Agreement`, :class:`LedgerEntry` and :class:`LedgerTotal` -- the
output of :mod:`truceline.negotiation`, kept by the store.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from truceline.record.article import Term, TermValue


class Process(BaseModel):
    """A negotiation between parties, configured as data (``data/processes.yaml``)."""

    id: str
    name: str
    parties: list[str] = Field(description="Actor ids of the negotiating parties.")
    sides: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Party id -> the actor ids that count as that side (e.g. ISR: [ISR]).",
    )
    mediators: list[str] = Field(default_factory=list)
    releasers: dict[str, str] = Field(
        default_factory=dict,
        description="Release kind -> the party that releases it when reports do not say "
        "(Gaza: hostages_released -> HAMAS, prisoners_released -> ISR).",
    )


Stance = Literal["propose", "demand", "accept", "reject", "counter", "offer"]


class Response(BaseModel):
    """A party's answer to a proposal."""

    actor: str
    stance: Literal["accept", "reject", "counter"]
    date: dt.date | None = None
    story_event: str


ProposalStatus = Literal["tabled", "accepted", "rejected", "superseded"]


class Proposal(BaseModel):
    """A proposal or counter-proposal: a set of terms someone put on the table."""

    id: str
    process: str
    name: str | None = Field(default=None, description='As reports name it: "the Witkoff plan".')
    kind: Literal["proposal", "counter"] = "proposal"
    proposer: list[str] = Field(default_factory=list)
    mediators: list[str] = Field(default_factory=list)
    date: dt.date | None = None
    terms: list[Term] = Field(default_factory=list)
    answers: str | None = Field(default=None, description="Id of the proposal this one answers.")
    answers_name: str | None = Field(
        default=None, description='The name of the proposal it answers: "the Witkoff plan".'
    )
    responses: list[Response] = Field(default_factory=list)
    status: ProposalStatus = "tabled"
    story_events: list[str] = Field(default_factory=list)
    round: int | None = None


class PositionPoint(BaseModel):
    """Where one party stood on one issue at one time, and the claims behind it."""

    process: str
    party: str
    issue: str
    stance: Stance
    value: TermValue = None
    date: dt.date | None = None
    story_event: str
    reports: list[int] = Field(default_factory=list)
    round: int | None = None


class Phase(BaseModel):
    """One phase of an agreement: its clock and its extensions."""

    number: int
    start: dt.date | None = None
    end: dt.date | None = None
    duration_days: int | None = None
    extensions: list[int] = Field(default_factory=list, description="Days added, in order.")
    story_events: list[str] = Field(default_factory=list)

    def days_left(self, as_of: dt.date) -> int | None:
        """Days until the phase ends as of ``as_of`` (0 once over), or None if unknown."""
        if self.end is None:
            return None
        return max(0, (self.end - as_of).days)


Scope = Literal["unilateral", "bilateral", "multilateral"]
Purpose = Literal["humanitarian", "holiday", "energy", "general"]


class Agreement(BaseModel):
    """A concluded deal and its phases: one round's deal, with its own clock."""

    id: str
    process: str
    parties: list[str] = Field(default_factory=list)
    mediators: list[str] = Field(default_factory=list)
    date: dt.date | None = Field(default=None, description="The day it was reached.")
    terms: list[Term] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    story_events: list[str] = Field(default_factory=list)
    start: dt.date | None = Field(default=None, description="The day it took effect.")
    end: dt.date | None = Field(default=None, description="The day it expired or collapsed.")
    collapsed: dt.date | None = Field(default=None, description="The day it collapsed, if so.")
    scope: Scope = Field(default="bilateral", description="How many process sides it binds.")
    round: int | None = Field(default=None, description="The round of its process it concludes.")
    from_proposal: str | None = Field(
        default=None, description="The proposal whose acceptance by every side made the deal."
    )
    from_proposal_name: str | None = Field(
        default=None, description='The name of that proposal: "US proposal of 12 Mar 2025".'
    )
    # The ceasefire typology of the ETH-PRIO ceasefire dataset.
    kind: Literal["agreed", "declared"] = Field(
        default="agreed", description="Declared by one side alone, or agreed between sides."
    )
    purpose: Purpose = Field(
        default="general", description="What the truce is for, as its reports' words name it."
    )
    declared_by: list[str] = Field(
        default_factory=list, description="The sides whose word first made it (its first event)."
    )
    accepted_by: list[str] = Field(
        default_factory=list, description="Other sides that accepted it soon after it was made."
    )
    rejected_by: list[str] = Field(
        default_factory=list, description="Other sides that rejected it soon after it was made."
    )

    def current_phase(self, as_of: dt.date) -> Phase | None:
        """The phase running on ``as_of``, else the latest one begun before it."""
        begun = [p for p in self.phases if p.start is not None and p.start <= as_of]
        return max(begun, key=lambda p: p.start or as_of) if begun else None


ReleaseKind = Literal["hostages_released", "remains_returned", "prisoners_released"]


class LedgerEntry(BaseModel):
    """One release: who released how many of whom, when, and whether outlets agree."""

    process: str
    date: dt.date | None = None
    releaser: list[str] = Field(default_factory=list)
    kind: ReleaseKind
    count: int | None = None
    disputed_counts: list[int] = Field(
        default_factory=list, description="Other counts some reports give for this release."
    )
    story_event: str
    reports: list[int] = Field(default_factory=list)
    round: int | None = None


class LedgerTotal(BaseModel):
    """Running total of one kind of release by one side, against what was agreed."""

    process: str
    releaser: str
    kind: ReleaseKind
    released: int
    agreed: int | None = Field(default=None, description="What the agreement set, if stated.")
    as_of: dt.date | None = None
    round: int | None = None
    stated: int | None = Field(
        default=None, description="The latest running total reports state, to check the sum."
    )


class Round(BaseModel):
    """One round of a process: a period of talks and the deal, if any, that closed it.

    An expired or collapsed deal, a long silence or a new deal starts the next
    round; proposals, responses, releases and positions belong to the round of
    their date.
    """

    process: str
    number: int
    start: dt.date | None = None
    end: dt.date | None = None
    agreement: str | None = Field(default=None, description="Id of the deal of this round.")
    ended_by: Literal["expiry", "collapse", "silence", "new deal"] | None = None


class Negotiation(BaseModel):
    """Everything the negotiation model derives for one store, in one value."""

    processes: list[Process] = Field(default_factory=list)
    proposals: list[Proposal] = Field(default_factory=list)
    positions: list[PositionPoint] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    ledger: list[LedgerEntry] = Field(default_factory=list)
    totals: list[LedgerTotal] = Field(default_factory=list)
    rounds: list[Round] = Field(default_factory=list)
    story_process: dict[str, str] = Field(
        default_factory=dict, description="Story event id -> process id."
    )
