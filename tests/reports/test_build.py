"""Views built from story values: what each report decides to show."""

from __future__ import annotations

from datetime import date

from truceline.record import Agreement, Proposal, Response, Term
from truceline.record.summary import SUMMARY_ROUNDS
from truceline.reports.build import (
    answers_to,
    ledger_view,
    links_of,
    on_the_table,
    phase_clocks,
    position_tracks,
    summarize,
)

from .sample import (
    AGREEMENT,
    CONTRADICTION,
    GAZA,
    LEDGER,
    MEET,
    POSITIONS,
    PROPOSALS,
    REJECT,
    RELEASE,
    TOTALS,
    story_counts,
)


def test_on_the_table_lists_standing_proposals_newest_first():
    assert [p.id for p in on_the_table(PROPOSALS)] == ["p-counter", "p-witkoff"]


def test_phase_clock_counts_days_left_in_the_running_phase():
    first, second = phase_clocks([AGREEMENT], date(2025, 2, 20))
    assert (first.state, first.days_left, first.current) == ("running", 9, True)
    assert (second.state, second.days_left, second.current) == ("upcoming", None, False)


def test_phase_clock_after_the_end_shows_zero_days_and_ended():
    first, second = phase_clocks([AGREEMENT], date(2025, 3, 5))
    assert (first.state, first.days_left, first.current) == ("ended", 0, False)
    assert (second.state, second.current) == ("running", True)


def test_position_track_leads_with_the_latest_point_and_keeps_history():
    hamas, isr = position_tracks(POSITIONS)
    assert (hamas.party, hamas.issue, hamas.stance, hamas.value) == (
        "HAMAS",
        "hostages_released",
        "offer",
        10,
    )
    assert [p.value for p in hamas.history] == [5, 10]
    assert hamas.moved and not isr.moved


def test_ledger_counts_entries_with_disputed_counts():
    view = ledger_view(LEDGER, TOTALS)
    assert view.disputed == 1
    assert [e.kind for e in view.entries] == ["hostages_released", "prisoners_released"]


def test_summary_groups_by_process_and_counts_unassigned_events():
    summary = summarize(
        as_of=date(2025, 2, 20),
        processes=[GAZA],
        story_counts=story_counts([REJECT, RELEASE, MEET]),
        proposals=PROPOSALS,
        positions=POSITIONS,
        agreements=[AGREEMENT],
        ledger=LEDGER,
        totals=TOTALS,
        contradictions=[CONTRADICTION],
        counts={"articles": 3},
    )
    (gaza,) = summary.processes
    assert gaza.counts == {
        "story_events": 2,
        "reports": 3,
        "proposals": 3,
        "agreements": 1,
        "releases": 2,
        "contradictions": 1,
    }
    assert summary.unassigned_events == 1


def test_summary_json_has_a_stable_top_level_shape():
    summary = summarize(
        as_of=date(2025, 2, 20),
        processes=[GAZA],
        story_counts=story_counts([REJECT]),
        proposals=[],
        positions=[],
        agreements=[],
        ledger=[],
        totals=[],
        contradictions=[],
        counts={"articles": 1},
    )
    data = summary.model_dump(mode="json")
    assert list(data) == [
        "as_of",
        "counts",
        "processes",
        "unassigned_events",
        "unassigned_contradictions",
        "unassigned_contradictions_total",
    ]
    assert data["as_of"] == "2025-02-20"
    assert list(data["processes"][0]) == [
        "process",
        "on_the_table",
        "positions",
        "phases",
        "agreements",
        "rounds",
        "totals",
        "contradictions",
        "counts",
    ]


def test_summary_shows_the_most_recent_contradictions_and_counts_them_all():
    disputes = [
        CONTRADICTION.model_copy(update={"id": f"c-{n}", "date": date(2025, 2, n)})
        for n in range(1, 9)
    ]
    summary = summarize(
        as_of=date(2025, 2, 20),
        processes=[GAZA],
        story_counts=story_counts([REJECT]),
        proposals=[],
        positions=[],
        agreements=[],
        ledger=[],
        totals=[],
        contradictions=disputes,
        counts={"articles": 1},
    )
    (gaza,) = summary.processes
    assert [c.id for c in gaza.contradictions] == ["c-8", "c-7", "c-6", "c-5", "c-4"]
    assert gaza.counts["contradictions"] == 8


