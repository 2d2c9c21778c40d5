"""Exports of the record for other programs: flat CSV and Parquet, JSON lines, PLOVER JSON.

``truceline export`` writes story events (or, with ``--reports``, every
reported event) in one of four forms, each carrying its provenance: every
event cites the article behind it (:class:`Citation`: URL, headline, outlet,
publication date) and the exact characters that support it (evidence
offsets into the article text, and that text):

* ``csv``: flat columns; lists joined with ``;`` and terms as
  ``issue=value;...`` so a spreadsheet reads them. A reported event is one
  row; a story event is one row *per report behind it* (its columns repeated,
  the report's citation in ``report``, ``url`` ... ``evidence``), so every row
  says where it was read;
* ``parquet``: the same rows and columns, typed (integers, dates);
* ``jsonl``: one pydantic ``model_dump(mode="json")`` object per line, nothing
  lost, with ``citations`` (a story event: one per report) or ``citation``;
* ``plover``: one PLOVER-style event record per line (``id, date, source,
  recipient, event, mode, context, event_text, ...`` as the PLOVER manual
  names its JSON fields), with the CAMEO code in ``cameo``, the citations in
  ``cite_info`` and truceline's own fields under ``truceline``.

The type -> PLOVER/CAMEO mapping is data: ``data/cameo.yaml``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import IO, TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from truceline.errors import TrucelineError
from truceline.formats import BINARY_FORMATS as BINARY_FORMATS
from truceline.formats import ExportFormat as ExportFormat
from truceline.record import Event, EventType, ReportedEvent, StoryEvent, Term
from truceline.reports.format import format_value

if TYPE_CHECKING:
    import pyarrow

    from truceline.data.files import CameoFile, Code


class Citation(BaseModel):
    """Where one reported event was read: its article and the characters that support it."""

    report: int = Field(description="The reported event's id (``truceline show ID``).")
    article_id: int
    url: str | None = None
    headline: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    evidence_start: int = Field(description="Offset of the evidence in the article's text.")
    evidence_end: int
    evidence: str = Field(description="``text[evidence_start:evidence_end]``.")


@dataclass(frozen=True)
class Export:
    """What an export writes: the events, and the citation of every reported event by id."""

    items: Sequence[StoryEvent] | Sequence[ReportedEvent]
    citations: Mapping[int, Citation] = field(default_factory=dict)
    reports: bool = False


class CodeBookError(TrucelineError):
    """The bundled mapping file does not cover the event types; names the file."""


@cache
def codebook() -> CameoFile:
    """The bundled ``data/cameo.yaml``, validated once, with a mapping for every event type.

    Read on the first export, not on import: the data files' models and YAML
    cost a report command a tenth of its start-up."""
    from truceline.data import load
    from truceline.data.files import CameoFile

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
    from truceline.data.files import Code

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


CITATION_COLUMNS = [
    "report", "article_id", "url", "headline", "outlet", "published",
    "evidence_start", "evidence_end", "evidence",
]  # fmt: skip

STORY_COLUMNS = [
    "id", "date", "date_precision", "type", "action", "actor", "target", "mediators",
    "terms", "modality", "polarity", "location", "process", "first_reported",
    "last_reported", "reports", "outlets", "outlet_count", "named_sources",
    "anonymous_sources", "unattributed", "plover", "plover_mode", "cameo", "corrections",
    *CITATION_COLUMNS,
]  # fmt: skip

REPORT_COLUMNS = [
    "id", "date", "date_precision", "type", "action", "actor", "target", "mediators",
    "terms", "modality", "polarity", "location", "source_text", "source_actor",
    "anonymous", "source_count", "via", "verb", "plover", "plover_mode", "cameo",
    *CITATION_COLUMNS,
]  # fmt: skip

INTEGER_COLUMNS = {
    "report", "article_id", "evidence_start", "evidence_end", "outlet_count",
    "named_sources", "anonymous_sources", "unattributed", "source_count",
}  # fmt: skip
DATE_COLUMNS = {"date", "first_reported", "last_reported", "published"}
BOOLEAN_COLUMNS = {"anonymous"}


def _event_cells(event: StoryEvent | Event) -> dict[str, Any]:
    """The cells a story event and a reported event share, typed (None when empty)."""
    code = _code(event)
    return {
        "date": event.date,
        "date_precision": event.date_precision,
        "type": event.type.value,
        "action": event.action,
        "actor": _list(event.actor),
        "target": _list(event.target),
        "mediators": _list(event.mediators),
        "terms": terms_cell(event.terms),
        "modality": event.modality.value,
        "polarity": event.polarity,
        "location": event.location,
        "plover": code.plover,
        "plover_mode": code.mode,
        "cameo": code.cameo,
    }


def _citation_cells(report: int, citation: Citation | None) -> dict[str, Any]:
    if citation is None:  # a report the store no longer holds: the row stays, uncited
        return dict.fromkeys(CITATION_COLUMNS) | {"report": report}
    return citation.model_dump()


def story_rows(event: StoryEvent, citations: Mapping[int, Citation]) -> Iterator[dict[str, Any]]:
    """One row per report behind the story event, each with that report's citation."""
    c = event.corroboration
    cells = _event_cells(event) | {
        "id": event.id,
        "process": event.process,
        "first_reported": event.first_reported,
        "last_reported": event.last_reported,
        "reports": _list(str(r) for r in event.reports),
        "outlets": _list(event.outlets),
        "outlet_count": c.outlets,
        "named_sources": c.named_sources,
        "anonymous_sources": c.anonymous_sources,
        "unattributed": c.unattributed,
        # "corrected by ana on 2026-12-03 (#3: type REJECT)", joined: who changed the row.
        "corrections": _list(note.line() for note in event.corrections),
    }
    for report in event.reports:
        yield cells | _citation_cells(report, citations.get(report))


