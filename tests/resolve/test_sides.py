"""Reports that name the sides of one deal differently still tell one story.

Who a report names is compared as the sides of its process: a faction stands
for the party whose side it is on, a mediator taken for a party is left out,
and nothing is read across processes.
"""

from __future__ import annotations

import datetime as dt

from truceline.evaluation.reconciliation import reported_events
from truceline.negotiation import load_processes
from truceline.record import EventType, Process
from truceline.resolve import reconcile
from truceline.resolve.sides import SideMap

GAZA = Process(
    id="gaza",
    name="Gaza",
    parties=["ISR", "HAMAS"],
    sides={"ISR": ["ISR"], "HAMAS": ["HAMAS", "PIJ"]},
    mediators=["QAT", "EGY", "USA"],
)
LEBANON = Process(
    id="lebanon",
    name="Lebanon",
    parties=["ISR", "LBN"],
    sides={"ISR": ["ISR"], "LBN": ["LBN", "HEZBOLLAH"]},
    mediators=["USA", "FRA"],
)
SUDAN = Process(id="sudan", name="Sudan", parties=["SDN", "RSF"], mediators=["SAU", "USA"])
PROCESSES = [GAZA, LEBANON, SUDAN]


def groups(result) -> list[list[int]]:
    return sorted(sorted(story.reports) for story in result.story_events)


def test_a_deal_told_with_a_mediator_for_a_party_is_one_story(make):
    reports = [
        make(1, EventType.AGREE, actor=["ISR", "HAMAS"], date="2025-01-15"),
        make(2, EventType.AGREE, actor=["QAT", "HAMAS"], date="2025-01-15", outlet="Gulf Daily"),
        make(
            3,
            EventType.AGREE,
            actor=["HAMAS", "EGY", "ISR"],
            outlet="Nile Post",
            published="2025-01-16",
        ),
    ]
    assert groups(reconcile(reports, PROCESSES)) == [[1, 2, 3]]
    assert groups(reconcile(reports)) == [[1, 3], [2]]  # name by name it splits


def test_a_faction_on_a_partys_side_tells_that_partys_deal(make):
    reports = [
        make(1, EventType.AGREE, actor=["ISR", "HAMAS"], date="2025-01-15"),
        make(2, EventType.AGREE, actor=["PIJ", "ISR"], date="2025-01-16", outlet="Gaza Echo"),
    ]
    [story] = reconcile(reports, PROCESSES).story_events
    assert story.reports == [1, 2]
    assert story.corroboration.outlets == 2


def test_the_story_keeps_the_names_its_reports_give(make):
    reports = [
        make(1, EventType.AGREE, actor=["ISR", "HEZBOLLAH"], date="2024-11-26"),
        make(2, EventType.AGREE, actor=["LBN", "ISR"], date="2024-11-26", outlet="Beirut Star"),
    ]
    [story] = reconcile(reports, PROCESSES).story_events
    assert set(story.actor) == {"ISR", "HEZBOLLAH", "LBN"}


def test_deals_of_two_processes_stay_two_stories(make):
    reports = [
        make(1, EventType.AGREE, actor=["SDN", "RSF", "USA"], date="2025-01-15"),
        make(2, EventType.AGREE, actor=["ISR", "HAMAS", "USA"], date="2025-01-15"),
    ]
    assert groups(reconcile(reports, PROCESSES)) == [[1], [2]]


def test_deals_of_one_process_months_apart_stay_two_stories(make):
    reports = [
        make(1, EventType.AGREE, actor=["ISR", "HAMAS"], date="2025-01-15"),
        make(2, EventType.AGREE, actor=["QAT", "HAMAS"], date="2025-10-09"),
    ]
    assert groups(reconcile(reports, PROCESSES)) == [[1], [2]]


def test_a_mediation_keeps_its_mediator_as_the_doer(make):
    reports = [
        make(1, EventType.MEDIATE, actor=["QAT"], date="2025-01-15"),
        make(2, EventType.MEDIATE, actor=["EGY"], date="2025-01-15"),
    ]
    assert groups(reconcile(reports, PROCESSES)) == [[1], [2]]


def test_names_that_fit_two_processes_as_well_are_left_as_they_are():
    sides = SideMap.of(PROCESSES)
    assert sides.principals(frozenset({"ISR"})) == (frozenset({"ISR"}), frozenset())
    assert sides.principals(frozenset({"QAT", "EGY"})) == (frozenset({"QAT", "EGY"}), frozenset())
    assert sides.principals(frozenset({"QAT", "HAMAS"})) == (frozenset({"HAMAS"}), frozenset())
    assert sides.principals(frozenset({"HEZBOLLAH", "ISR"})) == (
        frozenset({"LBN", "ISR"}),
        frozenset(),
    )


def test_one_deal_told_by_three_outlets_in_their_own_words_is_one_story(extract):
    """End to end: three reports written here, each naming the sides its own way."""
    told = [
        (
            "Deal in Doha\nIsrael and Hamas reached a ceasefire deal on Wednesday, Qatar's prime "
            "minister said.",
            "2025-01-15",
            "Gulf Wire",
        ),
        (
            "Gaza deal\nHamas and Qatar struck a deal on Wednesday to halt the fighting in Gaza.",
            "2025-01-16",
            "Nile Post",
        ),
        (
            "Gaza deal\nIsrael and Islamic Jihad agreed on Wednesday to a truce in Gaza, the group "
            "said.",
            "2025-01-16",
            "Levant Daily",
        ),
    ]
    records = [
        extract(text, published=dt.date.fromisoformat(day), outlet=outlet)
        for text, day, outlet in told
    ]
    reported = reported_events(records)
    deals = [
        s for s in reconcile(reported, load_processes()).story_events if s.type == EventType.AGREE
    ]
    assert [sorted(s.outlets) for s in deals] == [["Gulf Wire", "Levant Daily", "Nile Post"]]
    assert deals[0].corroboration.outlets == 3
    by_name = [s for s in reconcile(reported).story_events if s.type == EventType.AGREE]
    assert len(by_name) == 3  # compared name by name, the one deal was three
