"""``truceline show`` after corrections: an event marked wrong says so, and a story id an
analyst saw (``accept-1``) still leads to its reports after a type change or a merge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truceline import api
from truceline.cli import app

REPORTS = Path(__file__).parent / "fixtures" / "corrections" / "reports.jsonl"


@pytest.fixture()
def db(tmp_path: Path, extractor) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert all(
        isinstance(o, api.IngestOutcome) for o in api.ingest([REPORTS], db=url, extractor=extractor)
    )
    return url


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def said(result) -> str:
    return " ".join(result.output.split())


def test_show_of_a_reported_event_marked_wrong_says_by_whom_when_and_why(db):
    note = "a shooting, not a release"
    assert run("correct", "wrong", "5", "--by", "bo", "--note", note, "--db", db).exit_code == 0
    shown = run("show", "5", "--db", db)
    assert shown.exit_code == 0
    assert "marked wrong by bo on " in said(shown) and f"(#1): {note}" in said(shown)
    (report,) = json.loads(run("show", "5", "--db", db, "--json").output)["reports"]
    assert [(n["kind"], n["author"], n["note"]) for n in report["corrections"]] == [
        ("wrong", "bo", note)
    ]


def test_show_of_a_story_id_marked_wrong_says_it_is_in_the_record_no_more(db):
    assert run("correct", "wrong", "release-5", "--by", "bo", "--db", db).exit_code == 0
    shown = run("show", "release-5", "--db", db)
    assert shown.exit_code == 0, shown.output
    assert said(shown).startswith("release-5 is in the record no more marked wrong by bo on ")
    assert run("show", "release-99", "--db", db).exit_code != 0  # an id that never was


def test_a_story_id_corrected_to_another_type_leads_to_its_new_id(db):
    # A story id is its type and its first report: accept-1 corrected to REJECT is reject-1.
    assert run(
        "correct", "event", "accept-1", "--type", "REJECT", "--by", "ana", "--db", db
    ).exit_code == 0  # fmt: skip
    shown = run("show", "accept-1", "--db", db)
    assert shown.exit_code == 0, shown.output
    assert said(shown).startswith("accept-1 is now reject-1 corrected by ana on ")
    assert (
        json.loads(run("show", "accept-1", "--db", db, "--json").output)["story_event"]["id"]
        == "reject-1"
    )
    assert "is now" not in run("show", "reject-1", "--db", db).output
    # Later corrections may name it by the id the analyst saw.
    again = run("correct", "event", "accept-1", "--modality", "future", "--by", "ana", "--db", db)
    assert again.exit_code == 0, again.output
    (story,) = [
        e for e in json.loads(run("timeline", "--db", db, "--json").output)["events"]
        if e["id"] == "reject-1"
    ]  # fmt: skip
    assert story["modality"] == "future"


def test_a_story_merged_into_another_is_found_by_its_old_id(db):
    assert (
        run("correct", "merge", "propose-2", "propose-8", "--by", "bo", "--db", db).exit_code == 0
    )
    shown = run("show", "propose-8", "--db", db)
    assert shown.exit_code == 0 and said(shown).startswith("propose-8 is now propose-2 ")
