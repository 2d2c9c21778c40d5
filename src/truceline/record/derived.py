"""The derived record as one value: what a rebuild makes of the reported events.

A :class:`DerivedRecord` is the reconciliation (story events, contradictions)
and the negotiation (proposals, positions, agreements, ledger) of one set of
reports: the whole store's, or those published by a date
(:mod:`truceline.asof`). Two of them are what :func:`truceline.changes.changes`
compares, into :class:`Change` values.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from truceline.record.negotiation import Negotiation
from truceline.record.story import Reconciliation


class DerivedRecord(BaseModel):
    """The record derived from the reports published on or before ``as_of`` (None: all)."""

    as_of: dt.date | None = Field(default=None, description="None: every report of the store.")
    reconciliation: Reconciliation = Field(default_factory=Reconciliation)
    negotiation: Negotiation = Field(default_factory=Negotiation)


ChangeKind = Literal[
    "proposal",
    "response",
    "status",
    "agreement",
    "agreement_end",
    "phase_start",
    "phase_end",
    "release",
    "contradiction",
    "position",
]
KINDS: tuple[ChangeKind, ...] = ChangeKind.__args__  # type: ignore[attr-defined]


class Change(BaseModel):
    """One thing the later record knows that the earlier one did not."""

    key: str = Field(description="Stable id of this change: the same change, the same key.")
    kind: ChangeKind
    process: str | None = None
    date: dt.date | None = Field(default=None, description="When it happened, as reported.")
    text: str = Field(description="One line a person reads.")
    reports: list[int] = Field(
        default_factory=list, description="Stored event ids of the reports behind it."
    )
    story_events: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list, description="Who it is about.")
    outlets: int = Field(
        default=0, description="Independent outlets behind its best-sourced story event."
    )
