"""The incremental rebuild: after new or changed articles, rewrite only what they touch.

A full rebuild reconciles every reported event, derives every process and
rewrites every derived row. Here the record is computed as a full rebuild computes it, but
only where its inputs changed, and the store keeps the rest:

* **story events**: matching is replayed only where new and superseded reports
  reach (:mod:`truceline.resolve.reach`): in their time islands, from the day the
  first of them arrived, with the clusters as they stood that day (each stored
  story's blocking key, date hull and arrival days, ``story_spans``, say which
  to read); this gives the stories a whole reconciliation gives, and the other
  stories and the contradictions among them are read as stored. A
  story event is a function of its reports and its process
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
* **compare and write**: only the stories matching gave again can have other
  reports, and only the contradictions about them other content; so the
  stored reports and contradictions of those alone are read and compared
  (with every story's process, a column), and the contradictions about them
  and about the stale and fresh story events (whose process may have moved)
  alone are rewritten.

The result equals a full rebuild's record, table by table up to row ids
(``tests/test_incremental.py`` checks it on random orders and batches of the
corpora, on SQLite and PostgreSQL, the JSON of the reports too). Row ids are
no longer 1..n, so readers order by what rows stand for; the ledger, whose
ties are in the order derived, is rewritten whole. Not provably equal, so
done in full (``api._rebuild``): a rebuild with analysts' corrections in force,
which change a story without changing its reports, and one whose :func:`record_basis`
(configuration versions, processes, resolve settings, truceline's version) is not
the one the stored record was built with: a ``truceline config set gazetteer`` since
the last rebuild applies to every process at the next one. A store with no basis
(upgraded from before spans were kept) is reconciled whole once, which records them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import truceline
from truceline.data import load
from truceline.data.files import ResolveFile
from truceline.data.gazetteer import Gazetteer
from truceline.negotiation import assign, derive_process, inputs_by_process
from truceline.record import (
    Contradiction,
    Negotiation,
    Process,
    Reconciliation,
    ReportedEvent,
    StoryEvent,
    StorySpan,
)
from truceline.resolve import parties_of
from truceline.resolve.contradictions import contradictions
from truceline.resolve.merge import arrival
from truceline.resolve.reach import (
    near,
    near_stories,
    replay_matching,
    replayed_stories,
    span_of,
    spans_of,
    told_of,
)
from truceline.resolve.settings import settings
from truceline.resolve.sides import SideMap
from truceline.store import Store
from truceline.store.derived import DerivedState, StoredStory
from truceline.store.spans import SpanWrite


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


@dataclass
class Reached:
    """A reconciliation of the whole store made by reconciling only what new reports reach
    (:func:`reconcile_reached`), and the story spans it comes with."""

    reconciliation: Reconciliation
    spans: dict[str, StorySpan]
    """Every story's span: the kept ones as stored, the reconciled ones new."""
    reconciled: set[str]
    """The stored stories that were reconciled again (their spans are replaced)."""
    retold: set[str]
    """The stories matching gave again: the others are stored ones, with the reports and
    the contradictions among them as stored."""
    reports: int
    """Reports matched again (replayed)."""
    timing: Plan


def record_basis(store: Store, processes: Sequence[Process], *, corrected: bool) -> str:
    """What a record built now is built with: the store's configuration versions, the
    processes, the resolve settings, truceline's version, whether corrections were in force.

    The stored record's basis must equal it for an incremental rebuild (see module doc).
    """
    versions = {kind: store.current_config(kind) for kind in ("processes", "gazetteer")}
    basis = {
        "config": {kind: v.version if v else None for kind, v in versions.items()},
        "processes": _digest([p.model_dump(mode="json") for p in processes]),
        "resolve": _digest(load(ResolveFile).model_dump(mode="json")),
        "truceline": truceline.__version__,
        "corrected": corrected,
    }
    return json.dumps(basis, sort_keys=True)


