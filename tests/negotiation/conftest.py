"""Builders for hand-made story events and contradictions (real pydantic objects)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest

from truceline.negotiation import load_processes
from truceline.record import Corroboration, EventType, Modality, Process, StoryEvent, Term

StoryBuilder = Callable[..., StoryEvent]


@pytest.fixture
def story() -> StoryBuilder:
    """Build a story event: ``story("PROPOSE", ["USA"], "2025-03-02", terms=[...])``."""
    ids = itertools.count(1)

    def build(
        type_: str,
        actor: list[str] | None = None,
        day: str | None = None,
        *,
        terms: list[Term] | None = None,
        modality: str = "actual",
        action: str | None = None,
        target: list[str] | None = None,
        mediators: list[str] | None = None,
        evidence: list[str] | None = None,
        reports: int = 1,
        id: str | None = None,
    ) -> StoryEvent:
        n = next(ids)
        date = dt.date.fromisoformat(day) if day else None
        return StoryEvent(
            id=id or f"s{n}",
            type=EventType(type_),
            actor=actor or [],
            target=target or [],
            mediators=mediators or [],
            terms=terms or [],
            modality=Modality(modality),
            action=action,
            date=date,
            date_precision="day" if date else None,
            first_reported=date,
            last_reported=date,
            reports=[n * 10 + k for k in range(reports)],
            outlets=["Test Wire"],
            corroboration=Corroboration(
                reports=reports, outlets=1, named_sources=0, anonymous_sources=0, unattributed=1
            ),
            evidence=evidence or [],
        )

    return build


@pytest.fixture(scope="session")
def gaza() -> Process:
    return next(p for p in load_processes() if p.id == "gaza")


@pytest.fixture(scope="session")
def processes() -> list[Process]:
    return load_processes()
