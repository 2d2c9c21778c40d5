"""Turning the store's answers (story.py values) into report views; no querying here.

The API asks the store, hands the results to these functions and gets the
view a renderer draws and ``--json`` prints. Keeping them pure makes every
report testable on hand-built values.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence

from truceline.record import (
    Agreement,
    Contradiction,
    LedgerEntry,
    LedgerTotal,
    Phase,
    PositionPoint,
    Process,
    Proposal,
    Round,
    Term,
)
from truceline.record.summary import (
    SUMMARY_CONTRADICTIONS,
    SUMMARY_HISTORY,
    SUMMARY_ROUNDS,
    TABLE_DEPTH,
    latest_rounds,
)
from truceline.reports.format import format_terms
from truceline.reports.views import (
    Answer,
    Ledger,
    Link,
    PhaseClock,
    PhaseState,
    Positions,
    PositionTrack,
    ProcessSummary,
    Summary,
)

POSITIONS_ANSWERED = 10
"""How many of the latest proposals ``positions`` lists the answers to."""

SUMMARY_AGREEMENTS = 3
"""How many of a process's latest agreements the summary shows phase clocks for."""

POSITIONS_HISTORY = 10
"""How many of a track's latest points ``positions`` returns by default (all are counted)."""


def by_date(day: dt.date | None) -> tuple[bool, dt.date]:
    """Sort key putting undated items last, so a chronology reads top to bottom."""
    return (day is None, day or dt.date.min)


def _phase_state(phase: Phase, as_of: dt.date) -> PhaseState:
    if phase.start is None:
        return "unknown"
    if as_of < phase.start:
        return "upcoming"
    if phase.end is not None and as_of > phase.end:
        return "ended"
    return "running"


def phase_clocks(agreements: Sequence[Agreement], as_of: dt.date) -> list[PhaseClock]:
    """Every phase of every agreement with its state and days left as of ``as_of``."""
    clocks: list[PhaseClock] = []
    for agreement in agreements:
        current = agreement.current_phase(as_of)
        for phase in sorted(agreement.phases, key=lambda p: p.number):
            clocks.append(
                PhaseClock(
                    agreement=agreement.id,
                    phase=phase.number,
                    start=phase.start,
                    end=phase.end,
                    duration_days=phase.duration_days,
                    extensions=phase.extensions,
                    state=_phase_state(phase, as_of),
                    days_left=phase.days_left(as_of),
                    current=current is not None and current.number == phase.number,
                )
            )
    return clocks


def rounds_of(agreements: Sequence[Agreement]) -> list[Round]:
    """The rounds the listed agreements conclude, oldest first, with each round's span."""
    rounds = []
    for a in agreements:
        if a.round is None:
            continue
        ended_by = "collapse" if a.collapsed else ("expiry" if a.end else None)
        rounds.append(
            Round(
                process=a.process,
                number=a.round,
                start=a.date,
                end=a.end,
                agreement=a.id,
                ended_by=ended_by,  # type: ignore[arg-type]
            )
        )
    return rounds


Track = tuple[str, str, str]


def position_tracks(
    points: Sequence[PositionPoint],
    totals: Mapping[Track, int] | None = None,
    depth: int | None = None,
) -> list[PositionTrack]:
    """Group position points by process, party and issue; the latest point leads each track.

    ``depth`` keeps each track's latest that many points as its history;
    ``totals`` (process, party, issue -> all its points, as the store counted
    them when it read only the latest) gives each track's ``points``.
    """
    grouped: dict[tuple[str, str, str], list[PositionPoint]] = defaultdict(list)
    for point in points:
        grouped[(point.process, point.party, point.issue)].append(point)
    tracks = []
    for (process, party, issue), history in sorted(grouped.items()):
        history = sorted(history, key=lambda p: by_date(p.date))
        total = max(len(history), (totals or {}).get((process, party, issue), 0))
        if depth:
            history = history[-depth:]
        latest = history[-1]
        tracks.append(
            PositionTrack(
                process=process,
                party=party,
                issue=issue,
                stance=latest.stance,
                value=latest.value,
                date=latest.date,
                history=history,
                points=total,
            )
        )
    return tracks


