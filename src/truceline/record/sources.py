"""How outlets and kinds of source fare: the sources report's rows."""

from __future__ import annotations

from pydantic import BaseModel, Field


class OutletSources(BaseModel):
    """How one outlet reports: volume, sourcing, and how its reports fare."""

    outlet: str
    events: int = Field(description="Reported events (current article versions).")
    articles: int
    named: int
    anonymous: int
    unattributed: int
    anonymous_share: float
    corroborated: int = Field(description="Its events in story events that 2+ outlets report.")
    contradicted: int = Field(description="Its events on one side of a contradiction.")


class SourcingKind(BaseModel):
    """How claims resting on one kind of source fare: named, anonymous or unattributed."""

    sourcing: str
    events: int
    corroborated: int = Field(description="In story events that 2+ outlets report.")
    contradicted: int = Field(description="On one side of a contradiction.")
