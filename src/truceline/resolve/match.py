"""When two reports tell the same real-world event, and grouping them.

Two signatures are compatible when:

* type, modality group and date class are the same (an announced release
  and the release are one group, ``occurred``; a possibility and a denial
  are their own);
* who: the actors named by one are a subset of those named by the other,
  and likewise the targets (participants as one set for talks, deals and
  mediation). A report that names fewer parties ("Israel agreed") is taken
  as incomplete, not as a different event; naming no one fits anyone.
  Mediators are never compared: reports list them unevenly;
* what: release kinds intersect (hostages are not prisoners) where both
  give them, exact terms (the phase) are equal, counts are within tolerance
  and the fields of ``must_agree`` (a ceasefire's start vs its collapse) agree;
* when: the date intervals are at most the type's window apart;
* where: the articles tell the same conflict. An article's parties are the
  actors its events name, less those it shows mediating (a MEDIATE actor, an
  event's mediators); a report joins a story only when its article's parties
  and the story's articles' parties meet, or one side names none (third
  parties such as the United States do not count: they speak in many
  conflicts). A Gaza report that names no one ("the prisoners to be released") fits anyone by
  its own words, but never a prisoner swap between Russia and Ukraine.

Reports are taken oldest first and each joins the best compatible story
(most shared actors and kinds; ties to the oldest story) or starts one. A
story is compared through its running signature: the union of the actors its
reports name, and the values, kinds and date of its first precise reports --
an anchor, so that a chain of near neighbours cannot drift from a release of
3 to one of 30, or from one week to the next.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from truceline.data import load
from truceline.data.files import NegotiationFile
from truceline.record import ArticleName, EventType, ReportedEvent
from truceline.resolve.blocks import BlockIndex
from truceline.resolve.keys import Signature, signature
from truceline.resolve.merge import arrival
from truceline.resolve.settings import ResolveSettings
from truceline.resolve.sides import SideMap


def _nested(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or a <= b or b <= a


def roles_fit(a: Signature, b: Signature, cfg: ResolveSettings) -> bool:
    """Whether the parties of two signatures can be those of one event.

    Compared as the sides of their process (:mod:`.sides`), or name by name:
    "the US" alone fits "Sudan and the US" though the US mediates in Sudan.
    """
    if a.type in cfg.participant_types:
        return _nested(a.participants, b.participants) or _nested(
            a.named_participants, b.named_participants
        )
    as_sides = _nested(a.actors, b.actors) and _nested(a.targets, b.targets)
    return as_sides or (
        _nested(a.named_actors, b.named_actors) and _nested(a.named_targets, b.named_targets)
    )


def terms_fit(a: Signature, b: Signature, cfg: ResolveSettings) -> bool:
    """Whether the kinds, exact terms and counts of two signatures can be one event's."""
    if a.kinds and b.kinds and not a.kinds & b.kinds:
        return False
    for issue, value in a.exact.items():
        if issue in b.exact and b.exact[issue] != value:
            return False
    for issue, count in a.counts.items():
        if issue in b.counts and not cfg.within_tolerance(count, b.counts[issue]):
            return False
    return all(b.fields.get(name, value) == value for name, value in a.fields.items())


def date_gap(a: Signature, b: Signature) -> int:
    """Days between two date intervals (0 when they overlap)."""
    return max(0, max(a.lo, b.lo) - min(a.hi, b.hi))


def compatible(a: Signature, b: Signature, cfg: ResolveSettings, window: int) -> bool:
    """Whether two signatures of one type and group can tell one event (see module doc)."""
    if a.date_class != b.date_class or max(a.lo, b.lo) - min(a.hi, b.hi) > window:
        return False
    if not roles_fit(a, b, cfg):
        return False
    return not (a.counts or a.exact or a.kinds or a.fields) or terms_fit(a, b, cfg)


def affinity(a: Signature, b: Signature, same_article: bool) -> tuple[int, bool, float]:
    """How well a report fits a compatible story: the best story shares most.

    Shared parties, kinds, counts and modality first ("freed" fits the story
    of the release, not of its announcement); then, for a report that names
    nothing that tells stories apart, the story its own article tells ("the
    handover" after "Hamas freed three hostages"); then the nearer date.
    """
    shared = (
        len(a.participants & b.participants)
        + len(a.kinds & b.kinds)
        + len(a.counts.keys() & b.counts.keys())
        + len(a.modalities & b.modalities)
    )
    return shared, same_article, -abs(a.middle - b.middle)


@dataclass
class Cluster:
    """The reports of one story event as they are grouped, and its running signature."""

    sig: Signature
    members: list[int] = field(default_factory=list)
    precise: list[tuple[int, int]] = field(default_factory=list)
    articles: set[int] = field(default_factory=set)
    parties: frozenset[str] = frozenset()

    def absorb(self, index: int, sig: Signature) -> bool:
        """Add a report: widen who, keep the anchor values, narrow the date to precise reports.

        Returns whether who or when changed, i.e. whether the story must be re-filed.
        """
        self.members.append(index)
        own = self.sig
        before = (own.actors, own.targets, own.named_actors, own.named_targets, own.lo, own.hi)
        own.actors |= sig.actors
        own.modalities |= sig.modalities
        own.targets = (own.targets | sig.targets) - own.actors
        own.named_actors |= sig.named_actors
        own.named_targets = (own.named_targets | sig.named_targets) - own.named_actors
        own.kinds = own.kinds or sig.kinds
        for issue, value in sig.counts.items():
            own.counts.setdefault(issue, value)
        for issue, value in sig.exact.items():
            own.exact.setdefault(issue, value)
        for name, value in sig.fields.items():
            own.fields.setdefault(name, value)
        if sig.precise:
            self.precise.append((sig.lo, sig.hi))
            first = len(self.precise) == 1
            own.lo = sig.lo if first else min(own.lo, sig.lo)
            own.hi = sig.hi if first else max(own.hi, sig.hi)
            own.precise = True
        return before != (
            own.actors,
            own.targets,
            own.named_actors,
            own.named_targets,
            own.lo,
            own.hi,
        )


