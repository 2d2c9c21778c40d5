"""Agreements and their phases: what was concluded, and its clock.

Each agreement is its own deal, in its own round (:mod:`.rounds`): reached on
a date, taking effect, its phases, durations and extensions, expiry or
collapse. Windows are ``windows`` in ``data/negotiation.yaml``.

* An actual AGREE story event joins the last agreement of its process while
  that agreement is in force on its day: reached at most ``same_deal`` days
  before (the same deal reported a day later), or awaiting its first start
  within ``taking_effect`` days, or with a phase running (started, and its
  end -- reported, or start + duration + extensions -- not passed by more
  than ``taking_effect`` days, so that a misdated end or a last-minute
  extension does not split one deal; a phase with no known end runs until
  ``round_gap`` days of silence). Arrangements
  that settle a dispute within a deal ("the mediators reached an arrangement
  on Arbel Yehud") so amend it. Any other AGREE is a new deal: an expired
  clock, a collapse or a long gap leaves nothing to amend; for an AGREE the
  running phase's end has no slack (an agreement reached after a truce ran
  out is the next deal, in the next round).
* An AGREE naming no actor that states a truce or release ("a three-day
  ceasefire was agreed") is a deal of the process's parties. An AGREE dated
  only to a month (or year) in which a deal was reached on a known day is
  that deal told again ("the November truce it signed"). An AGREE whose
  words only describe a thing as agreed before ("an exchange agreed upon by
  the warring sides"; ``described_agreement_cues``) makes no new deal.
* An AGREE that names no side of the process (mediators or outsiders alone)
  makes no deal of it; nor does one side agreeing with a mediator (an actor
  or a named mediator of the story) on no truce or release (an understanding
  to keep working). A ceasefire that two
  sides start with no deal in force is a deal reached that day (agreed); one
  started by one side alone is a declaration (unilateral), not an agreement;
  so is an AGREE by one side alone ("Russia agreed to a three-day truce")
  that another side rejects within ``taking_effect`` days. A third party's
  proposal every side accepted is a deal reached on the day of the last
  acceptance, unless the proposer rejected what it got back within
  ``taking_effect`` days (a dismissed response; conditional acceptances are
  counters, :mod:`.proposals`). ``scope``: unilateral, bilateral (two sides)
  or multilateral.
* Each is coded as the ETH-PRIO ceasefire dataset codes ceasefires: ``kind``
  declared (one side alone) or agreed; ``declared_by`` the sides of its first
  story event; ``accepted_by`` and ``rejected_by`` the other sides that
  answered within ``taking_effect`` days; ``purpose`` humanitarian, holiday,
  energy or general from its story events' words (``ceasefire_purposes``).
* The agreement's terms are its AGREE story events' terms plus those of the
  future RELEASE and CEASEFIRE story events of the process first reported the
  same day as one of them -- what the announcement said would happen
  ("Hamas is to release 33 hostages").
* Actual CEASEFIRE story events drive the phases of the agreement in force on
  their day (a ceasefire declared after a deal ended is not that deal's). The
  phase is the event's ``phase`` term, else the current one (the last phase
  started); only a ``phase`` term opens another phase, since a misdated start
  would otherwise open a phase that never was. Start: the start date most
  reports give (ties: earliest; dates only inferred from the report day count
  when no event is dated). End: likewise (ties: latest), else start + duration
  + extensions. Duration: the ``ceasefire_days`` term given most often for the
  phase. ``extend`` events add their ``extension_days``. A collapse ends the
  running phase (if it started and had not ended) and the agreement. Phases
  follow each other: a start before the previous phase's end is dropped, and
  a phase left with no start, end or duration is not listed.
* ``start`` is the first phase's start; ``end`` the collapse, else the last
  phase's end.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from truceline.negotiation.lexicon import NegotiationLexicon, load_lexicon
from truceline.negotiation.processes import chronological, side_of, when
from truceline.negotiation.terms import int_values, merge_terms
from truceline.record import (
    Agreement,
    EventType,
    Modality,
    Phase,
    Process,
    Proposal,
    StoryEvent,
    Term,
)

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
    last: dt.date | None = None

    def clock(self, number: int) -> _PhaseClock:
        return self.clocks.setdefault(number, _PhaseClock())

    def in_force(
        self, day: dt.date | None, lex: NegotiationLexicon, *, amending: bool = False
    ) -> bool:
        """Whether the deal is in force on ``day`` (see the module doc).

        ``amending``: for an AGREE, which amends a deal only while its clock
        runs -- an agreement reached after the running phase's end is another
        deal (the next round), however soon after it comes.
        """
        reached = self.agreement.date
        if day is None or reached is None:
            return True
        if self.collapsed is not None and day > self.collapsed:
            return False
        if (day - reached).days <= lex.same_deal_days:
            return True
        clock = self.clock(self.current)
        start = _most_said(clock.starts, latest=False)
        if start is None:
            pending = not any(c.starts for c in self.clocks.values())
            return pending and (day - reached).days <= lex.taking_effect_days
        end = _most_said(clock.ends, latest=True)
        durations = clock.durations or [
            days for n, days in _phase_durations(self.agreement.terms) if n == self.current
        ]
        if end is None and durations:
            duration = Counter(durations).most_common(1)[0][0]
            end = start + dt.timedelta(days=duration + sum(clock.extensions))
        if end is not None:
            # An end misdated by a day or a last-minute extension must not split
            # one deal in two: news within the taking-effect window still speak of it.
            slack = 0 if amending else lex.taking_effect_days
            return day <= end + dt.timedelta(days=slack)
        return self.last is None or (day - self.last).days <= lex.round_gap_days


def _phase_number(story: StoryEvent) -> int | None:
    numbers = int_values(story.terms, "phase")
    return numbers[0] if numbers else None


def scope_of(process: Process, actors: Sequence[str]) -> str:
    """Unilateral, bilateral or multilateral: how many sides (or outside states) act."""
    sides = {side_of(process, a) or a for a in actors if a not in process.mediators}
    sides |= {a for a in actors if a in process.mediators and side_of(process, a) is None}
    if len(sides) <= 1:
        return "unilateral"
    return "bilateral" if len(sides) == 2 else "multilateral"


_DEAL_TERMS = frozenset(
    {
        "ceasefire_days",
        "ceasefire_permanent",
        "hostages_released",
        "prisoners_released",
        "remains_returned",
    }
)


def _procedural(story: StoryEvent, process: Process) -> bool:
    """One side agreeing with a mediator, on no truce or release: an understanding
    to keep working ("Hamas agreed with Egyptian officials to continue efforts"),
    not a deal between the parties."""
    sides = {side_of(process, a) for a in story.actor} - {None}
    with_mediator = bool(story.mediators) or any(a in process.mediators for a in story.actor)
    stated = any(t.issue in _DEAL_TERMS for t in story.terms)
    return len(sides) == 1 and with_mediator and not stated


def _described(story: StoryEvent, lex: NegotiationLexicon) -> bool:
    """An AGREE whose every report describes a thing by an earlier agreement ("a
    wider exchange agreed upon by the warring sides"): it tells of no new deal."""
    texts = [t.lower() for t in story.evidence]
    return bool(texts) and all(
        any(cue in text for cue in lex.described_agreement_cues) for text in texts
    )


def _agentless_deal(story: StoryEvent) -> bool:
    """An AGREE naming no actor at all that states a truce or release ("a new three-day
    ceasefire was agreed"): in a process's story, a deal of its parties."""
    return (
        story.type == EventType.AGREE
        and not story.actor
        and any(t.issue in _DEAL_TERMS and t.value is not None for t in story.terms)
    )


def _same_period(story: StoryEvent, day: dt.date) -> bool:
    """Whether ``day`` falls in the month (or year) an AGREE is dated to, no closer."""
    if story.type != EventType.AGREE or story.date is None:
        return False
    if story.date_precision not in ("month", "year") or day.year != story.date.year:
        return False
    return story.date_precision == "year" or day.month == story.date.month


def _vaguely_within(story: StoryEvent, known_days: Sequence[dt.date]) -> bool:
    """An AGREE known only to its month (or year) in which an AGREE of a known day falls:
    "the November truce it signed" told again later (see :func:`_back_reference`)."""
    if story.type != EventType.AGREE or story.date_precision not in ("month", "year"):
        return False  # what _same_period says of every day, found without a pass over them
    return any(_same_period(story, day) for day in known_days)


def _back_reference(story: StoryEvent, deals: Sequence[_Deal]) -> _Deal | None:
    """The deal a vaguely dated AGREE speaks of: "the November truce it signed".

    An AGREE known only to its month (or year) that falls in the month (or
    year) of a deal reached on a known day is that deal, told again later;
    placed mid-month it would make a second deal of it.
    """
    return next(
        (d for d in deals if d.agreement.date and _same_period(story, d.agreement.date)), None
    )


def _conclude(
    deals: list[_Deal], story: StoryEvent, process: Process, lex: NegotiationLexicon
) -> None:
    day = when(story)
    last = deals[-1] if deals else None
    actors = story.actor or (list(process.parties) if _agentless_deal(story) else [])
    if last is not None and last.in_force(day, lex, amending=story.type == EventType.AGREE):
        deal = last
    elif (
        not any(side_of(process, a) for a in actors)
        or _procedural(story, process)
        or _described(story, lex)
    ):
        return
    else:
        deal = _Deal(Agreement(id=f"agreement:{story.id}", process=process.id, date=day))
        deals.append(deal)
    a = deal.agreement
    a.story_events.append(story.id)
    sides = {side_of(process, x) for x in actors}
    outside = [x for x in actors if side_of(process, x) is None]
    a.parties = [p for p in process.parties if p in sides or p in a.parties]
    a.parties += [x for x in outside if x not in process.mediators and x not in a.parties]
    mediators = {*story.mediators, *(x for x in outside if x in process.mediators)}
    a.mediators = sorted({*a.mediators, *mediators} - set(a.parties))
    a.scope = scope_of(process, a.parties)  # type: ignore[assignment]
    merge_terms(a.terms, story.terms)
    if day is not None:
        deal.last = max(deal.last or day, day)


def _run_clock(deal: _Deal, story: StoryEvent, lex: NegotiationLexicon) -> None:
    day = when(story)
    start = deal.agreement.date
    if day is None or (start is not None and day < start):
        return
    if not deal.in_force(day, lex):
        return
    deal.last = max(deal.last or day, day)
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


def _announced_terms(deal: _Deal, stories: _Chronology) -> None:
    """Add the terms of what the announcement said would happen (see module doc)."""
    a = deal.agreement
    announced = {stories.by_id[i].first_reported for i in a.story_events if i in stories.by_id}
    announced.discard(None)
    for s in stories.first_reported_on(announced):
        if s.type in _SET_FOR and s.modality == Modality.FUTURE and s.terms:
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


def _agreed_truce(
    deals: list[_Deal], story: StoryEvent, process: Process, lex: NegotiationLexicon
) -> bool:
    """A ceasefire two sides start with no deal in force implies the deal ("the
    truce between Israel and Iran took effect"); one side's is a declaration."""
    if story.action != "start" or scope_of(process, story.actor) == "unilateral":
        return False
    return not deals or not deals[-1].in_force(when(story), lex)


class _Chronology:
    """A process's story events oldest first (:func:`chronological`) with their days, so
    that the story events of a window are found by bisection, not by a pass over all."""

    def __init__(self, stories: Sequence[StoryEvent]) -> None:
        self.stories = chronological(stories)
        self.by_id = {s.id: s for s in self.stories}
        self._days = [when(s) or dt.date.max for s in self.stories]
        self._first_reported: dict[dt.date, list[int]] = {}
        for n, s in enumerate(self.stories):
            if s.first_reported is not None:
                self._first_reported.setdefault(s.first_reported, []).append(n)

    def first_reported_on(self, days: Iterable[dt.date]) -> list[StoryEvent]:
        """The story events first reported on one of ``days``, oldest first."""
        found = sorted(n for day in set(days) for n in self._first_reported.get(day, ()))
        return [self.stories[n] for n in found]

    def between(self, first: dt.date, last: dt.date) -> Sequence[StoryEvent]:
        """The story events placed on ``first`` to ``last`` (both included), oldest first."""
        lo = bisect.bisect_left(self._days, first)
        hi = bisect.bisect_right(self._days, last)
        return self.stories[lo:hi]


def _answers(
    agreement: Agreement, stories: _Chronology, process: Process, lex: NegotiationLexicon
) -> tuple[list[str], list[str]]:
    """The other sides that accepted and that rejected it within the taking-effect window.

    Other sides are those not among its parties; a refusal is an actual or
    announced REJECT, or a negated ACCEPT ("has not accepted").
    """
    accepted: list[str] = []
    rejected: list[str] = []
    if agreement.date is None:
        return accepted, rejected
    own = {side_of(process, p) or p for p in agreement.parties}
    window = dt.timedelta(days=lex.taking_effect_days)
    for s in stories.between(agreement.date, agreement.date + window):
        refused = s.type == EventType.REJECT and s.modality in (Modality.ACTUAL, Modality.FUTURE)
        refused = refused or (s.type == EventType.ACCEPT and s.modality == Modality.NEGATED)
        took = s.type == EventType.ACCEPT and s.modality == Modality.ACTUAL
        answer = rejected if refused else accepted if took else None
        if answer is not None:
            other = [x for x in dict.fromkeys(side_of(process, a) for a in s.actor) if x]
            answer.extend(x for x in other if x not in own and x not in answer)
    return accepted, rejected


def _typology(
    agreement: Agreement, stories: _Chronology, process: Process, lex: NegotiationLexicon
) -> None:
    """Code the deal as the ETH-PRIO ceasefire dataset codes ceasefires.

    Declared (one side alone) or agreed; declared by the sides of its first
    story event; accepted or rejected by the other sides that answered within
    the taking-effect window; its purpose from the words that reach or start
    it (its agreements and truce starts up to the day it takes effect), not
    from later news that amends it: a deal of January is no holiday truce
    because a March report speaks of Ramadan.
    """
    by_id = stories.by_id
    own = [
        by_id[sid]
        for sid in [*agreement.story_events, *(x for p in agreement.phases for x in p.story_events)]
        if sid in by_id
    ]
    agreement.kind = "declared" if agreement.scope == "unilateral" else "agreed"
    founding = own[0] if own else None
    declarers = founding.actor if founding is not None else agreement.parties
    sides = dict.fromkeys(side_of(process, a) for a in declarers)
    agreement.declared_by = [p for p in agreement.parties if p in sides] or list(agreement.parties)
    agreement.accepted_by, agreement.rejected_by = _answers(agreement, stories, process, lex)
    founding_words = [s for s in own if _founds(s, agreement)] or own[:1]
    agreement.purpose = lex.purpose([text for s in founding_words for text in s.evidence])


def _founds(story: StoryEvent, agreement: Agreement) -> bool:
    """A story event that reaches or starts the deal, on or before it takes effect."""
    if story.type not in (EventType.AGREE, EventType.CEASEFIRE) or story.action not in (
        None,
        "start",
    ):
        return False
    until = agreement.start or agreement.date
    return story.date is None or until is None or story.date <= until


def _answered_before(
    proposal: Proposal, stories: dict[str, StoryEvent], lex: NegotiationLexicon
) -> bool:
    """Whether an acceptance of the proposal is told only as given before ("what
    Israel had already agreed to"): it answered an earlier text, so the proposal
    did not close into a deal."""
    for response in proposal.responses:
        story = stories.get(response.story_event)
        if response.stance != "accept" or story is None or not story.evidence:
            continue
        texts = [t.lower() for t in story.evidence]
        if all(any(cue in t for cue in lex.earlier_acceptance_cues) for t in texts):
            return True
    return False


def _dismissed(proposal: Proposal, stories: Sequence[StoryEvent], lex: NegotiationLexicon) -> bool:
    """Whether the proposer turned down what it got back: an actual rejection by the
    proposer from the first acceptance to ``windows.taking_effect`` days after the
    last ("Washington rejected the response") -- acceptances it dismissed make no deal."""
    days = [r.date for r in proposal.responses if r.stance == "accept" and r.date is not None]
    if not days:
        return False
    until = max(days) + dt.timedelta(days=lex.taking_effect_days)
    return any(
        s.type == EventType.REJECT
        and s.modality == Modality.ACTUAL
        and set(s.actor) & set(proposal.proposer)
        and (day := when(s)) is not None
        and min(days) <= day <= until
        for s in stories
    )


def _accepted(proposal: Proposal, process: Process) -> StoryEvent:
    """The acceptance that closed a proposal, as the AGREE it amounts to."""
    last = max(proposal.responses, key=lambda r: (r.date or dt.date.min, r.story_event))
    parties = [*proposal.proposer, *(r.actor for r in proposal.responses if r.stance == "accept")]
    return StoryEvent(
        id=last.story_event,
        type=EventType.AGREE,
        actor=list(dict.fromkeys(parties)),
        date=last.date,
        first_reported=last.date,
        reports=[],
        corroboration={  # type: ignore[arg-type]
            "reports": 0,
            "outlets": 0,
            "named_sources": 0,
            "anonymous_sources": 0,
            "unattributed": 0,
        },
    )


def derive_agreements(
    stories: Sequence[StoryEvent], process: Process, proposals: Sequence[Proposal] = ()
) -> list[Agreement]:
    """The agreements of one process's story events, with their phases.

    A third party's proposal (a mediator's plan) that every side accepted is a
    deal too, reached on the day of its last acceptance (``from_proposal``
    links it), unless an AGREE reports that deal already or the proposer
    rejected what it got back (a dismissed response); one side accepting
    the other's proposal (a list of names) is reported as the deal itself
    when it is one.
    """
    lex = load_lexicon()
    deals: list[_Deal] = []
    chronology = _Chronology(stories)
    ordered, by_id = chronology.stories, chronology.by_id
    accepted = {
        p.id: _accepted(p, process)
        for p in proposals
        if p.status == "accepted"
        and not any(side_of(process, a) for a in p.proposer)
        and not _answered_before(p, by_id, lex)
        and not _dismissed(p, ordered, lex)
    }
    by_acceptance = {s.id: pid for pid, s in accepted.items()}
    known_days = [
        s.date
        for s in ordered
        if s.type == EventType.AGREE
        and s.modality == Modality.ACTUAL
        and s.date is not None
        and s.date_precision == "day"
    ]
    told_again: list[StoryEvent] = []
    for story in chronological([*ordered, *accepted.values()]):
        if story.modality != Modality.ACTUAL:
            continue
        if _vaguely_within(story, known_days):
            told_again.append(story)  # joins its deal once the deals are known
            continue
        if story.type == EventType.AGREE:
            before = len(deals)
            _conclude(deals, story, process, lex)
            if story.id in by_acceptance and len(deals) > before:
                deals[-1].agreement.from_proposal = by_acceptance[story.id]
                deals[-1].agreement.story_events.remove(story.id)
        elif story.type == EventType.CEASEFIRE:
            if _agreed_truce(deals, story, process, lex):
                _conclude(deals, story, process, lex)
            if deals:
                _run_clock(deals[-1], story, lex)
    for story in told_again:
        told = _back_reference(story, deals)
        if told is not None:
            told.agreement.story_events.append(story.id)
    for deal in deals:
        _, rejected = _answers(deal.agreement, chronology, process, lex)
        deal.agreement.rejected_by = rejected
    # A one-sided declaration another side rejected is no agreement.
    deals = [d for d in deals if d.agreement.scope != "unilateral" or not d.agreement.rejected_by]
    for deal in deals:
        _announced_terms(deal, chronology)
        phases: list[Phase] = []
        for n, clock in sorted(deal.clocks.items()):
            phase = clock.phase(n, phases[-1] if phases else None)
            if phase.start or phase.end or phase.duration_days:
                phases.append(phase)
        a = deal.agreement
        a.phases = phases
        a.start = next((p.start for p in phases if p.start), None)
        a.collapsed = deal.collapsed
        a.end = deal.collapsed or (phases[-1].end if phases else None)
        _typology(a, chronology, process, lex)
    return [deal.agreement for deal in deals]
