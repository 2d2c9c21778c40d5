"""Reconciling a large store on Spark: its independent blocks in parallel, the same stories.

A rebuild reads the store's reported events, reconciles them into story
events and derives the negotiation (``api._rebuild``). Reconciling is the part
that grows with the archive and that cuts cleanly: the reports fall into
independent blocks (:mod:`truceline.resolve.partition`: type, modality group,
date class, time island, joined by an analyst's merges) that no report outside
can join. Here each report travels to Spark keyed by its block, blocks are
spread over the partitions (largest first, to the least loaded), and each
partition reconciles its blocks with :func:`truceline.resolve.reconcile_block`,
the very function the single-machine :func:`~truceline.resolve.reconcile`
calls. The driver collects the stories and sets them against each other
(:func:`~truceline.resolve.reconciliation_of`), so the record -- story ids
included, made from report ids -- is the single-machine one, whatever the
master or the number of partitions.

Spark comes from :func:`truceline.batch.spark.session`, called only inside :func:`reconcile_on_spark`.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence

from truceline.record import Process, Reconciliation, ReportedEvent, StoryEvent
from truceline.resolve import (
    StoryConstraints,
    Told,
    article_parties,
    independent_blocks,
    reconcile_block,
    reconciliation_of,
)
from truceline.resolve.keys import Signature
from truceline.resolve.settings import settings
from truceline.resolve.sides import SideMap

PARTITIONS_PER_CORE = 4
"""Partitions per core Spark offers: blocks differ in size, and more, smaller partitions
let the scheduler even out the cores' work."""

Row = tuple[int, tuple[ReportedEvent, frozenset[str]]]
"""One report on its way to Spark: its block, and it with its article's parties."""
Built = tuple[StoryEvent, Signature, list[int]]
"""One story back from Spark: the story, its signature, its reports' ids (oldest first)."""


def reconcile_on_spark(
    reported: Sequence[ReportedEvent],
    processes: Sequence[Process] = (),
    constraints: StoryConstraints | None = None,
    *,
    master: str | None = None,
) -> Reconciliation:
    """:func:`truceline.resolve.reconcile` with the blocks reconciled on Spark.

    ``master`` is Spark's (``local[2]``, ``spark://host:7077``); None leaves it
    to ``spark-submit`` or Spark's default; a session already active in this
    process (``spark-submit``, a notebook, the tests) is used as it is, and left
    running. The executors need truceline installed (locally they run this interpreter).
    """
    cfg = settings()
    blocks = independent_blocks(reported, cfg, constraints)
    parties = article_parties(reported)
    from truceline.batch.spark import session

    spark, owned = session(master, "truceline rebuild")
    try:
        context = spark.sparkContext
        wanted = max(1, min(len(blocks), PARTITIONS_PER_CORE * context.defaultParallelism))
        home = spread([len(b) for b in blocks], wanted)
        rows: list[Row] = [
            (number, (reported[i], parties.get(reported[i].article_id, frozenset())))
            for number, block in enumerate(blocks)
            for i in block
        ]
        shared = context.broadcast((SideMap.of(processes), constraints))

        def reconcile_partition(part: Iterator[Row]) -> Iterator[Built]:
            sides, steps = shared.value
            return reconcile_blocks(part, sides, steps)

        built = (
            context.parallelize(rows, wanted)
            .partitionBy(wanted, lambda number: home[number])
            .mapPartitions(reconcile_partition)
            .collect()
        )
    finally:
        if owned:
            spark.stop()
    by_id = {r.id: r for r in reported}
    told = [Told(story, sig, [by_id[i] for i in ids]) for story, sig, ids in built]
    return reconciliation_of(told)


def reconcile_blocks(
    rows: Iterable[Row], sides: SideMap, constraints: StoryConstraints | None
) -> Iterator[Built]:
    """The stories of the blocks of one partition (one Spark task), block by block."""
    blocks: dict[int, list[ReportedEvent]] = {}
    parties: dict[int, frozenset[str]] = {}
    for number, (report, article_parties_) in rows:
        blocks.setdefault(number, []).append(report)
        parties[report.article_id] = article_parties_
    for reports in blocks.values():
        for told in reconcile_block(reports, parties, sides, constraints):
            yield told.story, told.sig, [r.id for r in told.reports]


def spread(sizes: Sequence[int], partitions: int) -> list[int]:
    """Block number -> partition: the largest block first, each to the least loaded partition."""
    loads = [(0, p) for p in range(partitions)]
    home = [0] * len(sizes)
    for number in sorted(range(len(sizes)), key=lambda n: -sizes[n]):
        load, part = heapq.heappop(loads)
        home[number] = part
        heapq.heappush(loads, (load + sizes[number], part))
    return home
