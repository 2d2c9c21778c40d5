"""Exports: flat CSV, JSON lines and PLOVER-style records of story and reported events."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from truceline.export import ExportFormat, code_event, codebook, terms_cell, write_export
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


def export(items, fmt, reports=False) -> str:
    out = io.StringIO()
    write_export(items, ExportFormat(fmt), out, reports=reports)
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


def test_csv_has_flat_columns_one_row_per_story_event():
    rows = list(csv.DictReader(io.StringIO(export([RELEASE, TALKS], "csv"))))
    assert [r["id"] for r in rows] == ["se-1", "se-2"]
    first = rows[0]
    assert first["terms"] == "hostages_released=3;prisoners_released=hundreds"
    assert first["outlets"] == "Levant Wire;Gulf Daily"
    assert (first["anonymous_sources"], first["plover"], first["cameo"]) == ("1", "RETREAT", "0841")
    assert rows[1]["date"] == ""


def test_csv_of_nothing_is_just_the_header():
    assert export([], "csv").splitlines() == [export([RELEASE], "csv").splitlines()[0]]


def test_csv_of_reported_events_carries_the_claim_and_evidence():
    (row,) = csv.DictReader(io.StringIO(export([REPORTED], "csv", reports=True)))
    assert (row["source_text"], row["anonymous"], row["evidence"]) == (
        "two Egyptian sources",
        "true",
        "Hamas rejected",
    )


def test_jsonl_is_the_full_model_one_object_per_line():
    lines = export([RELEASE, TALKS], "jsonl").splitlines()
    assert [StoryEvent.model_validate_json(line) for line in lines] == [RELEASE, TALKS]


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
    assert record["cite_info"] == {
        "article_id": 40,
        "outlet": "Levant Wire",
        "published": "2025-02-16",
    }
    assert (record["event"], record["mode"], record["event_text"]) == (
        ["REJECT"],
        None,
        ["Hamas rejected"],
    )
