"""A stand-in for ``negotiation.processes.assign_processes`` that the store bench may use.

The shipped function counts, for every story event it could not place by
its actors, the placed story events near it in time by walking all of them:
pending x placed steps, hours at 100,000 articles. This copy gives the same
answer by keeping each process's placed dates sorted and counting a window
with two binary searches. ``bench/store_bench.py`` uses it to build its
generated store (and says so) unless run with ``--derive-as-shipped``; the
fix belongs in ``truceline.negotiation.processes`` (see bench/README.md).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from unittest import mock

import truceline.negotiation
from truceline.negotiation.lexicon import load_lexicon
from truceline.negotiation.processes import _score, involved, when
from truceline.story import Process, StoryEvent


def assign_processes(stories: Sequence[StoryEvent], processes: Sequence[Process]) -> dict[str, str]:
    """The shipped rules, the same result; only the activity count is by binary search."""
    placed: dict[str, str] = {}
    pending: list[tuple[StoryEvent, list[Process]]] = []
    for story in stories:
        actors = involved(story)
        scores = [(_score(p, actors), p) for p in processes]
        best = max((score for (score, _), _ in scores), default=0)
        tied = [(on_side, p) for (score, on_side), p in scores if score == best]
        if best > 0 and len(tied) == 1 and tied[0][0] > 0:
            placed[story.id] = tied[0][1].id
        elif best > 0 or not actors:
            pending.append((story, [p for _, p in tied]))
    window = load_lexicon().active_process_days
    days: dict[str, list] = defaultdict(list)
    for s in stories:
        if (pid := placed.get(s.id)) and (day := when(s)) is not None:
            days[pid].append(day)
    for found in days.values():
        found.sort()
    for story, candidates in pending:
        day = when(story)
        activity = {p.id: _near_count(days.get(p.id, []), day, window) for p in candidates}
        top = max(activity.values(), default=0)
        winners = [pid for pid, n in activity.items() if n == top]
        if top > 0 and len(winners) == 1:
            placed[story.id] = winners[0]
    return {s.id: placed[s.id] for s in stories if s.id in placed}


def _near_count(days: list, day, window: int) -> int:
    if day is None:
        return 0
    from datetime import timedelta

    span = timedelta(days=window)
    return bisect.bisect_right(days, day + span) - bisect.bisect_left(days, day - span)


@contextmanager
def in_derive() -> Iterator[None]:
    """``truceline.negotiation.derive`` calling this copy while the block runs."""
    with mock.patch.object(truceline.negotiation, "assign_processes", assign_processes):
        yield
