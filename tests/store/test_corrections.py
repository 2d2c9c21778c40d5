"""Corrections that survive: made once, applied at every rebuild, kept through re-extraction.

The two reports of tests/fixtures/corrections/reports.jsonl: North Courier has
Hamas accepting an Egyptian 30-day truce proposal (headline and body: one
story of two reports, ``accept-1``), the proposal itself, and Israel releasing
90 prisoners (``release-5``); South Ledger has Israel rejecting it
(``reject-6``) and the proposal again (``propose-8``), which matching keeps
apart from North Courier's ``propose-2``. Every test runs on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from truceline import api, corrections
from truceline.corrections import CorrectionError
from truceline.record import EventType
from truceline.store import Filters, Store

REPORTS = Path(__file__).parents[1] / "fixtures" / "corrections" / "reports.jsonl"
NORTH_URL = "https://north-courier.example/2025/03/04/talks"


@pytest.fixture
def filled(store: Store, extractor) -> Store:
    outcomes = list(api.ingest([REPORTS], db=store, extractor=extractor))
    assert all(isinstance(o, api.IngestOutcome) for o in outcomes), outcomes
    return store


def _stories(store: Store) -> dict[str, list[int]]:
    return {s.id: s.reports for s in store.story_events()}


def _story_of(store: Store, report: int):
    return next(s for s in store.story_events() if report in s.reports)


def _north(tmp_path: Path, text: str) -> Path:
    """North Courier's article again, with ``text``: a new version of the same URL."""
    first = json.loads(REPORTS.read_text(encoding="utf-8").splitlines()[0])
    first["text"] = text
    path = tmp_path / "north-again.jsonl"
    path.write_text(json.dumps(first) + "\n", encoding="utf-8")
    return path


def _north_text() -> str:
    return json.loads(REPORTS.read_text(encoding="utf-8").splitlines()[0])["text"]


def test_the_fixture_stories_are_as_the_tests_read_them(filled):
    assert _stories(filled) == {
        "accept-1": [1, 3],
        "propose-2": [2, 4],
        "release-5": [5],
        "reject-6": [6, 7],
        "propose-8": [8],
    }


def test_a_type_and_actor_correction_is_applied_at_rebuild_and_shown_with_its_author(filled):
    changes = corrections.parse_changes(type="reject", actors=["hamas"])
    made = corrections.correct_event(filled, "accept-1", changes, author="ana", note="a no")
    api.rebuild(filled)
    story = _story_of(filled, 1)
    assert (story.type, story.actor, story.reports) == (EventType.REJECT, ["HAMAS"], [1, 3])
    assert [(n.id, n.author, n.note) for n in story.corrections] == [(made.id, "ana", "a no")]
    assert story.corrections[0].line().startswith(f"corrected by ana on {made.created_at.date()}")
    assert not filled.story_events(Filters(type="ACCEPT"))


def test_a_correction_survives_every_later_rebuild_and_ingest(filled, extractor, tmp_path):
    changes = corrections.parse_changes(modality="future", date="2025-03-10")
    corrections.correct_event(filled, "5", changes, author="ana")
    other = tmp_path / "other.txt"
    other.write_text(
        "Talks stall\nQatar hosted talks between Israel and Hamas in Doha on Sunday.\n"
    )
    for _ in range(2):
        api.rebuild(filled)
    list(api.ingest([other], db=filled, extractor=extractor))
    story = _story_of(filled, 5)
    assert (story.modality.value, str(story.date)) == ("future", "2025-03-10")
    assert [n.author for n in story.corrections] == ["ana"]


def test_reingesting_the_same_article_keeps_the_correction(filled, extractor):
    corrections.mark_wrong(filled, "5", author="ana")
    outcomes = list(api.ingest([REPORTS], db=filled, extractor=extractor))
    assert {o.outcome.value for o in outcomes} == {"unchanged"}
    assert not filled.story_events(Filters(type="RELEASE"))
    assert [c.status for c in corrections.listed(filled)] == ["applied"]


def test_a_changed_article_whose_sentence_moved_keeps_the_correction(filled, extractor, tmp_path):
    corrections.correct_event(
        filled, "5", corrections.parse_changes(actors=["HAMAS"]), author="ana"
    )
    head, body = _north_text().split("\n", 1)
    moved = f"{head}\nMediators met in Cairo on Monday, diplomats said.\n{body}"
    outcomes = list(api.ingest([_north(tmp_path, moved)], db=filled, extractor=extractor))
    assert [o.outcome.value for o in outcomes] == ["updated"]
    release = filled.story_events(Filters(type="RELEASE"))
    assert len(release) == 1 and release[0].reports != [5]  # a new version: new event rows
    assert release[0].actor == ["HAMAS"] and release[0].corrections[0].author == "ana"
    assert [c.status for c in corrections.listed(filled)] == ["applied"]


def test_a_correction_whose_event_is_no_longer_extracted_is_kept_and_listed_as_orphaned(
    filled, extractor, tmp_path
):
    made = corrections.mark_wrong(filled, "5", author="ana", note="not a release")
    without = "\n".join(line for line in _north_text().splitlines() if "released" not in line)
    list(api.ingest([_north(tmp_path, without)], db=filled, extractor=extractor))
    (item,) = corrections.listed(filled)
    assert (item.correction.id, item.status) == (made.id, "orphaned")
    assert item.missing[0].article == NORTH_URL and "released 90" in item.missing[0].evidence
    assert "no longer extracted" in item.line()
    # Kept: a later version tells the release again, and the correction applies again.
    again = _north_text() + "\nTalks continue."
    list(api.ingest([_north(tmp_path, again)], db=filled, extractor=extractor))
    assert [c.status for c in corrections.listed(filled)] == ["applied"]
    assert not filled.story_events(Filters(type="RELEASE"))


