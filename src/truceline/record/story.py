"""The reconciled record: what many reports of one event add up to.

:mod:`truceline.record.article` is one article's record. These types are
what the store keeps after reports are resolved against each other:

* :class:`ReportedEvent` -- one article's event with the provenance the
  store knows (row id, article, outlet, publication date); the input of
  :mod:`truceline.resolve`;
* :class:`StoryEvent` and :class:`Contradiction` -- its output.

They live left of the store (``record -> store -> resolve -> negotiation``)
so that the store can persist and return them without importing the code
that derives them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from pydantic import BaseModel, Field

from truceline.record.article import (
    CeasefireAction,
    CountRole,
    Event,
    EventType,
    Modality,
    Polarity,
    Term,
    TermValue,
)
from truceline.record.corrections import CorrectionNote


class ReportedEvent(BaseModel):
    """One extracted event as stored: the event and where it was reported."""

    id: int = Field(description="The store's row id of this reported event.")
    article_id: int
    outlet: str | None = None
    published: dt.date | None = None
    event: Event


class Corroboration(BaseModel):
    """How well a story event is sourced across its reports."""

    reports: int = Field(description="Reported events merged into the story event.")
    outlets: int = Field(description="Independent outlets: distinct publishing outlets.")
    named_sources: int = Field(description="Reports whose claim names its source.")
    anonymous_sources: int = Field(description="Reports resting on unnamed sources.")
    unattributed: int = Field(description="Reports in the outlet's own voice (no source).")


class StoryEvent(BaseModel):
    """One real-world event as many reports tell it.

    Fields that reports may disagree on hold the value most reports give
    (ties broken towards the earliest report); the disagreements themselves
    are :class:`Contradiction` records.
    """

    id: str = Field(description="Stable key: the same reports give the same id on every rebuild.")
    type: EventType
    actor: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    mediators: list[str] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    modality: Modality = Modality.ACTUAL
    polarity: Polarity | None = None
    action: CeasefireAction | None = None
    date: dt.date | None = Field(
        default=None, description="When it happened or is set for; else the first report's date."
    )
    date_precision: Literal["day", "month", "year", "reported"] | None = None
    location: str | None = None
    first_reported: dt.date | None = None
    last_reported: dt.date | None = None
    reports: list[int] = Field(
        description="ReportedEvent ids behind this story event, oldest first."
    )
    outlets: list[str] = Field(default_factory=list)
    corroboration: Corroboration
    process: str | None = Field(
        default=None, description="Process id, set by the negotiation model."
    )
    evidence: list[str] = Field(
        default_factory=list,
        description="Evidence texts of its reports, oldest first; proposal names come from them.",
    )
    articles: list[int] = Field(
        default_factory=list,
        exclude=True,
        description=(
            "Article ids of its reports (not stored): the context that files an event "
            "naming too few actors under the process its articles tell."
        ),
    )
    corrections: list[CorrectionNote] = Field(
        default_factory=list,
        description="Analysts' corrections applied to it or its reports (truceline correct).",
    )


ContradictionKind = Literal["term_value", "accept_and_reject", "release_denied", "modality"]


class Account(BaseModel):
    """One side of a contradiction: a value and the reports that give it."""

    value: TermValue | str = None
    reports: list[int] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    story_event: str | None = None


class Contradiction(BaseModel):
    """Reports that cannot all be right: the accounts and who gives each."""

    id: str
    kind: ContradictionKind
    story_events: list[str]
    issue: str | None = Field(default=None, description="The term issue, for term_value ones.")
    count_role: CountRole | None = Field(
        default=None,
        description="For a term_value one on a count: the role of the counts compared "
        "(a batch, a total... never against another role); None for a batch.",
    )
    summary: str = Field(description="One line a person reads: what disagrees with what.")
    accounts: list[Account]
    date: dt.date | None = None
    process: str | None = None


class Reconciliation(BaseModel):
    """What resolving reports against each other yields."""

    story_events: list[StoryEvent] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)


class ArticleName(NamedTuple):
    """One actor an article's current events name, and whether as a mediator (a mediator
    of an event, or the doer of a mediation): what matching reads of an article
    (``truceline.resolve.match.article_parties``), read from the store without the events."""

    article_id: int
    actor: str
    mediating: bool


class StorySpan(NamedTuple):
    """A story event's blocking key (type, modality group, date class) and the date
    hull (day ordinals, or years for the "year" class) of its reports."""

    id: str
    type: str
    group: str
    date_class: str
    lo: int
    hi: int
    first_arrival: int
    """The day (ordinal) its first report arrived (``truceline.resolve.merge.arrival``)."""
    last_arrival: int
    """The day its last report arrived."""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.type, self.group, self.date_class
