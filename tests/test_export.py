"""Exports: flat CSV, JSON lines and PLOVER-style records of story and reported events."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from truceline.export import (
    Citation,
    Export,
    ExportFormat,
    code_event,
    codebook,
    terms_cell,
    write_export,
)
from truceline.record import (
    Claim,
    Corroboration,
    Event,
    EventType,
    Evidence,
    Modality,
    ReportedEvent,
    StoryEvent,
    Term,
)

RELEASE = StoryEvent(
    id="se-1",
    type=EventType.RELEASE,
    actor=["HAMAS"],
    target=["ISR"],
    terms=[
        Term(issue="hostages_released", value=3, party="HAMAS"),
        Term(issue="prisoners_released", value=None, qualifier="hundreds"),
    ],
    date=date(2025, 2, 15),
    date_precision="day",
    location="Khan Younis",
    first_reported=date(2025, 2, 15),
    last_reported=date(2025, 2, 16),
    reports=[4, 5],
    outlets=["Levant Wire", "Gulf Daily"],
    corroboration=Corroboration(
        reports=2, outlets=2, named_sources=1, anonymous_sources=1, unattributed=0
    ),
    process="gaza",
    evidence=["Hamas freed three hostages", "three captives were handed over"],
)
TALKS = StoryEvent(
    id="se-2",
    type=EventType.MEET,
    actor=["ISR", "HAMAS"],
    mediators=["QAT"],
    modality=Modality.FUTURE,
    reports=[6],
    corroboration=Corroboration(
        reports=1, outlets=1, named_sources=0, anonymous_sources=0, unattributed=1
    ),
    first_reported=date(2025, 3, 1),
)
REPORTED = ReportedEvent(
    id=4,
    article_id=40,
    outlet="Levant Wire",
    published=date(2025, 2, 16),
    event=Event(
        type=EventType.REJECT,
        actor=["HAMAS"],
        terms=[Term(issue="extension_days", value=42)],
        claim=Claim(source_text="two Egyptian sources", source_actor="EGY", anonymous=True),
        evidence=Evidence(start=10, end=24, text="Hamas rejected"),
    ),
)


def cite(report: int, article: int, outlet: str, text: str, start: int) -> Citation:
    return Citation(
        report=report,
        article_id=article,
        url=f"https://news.example/{article}",
        headline=f"Headline {article}",
        outlet=outlet,
        published=date(2025, 2, 16),
        evidence_start=start,
        evidence_end=start + len(text),
        evidence=text,
    )


CITATIONS = {
    4: cite(4, 40, "Levant Wire", "Hamas rejected", 10),
    5: cite(5, 50, "Gulf Daily", "three captives were handed over", 120),
    6: cite(6, 60, "Gulf Daily", "will meet in Doha", 7),
}


def export(items, fmt, reports=False) -> str:
    out = io.StringIO()
    write_export(Export(items, CITATIONS, reports=reports), ExportFormat(fmt), out)
    return out.getvalue()


def test_every_event_type_has_a_mapping_entry():
    assert set(codebook().types) == set(EventType)


@pytest.mark.parametrize(
    ("type_", "plover", "mode", "cameo"),
    [
        (EventType.RELEASE, "RETREAT", "release", "0841"),
        (EventType.MEDIATE, "CONSULT", "third-party", "045"),
        (EventType.MEET, "CONSULT", None, "046"),
        (EventType.AGREE, "SUPPORT", None, "057"),
        (EventType.CEASEFIRE, "RETREAT", "ceasefire", "0871"),
        (EventType.ASSESS, None, None, None),
    ],
)
def test_types_map_to_plover_and_cameo(type_, plover, mode, cameo):
    code = code_event(type_)
    assert (code.plover, code.mode, code.cameo) == (plover, mode, cameo)


def test_a_demand_for_releases_is_cameo_1053_with_mode_yield():
    code = code_event(EventType.DEMAND, terms=[Term(issue="hostages_released", value=10)])
    assert (code.plover, code.mode, code.cameo) == ("DEMAND", "yield", "1053")


def test_a_collapsing_ceasefire_has_no_code():
    code = code_event(EventType.CEASEFIRE, action="collapse")
    assert (code.plover, code.mode, code.cameo) == (None, None, None)


def test_a_meeting_with_mediators_is_a_third_party_consultation():
    assert code_event(EventType.MEET, mediators=["QAT"]).mode == "third-party"


def test_assessments_take_the_comment_code_of_their_polarity():
    assert code_event(EventType.ASSESS, polarity="negative").cameo == "012"


def test_terms_cell_joins_issue_value_pairs_and_keeps_qualifiers():
    assert terms_cell(RELEASE.terms) == "hostages_released=3;prisoners_released=hundreds"


def test_csv_has_flat_columns_one_row_per_story_event_and_report_behind_it():
    rows = list(csv.DictReader(io.StringIO(export([RELEASE, TALKS], "csv"))))
    assert [(r["id"], r["report"]) for r in rows] == [("se-1", "4"), ("se-1", "5"), ("se-2", "6")]
    first = rows[0]
    assert first["terms"] == "hostages_released=3;prisoners_released=hundreds"
    assert first["outlets"] == "Levant Wire;Gulf Daily"
    assert (first["anonymous_sources"], first["plover"], first["cameo"]) == ("1", "RETREAT", "0841")
    assert rows[2]["date"] == ""


def test_csv_of_nothing_is_just_the_header():
    assert export([], "csv").splitlines() == [export([RELEASE], "csv").splitlines()[0]]


PROVENANCE = [
    "url",
    "headline",
    "outlet",
    "published",
    "evidence_start",
    "evidence_end",
    "evidence",
]


def test_every_csv_row_of_a_story_event_cites_its_report():
    rows = list(csv.DictReader(io.StringIO(export([RELEASE, TALKS], "csv"))))
    assert [[r[c] for c in PROVENANCE] for r in rows] == [
        ["https://news.example/40", "Headline 40", "Levant Wire", "2025-02-16", "10", "24", "Hamas rejected"],
        ["https://news.example/50", "Headline 50", "Gulf Daily", "2025-02-16", "120", "151", "three captives were handed over"],
        ["https://news.example/60", "Headline 60", "Gulf Daily", "2025-02-16", "7", "24", "will meet in Doha"],
    ]  # fmt: skip


def test_a_story_event_whose_report_is_gone_keeps_its_row_without_a_citation():
    lost = RELEASE.model_copy(update={"reports": [99]})
    (row,) = csv.DictReader(io.StringIO(export([lost], "csv")))
    assert (row["id"], row["report"], row["url"], row["evidence"]) == ("se-1", "99", "", "")


def test_every_csv_row_of_a_reported_event_cites_its_article():
    (row,) = csv.DictReader(io.StringIO(export([REPORTED], "csv", reports=True)))
    assert [row[c] for c in PROVENANCE] == [
        "https://news.example/40", "Headline 40", "Levant Wire", "2025-02-16", "10", "24", "Hamas rejected",
    ]  # fmt: skip


def test_jsonl_of_a_story_event_lists_the_citation_of_each_report():
    first = json.loads(export([RELEASE], "jsonl"))
    assert [c["url"] for c in first["citations"]] == [
        "https://news.example/40",
        "https://news.example/50",
    ]
    assert first["citations"][1]["evidence_start"] == 120


def test_jsonl_of_a_reported_event_carries_its_citation():
    record = json.loads(export([REPORTED], "jsonl", reports=True))
    assert record["citation"] == CITATIONS[4].model_dump(mode="json")


def test_plover_story_record_cites_every_report():
    record = json.loads(export([RELEASE], "plover"))
    assert record["cite_info"] == [CITATIONS[i].model_dump(mode="json") for i in (4, 5)]


def test_parquet_has_the_csv_rows_with_typed_columns(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    with path.open("wb") as out:
        write_export(Export([RELEASE, TALKS], CITATIONS), ExportFormat.parquet, out)
    table = pq.read_table(path)
    assert table.num_rows == 3
    assert table.column("report").to_pylist() == [4, 5, 6]
    assert table.column("date").to_pylist() == [date(2025, 2, 15), date(2025, 2, 15), None]
    assert table.column("url").to_pylist()[0] == "https://news.example/40"
    csv_header = export([], "csv").strip().split(",")
    assert table.column_names == csv_header


def test_csv_of_reported_events_carries_the_claim_and_evidence():
    (row,) = csv.DictReader(io.StringIO(export([REPORTED], "csv", reports=True)))
    assert (row["source_text"], row["anonymous"], row["evidence"]) == (
        "two Egyptian sources",
        "true",
        "Hamas rejected",
    )


def test_jsonl_is_the_full_model_one_object_per_line():
    lines = export([RELEASE, TALKS], "jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        del record["citations"]
    assert [StoryEvent.model_validate(r) for r in records] == [RELEASE, TALKS]


def test_plover_record_has_source_recipient_event_mode_and_cameo():
    (line,) = export([RELEASE], "plover").splitlines()
    record = json.loads(line)
    assert {k: record[k] for k in ("id", "date", "source", "recipient", "event", "mode")} == {
        "id": "se-1",
        "date": "2025-02-15",
        "source": [{"code": "HAMAS"}],
        "recipient": [{"code": "ISR"}],
        "event": ["RETREAT"],
        "mode": "release",
    }
    assert (record["cameo"], record["event_loc"], record["context"]) == (
        "0841",
        {"name": "Khan Younis"},
        [],
    )
    assert record["event_text"] == RELEASE.evidence
    assert record["truceline"]["corroboration"]["outlets"] == 2


def test_plover_context_carries_modality_and_date_falls_back_to_first_report():
    record = json.loads(export([TALKS], "plover"))
    assert (record["context"], record["date"], record["mode"]) == (
        ["future"],
        "2025-03-01",
        "third-party",
    )


def test_plover_record_of_unmapped_type_says_it_has_no_event():
    assess = TALKS.model_copy(update={"type": EventType.ASSESS, "mediators": []})
    record = json.loads(export([assess], "plover"))
    assert (record["event"], record["has_event"], record["cameo"]) == ([], False, None)


def test_plover_record_of_a_reported_event_cites_its_outlet():
    record = json.loads(export([REPORTED], "plover", reports=True))
    assert record["id"] == "r4"
    assert record["cite_info"] == CITATIONS[4].model_dump(mode="json")
    assert (record["event"], record["mode"], record["event_text"]) == (
        ["REJECT"],
        None,
        ["Hamas rejected"],
    )