def _digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def reconcile_reached(store: Store, processes: Sequence[Process]) -> Reached:
    """The reconciliation of every current report, reading and matching again only what
    new and superseded reports reach (:mod:`truceline.resolve.reach`): matching replayed
    from the day the first of them arrived, in their islands.

    The store's record must have been built on the basis of a rebuild now
    (:func:`record_basis`): the same processes, settings, and no corrections.
    """
    cfg = settings()
    timing = Plan()
    with timing.timed("read"):
        spans = store.story_spans()
        loose = store.loose_reports()
        new = store.reports_by_id(loose.new)
    with timing.timed("reconcile"):
        touched = replayed_stories(spans, loose.broken, new, cfg)
    with timing.timed("read"):
        held = store.story_reports(touched)
        by_id = {r.id: r for r in store.reports_by_id(e for ids in held.values() for e in ids)}
    with timing.timed("reconcile"):
        seeds, replayed = [], list(new)
        for sid, ids in held.items():
            mine = [by_id[e] for e in sorted(ids) if e in by_id]
            seeds.append([r for r in mine if arrival(r)[0] < touched[sid]])
            replayed += [r for r in mine if arrival(r)[0] >= touched[sid]]
        untouched = [s for s in spans if s.id not in touched]
        joinable = near_stories(replayed, untouched, cfg)
    with timing.timed("read"):
        held = store.story_reports(joinable)
        by_id = {r.id: r for r in store.reports_by_id(e for ids in held.values() for e in ids)}
        seeds += [[by_id[e] for e in sorted(ids)] for ids in held.values()]
        articles = {r.article_id for seed in seeds for r in seed} | {r.article_id for r in replayed}
        names = store.article_names(articles)
    with timing.timed("reconcile"):
        sides = SideMap.of(processes)
        told = replay_matching(seeds, replayed, parties_of(names), sides, cfg)
        hit = set(touched) | joinable
        fresh = {t.story.id: span_of(t.story.id, t.reports, cfg) for t in told}
        kept_spans = [s for s in spans if s.id not in hit]
        neighbours = near(list(fresh.values()), kept_spans, cfg)
    with timing.timed("read"):
        held = store.story_reports(neighbours)
        by_id = {r.id: r for r in store.reports_by_id({e for ids in held.values() for e in ids})}
        kept = store.kept_story_events(hit)
        stored = store.stored_contradictions()
    with timing.timed("reconcile"):
        others = [told_of([by_id[e] for e in sorted(ids)], cfg, sides) for ids in held.values()]
        found = [
            c
            for c in contradictions([*told, *others], cfg)
            if any(s in fresh for s in c.story_events)
        ]
        found += [c for c in stored if not any(s in hit for s in c.story_events)]
        stories = [*kept, *(t.story for t in told)]
        stories.sort(key=lambda s: (s.first_reported or dt.date.max, s.reports[0]))
        found.sort(key=lambda c: (c.date or dt.date.max, c.id))
    every = {s.id: s for s in kept_spans} | fresh
    return Reached(
        Reconciliation(story_events=stories, contradictions=found),
        spans=every,
        reconciled=hit,
        retold=set(fresh),
        reports=len(replayed),
        timing=timing,
    )


def refresh(
    store: Store,
    reconciliation: Reconciliation,
    processes: Sequence[Process],
    gazetteer: Gazetteer | None = None,
    *,
    reached: Reached | None = None,
    reported: Sequence[ReportedEvent] = (),
    basis: str | None = None,
) -> tuple[Negotiation, Plan]:
    """Bring the store's derived record to what ``reconciliation`` and ``processes`` give,
    writing only what changed; returns the negotiation (with the derived rows of the
    processes that changed only) and the plan that was applied.

    With a ``basis``, the story spans are written too: those ``reached`` gives for the
    stories it reconciled and the fresh ones; with no ``reached`` (``reconciliation``
    was made whole, of the ``reported`` events), every story's.
    """
    timing = Plan()
    if reached is not None:
        timing.seconds.update(reached.timing.seconds)
    with timing.timed("assign"):
        negotiation = assign(reconciliation, processes, gazetteer=gazetteer)
        inputs = inputs_by_process(negotiation, reconciliation)
    # The story events whose reports and contradictions may differ from the stored ones.
    around = None if reached is None else reached.reconciled | reached.retold
    with timing.timed("compare"):
        state = store.derived_state(around)
        plan = plan_update(state, reconciliation, negotiation, inputs, around)
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
            around=None if around is None else around | plan.stale | {s.id for s in plan.fresh},
            spans=None
            if basis is None
            else _span_write(plan, reconciliation, reached, reported, basis),
        )
    return negotiation, plan


