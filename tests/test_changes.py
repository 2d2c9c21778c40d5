"""truceline.changes: what a later record knows that an earlier one did not (hand-built records)."""

from __future__ import annotations

import datetime as dt

from truceline.changes import changes
from truceline.record import (
    Agreement,
    Contradiction,
    Corroboration,
    EventType,
    LedgerEntry,
    Negotiation,
    Phase,
    PositionPoint,
    Proposal,
    Reconciliation,
    Response,
    StoryEvent,
    Term,
)
from truceline.record.derived import DerivedRecord
from truceline.record.story import Account

D = dt.date


def story(sid: str, reports: list[int], outlets: int = 1) -> StoryEvent:
    kind = EventType(sid.split("-")[0].upper())
    return StoryEvent(
        id=sid,
        type=kind,
        reports=reports,
        corroboration=Corroboration(
            reports=len(reports),
            outlets=outlets,
            named_sources=0,
            anonymous_sources=0,
            unattributed=len(reports),
        ),
    )


def record(as_of: dt.date | None, stories=(), contradictions=(), **negotiation) -> DerivedRecord:
    return DerivedRecord(
        as_of=as_of,
        reconciliation=Reconciliation(
            story_events=list(stories), contradictions=list(contradictions)
        ),
        negotiation=Negotiation(**negotiation),
    )


PLAN = Proposal(
    id="proposal:propose-3",
    process="gaza",
    name="the Cairo plan",
    proposer=["EGY"],
    date=D(2025, 1, 5),
    terms=[Term(issue="ceasefire_duration", value=42, unit="days")],
    story_events=["propose-3"],
)
ACCEPTED = PLAN.model_copy(
    update={
        "responses": [
            Response(actor="HAMAS", stance="accept", date=D(2025, 1, 12), story_event="accept-9")
        ],
        "status": "accepted",
    }
)
DEAL = Agreement(
    id="agreement:agree-11",
    process="gaza",
    parties=["HAMAS", "ISR"],
    date=D(2025, 1, 15),
    phases=[Phase(number=1, start=D(2025, 1, 19), end=D(2025, 3, 1))],
    story_events=["agree-11"],
)


def test_a_new_proposal_is_one_change_with_its_reports_and_outlets() -> None:
    before = record(D(2025, 1, 1))
    after = record(D(2025, 1, 6), [story("propose-3", [3, 4], outlets=2)], proposals=[PLAN])
    found = changes(before, after)
    assert [(c.kind, c.key, c.reports, c.outlets, c.date) for c in found] == [
        ("proposal", "proposal:proposal:propose-3", [3, 4], 2, D(2025, 1, 5))
    ]
    assert found[0].text == "EGY tables the Cairo plan, a proposal: ceasefire_duration=42"
    assert found[0].actors == ["EGY"]


def test_a_response_and_the_status_it_moves_are_two_changes() -> None:
    before = record(D(2025, 1, 6), [story("propose-3", [3])], proposals=[PLAN])
    after = record(
        D(2025, 1, 13), [story("propose-3", [3]), story("accept-9", [9])], proposals=[ACCEPTED]
    )
    found = changes(before, after)
    assert [(c.kind, c.text, c.reports) for c in found] == [
        ("response", "HAMAS accepts the Cairo plan", [9]),
        ("status", "the Cairo plan is now accepted (was tabled)", [3, 9]),
    ]


def test_the_same_record_twice_has_no_changes() -> None:
    same = record(D(2025, 1, 20), [story("agree-11", [11])], agreements=[DEAL])
    assert changes(same, same.model_copy(update={"as_of": D(2025, 1, 20)})) == []


def test_an_agreement_reached_brings_its_phase_clock_newly_known() -> None:
    before = record(D(2025, 1, 10))
    after = record(D(2025, 1, 16), [story("agree-11", [11, 12], 2)], agreements=[DEAL])
    kinds = [(c.kind, c.date) for c in changes(before, after)]
    assert kinds == [
        ("agreement", D(2025, 1, 15)),
        ("phase_start", D(2025, 1, 19)),
        ("phase_end", D(2025, 3, 1)),
    ]


