"""Agreements and phases: conclusion, amendments, the phase clock, collapse."""

from __future__ import annotations

import datetime as dt

from truceline.negotiation.agreements import derive_agreements
from truceline.negotiation.proposals import derive_proposals
from truceline.record import Phase, Term

PHASE_ONE = Term(issue="phase", value=1)


def test_actual_agree_makes_an_agreement_with_parties_and_mediators(story, gaza):
    deal = story("AGREE", ["ISR", "HAMAS"], "2025-01-15", mediators=["QAT", "EGY", "USA"])
    [a] = derive_agreements([deal], gaza)
    assert (a.id, a.date, a.parties, a.mediators, a.story_events) == (
        f"agreement:{deal.id}",
        dt.date(2025, 1, 15),
        ["ISR", "HAMAS"],
        ["EGY", "QAT", "USA"],
        [deal.id],
    )


def test_possible_agreement_is_no_agreement(story, gaza):
    hoped = story("AGREE", ["ISR", "HAMAS"], "2025-02-03", modality="possible")
    assert derive_agreements([hoped], gaza) == []


def test_what_the_announcement_says_will_happen_is_part_of_the_deal(story, gaza):
    deal = story("AGREE", ["ISR", "HAMAS"], "2025-01-15")
    hostages = Term(issue="hostages_released", value=33, party="Hamas")
    planned = story(
        "RELEASE", ["HAMAS"], "2025-01-15", modality="future", terms=[hostages, PHASE_ONE]
    )
    [a] = derive_agreements([deal, planned], gaza)
    assert a.terms == [hostages, PHASE_ONE]
    assert a.story_events == [deal.id, planned.id]


def test_later_arrangement_amends_the_agreement_in_force(story, gaza):
    deal = story(
        "AGREE", ["ISR", "HAMAS"], "2025-01-15", terms=[Term(issue="ceasefire_days", value=42)]
    )
    start = story("CEASEFIRE", ["ISR", "HAMAS"], "2025-01-19", action="start")
    arrangement = story(
        "AGREE", ["ISR", "HAMAS"], "2025-01-26", terms=[Term(issue="displaced_return", value=True)]
    )
    [a] = derive_agreements([deal, start, arrangement], gaza)
    assert a.story_events == [deal.id, arrangement.id]
    assert [t.issue for t in a.terms] == ["ceasefire_days", "displaced_return"]


def test_phase_clock_from_start_duration_and_days_left(story, gaza):
    deal = story(
        "AGREE",
        ["ISR", "HAMAS"],
        "2025-01-15",
        terms=[Term(issue="ceasefire_days", value=42), PHASE_ONE],
    )
    start = story("CEASEFIRE", ["ISR", "HAMAS"], "2025-01-19", action="start")
    [a] = derive_agreements([deal, start], gaza)
    [phase] = a.phases
    assert phase == Phase(
        number=1,
        start=dt.date(2025, 1, 19),
        end=dt.date(2025, 3, 2),
        duration_days=42,
        story_events=[start.id],
    )
    assert phase.days_left(dt.date(2025, 2, 15)) == 15
    assert phase.days_left(dt.date(2025, 3, 10)) == 0


def test_reported_end_beats_the_computed_one_and_most_reports_win(story, gaza):
    deal = story("AGREE", ["ISR", "HAMAS"], "2025-01-15")
    start = story("CEASEFIRE", [], "2025-01-19", action="start", reports=3)
    misdated = story("CEASEFIRE", [], "2025-01-12", action="start")  # before the deal: ignored
    stray = story("CEASEFIRE", [], "2025-01-20", action="start")
    end = story(
        "CEASEFIRE",
        [],
        "2025-03-01",
        action="end",
        terms=[PHASE_ONE, Term(issue="ceasefire_days", value=42)],
    )
    [a] = derive_agreements([deal, misdated, start, stray, end], gaza)
    [phase] = a.phases
    assert (phase.start, phase.end, phase.duration_days) == (
        dt.date(2025, 1, 19),
        dt.date(2025, 3, 1),
        42,
    )


def test_extension_adds_days_to_the_phase(story, processes):
    lebanon = next(p for p in processes if p.id == "lebanon")
    deal = story(
        "AGREE", ["ISR", "LBN"], "2024-11-26", terms=[Term(issue="ceasefire_days", value=60)]
    )
    start = story("CEASEFIRE", ["ISR", "LBN"], "2024-11-27", action="start")
    extend = story(
        "CEASEFIRE",
        ["ISR", "LBN"],
        "2025-01-26",
        action="extend",
        terms=[Term(issue="extension_days", value=22)],
    )
    [a] = derive_agreements([deal, start, extend], lebanon)
    assert (a.phases[0].extensions, a.phases[0].end) == ([22], dt.date(2025, 2, 17))


