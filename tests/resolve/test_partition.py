"""Independent blocks: reconciling them apart gives the stories of reconciling all at once.

The equality is checked against :func:`cluster_reports` run over every report
in one go (what ``reconcile`` did before it went block by block), on the
reports ``bench/reconcile_bench.py`` generates (six conflicts, every type,
undated, future and denied versions, counts off by one) and on hand-written
ones at the edges of a block.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from truceline.record import EventType
from truceline.resolve import (
    Regroup,
    StoryConstraints,
    Told,
    article_parties,
    independent_blocks,
    reconcile,
    reconciliation_of,
)
from truceline.resolve.constraints import regroup
from truceline.resolve.match import cluster_reports
from truceline.resolve.merge import build_story
from truceline.resolve.settings import settings
from truceline.resolve.sides import SideMap

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from reconcile_bench import build


def all_at_once(reported, constraints=None):
    """The reconciliation of every report in one clustering, no blocks."""
    cfg = settings()
    clusters = cluster_reports(reported, cfg, SideMap())
    if constraints is not None:
        clusters = regroup(clusters, reported, constraints, cfg, SideMap())
    told = []
    for cluster in clusters:
        reports = [reported[i] for i in cluster.members]
        told.append(Told(story=build_story(reports, cfg), sig=cluster.sig, reports=reports))
    return reconciliation_of(told)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_block_by_block_gives_the_stories_and_contradictions_of_one_clustering(seed):
    reported = build(4000, seed)
    assert reconcile(reported) == all_at_once(reported)


def test_the_generated_reports_fall_into_many_blocks_of_every_type():
    blocks = independent_blocks(build(4000, 1), settings())
    assert len(blocks) > len(EventType)
    assert sorted(i for block in blocks for i in block) == list(range(4000))


def test_reports_of_two_types_or_modality_groups_are_in_two_blocks(make):
    reported = [
        make(1, EventType.RELEASE, actor=["HAMAS"], date="2025-02-01"),
        make(2, EventType.MEET, actor=["HAMAS"], date="2025-02-01"),
        make(3, EventType.RELEASE, actor=["HAMAS"], date="2025-02-01", modality="negated"),
    ]
    assert independent_blocks(reported, settings()) == [[0], [1], [2]]


def test_a_gap_longer_than_the_window_cuts_a_block_and_a_bridging_report_joins_it(make):
    window = settings().window(EventType.RELEASE)
    far = f"2025-02-{1 + window + 1:02d}"
    apart = [
        make(1, actor=["HAMAS"], date="2025-02-01"),
        make(2, actor=["HAMAS"], date=far),
    ]
    assert independent_blocks(apart, settings()) == [[0], [1]]
    # An undated report published in between reaches both within the window.
    bridged = [*apart, make(3, actor=["HAMAS"], published=f"2025-02-{1 + window:02d}")]
    assert independent_blocks(bridged, settings()) == [[0, 1, 2]]


def test_an_analysts_merge_joins_the_blocks_of_its_reports(make):
    reported = [
        make(1, EventType.PROPOSE, actor=["EGY"], date="2025-02-01"),
        make(2, EventType.ACCEPT, actor=["HAMAS"], date="2025-02-01"),
        make(3, EventType.RELEASE, actor=["HAMAS"], date="2025-02-01"),
    ]
    merge = StoryConstraints((Regroup("merge", frozenset({1, 2})),))
    assert independent_blocks(reported, settings(), merge) == [[0, 1], [2]]
    assert reconcile(reported, constraints=merge) == all_at_once(reported, merge)


def test_merges_and_splits_across_blocks_give_the_stories_of_one_clustering():
    reported = build(3000, 4)
    ids = [r.id for r in reported]
    steps = (
        Regroup("merge", frozenset(ids[10:40:7])),
        Regroup("split", frozenset({ids[12]})),
        Regroup("merge", frozenset({ids[5], ids[2500], ids[2999]})),
    )
    constraints = StoryConstraints(steps)
    assert reconcile(reported, constraints=constraints) == all_at_once(reported, constraints)


def test_an_articles_parties_come_from_all_its_reports_whatever_their_block(make):
    # Report 2 names no one; its article names Russia and Ukraine in another block,
    # so it must not join the Gaza release of report 1 (see resolve.match).
    reported = [
        make(1, actor=["HAMAS"], date="2025-02-01"),
        make(2, date="2025-02-01", article=20),
        make(3, EventType.MEET, actor=["RUS", "UKR"], date="2025-02-01", article=20),
    ]
    parties = article_parties(reported)
    assert parties[20] == frozenset({"RUS", "UKR"})
    stories = reconcile(reported).story_events
    assert sorted(s.reports for s in stories) == [[1], [2], [3]]
