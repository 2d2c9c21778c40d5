"""An analyst's story merges and splits, as constraints on how reports are grouped.

Matching (:mod:`.match`) groups reports by what they say; an analyst who
knows better says "these two stories are one event" or "this report is a
story of its own" (``truceline correct merge`` / ``split``). The steps are
applied to the clusters in the order they were made, after matching and
before stories are built, so a corrected story is built, corroborated and
contradicted by the same code as any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from truceline.record import ReportedEvent
from truceline.resolve.keys import signature
from truceline.resolve.match import Cluster
from truceline.resolve.merge import arrival
from truceline.resolve.settings import ResolveSettings
from truceline.resolve.sides import SideMap


@dataclass(frozen=True)
class Regroup:
    """One step: the reports (row ids) to put into one story, or the report to set apart."""

    action: Literal["merge", "split"]
    reports: frozenset[int]


@dataclass(frozen=True)
class StoryConstraints:
    """The steps in the order the analyst made them (a later split undoes part of a merge)."""

    steps: Sequence[Regroup] = field(default_factory=tuple)


def regroup(
    clusters: list[Cluster],
    reported: Sequence[ReportedEvent],
    constraints: StoryConstraints,
    cfg: ResolveSettings,
    sides: SideMap | None = None,
) -> list[Cluster]:
    """The clusters with every merge and split applied; members stay in arrival order.

    A step naming reports no longer stored is applied to those still there
    (a merge of one remaining story changes nothing). ``sides``: as matching read who
    reports name (:mod:`.sides`), so a regrouped story's signature reads them the same.
    """
    sides = sides or SideMap()
    index = {r.id: i for i, r in enumerate(reported)}
    for step in constraints.steps:
        members = {index[r] for r in step.reports if r in index}
        if step.action == "merge":
            clusters = _merged(clusters, members, reported, cfg, sides)
        else:
            for member in members:
                clusters = _split(clusters, member, reported, cfg, sides)
    for cluster in clusters:
        cluster.members.sort(key=lambda i: arrival(reported[i]))
    return clusters


def _fresh(
    i: int, reported: Sequence[ReportedEvent], cfg: ResolveSettings, sides: SideMap
) -> Cluster:
    sig = signature(reported[i], cfg, sides)
    precise = [(sig.lo, sig.hi)] if sig.precise else []
    return Cluster(sig=sig, members=[i], precise=precise, articles={reported[i].article_id})


def _merged(
    clusters: list[Cluster],
    members: set[int],
    reported: Sequence[ReportedEvent],
    cfg: ResolveSettings,
    sides: SideMap,
) -> list[Cluster]:
    touched = [c for c in clusters if members & set(c.members)]
    if len(touched) < 2:
        return clusters
    first, rest = touched[0], touched[1:]
    for other in rest:
        for i in other.members:
            first.absorb(i, signature(reported[i], cfg, sides))
        first.articles |= other.articles
        first.parties |= other.parties
    gone = {id(c) for c in rest}
    return [c for c in clusters if id(c) not in gone]


def _split(
    clusters: list[Cluster],
    member: int,
    reported: Sequence[ReportedEvent],
    cfg: ResolveSettings,
    sides: SideMap,
) -> list[Cluster]:
    home = next((c for c in clusters if member in c.members), None)
    if home is None or len(home.members) < 2:
        return clusters
    # The rest is rebuilt from its own reports, so the split report's who and when leave it.
    rest = [i for i in home.members if i != member]
    rebuilt = _fresh(rest[0], reported, cfg, sides)
    for i in rest[1:]:
        rebuilt.absorb(i, signature(reported[i], cfg, sides))
        rebuilt.articles.add(reported[i].article_id)
    rebuilt.parties = home.parties
    out = [rebuilt if c is home else c for c in clusters]
    out.append(_fresh(member, reported, cfg, sides))
    return out