def test_phase_term_opens_the_next_phase(story, gaza):
    deal = story("AGREE", ["ISR", "HAMAS"], "2025-01-15")
    one = story("CEASEFIRE", [], "2025-01-19", action="start")
    end = story("CEASEFIRE", [], "2025-03-01", action="end", terms=[PHASE_ONE])
    two = story("CEASEFIRE", [], "2025-03-02", action="start", terms=[Term(issue="phase", value=2)])
    [a] = derive_agreements([deal, one, end, two], gaza)
    assert [(p.number, p.start, p.end) for p in a.phases] == [
        (1, dt.date(2025, 1, 19), dt.date(2025, 3, 1)),
        (2, dt.date(2025, 3, 2), None),
    ]


def test_collapse_ends_the_running_phase_and_the_agreement(story, gaza):
    deal = story(
        "AGREE", ["ISR", "HAMAS"], "2025-01-15", terms=[Term(issue="ceasefire_days", value=42)]
    )
    start = story("CEASEFIRE", [], "2025-01-19", action="start")
    collapse = story("CEASEFIRE", ["ISR", "HAMAS"], "2025-02-10", action="collapse")
    new_deal = story("AGREE", ["ISR", "HAMAS"], "2025-04-01")
    first, second = derive_agreements([deal, start, collapse, new_deal], gaza)
    assert first.phases[0].end == dt.date(2025, 2, 10)
    assert second.story_events == [new_deal.id]


def test_two_rounds_of_one_process_are_two_agreements_with_their_own_clocks(story, gaza):
    # A four-day truce in one year, a phased deal in another: never one agreement.
    truce = story(
        "AGREE", ["ISR", "HAMAS"], "2023-11-22", terms=[Term(issue="ceasefire_days", value=4)]
    )
    truce_start = story("CEASEFIRE", ["ISR", "HAMAS"], "2023-11-24", action="start")
    deal = story(
        "AGREE", ["ISR", "HAMAS"], "2025-01-15", terms=[Term(issue="ceasefire_days", value=42)]
    )
    deal_start = story("CEASEFIRE", [], "2025-01-19", action="start")
    first, second = derive_agreements([deal_start, deal, truce_start, truce], gaza)
    assert (first.date, first.start, first.end) == (
        dt.date(2023, 11, 22),
        dt.date(2023, 11, 24),
        dt.date(2023, 11, 28),
    )
    assert (second.date, second.start, second.end) == (
        dt.date(2025, 1, 15),
        dt.date(2025, 1, 19),
        dt.date(2025, 3, 2),
    )
    assert second.story_events == [deal.id]


