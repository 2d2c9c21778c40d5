"""A stand-in for ``truceline.negotiation.derive`` that the store bench may use.

Two steps of the shipped derive are quadratic, hours at 100,000 articles:

* ``processes.assign_processes`` counts, for every story event it could not
  place by its actors, the placed story events near it in time by walking
  all of them (pending x placed steps). This copy keeps each process's
  placed dates sorted and counts the window with two binary searches.
* ``derive`` picks each process's contradictions with a set of its story
  ids built anew for every contradiction (contradictions x stories per
  process). This copy builds it once per process.

Both give the same result. ``bench/store_bench.py`` uses this module to
build its generated store (and says so) unless run with
``--derive-as-shipped``; the fixes belong in ``truceline.negotiation``
(see bench/README.md).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Sequence

from truceline.negotiation import (
    chronological,
    derive_agreements,
    derive_ledger,
    derive_positions,
    derive_proposals,
    ledger_totals,
)
from truceline.negotiation.lexicon import load_lexicon
from truceline.negotiation.processes import _score, involved, when
from truceline.story import Negotiation, Process, Reconciliation, StoryEvent

Log = Callable[[str], None]


def derive(
    reconciliation: Reconciliation, processes: Sequence[Process], log: Log = lambda _m: None
) -> Negotiation:
    """The shipped ``derive``, step for step, with the two fixes above; logs its progress."""
    stories = chronological(reconciliation.story_events)
    story_process = assign_processes(stories, processes)
    log(f"derive: {len(story_process):,} of {len(stories):,} story events assigned")
    result = Negotiation(processes=list(processes), story_process=story_process)
    for process in processes:
        own = [s for s in stories if story_process.get(s.id) == process.id]
        ids = {s.id for s in own}
        contradictions = [c for c in reconciliation.contradictions if set(c.story_events) & ids]
        proposals = derive_proposals(own, process)
        agreements = derive_agreements(own, process)
        ledger = derive_ledger(own, process, contradictions)
        result.proposals.extend(proposals)
        result.positions.extend(derive_positions(own, process, proposals))
        result.agreements.extend(agreements)
        result.ledger.extend(ledger)
        result.totals.extend(ledger_totals(ledger, agreements, process, own))
        log(f"derive: {process.id} done ({len(own):,} story events)")
    return result


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
