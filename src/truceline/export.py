"""Exports of the record for other programs: flat CSV, JSON lines, PLOVER-style event JSON.

``truceline export`` writes story events (or, with ``--reports``, every
reported event) in one of three forms:

* ``csv``: one row per event, flat columns; lists joined with ``;`` and terms
  as ``issue=value;...`` so a spreadsheet reads them;
* ``jsonl``: one pydantic ``model_dump(mode="json")`` object per line, nothing lost;
* ``plover``: one PLOVER-style event record per line (``id, date, source,
  recipient, event, mode, context, event_text, ...`` as the PLOVER manual
  names its JSON fields), with the CAMEO code in ``cameo`` and truceline's
  own fields under ``truceline``.

The type -> PLOVER/CAMEO mapping is data: ``data/cameo.yaml``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from enum import StrEnum
from functools import cache
from typing import Any, TextIO

from truceline.data import load
from truceline.data.files import CameoFile, Code
from truceline.errors import TrucelineError
from truceline.record import Event, EventType, ReportedEvent, StoryEvent, Term
from truceline.reports.format import format_value


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    plover = "plover"


class CodeBookError(TrucelineError):
    """The bundled mapping file does not cover the event types; names the file."""


@cache
def codebook() -> CameoFile:
    """The bundled ``data/cameo.yaml``, validated once, with a mapping for every event type."""
    book = load(CameoFile)
    missing = [t.value for t in EventType if t not in book.types]
    unknown = sorted(set(book.types) - set(EventType))
    if missing or unknown:
        raise CodeBookError(
            f"truceline/data/{CameoFile.FILE}: no mapping for event types {', '.join(missing)}"
            if missing
            else f"truceline/data/{CameoFile.FILE}: unknown event types {', '.join(unknown)}"
        )
    return book


def _apply(code: Code, refinement: Code | None) -> Code:
    if refinement is None:
        return code
    # Only the keys the YAML gives replace the default (an explicit null does too).
    return code.model_copy(update=refinement.model_dump(exclude_unset=True))


def code_event(
    type_: EventType,
    *,
    terms: Sequence[Term] = (),
    action: str | None = None,
    polarity: str | None = None,
    mediators: Sequence[str] = (),
) -> Code:
    """The PLOVER category, mode and CAMEO code of one event, refined by what it says."""
    entry = codebook().types[type_]
    code = Code(plover=entry.plover, mode=entry.mode, cameo=entry.cameo)
    issue = next((t.issue for t in terms if t.issue in entry.by_issue), None)
    code = _apply(code, entry.by_issue.get(issue) if issue else None)
    code = _apply(code, entry.by_action.get(action) if action else None)
    code = _apply(code, entry.by_polarity.get(polarity) if polarity else None)
    return _apply(code, entry.with_mediators if mediators else None)


def _code(event: StoryEvent | Event) -> Code:
    return code_event(
        event.type,
        terms=event.terms,
        action=event.action,
        polarity=event.polarity,
        mediators=event.mediators,
    )


def terms_cell(terms: Iterable[Term]) -> str:
    """``issue=value;issue=value`` -- terms in one CSV cell."""
    return ";".join(f"{t.issue}={format_value(t.value, t.qualifier)}" for t in terms)


def _list(values: Iterable[str]) -> str:
    return ";".join(values)


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


STORY_COLUMNS = [
    "id", "date", "date_precision", "type", "action", "actor", "target", "mediators",
    "terms", "modality", "polarity", "location", "process", "first_reported",
    "last_reported", "reports", "outlets", "outlet_count", "named_sources",
    "anonymous_sources", "unattributed", "plover", "plover_mode", "cameo",
]  # fmt: skip

REPORT_COLUMNS = [
    "id", "article_id", "outlet", "published", "date", "date_precision", "type", "action",
    "actor", "target", "mediators", "terms", "modality", "polarity", "location",
    "source_text", "source_actor", "anonymous", "source_count", "via", "verb", "evidence",
    "plover", "plover_mode", "cameo",
]  # fmt: skip


def _event_cells(event: StoryEvent | Event) -> dict[str, Any]:
    """The cells a story event and a reported event share; DictWriter orders them."""
    code = _code(event)
    return {
        "date": _iso(event.date),
        "date_precision": event.date_precision or "",
        "type": event.type.value,
        "action": event.action or "",
        "actor": _list(event.actor),
        "target": _list(event.target),
        "mediators": _list(event.mediators),
        "terms": terms_cell(event.terms),
        "modality": event.modality.value,
        "polarity": event.polarity or "",
        "location": event.location or "",
        "plover": code.plover or "",
        "plover_mode": code.mode or "",
        "cameo": code.cameo or "",
    }


def story_row(event: StoryEvent) -> dict[str, Any]:
    c = event.corroboration
    return _event_cells(event) | {
        "id": event.id,
        "process": event.process or "",
        "first_reported": _iso(event.first_reported),
        "last_reported": _iso(event.last_reported),
        "reports": _list(str(r) for r in event.reports),
        "outlets": _list(event.outlets),
        "outlet_count": c.outlets,
        "named_sources": c.named_sources,
        "anonymous_sources": c.anonymous_sources,
        "unattributed": c.unattributed,
    }


def report_row(item: ReportedEvent) -> dict[str, Any]:
    event, claim = item.event, item.event.claim
    return _event_cells(event) | {
        "id": item.id,
        "article_id": item.article_id,
        "outlet": item.outlet or "",
        "published": _iso(item.published),
        "source_text": claim.source_text or "",
        "source_actor": claim.source_actor or "",
        "anonymous": "true" if claim.anonymous else "false",
        "source_count": "" if claim.source_count is None else claim.source_count,
        "via": claim.via or "",
        "verb": claim.verb or "",
        "evidence": event.evidence.text,
    }


def _plover_common(event: StoryEvent | Event, code: Code) -> dict[str, Any]:
    context = codebook().context.get(event.modality.value)
    return {
        "source": [{"code": a} for a in event.actor],
        "recipient": [{"code": t} for t in event.target],
        "event": [code.plover] if code.plover else [],
        "has_event": code.plover is not None,
        "mode": code.mode,
        "context": [context] if context else [],
        "event_loc": {"name": event.location} if event.location else None,
        "cameo": code.cameo,
    }


def _own_fields(event: StoryEvent | Event) -> dict[str, Any]:
    """truceline's fields PLOVER has no name for, kept under ``truceline``."""
    return {
        "type": event.type.value,
        "action": event.action,
        "polarity": event.polarity,
        "modality": event.modality.value,
        "mediators": event.mediators,
        "terms": [t.model_dump(mode="json", exclude={"evidence"}) for t in event.terms],
    }