def test_a_known_phase_starts_when_its_start_falls_between_the_two_dates() -> None:
    before = record(D(2025, 1, 16), [story("agree-11", [11])], agreements=[DEAL])
    after = record(D(2025, 1, 25), [story("agree-11", [11])], agreements=[DEAL])
    found = changes(before, after)
    assert [(c.kind, c.text) for c in found] == [
        ("phase_start", "phase 1 of agreement:agree-11 starts on 2025-01-19")
    ]
    # The same records, compared without dates: nothing new.
    assert (
        changes(before.model_copy(update={"as_of": None}), after.model_copy(update={"as_of": None}))
        == []
    )


def test_a_release_is_a_change_and_a_recounted_one_says_what_it_was() -> None:
    entry = LedgerEntry(
        process="gaza",
        date=D(2025, 1, 19),
        releaser=["HAMAS"],
        kind="hostages_released",
        count=3,
        story_event="release-20",
        reports=[20],
    )
    before = record(D(2025, 1, 18))
    first = record(D(2025, 1, 19), [story("release-20", [20])], ledger=[entry])
    recount = record(
        D(2025, 1, 20),
        [story("release-20", [20, 21])],
        ledger=[entry.model_copy(update={"count": 4, "reports": [20, 21]})],
    )
    assert [c.text for c in changes(before, first)] == ["HAMAS: 3 hostages released, 2025-01-19"]
    found = changes(first, recount)
    assert [(c.text, c.reports) for c in found] == [
        ("HAMAS: 4 hostages released (was 3), 2025-01-19", [20, 21])
    ]


def test_a_new_contradiction_is_a_change_with_the_reports_of_both_accounts() -> None:
    dispute = Contradiction(
        id="term_value:release-20:hostages_released",
        kind="term_value",
        story_events=["release-20"],
        summary="hostages_released: 3 (A) vs 4 (B)",
        accounts=[Account(value=3, reports=[20]), Account(value=4, reports=[21])],
        date=D(2025, 1, 19),
        process="gaza",
    )
    before = record(D(2025, 1, 19))
    after = record(D(2025, 1, 20), contradictions=[dispute])
    [found] = changes(before, after)
    assert (found.kind, found.text, found.reports) == (
        "contradiction",
        "hostages_released: 3 (A) vs 4 (B)",
        [20, 21],
    )


def test_a_position_moves_when_the_latest_stance_or_value_of_its_track_changes() -> None:
    def point(day: int, stance: str, value, sid: str) -> PositionPoint:
        return PositionPoint(
            process="gaza",
            party="HAMAS",
            issue="ceasefire_duration",
            stance=stance,
            value=value,
            date=D(2025, 1, day),
            story_event=sid,
            reports=[day],
        )

    first = point(2, "reject", 42, "reject-2")
    same_again = point(4, "reject", 42, "reject-4")
    moved = point(9, "accept", 42, "accept-9")
    base = record(D(2025, 1, 3), positions=[first])
    assert changes(base, record(D(2025, 1, 5), positions=[first, same_again])) == []
    [found] = changes(base, record(D(2025, 1, 10), positions=[first, same_again, moved]))
    assert (found.kind, found.text, found.reports) == (
        "position",
        "HAMAS on ceasefire_duration: accept 42 (was reject 42)",
        [9],
    )


def test_changes_come_by_date_then_kind_with_undated_last() -> None:
    undated = PLAN.model_copy(update={"id": "proposal:propose-1", "date": None})
    after = record(
        D(2025, 1, 20),
        proposals=[undated, PLAN],
        agreements=[DEAL.model_copy(update={"phases": []})],
    )
    found = changes(record(D(2025, 1, 1)), after)
    assert [c.key for c in found] == [
        "proposal:proposal:propose-3",
        "agreement:agreement:agree-11",
        "proposal:proposal:propose-1",
    ]


def test_batches_of_one_story_on_several_days_are_each_their_own_release() -> None:
    def batch(day: int, count: int) -> LedgerEntry:
        return LedgerEntry(
            process="gaza",
            date=D(2023, 11, day),
            releaser=["HAMAS"],
            kind="hostages_released",
            count=count,
            story_event="release-13",
            reports=[13],
        )

    both = [batch(24, 25), batch(25, 17)]
    before = record(D(2023, 11, 26), [story("release-13", [13])], ledger=both)
    after = record(D(2023, 11, 28), [story("release-13", [13])], ledger=[*both, batch(27, 11)])
    assert [c.text for c in changes(before, after)] == ["HAMAS: 11 hostages released, 2023-11-27"]
