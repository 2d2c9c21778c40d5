"""Reconciling only the islands new reports reach gives the stories of reconciling everything.

A store held the stories of an earlier set of reports; then new reports came
and some articles were revised (their old reports superseded, new ones in
their place). The stories :func:`reached_stories` names, reconciled again with
the new reports, and the other stories kept as they were, must be exactly the
stories of reconciling every current report, on the reports
``bench/reconcile_bench.py`` generates (six conflicts, every type, undated,
future and denied versions).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from truceline.record import EventType, ReportedEvent
from truceline.resolve import article_parties, independent_blocks, reconcile, reconcile_block
from truceline.resolve.reach import reached_stories, span_of, spans_of, told_of
from truceline.resolve.settings import settings
from truceline.resolve.sides import SideMap

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from reconcile_bench import build


def history(seed: int) -> tuple[list[ReportedEvent], list[ReportedEvent], set[int]]:
    """Reports as first stored, reports current now, and the ids superseded since."""
    reported = build(3000, seed)
    rng = random.Random(seed)
    late = {r.id for r in rng.sample(reported, 25)}
    revised = set(rng.sample(sorted({r.article_id for r in reported}), 4))
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
    makes them; the stories reconciled again; how many stories there were."""
    cfg = settings()
    stored = reconcile(before).story_events
    spans = spans_of(stored, before, cfg)
    broken = {s.id for s in stored if gone & set(s.reports)}
    known = {r.id for r in before}
    new = [r for r in now if r.id not in known]
    hit = reached_stories(spans, broken, new, cfg)
    held = {e for s in stored if s.id in hit for e in s.reports}
    current = [r for r in now if r.id in held or r.id not in known]
    parties = article_parties(now)
    told = []
    for block in independent_blocks(current, cfg):
        told += reconcile_block([current[i] for i in block], parties, SideMap())
    stories = [s for s in stored if s.id not in hit] + [t.story for t in told]
    return stories, hit, len(stored)


def _ordered(stories: list) -> list:
    return sorted(stories, key=lambda s: s.reports[0])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_reached_islands_reconciled_again_give_the_stories_of_reconciling_all(seed):
    before, now, gone = history(seed)
    stories, hit, stored = reconciled_where_reached(before, now, gone)
    assert _ordered(stories) == _ordered(reconcile(now).story_events)
    # Not everything reconciled again: the new reports reach a part of the store only.
    assert 0 < len(hit) < stored / 2


def test_a_story_that_lost_a_superseded_report_is_reconciled_again(make):
    cfg = settings()
    stored = reconcile([make(1, actor=["HAMAS"], date="2025-02-01"), make(2, date="2025-02-01")])
    spans = spans_of(
        stored.story_events,
        [make(1, actor=["HAMAS"], date="2025-02-01"), make(2, date="2025-02-01")],
        cfg,
    )
    [story] = stored.story_events
    assert reached_stories(spans, set(), [], cfg) == set()
    assert reached_stories(spans, {story.id}, [], cfg) == {story.id}


def test_a_new_report_reaches_the_stories_within_the_window_of_its_key_only(make):
    cfg = settings()
    window = cfg.window(EventType.RELEASE)
    old = [
        make(1, actor=["HAMAS"], date="2025-02-01"),
        make(2, actor=["HAMAS"], date=f"2025-02-{1 + window + 2:02d}"),
        make(3, EventType.MEET, actor=["HAMAS"], date="2025-02-01"),
    ]
    spans = spans_of(reconcile(old).story_events, old, cfg)
    new = make(4, actor=["ISR"], date="2025-02-02")
    assert reached_stories(spans, set(), [new], cfg) == {"release-1"}


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