def test_summary_tracks_keep_their_latest_moves_and_count_every_point():
    hamas = POSITIONS[0]
    moves = [hamas.model_copy(update={"value": n, "date": date(2025, 1, n)}) for n in range(1, 8)]
    summary = summarize(
        as_of=date(2025, 2, 20),
        processes=[GAZA],
        story_counts=story_counts([REJECT]),
        proposals=[],
        positions=moves[2:],
        agreements=[],
        ledger=[],
        totals=[],
        contradictions=[],
        counts={"articles": 1},
        process_counts={"contradictions": {"gaza": 3}},
        track_points={("gaza", hamas.party, hamas.issue): 7},
    )
    (track,) = summary.processes[0].positions
    assert [p.value for p in track.history] == [3, 4, 5, 6, 7]
    assert (track.value, track.points) == (7, 7)
    assert summary.processes[0].counts["contradictions"] == 3


def test_links_say_which_proposal_a_story_answers_and_which_deal_concludes_it():
    plan = Proposal(
        id="proposal:p1",
        process="russia-ukraine",
        name="the Witkoff plan",
        proposer=["USA"],
        date=date(2025, 3, 11),
        terms=[Term(issue="ceasefire_days", value=30)],
        responses=[Response(actor="UKR", stance="accept", story_event="s2")],
        status="accepted",
        story_events=["s1"],
    )
    deal = Agreement(
        id="agreement:s3", process="russia-ukraine", date=date(2025, 3, 18), from_proposal=plan.id
    )
    (tabled,) = links_of("s1", [plan], [deal])
    (answered,) = links_of("s2", [plan], [deal])
    assert tabled.statement.startswith("tables the Witkoff plan (2025-03-11), whose terms are")
    assert answered.statement == (
        "UKR accepts the Witkoff plan (2025-03-11), whose terms are ceasefire_days=30; "
        "status accepted; concluded by agreement:s3"
    )
    assert answered.terms == plan.terms


def test_an_answer_stating_no_terms_is_shown_with_the_proposal_it_answers_and_its_terms():
    plan = Proposal(
        id="proposal:p1",
        process="gaza",
        name="the Witkoff plan",
        proposer=["USA"],
        date=date(2025, 3, 2),
        terms=[Term(issue="ceasefire_days", value=50)],
        responses=[
            Response(actor="ISR", stance="accept", date=date(2025, 3, 2), story_event="s2"),
            Response(actor="HAMAS", stance="reject", date=date(2025, 3, 4), story_event="s3"),
        ],
    )
    latest, _ = answers_to([plan])
    assert (latest.party, latest.proposal, latest.terms) == ("HAMAS", plan.id, plan.terms)
    assert latest.statement == (
        "HAMAS rejects the Witkoff plan (2025-03-02), whose terms are ceasefire_days=50"
    )
    assert [a.story_event for a in answers_to([plan], actor="ISR")] == ["s2"]


def test_summary_shows_the_latest_rounds_deals_and_totals_and_counts_every_deal():
    deals = [
        AGREEMENT.model_copy(update={"id": f"ag-{n}", "round": n, "date": date(2024, 1, n)})
        for n in range(1, SUMMARY_ROUNDS + 4)
    ]
    swaps = [
        TOTALS[0].model_copy(update={"round": deal.round, "released": deal.round}) for deal in deals
    ]
    summary = summarize(
        as_of=date(2025, 2, 20),
        processes=[GAZA],
        story_counts=story_counts([REJECT]),
        proposals=[],
        positions=[],
        agreements=deals,
        ledger=[],
        totals=[*swaps, TOTALS[1]],
        contradictions=[],
        counts={"articles": 1},
    )
    (gaza,) = summary.processes
    latest = list(range(4, SUMMARY_ROUNDS + 4))
    assert [a.round for a in gaza.agreements] == latest
    assert [r.number for r in gaza.rounds] == latest
    assert [t.round for t in gaza.totals] == [*latest, None]  # a total of no round always shows
    assert gaza.counts["agreements"] == SUMMARY_ROUNDS + 3