def test_an_event_marked_wrong_leaves_every_story_and_the_ledger(filled):
    assert filled.ledger()
    corrections.mark_wrong(filled, "release-5", author="ana")
    api.rebuild(filled)
    assert "release-5" not in _stories(filled)
    assert filled.ledger() == []


def test_merged_stories_are_one_story_with_every_report(filled):
    made = corrections.merge_stories(filled, ["propose-2", "propose-8"], author="bo")
    api.rebuild(filled)
    proposals = filled.story_events(Filters(type="PROPOSE"))
    assert [(s.reports, s.corroboration.outlets) for s in proposals] == [([2, 4, 8], 2)]
    assert [n.id for n in proposals[0].corrections] == [made.id]


def test_a_split_report_is_a_story_of_its_own(filled):
    corrections.split_story(filled, "accept-1", 3, author="bo", note="two acceptances")
    api.rebuild(filled)
    accepts = sorted(s.reports for s in filled.story_events(Filters(type="ACCEPT")))
    assert accepts == [[1], [3]]
    assert _story_of(filled, 3).corrections[0].note == "two acceptances"


def test_a_split_after_a_merge_takes_the_report_out_again(filled):
    corrections.merge_stories(filled, ["propose-2", "propose-8"], author="bo")
    api.rebuild(filled)
    merged = filled.story_events(Filters(type="PROPOSE"))[0].id
    corrections.split_story(filled, merged, 8, author="bo")
    api.rebuild(filled)
    assert sorted(s.reports for s in filled.story_events(Filters(type="PROPOSE"))) == [
        [2, 4],
        [8],
    ]


def test_a_process_correction_files_the_story_under_that_process(filled):
    assert _story_of(filled, 6).process == "gaza"
    corrections.correct_event(
        filled, "reject-6", corrections.parse_changes(process="Lebanon"), author="ana"
    )
    api.rebuild(filled)
    assert _story_of(filled, 6).process == "lebanon"


def test_undo_restores_the_record_as_extracted_and_keeps_the_correction_listed(filled):
    before = _stories(filled)
    made = corrections.mark_wrong(filled, "accept-1", author="ana")
    api.rebuild(filled)
    assert "accept-1" not in _stories(filled)
    corrections.undo(filled, made.id)
    api.rebuild(filled)
    assert _stories(filled) == before
    assert [(c.correction.id, c.status) for c in corrections.listed(filled)] == [
        (made.id, "undone")
    ]
    with pytest.raises(CorrectionError, match="already undone"):
        corrections.undo(filled, made.id)
    with pytest.raises(CorrectionError, match="no correction #99"):
        corrections.undo(filled, 99)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"actors": ["HAMSA"]}, "actor 'HAMSA' is no actor .* did you mean HAMAS"),
        ({"type": "REFUSE"}, "event type 'REFUSE' is not one of PROPOSE"),
        ({"modality": "likely"}, "modality 'likely' is not one of actual"),
        ({"date": "10 March"}, "date '10 March' is not a date"),
        ({"process": "atlantis"}, "process 'atlantis' is no process .* gaza"),
        ({}, "nothing to correct"),
    ],
)
def test_a_bad_correction_is_refused_saying_what_is_wrong(filled, given, message):
    with pytest.raises(CorrectionError, match=message):
        corrections.correct_event(filled, "5", corrections.parse_changes(**given), author="ana")
    assert filled.corrections() == []


def test_unknown_events_stories_and_reports_are_refused(filled):
    with pytest.raises(CorrectionError, match="no reported event #999"):
        corrections.mark_wrong(filled, "999", author="ana")
    with pytest.raises(CorrectionError, match="no story event 'accept-99'"):
        corrections.mark_wrong(filled, "accept-99", author="ana")
    with pytest.raises(CorrectionError, match="report #5 is not behind story event accept-1"):
        corrections.split_story(filled, "accept-1", 5, author="ana")
    with pytest.raises(CorrectionError, match="two different story events"):
        corrections.merge_stories(filled, ["accept-1", "accept-1"], author="ana")
    with pytest.raises(CorrectionError, match="needs an author"):
        corrections.mark_wrong(filled, "5", author=" ")


def test_corrections_move_between_stores_by_export_and_import(filled, tmp_path, extractor):
    corrections.correct_event(
        filled, "accept-1", corrections.parse_changes(type="REJECT"), author="ana"
    )
    lines = list(corrections.export_lines(filled))
    with Store.open(f"sqlite:///{tmp_path / 'other.db'}", write=True) as other:
        list(api.ingest([REPORTS], db=other, extractor=extractor))
        (imported,) = corrections.import_lines(other, lines)
        api.rebuild(other)
        assert imported.author == "ana"
        assert _story_of(other, 1).type == EventType.REJECT
    with pytest.raises(CorrectionError, match="input:1: not a correction"):
        corrections.import_lines(filled, ['{"kind": "nonsense"}'])


def test_exports_carry_the_corrections(filled):
    import csv
    import io

    from truceline.export import write_export
    from truceline.formats import ExportFormat

    corrections.correct_event(
        filled, "accept-1", corrections.parse_changes(type="REJECT"), author="ana"
    )
    api.rebuild(filled)
    out = io.StringIO()
    write_export(api.export_events(filled), ExportFormat.jsonl, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    (corrected,) = [r for r in records if r["corrections"]]
    assert corrected["type"] == "REJECT" and corrected["corrections"][0]["author"] == "ana"
    out = io.StringIO()
    write_export(api.export_events(filled), ExportFormat.csv, out)
    rows = [r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["corrections"]]
    assert {r["report"] for r in rows} == {"1", "3"}
    assert rows[0]["corrections"].startswith("corrected by ana on ")
