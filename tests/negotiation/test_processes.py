"""Processes: bundled data, user files merged by id, errors with file and line, assignment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from truceline.data.gazetteer import load_gazetteer
from truceline.negotiation import ProcessFileError, load_processes
from truceline.negotiation.processes import assign_processes, group_unassigned, when
from truceline.record import Term


def test_bundled_processes_name_only_gazetteer_actors():
    known = set(load_gazetteer().actors)
    for p in load_processes():
        named = {*p.parties, *p.mediators, *(a for side in p.sides.values() for a in side)}
        assert named <= known, p.id


def test_bundled_gaza_process_counts_pij_on_hamas_side():
    gaza = next(p for p in load_processes() if p.id == "gaza")
    assert gaza.parties == ["ISR", "HAMAS"]
    assert gaza.sides["HAMAS"] == ["HAMAS", "PIJ"]
    assert gaza.mediators == ["QAT", "EGY", "USA"]


def test_user_file_overrides_the_fields_it_gives(tmp_path: Path):
    f = tmp_path / "p.yaml"
    f.write_text("processes:\n  - id: gaza\n    mediators: [QAT, EGY]\n")
    gaza = next(p for p in load_processes([f]) if p.id == "gaza")
    assert gaza.mediators == ["QAT", "EGY"]
    assert gaza.parties == ["ISR", "HAMAS"]


def test_user_file_adds_a_new_process(tmp_path: Path):
    f = tmp_path / "p.yaml"
    f.write_text(
        "processes:\n  - id: yemen\n    name: Yemen detainees\n    parties: [YEM, HOUTHIS]\n"
    )
    ids = [p.id for p in load_processes([f])]
    assert ids[-1] == "yemen"
    assert "gaza" in ids


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "processes:\n  - id: gaza\n    parties: [ISR, HAMAS\n",
            "4: not valid YAML",
            id="invalid-yaml-at-its-line",
        ),
        pytest.param(
            "processes:\n  - id: gaza\n    mediator: [QAT]\n",
            "3: process gaza has unknown field 'mediator'",
            id="unknown-field-at-its-line",
        ),
        pytest.param(
            "processes:\n  - id: gaza\n    sides:\n      PIJ: [PIJ]\n",
            "3: process gaza has a side for PIJ",
            id="side-of-a-non-party-at-the-sides-line",
        ),
        pytest.param(
            "processes:\n  - name: nameless\n",
            "2: a process needs an 'id' string",
            id="entry-without-id",
        ),
        pytest.param(
            "processes:\n  - id: gaza\n  - id: yemen\n    name: Yemen\n",
            "3: new process yemen needs 'parties'",
            id="new-process-without-parties",
        ),
        pytest.param(
            "processes:\n  - id: gaza\n    releasers:\n      hostages: HAMAS\n",
            "3: process gaza has release kind 'hostages'",
            id="unknown-release-kind",
        ),
    ],
)
def test_corrupt_process_file_is_reported_with_file_and_line(tmp_path: Path, text, message):
    f = tmp_path / "processes.yaml"
    f.write_text(text)
    with pytest.raises(ProcessFileError, match=f"^{f}:{message}"):
        load_processes([f])


def test_unreadable_process_file_names_the_file(tmp_path: Path):
    missing = tmp_path / "missing.yaml"
    with pytest.raises(ProcessFileError, match=rf"^{missing}: cannot read process file"):
        load_processes([missing])


def test_event_goes_to_the_process_of_its_parties(story, processes):
    hezbollah = story("ACCEPT", ["HEZBOLLAH"], "2024-11-26", target=["ISR"])
    assert assign_processes([hezbollah], processes) == {hezbollah.id: "lebanon"}


def test_an_actor_on_a_side_places_the_event_in_that_process(story, processes):
    pij = story("ACCEPT", ["PIJ"], "2025-01-16")
    assert assign_processes([pij], processes) == {pij.id: "gaza"}


def test_term_party_places_an_actorless_release(story, processes):
    release = story(
        "RELEASE", [], "2025-01-19", terms=[Term(issue="hostages_released", value=3, party="Hamas")]
    )
    assert assign_processes([release], processes) == {release.id: "gaza"}


def test_tie_goes_to_the_process_active_around_the_event(story, processes):
    hamas = story("REJECT", ["HAMAS"], "2025-03-01")
    israel = story("PROPOSE", ["ISR"], "2025-03-05")  # fits Gaza and Lebanon alike
    assert assign_processes([hamas, israel], processes)[israel.id] == "gaza"


def test_event_naming_nobody_goes_to_the_only_active_process(story, processes):
    hamas = story("RELEASE", ["HAMAS"], "2025-02-01")
    nobody = story("CEASEFIRE", [], "2025-02-10", action="start")
    assert assign_processes([hamas, nobody], processes)[nobody.id] == "gaza"


def test_event_naming_nobody_far_from_any_activity_stays_unassigned(story, processes):
    hamas = story("RELEASE", ["HAMAS"], "2025-02-01")
    nobody = story("CEASEFIRE", [], "2025-06-01", action="start")
    assert nobody.id not in assign_processes([hamas, nobody], processes)


def test_event_of_unconfigured_actors_stays_unassigned(story, processes):
    colombia = story("MEET", ["COL", "ELN"], "2025-01-10")
    assert assign_processes([colombia], processes) == {}


def test_mediator_only_event_without_activity_stays_unassigned(story, processes):
    france = story("DEMAND", ["FRA"], "2025-03-20")  # mediates only in Lebanon, which is quiet
    assert assign_processes([france], processes) == {}


def test_an_event_with_an_actor_foreign_to_a_process_is_not_filed_under_it(story, processes):
    # Saudi Arabia mediates in Sudan; Iran has no part there.
    ties = story("AGREE", ["SAU", "IRN"], "2023-04-09")
    assert assign_processes([ties], processes) == {}


def test_events_outside_every_process_are_grouped_by_the_actors_acting_together(story, processes):
    truce = story("AGREE", ["THA", "KHM"], "2025-07-28")
    talks = story("MEET", ["KHM", "THA"], "2025-08-04")
    claim = story("VIOLATE", ["THA"], "2025-08-05")
    other = story("AGREE", ["ARM", "AZE"], "2025-08-08", mediators=["USA"])
    stories = [truce, talks, claim, other]
    placed = assign_processes(stories, processes)
    groups = group_unassigned(stories, placed, processes)
    assert [(g.id, g.parties) for g in groups] == [
        ("other:ARM-AZE", ["ARM", "AZE"]),
        ("other:KHM-THA", ["KHM", "THA"]),
    ]
    assert placed == {
        truce.id: "other:KHM-THA",
        talks.id: "other:KHM-THA",
        claim.id: "other:KHM-THA",
        other.id: "other:ARM-AZE",
    }


def test_a_tie_between_processes_goes_to_the_one_whose_sides_the_words_name(story, processes):
    # The United States mediates in Gaza and between Russia and Ukraine alike.
    offer = story(
        "PROPOSE",
        ["USA"],
        "2025-03-11",
        evidence=[
            "Washington proposed a 30-day truce, which Kyiv accepted and the Kremlin weighed."
        ],
    )
    assert assign_processes([offer], processes) == {offer.id: "russia-ukraine"}


def test_a_date_known_to_the_month_is_placed_when_it_was_reported_or_mid_month(story):
    reported = story("AGREE", ["YEM", "HOUTHIS"], "2023-03-01")
    reported.date_precision = "month"
    reported.first_reported = dt.date(2023, 3, 20)
    assert when(reported) == dt.date(2023, 3, 20)
    reported.first_reported = dt.date(2023, 4, 11)
    assert when(reported) == dt.date(2023, 3, 15)