def test_a_deal_with_no_clock_is_not_amended_weeks_later(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    swap = story("AGREE", ["RUS", "UKR"], "2025-05-16")
    next_day = story("AGREE", ["RUS", "UKR"], "2025-05-17")
    second_swap = story("AGREE", ["RUS", "UKR"], "2025-06-02")
    first, second = derive_agreements([swap, next_day, second_swap], ukraine)
    assert first.story_events == [swap.id, next_day.id]
    assert second.story_events == [second_swap.id]


def test_a_ceasefire_declared_after_a_deal_ended_does_not_run_its_clock(story, gaza):
    deal = story(
        "AGREE", ["ISR", "HAMAS"], "2023-11-22", terms=[Term(issue="ceasefire_days", value=4)]
    )
    start = story("CEASEFIRE", ["ISR", "HAMAS"], "2023-11-24", action="start")
    declared = story("CEASEFIRE", ["ISR"], "2024-04-10", action="start")
    [a] = derive_agreements([deal, start, declared], gaza)
    assert [p.story_events for p in a.phases] == [[start.id]]


def test_a_unilateral_truce_rejected_by_the_other_side_is_no_agreement(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    declared = story(
        "CEASEFIRE",
        ["RUS"],
        "2025-05-08",
        action="start",
        terms=[Term(issue="ceasefire_days", value=3)],
    )
    rejected = story("REJECT", ["UKR"], "2025-05-08", target=["RUS"])
    assert derive_agreements([declared, rejected], ukraine) == []


def test_a_truce_two_sides_start_with_no_deal_in_force_is_a_deal(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    both = story("CEASEFIRE", ["RUS", "UKR"], "2025-04-20", action="start")
    [a] = derive_agreements([both], ukraine)
    assert (a.date, a.start, a.parties, a.scope) == (
        dt.date(2025, 4, 20),
        dt.date(2025, 4, 20),
        ["RUS", "UKR"],
        "bilateral",
    )


def test_mediators_agreeing_among_themselves_make_no_deal_of_the_process(story, gaza):
    assert derive_agreements([story("AGREE", ["QAT", "EGY"], "2025-06-01")], gaza) == []


def test_a_proposal_every_other_side_accepted_is_a_deal_linked_to_it(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    plan = story("PROPOSE", ["USA"], "2025-03-11", terms=[Term(issue="ceasefire_days", value=30)])
    kyiv = story("ACCEPT", ["UKR"], "2025-03-11", target=["USA"])
    moscow = story("ACCEPT", ["RUS"], "2025-03-18", target=["USA"])
    stories = [plan, kyiv, moscow]
    [proposal] = derive_proposals(stories, ukraine)
    [a] = derive_agreements(stories, ukraine, [proposal])
    assert (a.date, a.parties, a.mediators, a.from_proposal) == (
        dt.date(2025, 3, 18),
        ["RUS", "UKR"],
        ["USA"],
        proposal.id,
    )


def test_one_sides_truce_the_other_side_rejects_is_no_agreement(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    declared = story("AGREE", ["RUS"], "2025-05-05", terms=[Term(issue="ceasefire_days", value=3)])
    rejected = story("REJECT", ["UKR"], "2025-05-06", target=["RUS"])
    assert derive_agreements([declared, rejected], ukraine) == []
    [kept] = derive_agreements([declared], ukraine)
    assert kept.scope == "unilateral"


def test_one_side_agreeing_with_a_mediator_to_keep_working_is_no_deal(story, processes):
    keep_working = story("AGREE", ["HAMAS", "EGY"], "2025-04-26")
    assert derive_agreements([keep_working], next(p for p in processes if p.id == "gaza")) == []
    sudan = next(p for p in processes if p.id == "sudan")
    truce = story(
        "AGREE", ["SDN", "USA"], "2023-04-25", terms=[Term(issue="ceasefire_days", value=3)]
    )
    [a] = derive_agreements([truce], sudan)
    assert a.date == dt.date(2023, 4, 25)


def test_one_side_accepting_the_others_list_is_no_deal_of_its_own(story, gaza):
    names = story(
        "PROPOSE", ["ISR"], "2025-01-05", terms=[Term(issue="hostages_released", value=34)]
    )
    approved = story("ACCEPT", ["HAMAS"], "2025-01-05", target=["ISR"])
    deal = story("AGREE", ["ISR", "HAMAS"], "2025-01-15")
    stories = [names, approved, deal]
    [a] = derive_agreements(stories, gaza, derive_proposals(stories, gaza))
    assert (a.date, a.from_proposal) == (dt.date(2025, 1, 15), None)


def test_one_sides_holiday_truce_is_declared_by_it_and_accepted_by_the_other(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    declared = story(
        "AGREE",
        ["RUS"],
        "2025-04-19",
        terms=[Term(issue="ceasefire_days", value=2)],
        evidence=["Moscow announced an Easter truce along the whole front."],
    )
    accepted = story("ACCEPT", ["UKR"], "2025-04-20", target=["RUS"])
    [a] = derive_agreements([declared, accepted], ukraine)
    assert (a.kind, a.scope, a.purpose, a.declared_by, a.accepted_by, a.rejected_by) == (
        "declared",
        "unilateral",
        "holiday",
        ["RUS"],
        ["UKR"],
        [],
    )


def test_a_deal_of_both_sides_is_agreed_and_its_purpose_comes_from_its_words(story, gaza):
    deal = story(
        "AGREE",
        ["ISR", "HAMAS"],
        "2023-11-22",
        evidence=["The sides agreed a four-day humanitarian pause in the fighting."],
    )
    plain = story("AGREE", ["ISR", "HAMAS"], "2025-01-15", evidence=["A deal was reached."])
    [pause] = derive_agreements([deal], gaza)
    [general] = derive_agreements([plain], gaza)
    assert (pause.kind, pause.purpose, pause.declared_by) == (
        "agreed",
        "humanitarian",
        ["ISR", "HAMAS"],
    )
    assert general.purpose == "general"


def test_a_truce_on_energy_sites_has_the_energy_purpose(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    halt = story(
        "AGREE",
        ["RUS", "UKR"],
        "2025-03-25",
        evidence=["Both sides agreed to halt strikes on energy infrastructure for 30 days."],
    )
    [a] = derive_agreements([halt], ukraine)
    assert (a.kind, a.purpose) == ("agreed", "energy")


def test_a_deals_purpose_is_read_from_the_words_that_reach_it_not_from_later_news(story, gaza):
    deal = story("AGREE", ["ISR", "HAMAS"], "2025-01-15", evidence=["A deal was reached."])
    start = story(
        "CEASEFIRE", ["ISR", "HAMAS"], "2025-01-19", action="start", evidence=["It took effect."]
    )
    later = story(
        "AGREE",
        ["ISR", "HAMAS"],
        "2025-02-20",
        evidence=["The sides agreed to keep the truce through Ramadan."],
    )
    [a] = derive_agreements([deal, start, later], gaza)
    assert later.id in [*a.story_events, *(x for p in a.phases for x in p.story_events)]
    assert a.purpose == "general"


def test_an_agreement_reached_after_the_truce_ran_out_is_the_next_deal(story, processes):
    sudan = next(p for p in processes if p.id == "sudan")
    truce = story(
        "AGREE", ["SDN", "RSF"], "2023-04-24", terms=[Term(issue="ceasefire_days", value=3)]
    )
    start = story("CEASEFIRE", ["SDN", "RSF"], "2023-04-24", action="start")
    declaration = story("AGREE", ["SDN", "RSF"], "2023-05-04")
    first, second = derive_agreements([truce, start, declaration], sudan)
    assert (first.date, first.end) == (dt.date(2023, 4, 24), dt.date(2023, 4, 27))
    assert (second.date, second.story_events) == (dt.date(2023, 5, 4), [declaration.id])


def test_a_truce_agreed_with_no_actor_named_is_a_deal_of_the_process_parties(story, processes):
    sudan = next(p for p in processes if p.id == "sudan")
    agreed = story("AGREE", [], "2023-04-24", terms=[Term(issue="ceasefire_days", value=3)])
    [a] = derive_agreements([agreed], sudan)
    assert (a.date, a.parties) == (dt.date(2023, 4, 24), ["SDN", "RSF"])
    assert derive_agreements([story("AGREE", [], "2023-04-24")], sudan) == []


def test_the_truce_signed_in_a_month_told_again_later_is_that_months_deal(story, processes):
    lebanon = next(p for p in processes if p.id == "lebanon")
    deal = story("AGREE", ["ISR", "HEZBOLLAH"], "2024-11-26")
    told_again = story("AGREE", ["ISR", "HEZBOLLAH"], "2024-11-01")
    told_again.date_precision = "month"
    [a] = derive_agreements([told_again, deal], lebanon)
    assert (a.date, a.story_events) == (dt.date(2024, 11, 26), [deal.id, told_again.id])


def test_one_side_agreeing_before_a_named_mediator_on_no_terms_is_no_deal(story, gaza):
    said = story("AGREE", ["ISR"], "2025-08-20", mediators=["QAT"])
    assert derive_agreements([said], gaza) == []


def test_an_exchange_described_as_agreed_upon_before_makes_no_new_deal(story, gaza):
    described = story(
        "AGREE",
        ["ISR", "HAMAS"],
        "2025-04-08",
        evidence=[
            "Twelve detainees went home ahead of a wider exchange agreed upon by both sides."
        ],
    )
    assert derive_agreements([described], gaza) == []


def test_an_acceptance_told_as_given_before_closes_no_proposal_into_a_deal(story, processes):
    gaza = next(p for p in processes if p.id == "gaza")
    plan = story("PROPOSE", ["EGY", "QAT"], "2025-08-18")
    hamas = story("ACCEPT", ["HAMAS"], "2025-08-18", target=["EGY", "QAT"])
    israel = story(
        "ACCEPT",
        ["ISR"],
        "2025-08-18",
        evidence=["What Hamas accepted matches what Israel had already agreed to."],
    )
    stories = [plan, hamas, israel]
    proposals = derive_proposals(stories, gaza)
    assert derive_agreements(stories, gaza, proposals) == []


def test_an_agentless_agree_describing_the_prisoners_agreed_upon_makes_no_new_deal(story, gaza):
    deal = story(
        "AGREE", ["ISR", "HAMAS"], "2025-01-15", terms=[Term(issue="ceasefire_days", value=42)]
    )
    start = story("CEASEFIRE", ["ISR", "HAMAS"], "2025-01-19", action="start")
    described = story(
        "AGREE",
        [],
        "2025-03-10",
        terms=[Term(issue="prisoners_released", value=620)],
        evidence=[
            "A senior official said any further talks were conditional on the release "
            "of the 620 prisoners agreed upon."
        ],
    )
    [a] = derive_agreements([deal, start, described], gaza)
    assert a.id == f"agreement:{deal.id}"
    assert described.id not in a.story_events


def test_a_plan_both_sides_accepted_makes_no_deal_when_its_proposer_dismissed_the_answer(
    story, gaza
):
    plan = story("PROPOSE", ["USA"], "2025-06-02")
    hamas = story("ACCEPT", ["HAMAS"], "2025-06-03", target=["USA"])
    israel = story("ACCEPT", ["ISR"], "2025-06-04", target=["USA"])
    dismissed = story(
        "REJECT", ["USA"], "2025-06-04", evidence=["Washington rejected the response."]
    )
    stories = [plan, hamas, israel, dismissed]
    proposals = derive_proposals(stories, gaza)
    assert next(p for p in proposals if p.id == f"proposal:{plan.id}").status == "accepted"
    assert derive_agreements(stories, gaza, proposals) == []
