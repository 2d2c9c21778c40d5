"""What of a report decides which real-world event it tells: its signature.

A :class:`Signature` is the part of a :class:`ReportedEvent` that matching
reads, computed once per report: type, modality group, who, what kind and
how many, and a date interval. Dates become intervals of day ordinals:

* a day-precise ``event.date`` is that day; month precision is the month;
* a report that dates nothing is placed by its publication date -- an actual
  or denied event up to ``reported_lag_days`` before it, a scheduled or
  possible one up to ``future_horizon_days`` after it;
* year precision is too vague to say two reports are one event: such reports
  only meet each other ("year" class); reports with no date at all and no
  publication date only meet each other ("undated" class).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from truceline.record import Event, EventType, Modality, ReportedEvent
from truceline.resolve.settings import ResolveSettings
from truceline.resolve.sides import SideMap

FINE, YEAR, UNDATED = "fine", "year", "undated"


@dataclass(slots=True)
class Signature:
    """The matching-relevant facts of one report (or, merged, of one story event)."""

    type: EventType
    group: str
    modalities: frozenset[Modality]
    date_class: str
    lo: int
    hi: int
    precise: bool
    actors: frozenset[str]
    targets: frozenset[str]
    counts: dict[str, float] = field(default_factory=dict)
    exact: dict[str, object] = field(default_factory=dict)
    kinds: frozenset[str] = frozenset()
    fields: dict[str, object] = field(default_factory=dict)
    # the actors and targets as the reports name them, before they are read as sides
    named_actors: frozenset[str] = frozenset()
    named_targets: frozenset[str] = frozenset()

    @property
    def middle(self) -> float:
        """The middle of the date interval, for preferring the nearer of two stories."""
        return (self.lo + self.hi) / 2

    @property
    def participants(self) -> frozenset[str]:
        """Actors and targets as one set, for types whose roles blur (talks, deals)."""
        return self.actors | self.targets

    @property
    def named_participants(self) -> frozenset[str]:
        """:attr:`participants` as the reports name them."""
        return self.named_actors | self.named_targets


def _month_bounds(day: dt.date) -> tuple[int, int]:
    first = day.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return first.toordinal(), nxt.toordinal() - 1


def date_interval(report: ReportedEvent, cfg: ResolveSettings) -> tuple[str, int, int, bool]:
    """The date class, interval ``[lo, hi]`` (day ordinals) and whether it is day-precise."""
    event = report.event
    if event.date is not None and event.date_precision in ("day", None):
        day = event.date.toordinal()
        return FINE, day, day, True
    if event.date is not None and event.date_precision == "month":
        lo, hi = _month_bounds(event.date)
        return FINE, lo, hi, False
    if event.date is not None:
        return YEAR, event.date.year, event.date.year, False
    if report.published is None:
        return UNDATED, 0, 0, False
    pub = report.published.toordinal()
    if event.modality in (Modality.FUTURE, Modality.POSSIBLE):
        return FINE, pub, pub + cfg.future_horizon_days, False
    return FINE, pub - cfg.reported_lag_days, pub, False


def _numeric(value: object) -> float | None:
    return float(value) if type(value) in (int, float) else None  # bool is not a count


def term_facts(
    event: Event, cfg: ResolveSettings
) -> tuple[dict[str, float], dict[str, object], frozenset[str]]:
    """Counts (largest per issue: a total and its parts), exact-valued terms, release kinds.

    "90 prisoners, 69 women and 21 minors" carries three values of one issue;
    the largest is the total the report gives.
    """
    if not event.terms:
        return {}, {}, frozenset()
    counts: dict[str, float] = {}
    exact: dict[str, object] = {}
    kind_set = cfg.kind_issues.get(event.type, frozenset())
    kinds: set[str] = set()
    for term in event.terms:
        if term.issue in kind_set:
            kinds.add(term.issue)
        if term.issue in cfg.count_issues:
            number = _numeric(term.value)
            if number is not None:
                counts[term.issue] = max(number, counts.get(term.issue, number))
        elif term.issue in cfg.exact_issues and term.value is not None:
            exact.setdefault(term.issue, term.value)
    return counts, exact, frozenset(kinds)


_ONE_MODALITY = {m: frozenset([m]) for m in Modality}
_NOBODY: frozenset[str] = frozenset()


_NO_SIDES = SideMap()


def signature(report: ReportedEvent, cfg: ResolveSettings, sides: SideMap = _NO_SIDES) -> Signature:
    """The signature of one report: who it names read as the sides of its process (``sides``).

    A mediation keeps its names: there the mediator is the doer.
    """
    event = report.event
    date_class, lo, hi, precise = date_interval(report, cfg)
    counts, exact, kinds = term_facts(event, cfg)
    fields = {}
    for name in cfg.must_agree.get(event.type, ()):
        value = getattr(event, name)
        if value is not None:
            fields[name] = value
    named_actors = frozenset(event.actor) if event.actor else _NOBODY
    named_targets = frozenset(event.target) - named_actors if event.target else _NOBODY
    actors, targets = named_actors, named_targets
    if event.type != EventType.MEDIATE:
        actors, targets = sides.principals(actors, targets)
    return Signature(
        type=event.type,
        group=cfg.modality_groups[event.modality],
        modalities=_ONE_MODALITY[event.modality],
        date_class=date_class,
        lo=lo,
        hi=hi,
        precise=precise,
        actors=actors,
        targets=targets,
        named_actors=named_actors,
        named_targets=named_targets,
        counts=counts,
        exact=exact,
        kinds=kinds,
        fields=fields,
    )


BUCKET_DAYS = 4


def day_buckets(sig: Signature, pad: int) -> range:
    """The date buckets (runs of ``BUCKET_DAYS`` days) a signature occupies, widened by ``pad``.

    Wider buckets mean fewer look-ups and more candidates per look-up; four
    days is about one report's interval, where the two costs meet.
    """
    if sig.date_class == FINE:
        return range((sig.lo - pad) // BUCKET_DAYS, (sig.hi + pad) // BUCKET_DAYS + 1)
    return range(sig.lo, sig.hi + 1)


def role_keys(sig: Signature, participants: bool) -> frozenset[str | None]:
    """The actor keys a signature is indexed under (None: it names no one): as sides and as named."""
    if participants:
        names = sig.participants | sig.named_participants
    else:
        names = sig.actors | sig.named_actors
    return frozenset(names) if names else frozenset([None])
