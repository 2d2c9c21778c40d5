"""Hand-built reports for the reconciliation specifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from truceline.record import Claim, Event, EventType, Evidence, Modality, ReportedEvent, Term


def report(
    id: int,
    type: EventType | str = EventType.RELEASE,
    *,
    actor: list[str] | None = None,
    published: str = "2025-02-01",
    date: str | None = None,
    precision: str | None = None,
    outlet: str = "Tidewater Wire",
    article: int | None = None,
    modality: Modality | str = Modality.ACTUAL,
    terms: dict[str, Any] | None = None,
    target: list[str] | None = None,
    claim: Claim | None = None,
) -> ReportedEvent:
    """One reported event; the article id defaults to the report id (one report each)."""
    event = Event(
        type=EventType(type),
        actor=actor or [],
        target=target or [],
        terms=[Term(issue=k, value=v) for k, v in (terms or {}).items()],
        modality=Modality(modality),
        date=dt.date.fromisoformat(date) if date else None,
        date_precision=precision or ("day" if date else None),
        claim=claim or Claim(),
        evidence=Evidence(start=0, end=4, text="text"),
    )
    return ReportedEvent(
        id=id,
        article_id=id if article is None else article,
        outlet=outlet,
        published=dt.date.fromisoformat(published),
        event=event,
    )


@pytest.fixture
def make():
    return report
