"""What a query may be narrowed to: process, actor, event type, date range, outlet."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, fields

from truceline.errors import TrucelineError
from truceline.record import EventType


class FilterError(TrucelineError):
    """A filter value that cannot narrow a query; the message names the field."""


@dataclass(frozen=True)
class Filters:
    """Filters every store query takes; all optional, all combined with AND.

    ``since``/``until`` are inclusive and compare the date an item is about
    (a story event's date, a proposal's date, a release's date). ``outlet``
    keeps story events that at least one report from that outlet stands
    behind, and derived items that rest on such story events. ``type`` takes
    an :class:`~truceline.record.EventType` or its name in any case. Dates
    may be given as ISO strings. Bad values raise :class:`FilterError` at
    construction, with a message naming the field.
    """

    process: str | None = None
    actor: str | None = None
    type: EventType | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None

    def __post_init__(self) -> None:
        for name in ("process", "actor", "outlet"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise FilterError(f"filter {name} must be a non-empty string, not {value!r}")
        if self.type is not None:
            object.__setattr__(self, "type", _event_type(self.type))
        for name in ("since", "until"):
            object.__setattr__(self, name, _date(name, getattr(self, name)))
        if self.since and self.until and self.since > self.until:
            raise FilterError(
                f"filter since {self.since.isoformat()} is after until {self.until.isoformat()}"
            )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))


def one_of(names: list[str]) -> str:
    """``A``, ``A or B``, ``A, B or C``: the nearest names a refusal offers."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _event_type(value: object) -> EventType:
    if isinstance(value, EventType):
        return value
    try:
        return EventType(str(value).strip().upper())
    except ValueError:
        known = [t.value for t in EventType]
        near = difflib.get_close_matches(str(value).strip().upper(), known, n=3, cutoff=0.6)
        hint = f"did you mean {one_of(near)}?" if near else f"use one of {', '.join(known)}"
        raise FilterError(f"filter type {value!r} is not an event type; {hint}") from None


def _date(name: str, value: object) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise FilterError(f"filter {name} {value!r} is not a date; use YYYY-MM-DD") from None
