"""Corrections that survive: an analyst fixes the record, and every rebuild keeps the fix.

The Python API under ``truceline correct``, the REST API and the dashboard's
form. A correction is stored apart from extraction output (its own table) and
applied at every rebuild, in one place (:func:`apply_corrections`, called by
``api._rebuild``): event corrections change or drop reported events before
reconciling, merges and splits constrain how reports are grouped, a process
correction pins the story event's process, and every story event built from
corrected reports carries a :class:`~truceline.record.CorrectionNote`
("corrected by X on D").

A correction names its reports by :class:`~truceline.record.ReportKey`
(article key, evidence span and text, extracted type), so re-ingesting an
article -- the same text, or a changed one whose sentence moved -- finds them
again. A report that a re-extraction no longer yields leaves its correction
*orphaned*: kept in the store, listed by ``correct list`` as orphaned with
what it misses, applied to whatever of it is still found, never dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from truceline.errors import TrucelineError
from truceline.record import (
    Correction,
    CorrectionNote,
    EventChanges,
    EventType,
    Modality,
    OrphanedCorrection,
    Reconciliation,
    ReportedEvent,
    ReportKey,
)
from truceline.resolve import Regroup, StoryConstraints
from truceline.store import FilterError, Filters, Store


class CorrectionError(TrucelineError):
    """A correction that cannot be made: an unknown event, story, type, actor or process."""


# ------------------------------------------------------------------ applying at rebuild


@dataclass
class AppliedCorrections:
    """What the corrections in force do to one rebuild's reported events."""

    reported: list[ReportedEvent]
    """The reported events, corrected; those marked wrong left out."""
    constraints: StoryConstraints
    notes: dict[int, list[CorrectionNote]] = field(default_factory=dict)
    """Report id -> the corrections applied to it, in the order made."""
    processes: dict[int, str] = field(default_factory=dict)
    """Report id -> the process a correction files it under."""
    orphaned: list[OrphanedCorrection] = field(default_factory=list)

    def annotate(self, reconciliation: Reconciliation) -> dict[str, str]:
        """Set each story event's corrections; return story id -> pinned process.

        A story of reports pinned to different processes takes the latest correction's.
        """
        pinned: dict[str, tuple[int, str]] = {}
        for story in reconciliation.story_events:
            seen: dict[int, CorrectionNote] = {}
            for report in story.reports:
                for note in self.notes.get(report, []):
                    seen.setdefault(note.id, note)
                    if report in self.processes and note.kind == "event":
                        last = pinned.get(story.id, (0, ""))
                        if note.id >= last[0]:
                            pinned[story.id] = (note.id, self.processes[report])
            story.corrections = [seen[k] for k in sorted(seen)]
        return {story: process for story, (_, process) in pinned.items()}


def report_key(reported: ReportedEvent, article_key: str) -> ReportKey:
    """The key a correction keeps for ``reported``: found again after re-extraction."""
    evidence = reported.event.evidence
    return ReportKey(
        article=article_key,
        start=evidence.start,
        end=evidence.end,
        evidence=evidence.text,
        type=reported.event.type,
    )


class _Locator:
    """Finds the current reported event a :class:`ReportKey` names.

    Exact span, text and type first; else the same evidence text and type
    nearest the old offset (the text moved in a changed article); else the
    one event with that evidence text (its extracted type changed). None:
    the report is gone.
    """

    def __init__(self, reported: Sequence[ReportedEvent], keys: dict[int, str]) -> None:
        self._by_article: dict[str, list[ReportedEvent]] = defaultdict(list)
        for r in reported:
            if r.article_id in keys:
                self._by_article[keys[r.article_id]].append(r)

    def find(self, key: ReportKey) -> ReportedEvent | None:
        events = self._by_article.get(key.article, [])
        same_text = [r for r in events if r.event.evidence.text == key.evidence]
        for r in same_text:
            ev = r.event.evidence
            if (ev.start, ev.end) == (key.start, key.end) and r.event.type == key.type:
                return r
        typed = [r for r in same_text if r.event.type == key.type]
        if typed:
            return min(typed, key=lambda r: abs(r.event.evidence.start - key.start))
        return same_text[0] if len(same_text) == 1 else None