@cache
def _third_parties() -> frozenset[str]:
    """The actors that speak in many conflicts (``third_parties`` of ``negotiation.yaml``)."""
    return frozenset(load(NegotiationFile).third_parties)


def article_parties(reported: Sequence[ReportedEvent]) -> dict[int, frozenset[str]]:
    """Article id -> the actors its events name, less those it shows mediating.

    Third parties (``third_parties`` of ``negotiation.yaml``: the United
    States, the UN ...) are left out too: they speak in many conflicts, so a
    Gaza article and a Sudan article that both quote Washington still tell
    two conflicts.
    """
    return parties_of(article_names(reported))


def article_names(reported: Iterable[ReportedEvent]) -> Iterator[ArticleName]:
    """Who each report's event names, as :func:`parties_of` reads it: its doers and
    targets, its mediators, the doers of a mediation as mediating."""
    for r in reported:
        e = r.event
        mediation = e.type == EventType.MEDIATE
        yield from (ArticleName(r.article_id, a, mediation) for a in e.actor)
        yield from (ArticleName(r.article_id, a, False) for a in e.target)
        yield from (ArticleName(r.article_id, a, True) for a in e.mediators)


def parties_of(names: Iterable[ArticleName]) -> dict[int, frozenset[str]]:
    """Article id -> its parties (:func:`article_parties`) from what its events name:
    the names of its events less those it names mediating and the third parties.
    An article naming no one has none (read as ``frozenset()`` where it is missing)."""
    named: dict[int, set[str]] = defaultdict(set)
    mediating: dict[int, set[str]] = defaultdict(set)
    for article, actor, mediates in names:
        (mediating if mediates else named)[article].add(actor)
    third = _third_parties()
    return {a: frozenset(named[a] - mediating[a] - third) for a in named}


def cluster_reports(
    reported: Sequence[ReportedEvent],
    cfg: ResolveSettings,
    sides: SideMap | None = None,
    parties: Mapping[int, frozenset[str]] | None = None,
    seeded: Sequence[Sequence[int]] = (),
) -> list[Cluster]:
    """Group reports into clusters of one real-world event each; members in arrival order.

    Who a report names is compared as the sides of its process (``sides``, see
    :mod:`.sides`); with none given, name by name. ``parties``: the
    :func:`article_parties` of the articles, when ``reported`` is one block of more.
    ``seeded``: clusters as they stood before the other reports arrived (indices
    into ``reported``), started again as matching started them, oldest first, so
    that the others are matched exactly as they would have been after them
    (an incremental rebuild's replay, :mod:`.reach`).
    """
    sides = sides or SideMap()
    index = BlockIndex(cfg.participant_types)
    clusters: list[Cluster] = []
    if parties is None:
        parties = article_parties(reported)
    first = [sorted(members, key=lambda i: arrival(reported[i])) for members in seeded]
    for members in sorted(first, key=lambda m: arrival(reported[m[0]])):
        for i in members:
            _place(i, reported, cfg, sides, parties, index, clusters, into=i != members[0])
    taken = {i for members in seeded for i in members}
    order = sorted(
        (i for i in range(len(reported)) if i not in taken), key=lambda i: arrival(reported[i])
    )
    for i in order:
        _place(i, reported, cfg, sides, parties, index, clusters)
    return clusters


def _place(
    i: int,
    reported: Sequence[ReportedEvent],
    cfg: ResolveSettings,
    sides: SideMap,
    parties: Mapping[int, frozenset[str]],
    index: BlockIndex,
    clusters: list[Cluster],
    *,
    into: bool | None = None,
) -> None:
    """Take one report: into the best compatible cluster, or a cluster of its own.

    ``into`` forces the choice (a seeded cluster's first report starts it, the
    others join the newest cluster): see :func:`cluster_reports`.
    """
    sig = signature(reported[i], cfg, sides)
    window = cfg.window(sig.type)
    article = reported[i].article_id
    conflict = parties.get(article, frozenset())
    if into is None:
        fits = [
            ident
            for ident in index.candidates(sig, window)
            if compatible(sig, clusters[ident].sig, cfg, window)
            and (not conflict or not clusters[ident].parties or conflict & clusters[ident].parties)
        ]
    else:
        fits = [len(clusters) - 1] if into else []
    if not fits:
        best = len(clusters)
        precise = [(sig.lo, sig.hi)] if sig.precise else []
        clusters.append(
            Cluster(sig=sig, members=[i], precise=precise, articles={article}, parties=conflict)
        )
        index.file(best, sig)
        return
    # Oldest first, whatever order the buckets gave them in (their keys are sets of
    # names, whose order changes with Python's string hashing): ties go to the oldest.
    fits.sort()
    best = fits[0]
    if len(fits) > 1:
        best = max(
            fits,
            key=lambda c: affinity(sig, clusters[c].sig, article in clusters[c].articles),
        )
    clusters[best].articles.add(article)
    clusters[best].parties |= conflict
    if clusters[best].absorb(i, sig):
        index.file(best, clusters[best].sig)