def report_row(item: ReportedEvent, citations: Mapping[int, Citation]) -> dict[str, Any]:
    event, claim = item.event, item.event.claim
    return (
        _event_cells(event)
        | {
            "id": str(item.id),  # a text column, as a story event's id is
            "source_text": claim.source_text,
            "source_actor": claim.source_actor,
            "anonymous": claim.anonymous,
            "source_count": claim.source_count,
            "via": claim.via,
            "verb": claim.verb,
        }
        | _citation_cells(item.id, citations.get(item.id))
    )


def rows(export: Export) -> Iterator[dict[str, Any]]:
    """The flat rows of an export (CSV, Parquet, data frames), typed: None when empty."""
    for item in export.items:
        if isinstance(item, ReportedEvent):
            yield report_row(item, export.citations)
        else:
            yield from story_rows(item, export.citations)


def columns(export: Export) -> list[str]:
    return REPORT_COLUMNS if export.reports else STORY_COLUMNS


def _csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value  # None is written as an empty cell, a date as its ISO form


def table(export: Export) -> pyarrow.Table:
    """The export's rows as an Arrow table with typed columns (Parquet, pandas)."""
    import pyarrow as pa

    def kind(name: str) -> pa.DataType:
        if name in INTEGER_COLUMNS:
            return pa.int64()
        if name in DATE_COLUMNS:
            return pa.date32()
        if name in BOOLEAN_COLUMNS:
            return pa.bool_()
        return pa.string()

    schema = pa.schema([(name, kind(name)) for name in columns(export)])
    return pa.Table.from_pylist(list(rows(export)), schema=schema)


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


def _cited(reports: Iterable[int], citations: Mapping[int, Citation]) -> list[dict[str, Any]]:
    return [citations[r].model_dump(mode="json") for r in reports if r in citations]


def plover_story(event: StoryEvent, citations: Mapping[int, Citation]) -> dict[str, Any]:
    """A story event as a PLOVER-style record citing every report in ``cite_info``;
    truceline's own fields under ``truceline``."""
    code = _code(event)
    record = {"id": event.id, "date": _iso(event.date or event.first_reported) or None}
    record |= _plover_common(event, code)
    record["event_text"] = list(event.evidence)
    record["cite_info"] = _cited(event.reports, citations)
    record["truceline"] = _own_fields(event) | {
        "process": event.process,
        "reports": event.reports,
        "outlets": event.outlets,
        "corroboration": event.corroboration.model_dump(mode="json"),
        "corrections": [note.model_dump(mode="json") for note in event.corrections],
    }
    return record


def plover_report(item: ReportedEvent, citations: Mapping[int, Citation]) -> dict[str, Any]:
    """A reported event as a PLOVER-style record, with its citation in ``cite_info``."""
    event = item.event
    code = _code(event)
    record = {"id": f"r{item.id}", "date": _iso(event.date or item.published) or None}
    record |= _plover_common(event, code)
    record["event_text"] = [event.evidence.text]
    cited = _cited([item.id], citations)
    record["cite_info"] = cited[0] if cited else None
    record["truceline"] = _own_fields(event) | {
        "claim": event.claim.model_dump(mode="json", exclude={"evidence"}),
    }
    return record


def _json_record(item: StoryEvent | ReportedEvent, citations: Mapping[int, Citation]) -> dict:
    record = item.model_dump(mode="json")
    if isinstance(item, ReportedEvent):
        cited = _cited([item.id], citations)
        record["citation"] = cited[0] if cited else None
    else:
        record["citations"] = _cited(item.reports, citations)
    return record


def write_export(export: Export, fmt: ExportFormat, out: IO[Any]) -> int:
    """Write the export to ``out`` (bytes for Parquet, else text); return the events written.

    A CSV export always has its header, so an empty store gives a valid file.
    """
    if fmt == ExportFormat.parquet:
        import pyarrow.parquet as pq

        pq.write_table(table(export), out)
        return len(export.items)
    if fmt == ExportFormat.csv:
        writer = csv.DictWriter(out, fieldnames=columns(export), lineterminator="\n")
        writer.writeheader()
        for row in rows(export):
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
        return len(export.items)
    for item in export.items:
        if fmt == ExportFormat.plover:
            record = (
                plover_report(item, export.citations)
                if isinstance(item, ReportedEvent)
                else plover_story(item, export.citations)
            )
        else:
            record = _json_record(item, export.citations)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(export.items)
