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
from collections.abc import Sequence

from truceline.record import Process, Reconciliation, ReportedEvent
from truceline.resolve.contradictions import Told, contradictions
from truceline.resolve.match import cluster_reports
from truceline.resolve.merge import build_story
from truceline.resolve.settings import settings
from truceline.resolve.sides import SideMap


def reconcile(
    reported: Sequence[ReportedEvent], processes: Sequence[Process] = ()
) -> Reconciliation:
    """Merge reports of one real-world event into story events; list contradictions.

    ``processes`` say who stands on which side, so that reports naming a side
    differently ("Islamic Jihad" for Hamas's side, a mediator as a party) still
    tell one story (:mod:`.sides`); a report is never read into another process.

    The result depends only on the reports given, not on their order: story
    events come by date (first report, then id), contradictions by date then id.
    """
    cfg = settings()
    told: list[Told] = []
    for cluster in cluster_reports(reported, cfg, SideMap.of(processes)):
        reports = [reported[i] for i in cluster.members]
        told.append(Told(story=build_story(reports, cfg), sig=cluster.sig, reports=reports))
    told.sort(key=lambda t: (t.story.first_reported or dt.date.max, t.story.reports[0]))
    return Reconciliation(
        story_events=[t.story for t in told], contradictions=contradictions(told, cfg)
    )


__all__ = ["reconcile"]
