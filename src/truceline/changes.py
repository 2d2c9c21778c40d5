"""What changed between two derived records: the news an analyst (or an alert) is told.

:func:`changes` compares the record as known at one date with the record as
known at a later one (:mod:`truceline.asof` builds both) and lists each new
thing once: proposals tabled, responses given, proposal statuses moved,
agreements reached and ended, phases started and ended, releases, new
contradictions, and position moves. Every :class:`Change` names its process,
its date, one line of text, and the reports (stored event ids) and story
events behind it, so that ``truceline changes``, the ``/changes`` page and
alerts all say the same thing from the same function.

A change's ``key`` is stable: the same change found again (by a later
comparison, after a restart) has the same key, which is how alerts deliver
each change once. Keys are made of the record's own ids (story event,
proposal and agreement ids), which stay the same while the reports behind
them do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from truceline.record import (
    Agreement,
    Contradiction,
    LedgerEntry,
    PositionPoint,
    Proposal,
    StoryEvent,
)
from truceline.record.derived import KINDS, Change, DerivedRecord
from truceline.reports.build import proposal_name
from truceline.reports.format import format_terms, format_value


def changes(
    before: DerivedRecord,
    after: DerivedRecord,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Change]:
    """What ``after`` knows that ``before`` did not, by date (undated last), then kind and key.

    ``since``/``until`` (the dates of ``before`` and ``after`` by default) also
    let the clock speak: a phase whose start or end, known before, falls
    after ``since`` and on or before ``until`` starts or ends in between.
    """
    since = since or before.as_of
    until = until or after.as_of
    stories = {s.id: s for s in before.reconciliation.story_events}
    stories |= {s.id: s for s in after.reconciliation.story_events}
    found = [
        *_proposals(before.negotiation.proposals, after.negotiation.proposals),
        *_agreements(before.negotiation.agreements, after.negotiation.agreements),
        *_phases(before.negotiation.agreements, after.negotiation.agreements, since, until),
        *_releases(before.negotiation.ledger, after.negotiation.ledger),
        *_contradictions(before.reconciliation.contradictions, after.reconciliation.contradictions),
        *_positions(before.negotiation.positions, after.negotiation.positions),
    ]
    out = [_grounded(c, stories) for c in found]
    out.sort(key=lambda c: (c.date is None, c.date or dt.date.min, KINDS.index(c.kind), c.key))
    return out


def _grounded(change: Change, stories: dict[str, StoryEvent]) -> Change:
    """The change with the reports and outlet count of its story events."""
    mine = [stories[s] for s in change.story_events if s in stories]
    reports = list(dict.fromkeys([*change.reports, *(r for s in mine for r in s.reports)]))
    outlets = max((s.corroboration.outlets for s in mine), default=0)
    return change.model_copy(update={"reports": reports, "outlets": outlets})


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "undated"


def _terms(proposal_or_deal: Proposal | Agreement) -> str:
    terms = format_terms(proposal_or_deal.terms).replace("\n", "; ")
    return f": {terms}" if terms else ""


# ---------------------------------------------------------------- proposals


def _proposals(before: Sequence[Proposal], after: Sequence[Proposal]) -> Iterator[Change]:
    known = {p.id: p for p in before}
    for p in after:
        old = known.get(p.id)
        name = proposal_name(p)
        if old is None:
            who = ", ".join(p.proposer) or "someone"
            kind = "counter-proposal" if p.kind == "counter" else "proposal"
            yield Change(
                key=f"proposal:{p.id}",
                kind="proposal",
                process=p.process,
                date=p.date,
                text=f"{who} tables {name}, a {kind}{_terms(p)}",
                story_events=list(p.story_events),
                actors=[*p.proposer, *p.mediators],
            )
        answered = {(r.story_event, r.actor, r.stance) for r in old.responses} if old else set()
        for r in p.responses:
            if (r.story_event, r.actor, r.stance) in answered:
                continue
            yield Change(
                key=f"response:{p.id}:{r.story_event}:{r.actor}:{r.stance}",
                kind="response",
                process=p.process,
                date=r.date,
                text=f"{r.actor} {r.stance}s {name}",
                story_events=[r.story_event],
                actors=[r.actor],
            )
        if old is not None and old.status != p.status:
            yield Change(
                key=f"status:{p.id}:{p.status}",
                kind="status",
                process=p.process,
                date=max((r.date for r in p.responses if r.date), default=p.date),
                text=f"{name} is now {p.status} (was {old.status})",
                story_events=[*p.story_events, *(r.story_event for r in p.responses)],
                actors=[*p.proposer, *(r.actor for r in p.responses)],
            )


# ---------------------------------------------------------------- agreements


def _agreements(before: Sequence[Agreement], after: Sequence[Agreement]) -> Iterator[Change]:
    known = {a.id: a for a in before}
    for a in after:
        old = known.get(a.id)
        parties = " and ".join(a.parties) or "the parties"
        if old is None:
            kind = "declare" if a.kind == "declared" else "reach"
            yield Change(
                key=f"agreement:{a.id}",
                kind="agreement",
                process=a.process,
                date=a.date,
                text=f"{parties} {kind} {a.id} ({a.scope}, {a.purpose}){_terms(a)}",
                story_events=list(a.story_events),
                actors=[*a.parties, *a.mediators],
            )
        ended = a.collapsed or a.end
        if ended is not None and (old is None or (old.collapsed or old.end) != ended):
            how = "collapses" if a.collapsed else "ends"
            yield Change(
                key=f"agreement_end:{a.id}:{ended.isoformat()}",
                kind="agreement_end",
                process=a.process,
                date=ended,
                text=f"{a.id} of {parties} {how} on {ended.isoformat()}",
                story_events=list(a.story_events),
                actors=[*a.parties, *a.mediators],
            )


def _phases(
    before: Sequence[Agreement],
    after: Sequence[Agreement],
    since: dt.date | None,
    until: dt.date | None,
) -> Iterator[Change]:
    """Phase starts and ends newly known, or known and falling between ``since`` and ``until``."""

    def between(day: dt.date) -> bool:
        return since is not None and since < day and (until is None or day <= until)

    known = {(a.id, p.number): p for a in before for p in a.phases}
    for a in after:
        for phase in a.phases:
            old = known.get((a.id, phase.number))
            for edge, day, was in (
                ("start", phase.start, old.start if old else None),
                ("end", phase.end, old.end if old else None),
            ):
                if day is None or (day == was and not between(day)):
                    continue
                verb = "starts" if edge == "start" else "ends"
                yield Change(
                    key=f"phase_{edge}:{a.id}:{phase.number}:{day.isoformat()}",
                    kind="phase_start" if edge == "start" else "phase_end",
                    process=a.process,
                    date=day,
                    text=f"phase {phase.number} of {a.id} {verb} on {day.isoformat()}",
                    story_events=list(phase.story_events or a.story_events),
                    actors=list(a.parties),
                )


# ---------------------------------------------------------------- releases


def _releases(before: Sequence[LedgerEntry], after: Sequence[LedgerEntry]) -> Iterator[Change]:
    # One story may tell several batches ("25 on the 24th, 17 on the 25th"): one entry each day.
    known = {(e.story_event, e.kind, e.date): e for e in before}
    for e in after:
        old = known.get((e.story_event, e.kind, e.date))
        if old is not None and old.count == e.count:
            continue
        who = ", ".join(e.releaser) or "someone"
        count = "an unknown number of" if e.count is None else str(e.count)
        what = e.kind.replace("_", " ")
        was = f" (was {old.count})" if old is not None else ""
        yield Change(
            key=f"release:{e.story_event}:{e.kind}:{_day(e.date)}:{e.count}",
            kind="release",
            process=e.process,
            date=e.date,
            text=f"{who}: {count} {what}{was}, {_day(e.date)}",
            reports=list(e.reports),
            story_events=[e.story_event],
            actors=list(e.releaser),
        )


# ---------------------------------------------------------------- contradictions


def _contradictions(
    before: Sequence[Contradiction], after: Sequence[Contradiction]
) -> Iterator[Change]:
    known = {c.id for c in before}
    for c in after:
        if c.id in known:
            continue
        yield Change(
            key=f"contradiction:{c.id}",
            kind="contradiction",
            process=c.process,
            date=c.date,
            text=c.summary,
            reports=list(dict.fromkeys(r for account in c.accounts for r in account.reports)),
            story_events=list(c.story_events),
        )


# ---------------------------------------------------------------- positions


def _latest(points: Iterable[PositionPoint]) -> dict[tuple[str, str, str], PositionPoint]:
    """Each (process, party, issue) track's latest point (dated after undated, then last)."""
    out: dict[tuple[str, str, str], PositionPoint] = {}
    for p in sorted(points, key=lambda p: (p.date is not None, p.date or dt.date.min)):
        out[(p.process, p.party, p.issue)] = p
    return out


def _stance(point: PositionPoint) -> str:
    value = "" if point.value is None else f" {format_value(point.value)}"
    return f"{point.stance}{value}"


def _positions(before: Sequence[PositionPoint], after: Sequence[PositionPoint]) -> Iterator[Change]:
    was = _latest(before)
    for track, p in _latest(after).items():
        old = was.get(track)
        if old is not None and (old.stance, old.value) == (p.stance, p.value):
            continue
        moved = f" (was {_stance(old)})" if old is not None else ""
        yield Change(
            key=f"position:{p.process}:{p.party}:{p.issue}:{p.story_event}",
            kind="position",
            process=p.process,
            date=p.date,
            text=f"{p.party} on {p.issue}: {_stance(p)}{moved}",
            reports=list(p.reports),
            story_events=[p.story_event],
            actors=[p.party],
        )
