"""Reports that cannot all be right become explicit contradictions."""

from __future__ import annotations

from truceline.record import EventType
from truceline.resolve import reconcile


def test_counts_within_tolerance_are_one_story_and_a_term_value_contradiction(make):
    result = reconcile(
        [
            make(1, actor=["ISR"], date="2025-02-01", terms={"prisoners_released": 183}),
            make(
                2,
                actor=["ISR"],
                date="2025-02-01",
                terms={"prisoners_released": 183},
                outlet="Negev Standard",
            ),
            make(
                3,
                actor=["ISR"],
                date="2025-02-01",
                terms={"prisoners_released": 184},
                outlet="Al-Sahel Voice",
            ),
        ]
    )
    [story] = result.story_events
    [contradiction] = result.contradictions
    assert contradiction.id == "term_value-release-1-prisoners_released"
    assert (contradiction.kind, contradiction.issue, contradiction.story_events) == (
        "term_value",
        "prisoners_released",
        [story.id],
    )
    assert [(a.value, a.reports, a.outlets) for a in contradiction.accounts] == [
        (183, [1, 2], ["Tidewater Wire", "Negev Standard"]),
        (184, [3], ["Al-Sahel Voice"]),
    ]
    assert contradiction.summary == (
        "prisoners_released: 183 (Tidewater Wire, Negev Standard) vs 184 (Al-Sahel Voice)"
        " -- RELEASE by ISR on 2025-02-01"
    )


def test_an_actor_accepting_and_rejecting_one_proposal_is_a_contradiction(make):
    result = reconcile(
        [
            make(
                1,
                EventType.ACCEPT,
                actor=["HAMAS"],
                target=["EGY"],
                date="2025-03-29",
                outlet="Levantine Courier",
            ),
            make(
                2,
                EventType.REJECT,
                actor=["HAMAS"],
                target=["EGY"],
                date="2025-03-30",
                outlet="Negev Standard",
            ),
        ]
    )
    [contradiction] = result.contradictions
    assert contradiction.id == "accept_and_reject-accept-1-reject-2"
    assert [(a.value, a.reports) for a in contradiction.accounts] == [
        ("accept", [1]),
        ("reject", [2]),
    ]
    assert contradiction.summary == (
        "HAMAS said to accept EGY's proposal by Levantine Courier and to reject it by Negev Standard"
    )


def test_accepting_one_proposal_and_rejecting_another_is_no_contradiction(make):
    result = reconcile(
        [
            make(1, EventType.ACCEPT, actor=["HAMAS"], target=["EGY"], date="2025-03-29"),
            make(2, EventType.REJECT, actor=["HAMAS"], target=["USA"], date="2025-03-29"),
        ]
    )
    assert result.contradictions == []


def test_one_article_accepting_one_thing_and_rejecting_another_is_no_contradiction(make):
    result = reconcile(
        [
            make(
                1, EventType.ACCEPT, actor=["HAMAS"], target=["EGY"], date="2025-03-29", article=4
            ),
            make(
                2, EventType.REJECT, actor=["HAMAS"], target=["EGY"], date="2025-03-29", article=4
            ),
        ]
    )
    assert result.contradictions == []


def test_a_release_reported_and_denied_is_a_contradiction(make):
    result = reconcile(
        [
            make(
                1,
                actor=["ISR"],
                date="2025-03-11",
                terms={"prisoners_released": 4},
                outlet="Cedar Post",
            ),
            make(
                2, actor=["ISR"], date="2025-03-11", modality="negated", outlet="Dahiyeh Bulletin"
            ),
        ]
    )
    assert sorted(s.reports for s in result.story_events) == [[1], [2]]
    [contradiction] = result.contradictions
    assert (contradiction.kind, contradiction.story_events) == (
        "release_denied",
        ["release-1", "release-2"],
    )
    assert contradiction.summary == (
        "RELEASE by ISR on 2025-03-11 reported by Cedar Post and denied by Dahiyeh Bulletin"
    )


def test_a_denial_a_week_before_the_release_is_no_contradiction(make):
    result = reconcile(
        [
            make(1, actor=["ISR"], date="2025-03-11", published="2025-03-11"),
            make(2, actor=["ISR"], modality="negated", published="2025-03-04"),
        ]
    )
    assert result.contradictions == []


def test_contradiction_ids_are_stable_across_rebuilds(make):
    reports = [
        make(1, actor=["ISR"], date="2025-02-01", terms={"prisoners_released": 183}),
        make(2, actor=["ISR"], date="2025-02-01", terms={"prisoners_released": 184}),
        make(3, EventType.ACCEPT, actor=["HAMAS"], target=["EGY"], date="2025-03-29"),
        make(4, EventType.REJECT, actor=["HAMAS"], target=["EGY"], date="2025-03-29"),
    ]
    ids = [c.id for c in reconcile(reports).contradictions]
    assert ids == [c.id for c in reconcile(reports[::-1]).contradictions]
    assert ids == ["term_value-release-1-prisoners_released", "accept_and_reject-accept-3-reject-4"]


def _with_role(r, role: str):
    terms = [t.model_copy(update={"count_role": role}) for t in r.event.terms]
    return r.model_copy(update={"event": r.event.model_copy(update={"terms": terms})})


def test_a_part_of_a_batch_never_contradicts_the_batch(make):
    result = reconcile(
        [
            make(1, actor=["ISR"], date="2025-02-27", terms={"prisoners_released": 642}),
            _with_role(
                make(
                    2,
                    actor=["ISR"],
                    date="2025-02-27",
                    terms={"prisoners_released": 620},
                    outlet="Negev Standard",
                ),
                "part",
            ),
        ]
    )
    [story] = result.story_events
    assert result.contradictions == []
    assert [t.value for t in story.terms if t.issue == "prisoners_released"] == [642]


def test_two_totals_that_differ_contradict_as_totals(make):
    total = _with_role(
        make(1, actor=["ISR"], date="2025-03-01", terms={"prisoners_released": 1800}), "total"
    )
    other_total = _with_role(
        make(
            2,
            actor=["ISR"],
            date="2025-03-01",
            terms={"prisoners_released": 2000},
            outlet="Al-Sahel Voice",
        ),
        "total",
    )
    result = reconcile([total, other_total])
    [story] = result.story_events
    [contradiction] = result.contradictions
    assert contradiction.id == f"term_value-{story.id}-prisoners_released-total"
    assert contradiction.count_role == "total"
    assert sorted(a.value for a in contradiction.accounts) == [1800, 2000]
    assert contradiction.summary.startswith("prisoners_released (total): ")
