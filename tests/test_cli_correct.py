"""``truceline correct``: the real CLI against a real store, as an analyst types it."""

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


def test_correct_event_changes_the_story_and_timeline_shows_who(db):
    done = run(
        "correct", "event", "accept-1", "--type", "REJECT", "--actors", "HAMAS",
        "--by", "ana", "--note", "a rejection", "--db", db,
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert done.output.startswith("#1 event: type REJECT; actor HAMAS (by ana on ")
    timeline = run("timeline", "--db", db, "--json")
    (story,) = [e for e in json.loads(timeline.output)["events"] if e["reports"] == [1, 3]]
    assert story["type"] == "REJECT" and story["corrections"][0]["author"] == "ana"
    shown = run("show", story["id"], "--db", db)
    assert "corrected by ana on " in shown.output and "a rejection" in shown.output


def test_correct_wrong_then_list_and_undo(db):
    assert run("correct", "wrong", "5", "--by", "bo", "--db", db).exit_code == 0
    listed = run("correct", "list", "--db", db)
    assert (
        listed.output.startswith("#1 wrong: marked wrong (by bo on ")
        and "[applied]" in listed.output
    )
    assert "release-5" not in run("timeline", "--db", db).output
    assert run("correct", "undo", "1", "--db", db).exit_code == 0
    assert "release-5" in run("timeline", "--db", db).output
    assert json.loads(run("correct", "list", "--db", db, "--json").output)[0]["status"] == "undone"


def test_correct_merge_and_split(db):
    merged = run("correct", "merge", "propose-2", "propose-8", "--by", "bo", "--db", db)
    assert merged.exit_code == 0 and "merged 3 reports" in merged.output
    split = run("correct", "split", "accept-1", "--report", "3", "--by", "bo", "--db", db)
    assert split.exit_code == 0, split.output
    events = json.loads(run("timeline", "--db", db, "--json").output)["events"]
    assert sorted(e["reports"] for e in events if e["type"] in ("PROPOSE", "ACCEPT")) == [
        [1], [2, 4, 8], [3],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["event", "5", "--actors", "HAMSA"], "did you mean HAMAS"),
        (["event", "5", "--type", "REFUSE"], "event type 'REFUSE' is not one of"),
        (["wrong", "accept-99"], "no story event 'accept-99'"),
        (["split", "accept-1", "--report", "5"], "report #5 is not behind story event accept-1"),
    ],
)
def test_a_bad_correction_is_a_usage_error_naming_the_problem(db, args, message):
    result = run("correct", *args, "--by", "ana", "--db", db)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert run("correct", "list", "--db", db).output.strip() == "No corrections."


def test_correct_needs_an_author():
    result = run("correct", "wrong", "5")
    assert result.exit_code == 2 and "--by" in result.output


def test_correct_export_then_import_into_another_store(db, tmp_path, extractor):
    run("correct", "event", "5", "--modality", "future", "--by", "ana", "--db", db)
    exported = tmp_path / "corrections.jsonl"
    assert run("correct", "export", "-o", str(exported), "--db", db).exit_code == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    list(api.ingest([REPORTS], db=other, extractor=extractor))
    done = run("correct", "import", str(exported), "--db", other)
    assert done.output.strip() == "imported 1 correction(s); record rebuilt"
    events = json.loads(run("timeline", "--db", other, "--json").output)["events"]
    (release,) = [e for e in events if e["type"] == "RELEASE"]
    assert release["modality"] == "future" and release["corrections"][0]["author"] == "ana"