def _span_write(
    plan: Plan,
    reconciliation: Reconciliation,
    reached: Reached | None,
    reported: Sequence[ReportedEvent],
    basis: str,
) -> SpanWrite:
    """The spans to write with an incremental rebuild's record (see :func:`refresh`)."""
    if reached is None:
        return SpanWrite(spans_of(reconciliation.story_events, reported, settings()), None, basis)
    changed = sorted(reached.reconciled | {s.id for s in plan.fresh})
    written = [reached.spans[sid] for sid in changed if sid in reached.spans]
    return SpanWrite(written, reached.reconciled | plan.stale, basis)


def plan_update(
    state: DerivedState,
    reconciliation: Reconciliation,
    negotiation: Negotiation,
    inputs: dict[str, tuple[list[StoryEvent], list[Contradiction]]],
    around: set[str] | None = None,
) -> Plan:
    """Which story events and processes changed between the store and the new record.

    ``around``: the story events whose reports and contradictions may have changed, of
    which ``state`` was read (None: all); the others are stored ones, their reports and
    the contradictions among them as stored, so that only their process is compared.
    """
    plan = Plan()
    placed = negotiation.story_process
    current = {s.id: (placed.get(s.id), frozenset(s.reports)) for s in reconciliation.story_events}
    for story in reconciliation.story_events:
        process, reports = current[story.id]
        old = state.stories.get(story.id)
        if old is None or not _kept(old, process, reports):
            plan.fresh.append(story)
            if process is not None:
                plan.processes.add(process)
    for sid, old in state.stories.items():
        now = current.get(sid)
        if now is None or not _kept(old, *now):
            plan.stale.add(sid)
            if old.process is not None:
                plan.processes.add(old.process)
    plan.processes |= _changed_definitions(state.processes, negotiation.processes)
    plan.processes |= _changed_contradictions(state, inputs, around)
    return plan


def _kept(old: StoredStory, process: str | None, reports: frozenset[int]) -> bool:
    """Whether a stored story event stands as it is: the same process and reports (its
    reports unread when they are the stored ones)."""
    return old.process == process and (old.reports is None or old.reports == reports)


def _changed_definitions(stored: Sequence[dict[str, Any]], now: Sequence[Process]) -> set[str]:
    """Processes added, removed or defined otherwise (a grouped ``other:`` process that grew)."""
    before = {p["id"]: _canonical(p) for p in stored}
    after = {p.id: _canonical(p.model_dump(mode="json")) for p in now}
    return {pid for pid in before.keys() | after.keys() if before.get(pid) != after.get(pid)}


def _changed_contradictions(
    state: DerivedState,
    inputs: dict[str, tuple[list[StoryEvent], list[Contradiction]]],
    around: set[str] | None,
) -> set[str]:
    """Processes whose contradictions (those about any of their story events) changed.

    Compared without their ``process``, which the store fills in, as sets: contradictions
    come by date then id (:func:`truceline.resolve.contradictions.contradictions`), so
    equal sets are equal lists. ``state`` holds the stored contradictions about any story
    event ``around`` (None: all); the others are kept as they are, about story events
    whose process, if it moved, puts both processes among those derived again anyway.
    """
    before: dict[str, list[str]] = {}
    for payload in state.contradictions:
        about = {state.stories[s].process for s in payload["story_events"] if s in state.stories}
        for pid in about - {None}:
            before.setdefault(str(pid), []).append(_canonical(payload, "process"))
    after: dict[str, list[str]] = {}
    for pid, (_, found) in inputs.items():
        for c in found:
            if around is None or any(s in around for s in c.story_events):
                after.setdefault(pid, []).append(_canonical(c.model_dump(mode="json"), "process"))
    return {
        pid
        for pid in before.keys() | after.keys()
        if sorted(before.get(pid, [])) != sorted(after.get(pid, []))
    }


def _canonical(payload: dict[str, Any], *leave_out: str) -> str:
    return json.dumps(
        {k: v for k, v in payload.items() if k not in leave_out}, sort_keys=True, default=str
    )
