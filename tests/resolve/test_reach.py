"""Replaying matching where new reports reach gives the stories of reconciling everything.

A store held the stories of an earlier set of reports; then new reports came
and some articles were revised (their old reports superseded, new ones in
their place). Matching replayed over the stories :func:`replayed_stories` and
:func:`near_stories` name, the other stories kept as they were, must give
exactly the stories of reconciling every current report, on the reports
``bench/reconcile_bench.py`` generates (six conflicts, every type, undated,
future and denied versions): late reports of any date, and live news (the
latest reports late), where the replay must stay small.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from truceline.record import EventType, ReportedEvent
from truceline.resolve import article_parties, reconcile, reconcile_block
from truceline.resolve.merge import arrival
from truceline.resolve.reach import (
    near_stories,
    replay_matching,
    replayed_stories,
    span_of,
    spans_of,
    told_of,
)
from truceline.resolve.settings import settings
from truceline.resolve.sides import SideMap

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from reconcile_bench import build


def history(seed: int, live: bool) -> tuple[list[ReportedEvent], list[ReportedEvent], set[int]]:
    """Reports as first stored, reports current now, and the ids superseded since.

    ``live``: the late reports and the revised articles are the latest to arrive.
    """
    reported = build(3000, seed)
    rng = random.Random(seed)
    ordered = sorted(reported, key=arrival)
    pool = ordered[-100:] if live else reported
    late = {r.id for r in (ordered[-25:] if live else rng.sample(reported, 25))}
    revised = set(rng.sample(sorted({r.article_id for r in pool if r.id not in late}), 3))
    before = [r for r in reported if r.id not in late]
    gone = {r.id for r in before if r.article_id in revised}
    # Each revised article's new version: its old events again, with new ids, one fewer.
    top = max(r.id for r in reported)
    versions = [r for r in before if r.article_id in revised][1:]
    again = [r.model_copy(update={"id": top + n}) for n, r in enumerate(versions, 1)]
    now = [r for r in reported if r.id not in gone] + again
    return before, now, gone


def reconciled_where_reached(
    before: list[ReportedEvent], now: list[ReportedEvent], gone: set[int]
) -> tuple[list, set[str], int]:
    """The stories of ``now`` made from the stories of ``before`` as an incremental rebuild
    makes them (:func:`truceline.incremental.reconcile_reached`, without a store); the
    stories matched again; how many stories there were."""
    cfg = settings()
    stored = reconcile(before).story_events
    spans = spans_of(stored, before, cfg)
    earlier = {r.id: r for r in before}
    broken: dict[str, int] = {}
    for story in stored:
        days = [arrival(earlier[e])[0] for e in story.reports if e in gone]
        if days:
            broken[story.id] = min(days)
    new = [r for r in now if r.id not in earlier]
    touched = replayed_stories(spans, broken, new, cfg)
    current = {r.id: r for r in now}
    seeds, replayed = [], list(new)
    for story in stored:
        if story.id in touched:
            mine = [current[e] for e in story.reports if e in current]
            seeds.append([r for r in mine if arrival(r)[0] < touched[story.id]])
            replayed += [r for r in mine if arrival(r)[0] >= touched[story.id]]
    joinable = near_stories(replayed, [s for s in spans if s.id not in touched], cfg)
    seeds += [[current[e] for e in s.reports] for s in stored if s.id in joinable]
    told = replay_matching(seeds, replayed, article_parties(now), SideMap(), cfg)
    hit = set(touched) | joinable
    stories = [s for s in stored if s.id not in hit] + [t.story for t in told]
    return stories, hit, len(stored)


def _ordered(stories: list) -> list:
    return sorted(stories, key=lambda s: s.reports[0])


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("live", [False, True])
def test_matching_replayed_where_reached_gives_the_stories_of_reconciling_all(seed, live):
    before, now, gone = history(seed, live)
    stories, hit, stored = reconciled_where_reached(before, now, gone)
    assert _ordered(stories) == _ordered(reconcile(now).story_events)
    assert hit
    if live:  # the latest reports reach the last days' stories only
        assert len(hit) < stored / 10


def test_a_story_that_lost_a_superseded_report_is_replayed_from_the_day_it_arrived(make):
    cfg = settings()
    reports = [make(1, actor=["HAMAS"], date="2025-02-01"), make(2, date="2025-02-01")]
    spans = spans_of(reconcile(reports).story_events, reports, cfg)
    assert replayed_stories(spans, {}, [], cfg) == {}
    day = arrival(reports[1])[0]
    assert replayed_stories(spans, {"release-1": day}, [], cfg) == {"release-1": day}


def test_a_new_report_replays_its_island_from_the_day_it_arrived(make):
    cfg = settings()
    window = cfg.window(EventType.RELEASE)
    old = [
        make(1, actor=["HAMAS"], date="2025-02-01", published="2025-02-01"),
        make(2, actor=["HAMAS"], date="2025-02-02", published="2025-02-20"),
        make(3, actor=["HAMAS"], date=f"2025-02-{1 + window + 3:02d}"),
        make(4, EventType.MEET, actor=["HAMAS"], date="2025-02-01"),
    ]
    stories = reconcile(old).story_events
    assert len(stories) == 3
    spans = spans_of(stories, old, cfg)
    new = make(5, actor=["ISR"], date="2025-02-02", published="2025-02-10")
    day = arrival(new)[0]
    # The story of reports 1 and 2 had a report arrive after the new one: replayed;
    # report 3 is another island of RELEASE, report 4 another type.
    assert replayed_stories(spans, {}, [new], cfg) == {"release-1": day}
    assert near_stories([new], spans, cfg) == {"release-1"}


def test_a_kept_story_is_told_again_from_its_reports_as_matching_told_it(make):
    cfg = settings()
    reports = [
        make(1, actor=["HAMAS"], published="2025-02-02"),
        make(2, actor=["HAMAS", "ISR"], date="2025-02-01", terms={"hostages": 3}),
    ]
    [whole] = reconcile_block(reports, article_parties(reports), SideMap())
    told = told_of(list(reversed(reports)), cfg, SideMap())
    assert (told.story, told.sig, told.reports) == (whole.story, whole.sig, whole.reports)
    assert span_of(whole.story.id, reports, cfg).lo < span_of(whole.story.id, reports[1:], cfg).lo
