"""Independent blocks: groups of reports that no report outside them can ever join.

Matching (:mod:`.match`) is greedy and order-dependent, so reconciling groups
of reports apart gives the stories of reconciling them together only when no
report of one group could ever be compared with a story of another. Three
facts of matching make such groups, and they are the blocking keys:

* **type, modality group, date class**: a report is only ever compared with
  stories filed under its own (:class:`~.blocks.BlockIndex` heads, and
  :func:`~.match.compatible` checks the date class again);
* **time island**: within one key, reports sorted by their date interval are
  cut where the next interval starts more than the type's window after every
  interval before it has ended. A story's interval always lies within the
  intervals of its reports (:meth:`~.match.Cluster.absorb` narrows to precise
  reports and never widens past them), so no report on one side of the cut is
  ever within the window of a story on the other;
* **an analyst's merges** (:mod:`.constraints`) join the blocks of the reports
  they name: a merge may join stories of any key, and its steps must meet the
  same clusters, in the same order, as in one run.

The process is *not* a key: a report naming no party fits a story of any
conflict by its own words (see :mod:`.match`), so cutting by process would
change stories. Each block is reconciled by the same function on one machine
(:func:`truceline.resolve.reconcile`) and on Spark (:mod:`truceline.batch.reconcile`),
which is why the two give the same record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from truceline.record import EventType, ReportedEvent
from truceline.resolve.constraints import StoryConstraints
from truceline.resolve.keys import date_interval
from truceline.resolve.settings import ResolveSettings

BlockKey = tuple[EventType, str, str]
"""Type, modality group and date class: what a report is only ever compared within."""


def block_key(report: ReportedEvent, cfg: ResolveSettings) -> tuple[BlockKey, int, int]:
    """The key a report is compared within (see module doc) and its date interval."""
    date_class, lo, hi, _ = date_interval(report, cfg)
    event = report.event
    return (event.type, cfg.modality_groups[event.modality], date_class), lo, hi


def islands(spans: list[tuple[int, int, int]], window: int) -> list[list[int]]:
    """Indices of one key's intervals (``(lo, hi, index)``) cut where no interval reaches
    within ``window`` of the next: a report's interval, or a story's hull
    (:mod:`.reach`)."""
    spans.sort()
    found: list[list[int]] = []
    reach = 0
    for lo, hi, i in spans:
        if not found or lo - reach > window:
            found.append([])
            reach = hi
        found[-1].append(i)
        reach = max(reach, hi)
    return found


class _Joined:
    """Union-find over block numbers, for the blocks an analyst's merge joins."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))

    def root(self, block: int) -> int:
        while self.parent[block] != block:
            self.parent[block] = self.parent[self.parent[block]]
            block = self.parent[block]
        return block

    def join(self, a: int, b: int) -> None:
        self.parent[self.root(b)] = self.root(a)


def independent_blocks(
    reported: Sequence[ReportedEvent],
    cfg: ResolveSettings,
    constraints: StoryConstraints | None = None,
) -> list[list[int]]:
    """Indices into ``reported``, grouped into blocks that reconcile independently.

    Blocks come in order of their first index, members in index order, so the
    grouping is the same on every run (the stories do not depend on it).
    """
    by_key: dict[BlockKey, list[tuple[int, int, int]]] = defaultdict(list)
    for i, report in enumerate(reported):
        key, lo, hi = block_key(report, cfg)
        by_key[key].append((lo, hi, i))
    block_of = [0] * len(reported)
    count = 0
    for key, spans in by_key.items():
        for island in islands(spans, cfg.window(key[0])):
            for i in island:
                block_of[i] = count
            count += 1
    joined = _Joined(count)
    if constraints is not None:
        position = {r.id: i for i, r in enumerate(reported)}
        for step in constraints.steps:
            named = [block_of[position[r]] for r in step.reports if r in position]
            if step.action == "merge":
                for other in named[1:]:
                    joined.join(named[0], other)
    blocks: dict[int, list[int]] = {}
    for i in range(len(reported)):
        blocks.setdefault(joined.root(block_of[i]), []).append(i)
    return list(blocks.values())
