"""The incremental rebuild: after new or changed articles, rewrite only what they touch.

A full rebuild reconciles every reported event, derives every process and
rewrites every derived row. Here the record is computed as a full rebuild computes it, but
only where its inputs changed, and the store keeps the rest:

* **story events**: reconciliation runs over all current reports (it is
  blocked and its greedy matching takes reports in arrival order, so a new
  report can move a later one to another story; computing it whole keeps it
  exact). A story event is a function of its reports and its process
  (reported events are never rewritten: a new article version has new
  events), so a stored story whose id, reports and process are unchanged is
  kept; the others are *stale* (deleted) or *fresh* (written).
* **processes**: assignment reads every story (an article's other events,
  activity near a date, the grouping of the unassigned), so it is done whole
  (see the plan's timing for its cost). What a process derives rests only on its own story events,
  the contradictions about them and its definition
  (:func:`truceline.negotiation.derive_process`); a process is derived again
  when any of the three changed, and its rows are replaced; the others' rows
  stay as stored.

The result equals a full rebuild's record, table by table up to row ids
(``tests/test_incremental.py`` checks it on random orders and batches of the
corpora, on SQLite and PostgreSQL, the JSON of the reports too). Row ids are
no longer 1..n, so readers order by what rows stand for; the ledger, whose
ties are in the order derived, is rewritten whole. Not provably equal, so
done in full (``api._rebuild``): a rebuild with analysts' corrections in force,
which change a story without changing its reports.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from truceline.data.gazetteer import Gazetteer
from truceline.negotiation import assign, derive_process, inputs_by_process
from truceline.record import Contradiction, Negotiation, Process, Reconciliation, StoryEvent
from truceline.store import Store
from truceline.store.derived import DerivedState


@dataclass
class Plan:
    """What an incremental rebuild rewrites: the stale and fresh story events, the processes."""

    stale: set[str] = field(default_factory=set)
    fresh: list[StoryEvent] = field(default_factory=list)
    processes: set[str] = field(default_factory=set)
    seconds: dict[str, float] = field(default_factory=dict)
    """Where the rebuild spent its time, step by step (what ``make bench-store`` prints)."""

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - start


def refresh(
    store: Store,
    reconciliation: Reconciliation,
    processes: Sequence[Process],
    gazetteer: Gazetteer | None = None,
) -> tuple[Negotiation, Plan]:
    """Bring the store's derived record to what ``reconciliation`` and ``processes`` give,
    writing only what changed; returns the negotiation (with the derived rows of the
    processes that changed only) and the plan that was applied."""
    timing = Plan()
    with timing.timed("assign"):
        negotiation = assign(reconciliation, processes, gazetteer=gazetteer)
        inputs = inputs_by_process(negotiation, reconciliation)
    with timing.timed("compare"):
        plan = plan_update(store.derived_state(), reconciliation, negotiation, inputs)
    plan.seconds = timing.seconds
    with plan.timed("derive"):
        for process in negotiation.processes:
            if process.id in plan.processes:
                derive_process(negotiation, process, *inputs[process.id], gazetteer)
    with plan.timed("write"):
        store.update_derived(
            reconciliation,
            negotiation,
            stale=plan.stale,
            fresh=plan.fresh,
            processes=plan.processes,
        )
    return negotiation, plan


def plan_update(
    state: DerivedState,
    reconciliation: Reconciliation,
    negotiation: Negotiation,
    inputs: dict[str, tuple[list[StoryEvent], list[Contradiction]]],
) -> Plan:
    """Which story events and processes changed between the store and the new record."""
    plan = Plan()
    placed = negotiation.story_process
    current = {s.id: (placed.get(s.id), frozenset(s.reports)) for s in reconciliation.story_events}
    for story in reconciliation.story_events:
        process, reports = current[story.id]
        old = state.stories.get(story.id)
        if old is None or (old.process, old.reports) != (process, reports):
            plan.fresh.append(story)
            if process is not None:
                plan.processes.add(process)
    for sid, old in state.stories.items():
        if current.get(sid) != (old.process, old.reports):
            plan.stale.add(sid)
            if old.process is not None:
                plan.processes.add(old.process)
    plan.processes |= _changed_definitions(state.processes, negotiation.processes)
    plan.processes |= _changed_contradictions(state, inputs)
    return plan


def _changed_definitions(stored: Sequence[dict[str, Any]], now: Sequence[Process]) -> set[str]:
    """Processes added, removed or defined otherwise (a grouped ``other:`` process that grew)."""
    before = {p["id"]: _canonical(p) for p in stored}
    after = {p.id: _canonical(p.model_dump(mode="json")) for p in now}
    return {pid for pid in before.keys() | after.keys() if before.get(pid) != after.get(pid)}


def _changed_contradictions(
    state: DerivedState, inputs: dict[str, tuple[list[StoryEvent], list[Contradiction]]]
) -> set[str]:
    """Processes whose contradictions (those about any of their story events) changed.

    Compared in order and without their ``process``, which the store fills in.
    """
    before: dict[str, list[str]] = {}
    for payload in state.contradictions:
        about = {state.stories[s].process for s in payload["story_events"] if s in state.stories}
        for pid in about - {None}:
            before.setdefault(str(pid), []).append(_canonical(payload, "process"))
    after = {
        pid: [_canonical(c.model_dump(mode="json"), "process") for c in found]
        for pid, (_, found) in inputs.items()
        if found
    }
    return {pid for pid in before.keys() | after.keys() if before.get(pid) != after.get(pid)}


def _canonical(payload: dict[str, Any], *leave_out: str) -> str:
    return json.dumps(
        {k: v for k, v in payload.items() if k not in leave_out}, sort_keys=True, default=str
    )