def apply_corrections(
    reported: Sequence[ReportedEvent],
    article_keys: dict[int, str],
    corrections: Sequence[Correction],
) -> AppliedCorrections:
    """The reported events as the corrections in force say they are (see the module doc)."""
    locate = _Locator(reported, article_keys)
    changed: dict[int, ReportedEvent] = {r.id: r for r in reported}
    wrong: set[int] = set()
    out = AppliedCorrections(reported=[], constraints=StoryConstraints())
    steps: list[Regroup] = []
    for correction in sorted(corrections, key=lambda c: c.id):
        found = [(key, locate.find(key)) for key in correction.targets]
        missing = [key for key, r in found if r is None]
        if missing:
            out.orphaned.append(OrphanedCorrection(correction=correction, missing=missing))
        ids = [r.id for _, r in found if r is not None]
        note = CorrectionNote.of(correction)
        for report in ids:
            out.notes.setdefault(report, []).append(note)
        if correction.kind == "event" and correction.changes is not None:
            for report in ids:
                changed[report] = _changed(changed[report], correction.changes)
                if correction.changes.process:
                    out.processes[report] = correction.changes.process
        elif correction.kind == "wrong":
            wrong.update(ids)
        elif correction.kind in ("merge", "split") and ids:
            steps.append(Regroup(action=correction.kind, reports=frozenset(ids)))
    out.reported = [changed[r.id] for r in reported if r.id not in wrong]
    out.constraints = StoryConstraints(steps=tuple(steps))
    return out


def _changed(reported: ReportedEvent, changes: EventChanges) -> ReportedEvent:
    event = reported.event
    update: dict[str, object] = {}
    if changes.type is not None:
        update["type"] = changes.type
    if changes.actor is not None:
        update["actor"] = list(changes.actor)
        update["agent"] = changes.actor[0] if changes.actor else None
    if changes.target is not None:
        update["target"] = list(changes.target)
    if changes.modality is not None:
        update["modality"] = changes.modality
    if changes.date is not None:
        update["date"] = changes.date
        update["date_precision"] = "day"
    return reported.model_copy(update={"event": event.model_copy(update=update)})


def applied_to(store: Store) -> AppliedCorrections | None:
    """The corrections in force applied to the store's reported events; None when there are none
    (a rebuild of a store nobody corrected reads nothing more)."""
    found = store.corrections()
    if not found:
        return None
    return apply_corrections(store.reported_events(), store.article_keys(), found)


# ------------------------------------------------------------------ what show says


def notes_on(
    corrections: Sequence[Correction], article: Sequence[ReportedEvent], article_key: str
) -> dict[int, list[CorrectionNote]]:
    """Report id -> the notes of the ``corrections`` that find it among the current events
    of one ``article`` (all of them, so that a key is located as a rebuild locates it)."""
    locate = _Locator(article, {r.article_id: article_key for r in article})
    found: dict[int, list[CorrectionNote]] = {}
    for c in corrections:
        for report in dict.fromkeys(r.id for k in c.targets if (r := locate.find(k))):
            found.setdefault(report, []).append(CorrectionNote.of(c))
    return found


@dataclass(frozen=True)
class Traced:
    """Where the first report of a story id no longer in the record is now."""

    story: str | None
    """The story event now holding it (None: it is in none, it was marked wrong)."""
    reports: list[int]
    """The reports to show: the story event's, else the first report alone."""
    notes: list[CorrectionNote]
    """The corrections in force on that report, in the order made."""


_STORY_ID = re.compile(r"[a-z_]+-(\d+)")


def trace_story(store: Store, story_id: str) -> Traced | None:
    """The story event a story id of the past leads to, after analysts' corrections.

    A story id is its type and its first report's number (``accept-1``): a type
    correction makes that story ``reject-1``, a merge files its reports under
    another story's id, marking it wrong takes them out of every story. The
    first report keeps its number through all of these, so the id an analyst
    saw still leads to where its report is now, with the corrections that moved
    it. None when the id names no stored report or no correction in force
    touches it (an id that never was, or one a re-extraction renumbered).
    """
    named = _STORY_ID.fullmatch(story_id)
    found = store.reported_event(int(named.group(1))) if named else None
    corrections = store.corrections() if found else []
    if found is None or not corrections:
        return None
    reported, article = found
    events = store.article_events(article.id)
    notes = notes_on(corrections, [e.reported for e in events], article.key).get(reported.id)
    if not notes:
        return None
    holding = next((e.story_event for e in events if e.reported.id == reported.id), None)
    story = store.story_event(holding) if holding else None
    return Traced(
        story=holding, reports=list(story.reports) if story else [reported.id], notes=notes
    )


# ------------------------------------------------------------------ making corrections


Status = Literal["applied", "orphaned", "undone"]


