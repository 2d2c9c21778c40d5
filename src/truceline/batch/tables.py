"""The Parquet tables of a batch run: the extraction record, one table per kind of item.

Batch output is read by people with Spark SQL, DuckDB or pandas as much as it is
loaded into a store, so the record is laid out flat, a row per item, joined on
``n`` (the article's position in the run's sorted input): ``articles``, ``actors``,
``events``, ``claims`` (one per event), ``terms`` (``event_index`` null for the
terms no event carries), plus ``screened`` (articles the relevance screen kept
from the parser: recorded, never lost) and ``problems`` (inputs or rows that
could not be read or extracted, and warnings: one bad article never fails a job).
A term's value, which may be a number, a word, a yes/no or a mapping, is kept as
its JSON text. Every table has ``part``, the chunk it belongs to, so a loader
reads one chunk of every table at a time.

The column lists here are the one schema: Spark writes with :func:`spark_schema`,
loaders read with :func:`arrow_schema`, and :func:`record_rows` /
:func:`records_from_rows` turn a record into rows and back, losslessly
(``tests/batch/test_tables.py``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from truceline.extract.failure import ExtractionFailure
from truceline.extract.screened import ScreenedOut
from truceline.ingest.problems import Notice, ReadProblem
from truceline.record import Event, Evidence, ExtractionRecord, Term

Row = tuple[Any, ...]

_EVIDENCE = (("evidence_start", "int"), ("evidence_end", "int"), ("evidence_text", "string"))
_TERM = (
    ("issue", "string"),
    ("value", "string"),
    ("unit", "string"),
    ("party", "string"),
    ("qualifier", "string"),
    ("count_role", "string"),
    *_EVIDENCE,
)

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("n", "bigint"),
        ("part", "int"),
        ("id", "string"),
        ("url", "string"),
        ("outlet", "string"),
        ("title", "string"),
        ("published", "date"),
        ("published_precision", "string"),
        ("text", "string"),
    ),
    "actors": (
        ("n", "bigint"),
        ("part", "int"),
        ("actor_index", "int"),
        ("id", "string"),
        ("name", "string"),
        ("kind", "string"),
        ("mentions", "array<string>"),
    ),
    "events": (
        ("n", "bigint"),
        ("part", "int"),
        ("event_index", "int"),
        ("type", "string"),
        ("actor", "array<string>"),
        ("agent", "string"),
        ("target", "array<string>"),
        ("mediators", "array<string>"),
        ("modality", "string"),
        ("polarity", "string"),
        ("action", "string"),
        ("date", "date"),
        ("date_precision", "string"),
        ("location", "string"),
        ("trigger", "string"),
        *_EVIDENCE,
    ),
    "claims": (
        ("n", "bigint"),
        ("part", "int"),
        ("event_index", "int"),
        ("source_text", "string"),
        ("source_actor", "string"),
        ("anonymous", "boolean"),
        ("source_count", "int"),
        ("via", "string"),
        ("verb", "string"),
        ("outlet", "string"),
        *_EVIDENCE,
    ),
    "terms": (
        ("n", "bigint"),
        ("part", "int"),
        ("event_index", "int"),
        ("term_index", "int"),
        *_TERM,
    ),
    "screened": (
        ("n", "bigint"),
        ("part", "int"),
        ("id", "string"),
        ("url", "string"),
        ("title", "string"),
        ("origin", "string"),
        ("outlet", "string"),
        ("published", "date"),
        ("text_sha256", "string"),
        ("reason", "string"),
    ),
    "problems": (
        ("n", "bigint"),
        ("part", "int"),
        ("kind", "string"),
        ("article_id", "string"),
        ("origin", "string"),
        ("line", "int"),
        ("message", "string"),
    ),
}
"""Each table's columns and their types, in Spark SQL's DDL words."""

RECORD_TABLES = ("articles", "actors", "events", "claims", "terms")
"""The tables a record is spread over; the others list what is not a record."""

PROBLEM_KINDS = ("read", "extract", "notice")
"""A row that could not be read, an article that could not be extracted, a warning."""


def spark_schema(table: str) -> str:
    """The table's schema as Spark SQL DDL (``n BIGINT, part INT, ...``)."""
    return ", ".join(f"`{name}` {kind}" for name, kind in COLUMNS[table])


