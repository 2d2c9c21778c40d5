"""The API's response bodies that are not report views: pages, clocks, ingest outcomes.

Report views (:mod:`truceline.reports.views`) are returned as they are, so
the API, the dashboard and ``--json`` show the same values; these types only
wrap them for paging or add what the web needs.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from truceline.record import Agreement, LedgerEntry, LedgerTotal
from truceline.reports.views import PhaseClock

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a listing and how many items match in all."""

    total: int = Field(description="Matching items before limit and offset.")
    limit: int
    offset: int
    items: list[T]


class AgreementClock(BaseModel):
    """An agreement with each phase's clock as of a date."""

    agreement: Agreement
    phases: list[PhaseClock]


class LedgerPage(BaseModel):
    """A page of release entries, with the totals against what was agreed."""

    total: int
    limit: int
    offset: int
    entries: list[LedgerEntry]
    totals: list[LedgerTotal]
    disputed: int = Field(
        description="Entries (of all, not this page) outlets give other counts for."
    )


class IngestedArticle(BaseModel):
    article_id: str
    url: str | None = None
    outcome: str = Field(description="added, unchanged or updated.")
    events: int


class IngestReport(BaseModel):
    """What ``POST /api/articles`` did with each article of the body."""

    articles: list[IngestedArticle]
    problems: list[str] = Field(description="Articles that could not be read or extracted.")
    story_events: int
    contradictions: int
