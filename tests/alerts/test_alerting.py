"""Which changes a rule picks: process, actors, kinds, corroboration, a position that moved."""

from __future__ import annotations

import datetime as dt

from truceline.alerts import Rule
from truceline.alerts.alerting import moved_positions, picks
from truceline.record import PositionPoint
from truceline.record.derived import Change, DerivedRecord
from truceline.record.negotiation import Negotiation

RELEASE = Change(
    key="release:s1:hostages_released:2025-02-25:4",
    kind="release",
    process="gaza",
    text="HAMAS: 4 hostages released",
    actors=["HAMAS"],
    outlets=2,
)


def rule(**given) -> Rule:
    return Rule(name="r", to=["stdout"], **given)


def test_a_rule_without_filters_picks_every_change():
    assert picks(rule(), RELEASE, set())


def test_process_actors_kinds_and_outlets_each_narrow_a_rule():
    assert picks(rule(process="gaza", actors=["ISR", "HAMAS"], kinds=["release"]), RELEASE, set())
    assert not picks(rule(process="sudan"), RELEASE, set())
    assert not picks(rule(actors=["ISR"]), RELEASE, set())
    assert not picks(rule(kinds=["agreement", "contradiction"]), RELEASE, set())
    assert picks(rule(min_outlets=2), RELEASE, set())
    assert not picks(rule(min_outlets=3), RELEASE, set())


def point(stance: str, value: int | None, day: int, story: str) -> PositionPoint:
    return PositionPoint(
        process="gaza",
        party="HAMAS",
        issue="ceasefire_days",
        stance=stance,
        value=value,
        date=dt.date(2025, 3, day),
        story_event=story,
    )


def test_a_position_moved_when_the_party_stated_another_stance_before():
    record = DerivedRecord(
        negotiation=Negotiation(
            positions=[
                point("demand", 90, 10, "s3"),
                point("demand", 42, 1, "s1"),
                point("demand", 42, 5, "s2"),
            ]
        )
    )
    assert moved_positions(record) == {"position:gaza:HAMAS:ceasefire_days:s3"}
    moved = Change(
        key="position:gaza:HAMAS:ceasefire_days:s3", kind="position", text="", actors=["HAMAS"]
    )
    first = moved.model_copy(update={"key": "position:gaza:HAMAS:ceasefire_days:s1"})
    wanted = moved_positions(record)
    assert picks(rule(kinds=["position_moved"]), moved, wanted)
    assert not picks(rule(kinds=["position_moved"]), first, wanted)
    assert picks(rule(kinds=["position"]), first, wanted)