def arrow_schema(table: str) -> Any:
    """The table's schema as a pyarrow schema (pyarrow is imported here, when asked)."""
    import pyarrow as pa

    types = {
        "bigint": pa.int64(),
        "int": pa.int32(),
        "string": pa.string(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "array<string>": pa.list_(pa.string()),
    }
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS[table]])


def write_parquet(rows: Mapping[str, Sequence[tuple[Any, ...]]], folder: Path) -> None:
    """Every table's ``rows`` as one Parquet part under ``folder/<table>/``: a batch run as
    `truceline batch extract` lays one out, written without Spark (tests and benches make
    runs this way; pyarrow is imported here, when asked)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for name, columns in COLUMNS.items():
        names = [c for c, _ in columns]
        table = pa.Table.from_pylist(
            [dict(zip(names, row, strict=True)) for row in rows.get(name, ())],
            schema=arrow_schema(name),
        )
        (folder / name).mkdir(parents=True)
        pq.write_table(table, folder / name / "part-0.parquet")


def outcome_rows(
    n: int,
    part: int,
    outcome: ExtractionRecord | ScreenedOut | ExtractionFailure | ReadProblem | Notice,
) -> dict[str, list[Row]]:
    """The rows one outcome of the pipeline adds, by table: a record's, a screened-out
    article's, or a problem's (a row or input not read, an article not extracted, a warning)."""
    if isinstance(outcome, ExtractionRecord):
        return record_rows(n, part, outcome)
    if isinstance(outcome, ScreenedOut):
        return {"screened": [screened_row(n, part, outcome)]}
    if isinstance(outcome, ExtractionFailure):
        return {
            "problems": [
                (n, part, "extract", outcome.article_id, outcome.origin, None, outcome.message)
            ]
        }
    kind = "notice" if isinstance(outcome, Notice) else "read"
    return {"problems": [(n, part, kind, None, outcome.origin, outcome.line, outcome.message)]}


def screened_row(n: int, part: int, item: ScreenedOut) -> Row:
    """A screened-out article's row: what ``ingest`` stores of it (its key's parts, the reason)."""
    return (
        n,
        part,
        item.article_id,
        item.url,
        item.title,
        item.origin,
        item.outlet,
        item.published,
        item.text_sha256,
        item.reason,
    )


def screened_from_row(row: Mapping[str, Any]) -> ScreenedOut:
    """The inverse of :func:`screened_row`."""
    return ScreenedOut(
        article_id=row["id"],
        origin=row["origin"],
        url=row["url"],
        title=row["title"],
        outlet=row["outlet"],
        published=row["published"],
        text_sha256=row["text_sha256"] or "",
        reason=row["reason"] or "",
    )


def _evidence(evidence: Evidence | None) -> Row:
    if evidence is None:
        return (None, None, None)
    return (evidence.start, evidence.end, evidence.text)


def _term(term: Term) -> Row:
    return (
        term.issue,
        json.dumps(term.value, ensure_ascii=False),
        term.unit,
        term.party,
        term.qualifier,
        term.count_role,
        *_evidence(term.evidence),
    )


def record_rows(n: int, part: int, record: ExtractionRecord) -> dict[str, list[Row]]:
    """The rows of one record in each record table, in :data:`COLUMNS` order."""
    meta = record.article
    rows: dict[str, list[Row]] = {table: [] for table in RECORD_TABLES}
    rows["articles"].append(
        (
            n,
            part,
            meta.id,
            meta.url,
            meta.outlet,
            meta.title,
            meta.published,
            meta.published_precision,
            meta.text,
        )
    )
    for i, actor in enumerate(record.actors):
        rows["actors"].append((n, part, i, actor.id, actor.name, actor.kind, list(actor.mentions)))
    for i, event in enumerate(record.events):
        rows["events"].append(_event_row(n, part, i, event))
        claim = event.claim
        rows["claims"].append(
            (
                n,
                part,
                i,
                claim.source_text,
                claim.source_actor,
                claim.anonymous,
                claim.source_count,
                claim.via,
                claim.verb,
                claim.outlet,
                *_evidence(claim.evidence),
            )
        )
        for j, term in enumerate(event.terms):
            rows["terms"].append((n, part, i, j, *_term(term)))
    for j, term in enumerate(record.terms):
        rows["terms"].append((n, part, None, j, *_term(term)))
    return rows


def _event_row(n: int, part: int, i: int, event: Event) -> Row:
    return (
        n,
        part,
        i,
        event.type.value,
        list(event.actor),
        event.agent,
        list(event.target),
        list(event.mediators),
        event.modality.value,
        event.polarity,
        event.action,
        event.date,
        event.date_precision,
        event.location,
        event.trigger,
        *_evidence(event.evidence),
    )


def records_from_rows(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[ExtractionRecord]:
    """The records the rows of the record tables hold (rows as mappings of column to value),
    ordered by ``n``: the inverse of :func:`record_rows`."""
    by_n: dict[str, dict[int, list[Mapping[str, Any]]]] = {}
    for table in RECORD_TABLES[1:]:
        grouped: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
        for row in tables.get(table, ()):
            grouped[row["n"]].append(row)
        by_n[table] = grouped
    records = []
    for article in sorted(tables["articles"], key=lambda row: row["n"]):
        n = article["n"]
        records.append(_record(article, {table: by_n[table].get(n, []) for table in by_n}))
    return records


def _record(
    article: Mapping[str, Any], rows: Mapping[str, list[Mapping[str, Any]]]
) -> ExtractionRecord:
    claims = {row["event_index"]: row for row in rows["claims"]}
    event_terms: dict[int | None, list[Mapping[str, Any]]] = defaultdict(list)
    for row in sorted(rows["terms"], key=lambda row: row["term_index"]):
        event_terms[row["event_index"]].append(row)
    events = [
        {
            **_fields(row, ("n", "part", "event_index", *_EVIDENCE_NAMES)),
            "evidence": _evidence_of(row),
            "claim": _claim(claims[row["event_index"]]),
            "terms": [_term_of(t) for t in event_terms.get(row["event_index"], [])],
        }
        for row in sorted(rows["events"], key=lambda row: row["event_index"])
    ]
    return ExtractionRecord.model_validate(
        {
            "article": _fields(article, ("n", "part")),
            "actors": [
                _fields(row, ("n", "part", "actor_index"))
                for row in sorted(rows["actors"], key=lambda row: row["actor_index"])
            ],
            "events": events,
            "terms": [_term_of(t) for t in event_terms.get(None, [])],
        }
    )


_EVIDENCE_NAMES = tuple(name for name, _ in _EVIDENCE)


def _fields(row: Mapping[str, Any], leave_out: tuple[str, ...]) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name not in leave_out}


def _evidence_of(row: Mapping[str, Any]) -> dict[str, Any] | None:
    if row["evidence_start"] is None:
        return None
    return {
        "start": row["evidence_start"],
        "end": row["evidence_end"],
        "text": row["evidence_text"],
    }


def _claim(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **_fields(row, ("n", "part", "event_index", *_EVIDENCE_NAMES)),
        "evidence": _evidence_of(row),
    }


def _term_of(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **_fields(row, ("n", "part", "event_index", "term_index", "value", *_EVIDENCE_NAMES)),
        "value": json.loads(row["value"]),
        "evidence": _evidence_of(row),
    }