def positions_view(
    points: Sequence[PositionPoint],
    limit: int | None = None,
    totals: Mapping[Track, int] | None = None,
    depth: int | None = None,
    proposals: Sequence[Proposal] = (),
    actor: str | None = None,
) -> Positions:
    """Tracks, and the answers to ``proposals`` (by ``actor`` when given), newest first."""
    tracks = position_tracks(points, totals, depth)
    return Positions(
        total=len(tracks),
        tracks=tracks[:limit] if limit else tracks,
        answers=answers_to(proposals, actor),
    )


def answers_to(proposals: Sequence[Proposal], actor: str | None = None) -> list[Answer]:
    """Each response to the proposals, said with the proposal's name and terms: a stance
    grounded in an explicit link, not in terms of its own."""
    answers = []
    for p in proposals:
        when = f"{proposal_name(p)} ({p.date.isoformat() if p.date else 'undated'})"
        for r in p.responses:
            if actor is not None and r.actor != actor:
                continue
            said = f"{r.actor} {r.stance}s {when}, {_whose_terms(p.terms)}"
            answers.append(
                Answer(
                    process=p.process,
                    party=r.actor,
                    stance=r.stance,
                    date=r.date,
                    story_event=r.story_event,
                    proposal=p.id,
                    statement=said,
                    terms=p.terms,
                )
            )
    return sorted(answers, key=lambda a: (a.date or dt.date.min, a.story_event), reverse=True)


def newest_first(proposals: Sequence[Proposal]) -> list[Proposal]:
    """Proposals newest first; undated ones after the dated."""
    dated = sorted((p for p in proposals if p.date), key=lambda p: (p.date, p.id), reverse=True)
    return dated + sorted((p for p in proposals if not p.date), key=lambda p: p.id)


def on_the_table(proposals: Sequence[Proposal], depth: int = TABLE_DEPTH) -> list[Proposal]:
    """The latest proposals still standing (not superseded), newest first."""
    return [p for p in newest_first(proposals) if p.status != "superseded"][:depth]


def ledger_view(entries: Sequence[LedgerEntry], totals: Sequence[LedgerTotal]) -> Ledger:
    ordered = sorted(entries, key=lambda e: (*by_date(e.date), e.kind, e.story_event))
    return Ledger(
        entries=ordered,
        totals=list(totals),
        disputed=sum(1 for e in entries if e.disputed_counts),
    )


def _by_process(items: Sequence) -> defaultdict[str | None, list]:
    """``items`` grouped by their process, each group in the given order (grouped once:
    the summary looks up every process in every list)."""
    grouped: defaultdict[str | None, list] = defaultdict(list)
    for item in items:
        grouped[item.process].append(item)
    return grouped


def most_recent(items: Sequence[Contradiction], depth: int) -> list[Contradiction]:
    """The ``depth`` latest contradictions, newest first (undated after the dated)."""
    dated = sorted((c for c in items if c.date), key=lambda c: (c.date, c.id), reverse=True)
    return (dated + sorted((c for c in items if not c.date), key=lambda c: c.id))[:depth]