@dataclass(frozen=True)
class ListedCorrection:
    """A correction as ``correct list`` shows it: applied, orphaned (what it misses) or undone."""

    correction: Correction
    status: Status
    missing: list[ReportKey] = field(default_factory=list)

    def line(self) -> str:
        text = f"{self.correction.described()} [{self.status}]"
        if self.missing:
            gone = "; ".join(f"{k.article} @{k.start}: {k.evidence[:60]!r}" for k in self.missing)
            text += f"\n    no longer extracted: {gone}"
        return text


def listed(store: Store) -> list[ListedCorrection]:
    """Every correction, undone ones too, each with its status against the current events."""
    every = store.corrections(undone=True)
    active = [c for c in every if c.undone_at is None]
    orphaned = {}
    if active:
        applied = apply_corrections(store.reported_events(), store.article_keys(), active)
        orphaned = {o.correction.id: o.missing for o in applied.orphaned}
    out = []
    for c in every:
        if c.undone_at is not None:
            out.append(ListedCorrection(c, "undone"))
        elif c.id in orphaned:
            out.append(ListedCorrection(c, "orphaned", orphaned[c.id]))
        else:
            out.append(ListedCorrection(c, "applied"))
    return out


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _author(author: str) -> str:
    if not author.strip():
        raise CorrectionError("a correction needs an author: give --by NAME")
    return author.strip()


def _targets_of(store: Store, event: str) -> tuple[list[ReportKey], str | None]:
    """The report keys ``event`` names: a reported event number or every report of a story."""
    story = None if event.isdigit() else store.story_event(event)
    if story is None and not event.isdigit():  # an id of the past: accept-1, now reject-1
        traced = trace_story(store, event)
        story = store.story_event(traced.story) if traced and traced.story else None
    if story is not None:
        ids = list(story.reports)
    elif event.isdigit():
        ids = [int(event)]
    else:
        raise CorrectionError(
            f"no story event {event!r} in the store: give a story id or a reported event number "
            "(see `truceline timeline` or `truceline show`)"
        )
    return _keys(store, ids), story.id if story else None


def _keys(store: Store, ids: Iterable[int]) -> list[ReportKey]:
    found = []
    for i in ids:
        behind = store.reported_event(i)
        if behind is None:
            raise CorrectionError(f"no reported event #{i} in the store")
        reported, article = behind
        found.append(report_key(reported, article.key))
    return found


def checked_changes(store: Store, changes: EventChanges) -> EventChanges:
    """``changes`` with actors and process as ids the store knows; else a CorrectionError."""
    actors = [_actor(store, a) for a in changes.actor] if changes.actor is not None else None
    targets = [_actor(store, a) for a in changes.target] if changes.target is not None else None
    process = _process(store, changes.process) if changes.process else None
    if not any(v is not None for v in changes.model_dump().values()):
        raise CorrectionError(
            "nothing to correct: give --type, --actors, --targets, --modality, --date or --process"
        )
    return changes.model_copy(update={"actor": actors, "target": targets, "process": process})


def _actor(store: Store, actor: str) -> str:
    try:
        found = store.checked(Filters(actor=actor)).actor
    except FilterError as exc:
        raise CorrectionError(str(exc).replace("filter actor", "actor", 1)) from None
    assert found is not None
    return found


def _process(store: Store, process: str) -> str:
    from truceline.negotiation import load_processes

    known = [p.id for p in store.processes()] or [p.id for p in load_processes()]
    same = [k for k in known if k.casefold() == process.strip().casefold()]
    if not same:
        raise CorrectionError(
            f"process {process!r} is no process the store knows; processes: " + ", ".join(known)
        )
    return same[0]


def parse_changes(
    *,
    type: str | None = None,
    actors: Sequence[str] | None = None,
    targets: Sequence[str] | None = None,
    modality: str | None = None,
    date: str | dt.date | None = None,
    process: str | None = None,
) -> EventChanges:
    """Changes from what a person types (``reject``, ``HAMAS,ISR``, ``2025-01-15``)."""
    values: dict[str, object] = {}
    if type is not None:
        try:
            values["type"] = EventType(type.strip().upper())
        except ValueError:
            raise CorrectionError(
                f"event type {type!r} is not one of {', '.join(t.value for t in EventType)}"
            ) from None
    if modality is not None:
        try:
            values["modality"] = Modality(modality.strip().lower())
        except ValueError:
            raise CorrectionError(
                f"modality {modality!r} is not one of {', '.join(m.value for m in Modality)}"
            ) from None
    if date is not None:
        try:
            values["date"] = date if isinstance(date, dt.date) else dt.date.fromisoformat(date)
        except ValueError:
            raise CorrectionError(f"date {date!r} is not a date like 2025-01-15") from None
    for name, given in (("actor", actors), ("target", targets)):
        if given is not None:
            values[name] = [a.strip() for item in given for a in item.split(",") if a.strip()]
    if process is not None:
        values["process"] = process
    return EventChanges.model_validate(values)


