"""Agreements and their phases: what was concluded, and its clock.

* An actual AGREE story event makes an agreement, or joins the agreement of
  its process that is in force (concluded before it and not collapsed):
  arrangements that settle a dispute within a deal ("the mediators reached an
  arrangement on Arbel Yehud") amend it rather than start another.
* The agreement's terms are its AGREE story events' terms plus those of the
  future RELEASE and CEASEFIRE story events of the process first reported the
  same day as one of them -- what the announcement said would happen
  ("Hamas is to release 33 hostages").
* Actual CEASEFIRE story events dated on or after the agreement drive its
  phases. The phase is the event's ``phase`` term, else the current one (the
  last phase started); only a ``phase`` term opens another phase, since a
  misdated start would otherwise open a phase that never was. Start: the start
  date most reports give (ties: earliest; dates only inferred from the report
  day count when no event is dated). End: likewise (ties: latest), else start + duration + extensions. Duration: the
  ``ceasefire_days`` term given most often for the phase. ``extend`` events
  add their ``extension_days``. A collapse ends the running phase (if it
  started and had not ended) and the agreement: a later AGREE starts a new
  one. Phases follow each other: a start before the previous phase's end is
  dropped, and a phase left with no start, end or duration is not listed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from truceline.negotiation.processes import chronological, side_of, when
from truceline.negotiation.terms import int_values, merge_terms
from truceline.record import Agreement, EventType, Modality, Phase, Process, StoryEvent, Term

_SET_FOR = (EventType.RELEASE, EventType.CEASEFIRE)


@dataclass(frozen=True)
class _Said:
    """A date reports give for a phase start or end, and how much weight it carries."""

    day: dt.date
    reports: int
    dated: bool


def _most_said(said: Sequence[_Said], *, latest: bool) -> dt.date | None:
    """The date most reports give, among dated events when there are any.

    A story event with no date of its own is placed on its first report's
    day ("since the truce began"), so it only counts when nothing else does.
    """
    pool = [s for s in said if s.dated] or list(said)
    weight: Counter[dt.date] = Counter()
    for s in pool:
        weight[s.day] += s.reports
    if not weight:
        return None
    return max(weight, key=lambda d: (weight[d], d if latest else -d.toordinal()))


@dataclass
class _PhaseClock:
    """What the reports say about one phase, before it is settled into a Phase."""

    starts: list[_Said] = field(default_factory=list)
    ends: list[_Said] = field(default_factory=list)
    durations: list[int] = field(default_factory=list)
    extensions: list[int] = field(default_factory=list)
    collapsed: dt.date | None = None
    story_events: list[str] = field(default_factory=list)

    def phase(self, number: int, previous: Phase | None) -> Phase:
        start = _most_said(self.starts, latest=False)
        if start is not None and previous is not None and previous.end and start < previous.end:
            start = None  # phases follow each other: this start is misdated or misread
        end = _most_said(self.ends, latest=True)
        duration = Counter(self.durations).most_common(1)[0][0] if self.durations else None
        if end is None and start is not None and duration is not None:
            end = start + dt.timedelta(days=duration + sum(self.extensions))
        if (
            start is not None
            and self.collapsed is not None
            and (end is None or self.collapsed < end)
        ):
            end = self.collapsed
        return Phase(
            number=number,
            start=start,
            end=end,
            duration_days=duration,
            extensions=list(self.extensions),
            story_events=list(self.story_events),
        )


@dataclass
class _Deal:
    agreement: Agreement
    clocks: dict[int, _PhaseClock] = field(default_factory=dict)
    current: int = 1
    collapsed: dt.date | None = None

    def clock(self, number: int) -> _PhaseClock:
        return self.clocks.setdefault(number, _PhaseClock())


def _phase_number(story: StoryEvent) -> int | None:
    numbers = int_values(story.terms, "phase")
    return numbers[0] if numbers else None


def _conclude(deals: list[_Deal], story: StoryEvent, process: Process) -> None:
    deal = deals[-1] if deals and deals[-1].collapsed is None else None
    if deal is None:
        deal = _Deal(Agreement(id=f"agreement:{story.id}", process=process.id, date=when(story)))
        deals.append(deal)
    a = deal.agreement
    a.story_events.append(story.id)
    sides = {side_of(process, x) for x in story.actor}
    a.parties = [p for p in process.parties if p in sides or p in a.parties]
    mediators = {*story.mediators, *(x for x in story.actor if x in process.mediators)}
    a.mediators = sorted({*a.mediators, *mediators})
    merge_terms(a.terms, story.terms)


def _run_clock(deal: _Deal, story: StoryEvent) -> None:
    day = when(story)
    start = deal.agreement.date
    if day is None or (start is not None and day < start):
        return
    number = _phase_number(story) or deal.current
    clock = deal.clock(number)
    said = _Said(
        day, len(story.reports), story.date is not None and story.date_precision != "reported"
    )
    clock.story_events.append(story.id)
    clock.durations.extend(int_values(story.terms, "ceasefire_days"))
    if story.action == "start":
        clock.starts.append(said)
        deal.current = number
    elif story.action == "end":
        clock.ends.append(said)
    elif story.action == "extend":
        clock.extensions.extend(int_values(story.terms, "extension_days"))
    elif story.action == "collapse":
        running = deal.clock(deal.current)
        if not running.ends:
            running.collapsed = day
        deal.collapsed = day


def _announced_terms(deal: _Deal, stories: Sequence[StoryEvent]) -> None:
    """Add the terms of what the announcement said would happen (see module doc)."""
    a = deal.agreement
    announced = {s.first_reported for s in stories if s.id in a.story_events}
    announced.discard(None)
    for s in stories:
        if (
            s.type in _SET_FOR
            and s.modality == Modality.FUTURE
            and s.first_reported in announced
            and s.terms
        ):
            merge_terms(a.terms, s.terms)
            a.story_events.append(s.id)
    for number, days in _phase_durations(a.terms):
        deal.clock(number).durations.append(days)


def _phase_durations(terms: Sequence[Term]) -> list[tuple[int, int]]:
    phases = int_values(terms, "phase")
    number = phases[0] if len(phases) == 1 else 1
    return [(number, d) for d in int_values(terms, "ceasefire_days")]


def terms_set_on_conclusion(agreement: Agreement, stories: Sequence[StoryEvent]) -> list[Term]:
    """The terms reported the day the agreement was concluded, before any amendment.

    The release ledger measures against these: later arrangements ("talks
    conditional on the 620") speak of parts of the deal, not of what it set.
    """
    by_id = {s.id: s for s in stories}
    founding = by_id.get(agreement.story_events[0]) if agreement.story_events else None
    if founding is None:
        return []
    terms: list[Term] = []
    for sid in agreement.story_events:
        story = by_id.get(sid)
        if story is not None and story.first_reported == founding.first_reported:
            merge_terms(terms, story.terms)
    return terms


def derive_agreements(stories: Sequence[StoryEvent], process: Process) -> list[Agreement]:
    """The agreements of one process's story events, with their phases."""
    deals: list[_Deal] = []
    ordered = chronological(stories)
    for story in ordered:
        if story.modality != Modality.ACTUAL:
            continue
        if story.type == EventType.AGREE:
            _conclude(deals, story, process)
        elif story.type == EventType.CEASEFIRE and deals:
            _run_clock(deals[-1], story)
    for deal in deals:
        _announced_terms(deal, ordered)
        phases: list[Phase] = []
        for n, clock in sorted(deal.clocks.items()):
            phase = clock.phase(n, phases[-1] if phases else None)
            if phase.start or phase.end or phase.duration_days:
                phases.append(phase)
        deal.agreement.phases = phases
    return [deal.agreement for deal in deals]
