"""Resolving reports against each other: story events and contradictions.

``reconcile`` groups reports of one real-world event into a
:class:`~truceline.record.StoryEvent` (:mod:`.match`, blocked by
:mod:`.blocks` so that it never compares all pairs), builds each story's
consensus and corroboration (:mod:`.merge`, :mod:`.corroboration`) and sets
the stories against each other (:mod:`.contradictions`). Its judgement calls
(windows, tolerances, what must agree) are ``data/resolve.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from truceline.record import Process, Reconciliation, ReportedEvent
from truceline.resolve.constraints import Regroup, StoryConstraints, regroup
from truceline.resolve.contradictions import Told, contradictions
from truceline.resolve.match import article_parties, cluster_reports, parties_of
from truceline.resolve.merge import build_story
from truceline.resolve.partition import independent_blocks
from truceline.resolve.settings import settings
from truceline.resolve.sides import SideMap


def reconcile(
    reported: Sequence[ReportedEvent],
    processes: Sequence[Process] = (),
    constraints: StoryConstraints | None = None,
) -> Reconciliation:
    """Merge reports of one real-world event into story events; list contradictions.

    ``processes`` say who stands on which side, so that reports naming a side
    differently ("Islamic Jihad" for Hamas's side, a mediator as a party) still
    tell one story (:mod:`.sides`); a report is never read into another process.

    The result depends only on the reports given, not on their order: story
    events come by date (first report, then id), contradictions by date then id.
    ``constraints`` are an analyst's merges and splits (:mod:`.constraints`),
    applied to the groups before stories are built.

    The reports are reconciled block by block (:mod:`.partition`), as Spark
    does it in parallel (:mod:`truceline.batch.reconcile`): one path, two engines.
    """
    cfg = settings()
    sides = SideMap.of(processes)
    parties = article_parties(reported)
    told: list[Told] = []
    for block in independent_blocks(reported, cfg, constraints):
        told += reconcile_block([reported[i] for i in block], parties, sides, constraints)
    return reconciliation_of(told)


def reconcile_block(
    reported: Sequence[ReportedEvent],
    parties: Mapping[int, frozenset[str]],
    sides: SideMap,
    constraints: StoryConstraints | None = None,
) -> list[Told]:
    """The stories of one independent block (:func:`.partition.independent_blocks`).

    ``parties`` are :func:`.match.article_parties` of *all* the reports: an
    article's parties come from all its events, in whatever block they are.
    """
    cfg = settings()
    clusters = cluster_reports(reported, cfg, sides, parties)
    if constraints is not None:
        clusters = regroup(clusters, reported, constraints, cfg, sides)
    told: list[Told] = []
    for cluster in clusters:
        reports = [reported[i] for i in cluster.members]
        told.append(Told(story=build_story(reports, cfg), sig=cluster.sig, reports=reports))
    return told


def reconciliation_of(told: list[Told]) -> Reconciliation:
    """The stories of every block, in their one order, set against each other."""
    cfg = settings()
    told.sort(key=lambda t: (t.story.first_reported or dt.date.max, t.story.reports[0]))
    return Reconciliation(
        story_events=[t.story for t in told], contradictions=contradictions(told, cfg)
    )


__all__ = [
    "Regroup",
    "StoryConstraints",
    "Told",
    "article_parties",
    "independent_blocks",
    "parties_of",
    "reconcile",
    "reconcile_block",
    "reconciliation_of",
]