def summarize(
    *,
    as_of: dt.date,
    processes: Sequence[Process],
    story_counts: Mapping[str | None, tuple[int, int]],
    proposals: Sequence[Proposal],
    positions: Sequence[PositionPoint],
    agreements: Sequence[Agreement],
    ledger: Sequence[LedgerEntry],
    totals: Sequence[LedgerTotal],
    contradictions: Sequence[Contradiction],
    counts: Mapping[str, int],
    process_counts: Mapping[str, Mapping[str | None, int]] | None = None,
    track_points: Mapping[Track, int] | None = None,
) -> Summary:
    """The whole summary: one :class:`ProcessSummary` per process that has anything to show.

    Its size does not grow with the store: per process the :data:`TABLE_DEPTH`
    standing proposals, each track's :data:`SUMMARY_HISTORY` latest points,
    the clocks of the :data:`SUMMARY_AGREEMENTS` latest agreements and the
    :data:`SUMMARY_CONTRADICTIONS` most recent contradictions; everything
    else is counted. ``story_counts``: per process id (None: unassigned), its
    story events and the reports behind them (``Store.story_counts``).
    ``process_counts`` (``proposals``, ``agreements``, ``releases``,
    ``contradictions`` -> process id or None -> how many) and ``track_points``
    are what the store counted in SQL when it read only the shown items;
    without them the given lists are counted.
    """

    of = {
        "proposals": _by_process(proposals),
        "positions": _by_process(positions),
        "agreements": _by_process(agreements),
        "releases": _by_process(ledger),
        "totals": _by_process(totals),
        "contradictions": _by_process(contradictions),
    }

    def count(name: str, process: str | None) -> int:
        if process_counts is not None:
            return process_counts.get(name, {}).get(process, 0)
        return len(of[name][process])

    parts = []
    for process in processes:
        events, reports = story_counts.get(process.id, (0, 0))
        mine = of["proposals"][process.id]
        latest_deals = sorted(of["agreements"][process.id], key=lambda a: (*by_date(a.date), a.id))
        numbers = {
            "proposals": count("proposals", process.id),
            "agreements": count("agreements", process.id),
            "releases": count("releases", process.id),
            "contradictions": count("contradictions", process.id),
        }
        if not (events or any(numbers.values())):
            continue
        parts.append(
            ProcessSummary(
                process=process,
                on_the_table=on_the_table(mine),
                positions=position_tracks(
                    of["positions"][process.id], track_points, SUMMARY_HISTORY
                ),
                phases=phase_clocks(latest_deals[-SUMMARY_AGREEMENTS:], as_of),
                agreements=latest_deals[-SUMMARY_ROUNDS:],
                rounds=rounds_of(latest_deals[-SUMMARY_ROUNDS:]),
                totals=latest_rounds(of["totals"][process.id]),
                contradictions=most_recent(
                    of["contradictions"][process.id], SUMMARY_CONTRADICTIONS
                ),
                counts={"story_events": events, "reports": reports, **numbers},
            )
        )
    return Summary(
        as_of=as_of,
        counts=dict(counts),
        processes=parts,
        unassigned_events=story_counts.get(None, (0, 0))[0],
        unassigned_contradictions=most_recent(of["contradictions"][None], SUMMARY_CONTRADICTIONS),
        unassigned_contradictions_total=count("contradictions", None),
    )


def _whose_terms(terms: Sequence[Term]) -> str:
    if not terms:
        return "which states no terms"
    return "whose terms are " + format_terms(terms).replace("\n", "; ")


def proposal_name(proposal: Proposal) -> str:
    """Its name: the reports', else its proposer and date ("US proposal of 12 Mar 2025"),
    both given when it is derived; the id only for a proposal made elsewhere without one."""
    return proposal.name or proposal.id


def links_of(
    story_id: str, proposals: Sequence[Proposal], agreements: Sequence[Agreement]
) -> list[Link]:
    """The explicit links of a story event (see :class:`Link`): the proposals it tables
    or answers, the agreements it makes, amends or runs, and the proposal a deal concludes."""
    named = {p.id: p for p in proposals}
    links = []
    for p in proposals:
        when = f"{proposal_name(p)} ({p.date.isoformat() if p.date else 'undated'})"
        answers = [r for r in p.responses if r.story_event == story_id]
        if story_id in p.story_events:
            said = f"tables {when}, {_whose_terms(p.terms)}; status {p.status}"
        elif answers:
            who = " and ".join(f"{r.actor} {r.stance}s" for r in answers)
            said = f"{who} {when}, {_whose_terms(p.terms)}; status {p.status}"
        else:
            continue
        deals = [a.id for a in agreements if a.from_proposal == p.id]
        if deals:
            said += f"; concluded by {', '.join(deals)}"
        links.append(Link(kind="proposal", id=p.id, statement=said, terms=p.terms))
    for a in agreements:
        if story_id not in a.story_events and not any(
            story_id in phase.story_events for phase in a.phases
        ):
            continue  # the deal that concludes a proposal it answers: said on that proposal
        reached = a.date.isoformat() if a.date else "undated"
        said = f"part of {a.id}, reached {reached}"
        if a.round is not None:
            said += f" (round {a.round})"
        said += f", {a.kind}, {a.scope}, {a.purpose}, {_whose_terms(a.terms)}"
        if a.from_proposal is not None:
            concluded = named.get(a.from_proposal)
            name = proposal_name(concluded) if concluded else a.from_proposal_name
            said += f"; it concludes {name or a.from_proposal}"
        links.append(Link(kind="agreement", id=a.id, statement=said, terms=a.terms))
    return links
