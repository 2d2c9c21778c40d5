"""A record spread over the batch tables comes back whole: every field, every kind of term value.

Written as Parquet and read back with pyarrow, as `truceline batch ingest` reads a run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from truceline.batch.tables import (
    COLUMNS,
    RECORD_TABLES,
    arrow_schema,
    record_rows,
    records_from_rows,
)
from truceline.record import ExtractionRecord

TEXT = "Hamas freed 3 hostages on Sunday, Qatar said. A 6-week truce holds."

RECORD = ExtractionRecord.model_validate(
    {
        "article": {
            "id": "r1",
            "url": "https://cedar-ledger.example/r1",
            "outlet": "Cedar Ledger",
            "title": "Hamas freed 3 hostages",
            "published": "2025-01-19",
            "published_precision": "month",
            "text": TEXT,
        },
        "actors": [
            {"id": "HAMAS", "name": "Hamas", "kind": "group", "mentions": ["Hamas"]},
            {"id": "QAT", "mentions": []},
        ],
        "events": [
            {
                "type": "RELEASE",
                "actor": ["HAMAS"],
                "target": [],
                "mediators": ["QAT"],
                "terms": [
                    {
                        "issue": "hostages_released",
                        "value": 3,
                        "unit": "people",
                        "party": "HAMAS",
                        "count_role": "batch",
                        "evidence": {"start": 12, "end": 13, "text": "3"},
                    },
                    {"issue": "ratio", "value": {"for": 30, "each": 1.5, "kind": "prisoners"}},
                    {"issue": "permanent", "value": False},
                    {"issue": "phase", "value": "first"},
                    {"issue": "unknown", "value": None},
                    {"issue": "days", "value": 42.0},
                ],
                "modality": "actual",
                "date": "2025-01-19",
                "date_precision": "day",
                "trigger": "freed",
                "claim": {
                    "source_actor": "QAT",
                    "source_text": "Qatar",
                    "verb": "said",
                    "source_count": 2,
                    "evidence": {"start": 34, "end": 39, "text": "Qatar"},
                },
                "evidence": {"start": 0, "end": 45, "text": TEXT[:45]},
            },
            {
                "type": "CEASEFIRE",
                "action": "start",
                "polarity": "negative",
                "evidence": {"start": 46, "end": 67, "text": TEXT[46:67]},
            },
        ],
        "terms": [{"issue": "duration_days", "value": 42, "qualifier": "about"}],
    }
)


def test_a_record_spread_over_the_tables_and_read_back_from_parquet_is_the_same(
    tmp_path: Path,
) -> None:
    RECORD.check_offsets(TEXT)
    rows = record_rows(7, 0, RECORD)
    tables = {}
    for name in RECORD_TABLES:
        names = [column for column, _ in COLUMNS[name]]
        table = pa.Table.from_pylist(
            [dict(zip(names, row, strict=True)) for row in rows[name]], schema=arrow_schema(name)
        )
        pq.write_table(table, tmp_path / f"{name}.parquet")
        tables[name] = pq.read_table(tmp_path / f"{name}.parquet").to_pylist()
    (back,) = records_from_rows(tables)
    assert back == RECORD
    assert isinstance(back.events[0].terms[1].value["each"], float)
    assert back.events[0].terms[5].value == 42.0 and isinstance(
        back.events[0].terms[5].value, float
    )
    assert back.article.published == dt.date(2025, 1, 19)


def test_each_event_has_one_claim_row_and_article_terms_have_no_event() -> None:
    rows = record_rows(7, 3, RECORD)
    assert [row[2] for row in rows["claims"]] == [0, 1]
    article_terms = [row for row in rows["terms"] if row[2] is None]
    assert [row[4] for row in article_terms] == ["duration_days"]
    assert {row[1] for table in rows.values() for row in table} == {3}
