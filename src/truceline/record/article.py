"""The record truceline extracts from one article, as pydantic types.

These types are the contract of ``ONTOLOGY.md``: every reader produces an
:class:`Article`, the extractor turns it into an :class:`ExtractionRecord`,
and everything downstream (store, evaluation, exports) reads that record.
The JSON they serialise to is a superset of the ontology's example record.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class EventType(StrEnum):
    """The thirteen kinds of negotiation event the ontology names."""

    PROPOSE = "PROPOSE"
    COUNTER = "COUNTER"
    DEMAND = "DEMAND"
    ACCEPT = "ACCEPT"
    REJECT = "REJECT"
    MEET = "MEET"
    MEDIATE = "MEDIATE"
    AGREE = "AGREE"
    RELEASE = "RELEASE"
    CEASEFIRE = "CEASEFIRE"
    VIOLATE = "VIOLATE"
    THREATEN = "THREATEN"
    ASSESS = "ASSESS"


class Modality(StrEnum):
    """How the text presents an event: as fact, plan, possibility or denial."""

    ACTUAL = "actual"
    FUTURE = "future"
    POSSIBLE = "possible"
    NEGATED = "negated"


Polarity = Literal["positive", "negative"]
CeasefireAction = Literal["start", "end", "extend", "collapse"]
DatePrecision = Literal["day", "month", "year"]
CountRole = Literal["batch", "total", "stock", "part", "pending"]
"""What a count of people is in its sentence: people freed now, a running total, people
still held, a part of another figure, or people still to be freed (ONTOLOGY.md, reading 8)."""

TermValue = int | float | bool | str | dict[str, int | float | str] | None
"""What a term may hold: a count, days, a yes/no, a word, or a mapping such as a ratio."""


class Evidence(BaseModel):
    """Exact characters of the article text behind an item.

    The invariant ``article.text[start:end] == text`` always holds; it is
    checked when a record is built from an article (see
    :meth:`ExtractionRecord.check_offsets`).
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} precedes start {self.start}")
        return self


class Article(BaseModel):
    """One news report as the extractor reads it.

    ``text`` is the whole text the extractor is given, headline first when
    there is one: readers put the title on the first line so that headlines,
    which often carry the main event, are read like any other sentence and
    evidence offsets need no second coordinate system.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_precision: Literal["month"] | None = Field(
        default=None,
        description="'month' when only the month of publication is known; the date is its 1st.",
    )
    origin: str | None = Field(
        default=None,
        description="Where the article was read from (file and line, or URL), for messages.",
        exclude=True,
    )


class ArticleMeta(BaseModel):
    """The article block of an extraction record."""

    id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_precision: Literal["month"] | None = None
    text: str | None = None

    @classmethod
    def of(cls, article: Article, *, include_text: bool = True) -> ArticleMeta:
        """The block for ``article``; ``include_text=False`` leaves the text out."""
        return cls(
            id=article.id,
            url=article.url,
            outlet=article.outlet,
            title=article.title,
            published=article.published,
            published_precision=article.published_precision,
            text=article.text if include_text else None,
        )


class Actor(BaseModel):
    """A canonical party of the negotiation and the words the article used for it."""

    id: str
    name: str | None = None
    kind: Literal["state", "group", "organisation"] | None = None
    mentions: list[str] = Field(default_factory=list)


class Term(BaseModel):
    """One item on the table: ``{issue, value, unit?, party?, qualifier?}``."""

    issue: str
    value: TermValue
    unit: str | None = None
    party: str | None = None
    qualifier: str | None = None
    count_role: CountRole | None = Field(
        default=None,
        description=(
            "For a count of people: batch (freed now), total (running), stock (still held), "
            "part (of another figure) or pending (still to be freed); null for other terms "
            "and for records written before the role was read."
        ),
    )
    evidence: Evidence | None = None


class Claim(BaseModel):
    """Who says an event happened, through which outlet, how identifiable."""

    source_text: str | None = None
    source_actor: str | None = None
    anonymous: bool = False
    source_count: int | None = None
    via: str | None = None
    verb: str | None = None
    outlet: str | None = None
    evidence: Evidence | None = None


class Event(BaseModel):
    """Who did what, to whom, on which terms, when, and who says so."""

    type: EventType
    actor: list[str] = Field(default_factory=list)
    agent: str | None = None
    target: list[str] = Field(default_factory=list)
    mediators: list[str] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    modality: Modality = Modality.ACTUAL
    polarity: Polarity | None = None
    action: CeasefireAction | None = None
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    location: str | None = None
    trigger: str | None = None
    claim: Claim = Field(default_factory=Claim)
    evidence: Evidence


class ExtractionRecord(BaseModel):
    """Everything truceline extracts from one article."""

    article: ArticleMeta
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    terms: list[Term] = Field(
        default_factory=list,
        description="Terms the article states that no extracted event carries (kept, not lost).",
    )

    def evidence_items(self) -> list[Evidence]:
        """Every evidence span in the record, for offset checks."""
        spans: list[Evidence] = []
        for event in self.events:
            spans.append(event.evidence)
            if event.claim.evidence is not None:
                spans.append(event.claim.evidence)
            spans.extend(t.evidence for t in event.terms if t.evidence is not None)
        spans.extend(t.evidence for t in self.terms if t.evidence is not None)
        return spans

    def check_offsets(self, text: str) -> None:
        """Raise ``ValueError`` unless every evidence span is an exact slice of ``text``."""
        for ev in self.evidence_items():
            if text[ev.start : ev.end] != ev.text:
                raise ValueError(
                    f"evidence [{ev.start}:{ev.end}] {ev.text!r} does not match the article text"
                )
