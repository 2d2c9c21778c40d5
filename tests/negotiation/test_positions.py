"""Positions: one point per party, issue and story event, with the stance its modality allows."""

from __future__ import annotations

import datetime as dt

from truceline.negotiation.positions import derive_positions
from truceline.negotiation.proposals import derive_proposals
from truceline.record import PositionPoint, Term

PHASE_TWO = Term(issue="phase", value=2)
PERMANENT = Term(issue="ceasefire_permanent", value=True)


def positions(stories, process):
    return derive_positions(stories, process)


def test_demand_gives_a_point_per_term_with_its_reports(story, gaza):
    demand = story("DEMAND", ["HAMAS"], "2025-03-01", terms=[PHASE_TWO, PERMANENT], reports=2)
    assert positions([demand], gaza) == [
        PositionPoint(
            process="gaza",
            party="HAMAS",
            issue=issue,
            stance="demand",
            value=value,
            date=dt.date(2025, 3, 1),
            story_event=demand.id,
            reports=demand.reports,
        )
        for issue, value in [("ceasefire_permanent", True), ("phase", 2)]
    ]


def test_side_member_speaks_for_its_party(story, gaza):
    pij = story("DEMAND", ["PIJ"], "2025-03-01", terms=[PHASE_TWO])
    assert [p.party for p in positions([pij], gaza)] == ["HAMAS"]


def test_proposing_what_ones_own_side_gives_is_an_offer(story, gaza):
    bodies = Term(issue="remains_returned", value=4, party="Hamas")
    offer = story("PROPOSE", ["HAMAS"], "2025-03-14", terms=[bodies])
    [point] = positions([offer], gaza)
    assert (point.stance, point.value) == ("offer", 4)


def test_negated_acceptance_is_a_rejection_point(story, gaza):
    refused = story("ACCEPT", ["HAMAS"], "2025-03-01", modality="negated", terms=[PHASE_TWO])
    assert [p.stance for p in positions([refused], gaza)] == ["reject"]


def test_an_acceptance_with_conditions_is_a_counter_point(story, gaza):
    # As the proposals table reads it: an answer that asks for more accepts nothing yet.
    said = ["The movement accepted the second phase with amendments on the timetable."]
    amended = story("ACCEPT", ["HAMAS"], "2025-03-13", terms=[PHASE_TWO], evidence=said)
    plain = story("ACCEPT", ["ISR"], "2025-03-13", terms=[PHASE_TWO], evidence=["Israel accepted."])
    assert [(p.party, p.stance) for p in positions([amended, plain], gaza)] == [
        ("HAMAS", "counter"),
        ("ISR", "accept"),
    ]


def test_hypothetical_acceptance_and_denied_demand_give_no_point(story, gaza):
    might = story("ACCEPT", ["ISR"], "2025-01-15", modality="possible", terms=[PHASE_TWO])
    denied = story("DEMAND", ["HAMAS"], "2025-01-15", modality="negated", terms=[PHASE_TWO])
    assert positions([might, denied], gaza) == []


def test_a_point_carries_only_what_its_own_reports_state(story, gaza):
    # "Qatar rejected the use of food as a weapon" must not read "Qatar rejects
    # a permanent ceasefire" because a proposal nearby had that term.
    plan = story("PROPOSE", ["USA"], "2025-03-01", terms=[PERMANENT])
    no = story("REJECT", ["QAT"], "2025-03-02")
    assert [(p.party, p.issue) for p in positions([plan, no], gaza)] == [
        ("USA", "ceasefire_permanent")
    ]


def test_outsiders_hold_no_position_in_the_process(story, gaza):
    eu = story("DEMAND", ["EU"], "2025-03-20", terms=[PERMANENT])
    assert positions([eu], gaza) == []


def test_mediators_keep_positions_of_their_own(story, gaza):
    usa = story(
        "DEMAND",
        ["USA"],
        "2025-02-10",
        terms=[Term(issue="hostages_released", value=None, qualifier="all")],
    )
    assert [(p.party, p.stance) for p in positions([usa], gaza)] == [("USA", "demand")]


def test_an_acceptance_with_its_own_offer_the_proposer_turned_down_is_a_counter(story, gaza):
    plan = story(
        "PROPOSE", ["USA"], "2025-06-02", evidence=["The envoy tabled a bridging proposal."]
    )
    yes = story("ACCEPT", ["HAMAS"], "2025-06-04", target=["USA"], terms=[PHASE_TWO])
    own = story(
        "PROPOSE", ["HAMAS"], "2025-06-05", evidence=["The group offered to free one soldier."]
    )
    dismissed = story("REJECT", ["USA"], "2025-06-05", target=["HAMAS"])
    stories = [plan, yes, own, dismissed]
    points = derive_positions(stories, gaza, derive_proposals(stories, gaza))
    assert [(p.party, p.issue, p.stance) for p in points] == [("HAMAS", "phase", "counter")]


def test_an_acceptance_no_offer_came_with_stays_an_acceptance(story, gaza):
    plan = story(
        "PROPOSE", ["USA"], "2025-06-02", evidence=["The envoy tabled a bridging proposal."]
    )
    yes = story("ACCEPT", ["HAMAS"], "2025-06-04", target=["USA"], terms=[PHASE_TWO])
    stories = [plan, yes]
    points = derive_positions(stories, gaza, derive_proposals(stories, gaza))
    assert [(p.party, p.issue, p.stance) for p in points] == [("HAMAS", "phase", "accept")]