def correct_event(
    store: Store, event: str, changes: EventChanges, *, author: str, note: str | None = None
) -> Correction:
    """Change a reported event (a number) or every report of a story event (an id)."""
    targets, story = _targets_of(store, event)
    return store.add_correction(
        Correction(
            kind="event",
            targets=targets,
            changes=checked_changes(store, changes),
            story=story,
            author=_author(author),
            created_at=_now(),
            note=note,
        )
    )


def mark_wrong(store: Store, event: str, *, author: str, note: str | None = None) -> Correction:
    """Mark a reported event (or every report of a story event) as no event at all."""
    targets, story = _targets_of(store, event)
    return store.add_correction(
        Correction(
            kind="wrong",
            targets=targets,
            story=story,
            author=_author(author),
            created_at=_now(),
            note=note,
        )
    )


def merge_stories(
    store: Store, stories: Sequence[str], *, author: str, note: str | None = None
) -> Correction:
    """Make two or more story events one: every report of each is kept together."""
    if len(set(stories)) < 2:
        raise CorrectionError("a merge needs two different story events")
    targets: list[ReportKey] = []
    for story_id in stories:
        story = store.story_event(story_id)
        if story is None:
            raise CorrectionError(f"no story event {story_id!r} in the store (see `timeline`)")
        targets += _keys(store, story.reports)
    return store.add_correction(
        Correction(
            kind="merge",
            targets=targets,
            story=" + ".join(stories),
            author=_author(author),
            created_at=_now(),
            note=note,
        )
    )


def split_story(
    store: Store, story_id: str, report: int, *, author: str, note: str | None = None
) -> Correction:
    """Set one report of a story event apart, as a story event of its own."""
    story = store.story_event(story_id)
    if story is None:
        raise CorrectionError(f"no story event {story_id!r} in the store (see `timeline`)")
    if report not in story.reports:
        raise CorrectionError(
            f"report #{report} is not behind story event {story_id}; its reports: "
            + ", ".join(f"#{r}" for r in story.reports)
        )
    if len(story.reports) < 2:
        raise CorrectionError(f"story event {story_id} has one report: nothing to split")
    return store.add_correction(
        Correction(
            kind="split",
            targets=_keys(store, [report]),
            story=story_id,
            author=_author(author),
            created_at=_now(),
            note=note,
        )
    )


def undo(store: Store, correction_id: int) -> Correction:
    """Take a correction out of force (it stays listed as undone)."""
    if not store.undo_correction(correction_id, _now()):
        found = store.correction(correction_id)
        if found is None:
            raise CorrectionError(f"no correction #{correction_id} (see `truceline correct list`)")
        raise CorrectionError(f"correction #{correction_id} was already undone")
    found = store.correction(correction_id)
    assert found is not None
    return found


# ------------------------------------------------------------------ moving between stores


def export_lines(store: Store) -> Iterable[str]:
    """Every correction (undone ones too) as JSON lines, for ``correct import`` elsewhere."""
    for c in store.corrections(undone=True):
        yield c.model_dump_json(exclude={"id"}, exclude_none=True)


def import_lines(store: Store, lines: Iterable[str], *, where: str = "input") -> list[Correction]:
    """Add the corrections of ``export_lines`` output (new ids, same authors and times).

    Every line is checked before any is stored: a bad line stores nothing.
    """
    parsed = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            parsed.append(Correction.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            at = ".".join(str(p) for p in first["loc"])
            raise CorrectionError(
                f"{where}:{number}: not a correction ({at}: {first['msg']})"
            ) from None
    return [store.add_correction(c.model_copy(update={"id": 0})) for c in parsed]


def import_file(store: Store, path: Path) -> list[Correction]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CorrectionError(f"cannot read {path}: {exc.strerror or exc}") from None
    return import_lines(store, text.splitlines(), where=str(path))


def as_json(item: Correction | ListedCorrection) -> dict[str, object]:
    """The JSON the CLI (``--json``) and the REST API give for a correction."""
    if isinstance(item, Correction):
        return json.loads(item.model_dump_json())
    out = json.loads(item.correction.model_dump_json())
    out["status"] = item.status
    out["missing"] = [json.loads(k.model_dump_json()) for k in item.missing]
    return out
