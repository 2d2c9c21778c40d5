"""An analyst's corrections of the record, as types: what was corrected, by whom, when.

A correction is kept apart from extraction output and applied at every
rebuild. It names the reports it corrects by a :class:`ReportKey` -- the
article's stable key (its URL, else the hash of its text), the event's
evidence span and the type it was extracted with -- never by a row id,
which a re-ingested article's new version does not keep. A story merge or
split names the reports of the stories, for the same reason: story ids are
made from report ids.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from truceline.record.article import EventType, Modality

CorrectionKind = Literal["event", "wrong", "merge", "split"]


class ReportKey(BaseModel):
    """A reported event as a re-extraction finds it again: article, evidence, extracted type."""

    article: str = Field(description="The article's store key: its URL, else sha256 of its text.")
    start: int = Field(description="Evidence start offset in the article text.")
    end: int
    evidence: str = Field(description="The evidence text, found again if the text moved.")
    type: EventType = Field(description="The type it was extracted with.")


class EventChanges(BaseModel):
    """What an ``event`` correction sets on a reported event (None: left as extracted)."""

    type: EventType | None = None
    actor: list[str] | None = None
    target: list[str] | None = None
    modality: Modality | None = None
    date: dt.date | None = None
    process: str | None = None

    def described(self) -> str:
        """``type REJECT, actors HAMAS``: what a person reads in a listing."""
        parts = [
            f"{name} {', '.join(value) if isinstance(value, list) else value}"
            for name, value in self.model_dump(mode="json", exclude_none=True).items()
        ]
        return "; ".join(parts)


class Correction(BaseModel):
    """One correction as stored: what, whom it targets, who made it and when."""

    id: int = 0
    kind: CorrectionKind
    targets: list[ReportKey] = Field(
        description="event/wrong/split: the one report; merge: every report of the stories."
    )
    changes: EventChanges | None = None
    story: str | None = Field(default=None, description="The story id it was made on, if any.")
    author: str
    created_at: dt.datetime
    note: str | None = None
    undone_at: dt.datetime | None = None

    def described(self) -> str:
        """One line: ``#3 event: type REJECT (by ana on 2026-12-03) -- why``."""
        what = {
            "event": self.changes.described() if self.changes else "",
            "wrong": "marked wrong",
            "merge": f"merged {len(self.targets)} reports into one story",
            "split": "split off into its own story",
        }[self.kind]
        note = f" -- {self.note}" if self.note else ""
        return (
            f"#{self.id} {self.kind}: {what} (by {self.author} on {self.created_at.date()}){note}"
        )


class CorrectionNote(BaseModel):
    """What a story event shows of a correction behind it: "corrected by X on D"."""

    id: int
    kind: CorrectionKind
    author: str
    created_at: dt.datetime
    summary: str
    note: str | None = None

    @classmethod
    def of(cls, correction: Correction) -> CorrectionNote:
        what = correction.described().split(": ", 1)[1].split(" (by ", 1)[0]
        return cls(
            id=correction.id,
            kind=correction.kind,
            author=correction.author,
            created_at=correction.created_at,
            summary=what,
            note=correction.note,
        )

    def line(self) -> str:
        """``corrected by ana on 2026-12-03 (#3: type REJECT)``."""
        return (
            f"corrected by {self.author} on {self.created_at.date()} (#{self.id}: {self.summary})"
        )

    def said(self) -> str:
        """What a report shows of it, with the analyst's reason: ``marked wrong by ana on
        2026-12-03 (#4): a shooting, not a ceasefire violation``, or :meth:`line` and reason."""
        if self.kind == "wrong":
            text = f"marked wrong by {self.author} on {self.created_at.date()} (#{self.id})"
        else:
            text = self.line()
        return f"{text}: {self.note}" if self.note else text


class OrphanedCorrection(BaseModel):
    """A correction whose report a re-extraction no longer finds: kept, listed, never dropped."""

    correction: Correction
    missing: list[ReportKey]