def plover_story(event: StoryEvent) -> dict[str, Any]:
    """A story event as a PLOVER-style record; truceline's own fields under ``truceline``."""
    code = _code(event)
    record = {"id": event.id, "date": _iso(event.date or event.first_reported) or None}
    record |= _plover_common(event, code)
    record["event_text"] = list(event.evidence)
    record["truceline"] = _own_fields(event) | {
        "process": event.process,
        "reports": event.reports,
        "outlets": event.outlets,
        "corroboration": event.corroboration.model_dump(mode="json"),
    }
    return record


def plover_report(item: ReportedEvent) -> dict[str, Any]:
    """A reported event as a PLOVER-style record, with its outlet in ``cite_info``."""
    event = item.event
    code = _code(event)
    record = {"id": f"r{item.id}", "date": _iso(event.date or item.published) or None}
    record |= _plover_common(event, code)
    record["event_text"] = [event.evidence.text]
    record["cite_info"] = {
        "article_id": item.article_id,
        "outlet": item.outlet,
        "published": _iso(item.published) or None,
    }
    record["truceline"] = _own_fields(event) | {
        "claim": event.claim.model_dump(mode="json", exclude={"evidence"}),
    }
    return record


def write_export(
    items: Iterable[StoryEvent] | Iterable[ReportedEvent],
    fmt: ExportFormat,
    out: TextIO,
    *,
    reports: bool = False,
) -> int:
    """Write story events (or, with ``reports``, reported events) to ``out``; return the count.

    A CSV export always has its header, so an empty store gives a valid file.
    """
    count = 0
    if fmt == ExportFormat.csv:
        columns = REPORT_COLUMNS if reports else STORY_COLUMNS
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        row = report_row if reports else story_row
        for item in items:
            writer.writerow(row(item))  # type: ignore[arg-type]
            count += 1
        return count
    plover = plover_report if reports else plover_story
    for item in items:
        record = plover(item) if fmt == ExportFormat.plover else item.model_dump(mode="json")  # type: ignore[arg-type]
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
