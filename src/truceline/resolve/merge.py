"""Building one :class:`StoryEvent` from the reports behind it.

Consensus: who (actors, targets, mediators) is the union of what the reports
name, in order of first mention -- a report naming fewer parties is
incomplete, not in disagreement. Terms, polarity, action and location take
the value most reports give, ties to the oldest report (the disagreement is
kept as a contradiction). The date is the most common day-precise date, else
month, else year; failing all, the first report's publication date
(precision ``reported``). An occurred story is ``actual`` once any report
tells it as done, else ``future``.

Stable id: ``<type>-<smallest report id>`` (e.g. ``release-1207``). Store
row ids only grow, so a story keeps its id as reports are added to it, and
the same reports give the same id on every rebuild.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

from truceline.record import Modality, ReportedEvent, StoryEvent, Term
from truceline.resolve.corroboration import corroboration
from truceline.resolve.keys import term_facts
from truceline.resolve.settings import ResolveSettings

T = TypeVar("T", bound=Hashable)


def story_id(event_type: str, report_ids: Iterable[int]) -> str:
    """The stable id of the story event made of these reports."""
    return f"{event_type.lower()}-{min(report_ids)}"


def arrival(report: ReportedEvent) -> tuple[int, int]:
    """The order reports are taken in, "oldest first": publication date (else the
    event's date; undated last), then row id."""
    day = report.published or report.event.date or dt.date.max
    return day.toordinal(), report.id


def majority(values: Sequence[T | None]) -> T | None:
    """The value given most often (None ignored), ties to the one given first."""
    counts: dict[T, int] = {}
    for value in values:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v, n in counts.items() if n == top)


def union(lists: Iterable[Iterable[str]], exclude: Iterable[str] = ()) -> list[str]:
    """Names in order of first mention, without repeats or ``exclude``."""
    seen = set(exclude)
    out: list[str] = []
    for names in lists:
        for name in names:
            if name not in seen:
                seen.add(name)
                out.append(name)
    return out


def report_value(term: Term, counts: dict[str, float]) -> object:
    """The value a report gives an issue: its largest count (the total), else the term's."""
    if term.issue in counts:
        number = counts[term.issue]
        return int(number) if number.is_integer() else number
    value = term.value
    return repr(value) if isinstance(value, dict) else value


def _batch(term: Term) -> bool:
    return term.count_role in (None, "batch")


def consensus_terms(reports: Sequence[ReportedEvent], cfg: ResolveSettings) -> list[Term]:
    """One term per issue: the value most reports give, with the oldest such report's wording.

    A count that is people freed now (``count_role`` batch) outvotes a total,
    a stock, a part or people still to be freed: "Israel released 39" beside
    "a list of 42 to be released" is a story of 39, the 42 a disputed count.
    An exact count outvotes hedged ones (``hedges``): "642" beside "more
    than 600" is a story of 642.
    """
    votes: dict[str, list[tuple[object, Term]]] = {}
    for report in reports:
        counts, _, _ = term_facts(report.event, cfg)
        given: set[str] = set()
        for term in report.event.terms:
            value = report_value(term, counts)
            if term.issue in given or (term.issue in counts and term.value != value):
                continue
            given.add(term.issue)
            votes.setdefault(term.issue, []).append((value, term))
    terms: list[Term] = []
    for ballots in votes.values():
        batches = [(value, term) for value, term in ballots if _batch(term)]
        ballots = batches or ballots
        exact = [(v, t) for v, t in ballots if (t.qualifier or "").lower() not in cfg.hedges]
        ballots = exact or ballots
        winner = majority([value for value, _ in ballots])  # type: ignore[arg-type]
        terms.append(next(term for value, term in ballots if value == winner))
    return terms


def story_date(reports: Sequence[ReportedEvent]) -> tuple[dt.date | None, str | None]:
    """The story's date and precision (see module doc)."""
    for precision in ("day", "month", "year"):
        dates = [
            r.event.date
            for r in reports
            if r.event.date is not None and (r.event.date_precision or "day") == precision
        ]
        if dates:
            return majority(dates), precision
    first = next((r.published for r in reports if r.published is not None), None)
    return first, "reported" if first else None


def build_story(reports: Sequence[ReportedEvent], cfg: ResolveSettings) -> StoryEvent:
    """The story event told by ``reports`` (one cluster, in :func:`arrival` order)."""
    events = [r.event for r in reports]
    actors = union(e.actor for e in events)
    targets = union((e.target for e in events), exclude=actors)
    modalities = {e.modality for e in events}
    modality = majority([e.modality for e in events])
    if Modality.ACTUAL in modalities:
        modality = Modality.ACTUAL
    date, precision = story_date(reports)
    published = [r.published for r in reports if r.published is not None]
    return StoryEvent(
        id=story_id(events[0].type.value, (r.id for r in reports)),
        type=events[0].type,
        actor=actors,
        target=targets,
        mediators=union((e.mediators for e in events), exclude=actors),
        terms=consensus_terms(reports, cfg),
        modality=modality or Modality.ACTUAL,
        polarity=majority([e.polarity for e in events]),
        action=majority([e.action for e in events]),
        date=date,
        date_precision=precision,
        location=majority([e.location for e in events]),
        first_reported=min(published, default=None),
        last_reported=max(published, default=None),
        reports=[r.id for r in reports],
        outlets=union([r.outlet] for r in reports if r.outlet),
        corroboration=corroboration(reports, cfg),
        evidence=[e.evidence.text for e in events],
        articles=sorted({r.article_id for r in reports}),
    )
