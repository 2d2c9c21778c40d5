"""Proposals: tabling, names, what a counter answers, responses and status."""

from __future__ import annotations

import datetime as dt

from truceline.negotiation.agreements import derive_agreements
from truceline.negotiation.names import proposal_names
from truceline.negotiation.proposals import derive_proposals
from truceline.negotiation.rounds import derive_rounds
from truceline.record import Response, Term

EXTEND = Term(issue="extension_days", value=42)


def test_proposal_names_come_from_the_reports_words():
    texts = [
        "Israel adopts Witkoff plan as Hamas refuses",
        'Witkoff had presented a "bridge" proposal in Doha',
        "The Egyptian proposal was welcomed",
    ]
    assert proposal_names(texts) == [
        "the Witkoff plan",
        "the bridging proposal",
        "the Egyptian proposal",
    ]


def test_verbs_and_generic_phrases_are_not_names():
    assert (
        proposal_names(["Hamas offers to free four", "Israel plans to resume", "The new plan"])
        == []
    )


def test_propose_story_event_tables_a_named_proposal(story, gaza):
    plan = story(
        "PROPOSE", ["USA"], "2025-03-02", evidence=["Israel adopts Witkoff plan"], terms=[EXTEND]
    )
    [p] = derive_proposals([plan], gaza)
    assert (p.id, p.name, p.kind, p.proposer, p.date, p.terms, p.status) == (
        f"proposal:{plan.id}",
        "the Witkoff plan",
        "proposal",
        ["USA"],
        dt.date(2025, 3, 2),
        [EXTEND],
        "tabled",
    )


def test_future_and_negated_proposals_are_not_tabled(story, gaza):
    later = story("PROPOSE", ["USA"], "2025-03-02", modality="future")
    denied = story("PROPOSE", ["USA"], "2025-03-03", modality="negated")
    assert derive_proposals([later, denied], gaza) == []


def test_reports_of_one_proposer_days_apart_with_no_clash_are_one_proposal(story, gaza):
    first = story("PROPOSE", ["ISR"], "2025-02-27", modality="possible", terms=[EXTEND])
    again = story(
        "PROPOSE",
        ["ISR"],
        "2025-03-01",
        terms=[Term(issue="release_rate", value={"count": 3, "per": "week"})],
    )
    [p] = derive_proposals([first, again], gaza)
    assert p.story_events == [first.id, again.id]
    assert [t.issue for t in p.terms] == ["extension_days", "release_rate"]


def test_a_clashing_term_makes_a_new_proposal_that_supersedes_the_first(story, gaza):
    first = story("PROPOSE", ["ISR"], "2025-02-27", terms=[EXTEND])
    second = story("PROPOSE", ["ISR"], "2025-02-28", terms=[Term(issue="extension_days", value=60)])
    old, new = derive_proposals([first, second], gaza)
    assert (old.status, new.status) == ("superseded", "tabled")


def test_counter_answers_the_latest_proposal_of_the_other_side(story, gaza):
    israel = story("PROPOSE", ["ISR"], "2025-02-01")
    mediators = story("PROPOSE", ["QAT"], "2025-02-05")
    hamas_own = story("PROPOSE", ["HAMAS"], "2025-02-06")
    counter = story("COUNTER", ["HAMAS"], "2025-02-08")
    proposals = derive_proposals([israel, mediators, hamas_own, counter], gaza)
    answered = {p.id: p for p in proposals}[f"proposal:{mediators.id}"]
    assert proposals[-1].kind == "counter"
    assert proposals[-1].answers == answered.id
    assert answered.responses == [
        Response(actor="HAMAS", stance="counter", date=dt.date(2025, 2, 8), story_event=counter.id)
    ]
    assert answered.status == "superseded"


def test_response_answers_the_proposal_it_names(story, gaza):
    witkoff = story("PROPOSE", ["USA"], "2025-03-02", evidence=["the Witkoff plan"])
    bridge = story("PROPOSE", ["USA"], "2025-03-12", evidence=['a "bridge" proposal'])
    accept = story(
        "ACCEPT", ["ISR"], "2025-03-15", evidence=["Israel had accepted the Witkoff outline"]
    )
    first, second = derive_proposals([witkoff, bridge, accept], gaza)
    assert [r.story_event for r in first.responses] == [accept.id]
    assert second.responses == []


def test_response_to_its_target_beats_a_later_proposal_by_someone_else(story, gaza):
    usa = story("PROPOSE", ["USA"], "2025-03-02")
    egypt = story("PROPOSE", ["EGY"], "2025-03-03")
    accept = story("ACCEPT", ["ISR"], "2025-03-04", target=["USA"])
    first, _ = derive_proposals([usa, egypt, accept], gaza)
    assert [r.actor for r in first.responses] == ["ISR"]


def test_response_reported_the_same_day_before_the_proposal_still_finds_it(story, gaza):
    accept = story("ACCEPT", ["ISR"], "2025-03-02", id="a1")
    plan = story("PROPOSE", ["USA"], "2025-03-02", id="b2")
    [p] = derive_proposals([accept, plan], gaza)
    assert [r.story_event for r in p.responses] == ["a1"]


def test_proposal_every_other_party_accepts_is_accepted(story, gaza):
    offer = story("PROPOSE", ["ISR"], "2025-01-10")
    yes = story("ACCEPT", ["HAMAS"], "2025-01-12")
    [p] = derive_proposals([offer, yes], gaza)
    assert p.status == "accepted"


def test_proposal_one_party_rejects_is_rejected(story, gaza):
    plan = story("PROPOSE", ["USA"], "2025-03-02")
    yes = story("ACCEPT", ["ISR"], "2025-03-02")
    no = story("REJECT", ["HAMAS"], "2025-03-02")
    [p] = derive_proposals([plan, yes, no], gaza)
    assert [(r.actor, r.stance) for r in p.responses] == [("ISR", "accept"), ("HAMAS", "reject")]
    assert p.status == "rejected"


def test_negated_acceptance_is_a_rejection(story, gaza):
    plan = story("PROPOSE", ["ISR"], "2025-03-02")
    refused = story("ACCEPT", ["HAMAS"], "2025-03-03", modality="negated")
    [p] = derive_proposals([plan, refused], gaza)
    assert [(r.actor, r.stance) for r in p.responses] == [("HAMAS", "reject")]


def test_reaffirmed_commitment_to_the_agreement_answers_no_proposal(story, gaza):
    plan = story("PROPOSE", ["ISR"], "2025-03-01")
    committed = story(
        "ACCEPT",
        ["HAMAS"],
        "2025-03-01",
        evidence=["Hamas said it remained committed to the agreement"],
    )
    [p] = derive_proposals([plan, committed], gaza)
    assert p.responses == []


def test_the_proposers_own_side_and_outsiders_do_not_respond(story, gaza):
    plan = story("PROPOSE", ["HAMAS"], "2025-03-15")
    pij = story("ACCEPT", ["PIJ"], "2025-03-16")
    un = story("REJECT", ["UN"], "2025-03-16")
    [p] = derive_proposals([plan, pij, un], gaza)
    assert p.responses == []


def test_a_response_does_not_answer_a_proposal_tabled_after_it(story, gaza):
    extension = story("PROPOSE", ["ISR"], "2025-02-27")
    no = story("REJECT", ["HAMAS"], "2025-02-27", evidence=["Hamas refused the Witkoff outline"])
    witkoff = story("PROPOSE", ["USA"], "2025-03-02", evidence=["the Witkoff plan"])
    first, second = derive_proposals([extension, no, witkoff], gaza)
    assert [r.story_event for r in first.responses] == [no.id]
    assert second.responses == []


def test_a_response_never_answers_a_proposal_of_another_round(story, gaza):
    old_plan = story(
        "PROPOSE", ["EGY"], "2024-05-03", terms=[Term(issue="ceasefire_days", value=40)]
    )
    truce = story("AGREE", ["ISR", "HAMAS"], "2024-11-01")
    later = story("REJECT", ["HAMAS"], "2025-03-10")
    stories = [old_plan, truce, later]
    rounds = derive_rounds(stories, derive_agreements(stories, gaza), gaza)
    [p] = derive_proposals(stories, gaza, rounds)
    assert (p.responses, p.status) == ([], "tabled")


def test_a_response_answers_the_latest_open_proposal_of_its_round(story, gaza):
    first = story("PROPOSE", ["EGY"], "2025-07-01")
    second = story("PROPOSE", ["QAT"], "2025-07-20")
    no = story("REJECT", ["HAMAS"], "2025-07-22")
    older, latest = derive_proposals([first, second, no], gaza)
    assert (older.status, latest.status) == ("tabled", "rejected")


def test_a_proposal_no_report_names_is_named_for_its_proposer_and_date(story, gaza):
    [p] = derive_proposals([story("PROPOSE", ["USA"], "2025-03-12")], gaza)
    assert p.name == "US proposal of 12 Mar 2025"


def test_a_counter_answering_nothing_and_stating_nothing_is_no_proposal(story, gaza):
    assert derive_proposals([story("COUNTER", ["ISR"], "2023-12-01")], gaza) == []


def test_an_undated_counter_answers_only_the_proposal_it_names(story, gaza):
    plan = story("PROPOSE", ["USA"], "2025-11-10")
    undated = story("COUNTER", ["HAMAS"], None, terms=[Term(issue="ceasefire_days", value=60)])
    plan_p, counter = derive_proposals([plan, undated], gaza)
    assert (counter.answers, plan_p.status) == (None, "tabled")


def test_a_proposal_dated_only_by_its_report_is_answered_by_earlier_responses(story, processes):
    lebanon = next(p for p in processes if p.id == "lebanon")
    plan = story("PROPOSE", ["USA"], "2025-08-18")
    plan.date_precision = "reported"
    # The report that tells of the plan tells of the answers, dated eleven days before it.
    approved = story("ACCEPT", ["LBN"], "2025-08-07")
    refused = story("REJECT", ["HEZBOLLAH"], "2025-08-07")
    approved.reports = refused.reports = plan.reports
    [p] = derive_proposals([plan, approved, refused], lebanon)
    assert {(r.actor, r.stance) for r in p.responses} == {
        ("LBN", "accept"),
        ("HEZBOLLAH", "reject"),
    }
    dated = story("PROPOSE", ["USA"], "2025-08-18")
    [q] = derive_proposals([dated, approved], lebanon)
    assert q.responses == []


def test_a_response_long_before_the_report_that_dates_a_proposal_does_not_answer_it(story, gaza):
    # Weeks before a plan first reported: the response was to something else.
    said_no = story("REJECT", ["HAMAS"], "2025-09-20")
    plan = story("PROPOSE", ["USA"], "2025-11-10")
    plan.date_precision = "reported"
    said_no.reports = plan.reports
    [p] = derive_proposals([said_no, plan], gaza)
    assert p.responses == []


def test_only_the_reports_that_date_a_proposal_tie_an_earlier_response_to_it(story, gaza):
    said_no = story("REJECT", ["QAT"], "2025-03-02")
    offer = story("PROPOSE", ["HAMAS"], "2025-03-10")
    offer.date_precision = "reported"
    [p] = derive_proposals([said_no, offer], gaza)
    assert p.responses == []


def test_a_response_answers_a_proposal_tabled_by_then_before_one_reported_later(story, gaza):
    egypt = story("PROPOSE", ["EGY"], "2025-08-10")
    yes = story("ACCEPT", ["HAMAS"], "2025-08-12")
    later = story("PROPOSE", ["USA"], "2025-08-20")
    later.date_precision = "reported"
    first, second = derive_proposals([egypt, yes, later], gaza)
    assert ([r.actor for r in first.responses], second.responses) == (["HAMAS"], [])


def test_a_deal_closes_the_proposals_before_it(story, gaza):
    # What is said weeks after a deal is not an answer to the plan that led to it.
    plan = story("PROPOSE", ["USA"], "2025-01-05")
    deal = story("AGREE", ["ISR", "HAMAS"], "2025-01-15")
    approved = story("ACCEPT", ["ISR"], "2025-01-17")
    refused = story("REJECT", ["HAMAS"], "2025-02-10")
    stories = [plan, deal, approved, refused]
    rounds = derive_rounds(stories, derive_agreements(stories, gaza), gaza)
    [p] = derive_proposals(stories, gaza, rounds)
    assert [(r.actor, r.stance) for r in p.responses] == [("ISR", "accept")]


def test_a_proposal_reported_only_as_rejected_was_tabled(story, gaza):
    words = ["Hamas has rejected Israel's proposal for a two-month ceasefire."]
    two_months = Term(issue="ceasefire_days", value=60)
    offer = story(
        "PROPOSE", ["ISR"], "2024-01-23", modality="negated", evidence=words, terms=[two_months]
    )
    no = story("REJECT", ["HAMAS"], "2024-01-23", target=["ISR"], evidence=words)
    [p] = derive_proposals([offer, no], gaza)
    assert (p.proposer, p.terms, p.status) == (["ISR"], [two_months], "rejected")
    assert [(r.actor, r.stance) for r in p.responses] == [("HAMAS", "reject")]


def test_a_denied_proposal_with_no_answer_beside_it_is_still_not_tabled(story, gaza):
    words = ["Israel made no new proposal, an official said."]
    denied = story("PROPOSE", ["ISR"], "2024-01-23", modality="negated", evidence=words)
    elsewhere = story(
        "REJECT", ["HAMAS"], "2024-01-23", target=["ISR"], evidence=["Hamas said no."]
    )
    assert derive_proposals([denied, elsewhere], gaza) == []


def test_a_response_answers_the_proposal_its_own_sentence_tables(story, gaza):
    words = ["Hamas agreed to the proposal, which Egypt and Qatar put forward ten days ago."]
    plan = story("PROPOSE", ["EGY", "QAT"], "2025-08-06", evidence=words)
    usa = story("PROPOSE", ["USA"], "2025-08-12")
    yes = story("ACCEPT", ["HAMAS"], "2025-08-16", evidence=words)
    mediators, us = derive_proposals([plan, usa, yes], gaza)
    assert ([r.actor for r in mediators.responses], us.responses) == (["HAMAS"], [])


def test_one_name_in_one_round_is_one_proposal_whoever_is_said_to_table_it(story, gaza):
    unveiled = story(
        "PROPOSE", ["ISR"], "2025-09-29", evidence=["The two leaders unveil a 20-point plan."]
    )
    again = story(
        "PROPOSE",
        ["USA"],
        "2025-10-03",
        evidence=["Hamas answered Trump's 20-point peace initiative on Friday."],
    )
    israel_yes = story("ACCEPT", ["ISR"], "2025-09-30")
    [p] = derive_proposals([unveiled, again, israel_yes], gaza)
    # The owner its name gives (Trump speaks for the US) is the proposer, so Israel answers it.
    assert (p.proposer, p.date, p.story_events) == (
        ["USA"],
        dt.date(2025, 9, 29),
        [unveiled.id, again.id],
    )
    assert [(r.actor, r.stance) for r in p.responses] == [("ISR", "accept")]


def test_one_name_in_two_rounds_is_two_proposals(story, gaza):
    first = story("PROPOSE", ["EGY"], "2024-05-03", evidence=["the Egyptian proposal"])
    truce = story("AGREE", ["ISR", "HAMAS"], "2024-11-01")
    second = story("PROPOSE", ["EGY"], "2025-08-12", evidence=["the Egyptian proposal"])
    stories = [first, truce, second]
    rounds = derive_rounds(stories, derive_agreements(stories, gaza), gaza)
    assert len(derive_proposals(stories, gaza, rounds)) == 2


def test_mediators_answer_the_parties_proposals_not_each_others(story, gaza):
    israel = story("PROPOSE", ["ISR"], "2025-07-10")
    egypt = story("PROPOSE", ["EGY"], "2025-07-12")
    qatar_no = story("REJECT", ["QAT"], "2025-07-14")
    israeli, egyptian = derive_proposals([israel, egypt, qatar_no], gaza)
    assert ([r.actor for r in israeli.responses], egyptian.responses) == (["QAT"], [])


def test_a_response_whose_terms_share_no_issue_with_a_proposal_does_not_answer_it(story, gaza):
    plan = story("PROPOSE", ["USA"], "2025-11-01", terms=[Term(issue="ceasefire_days", value=60)])
    passage = Term(issue="safe_passage", value=True)
    no = story("REJECT", ["ISR"], "2025-11-10", terms=[passage])
    [p] = derive_proposals([plan, no], gaza)
    assert p.responses == []


def test_a_counter_says_by_name_which_proposal_it_answers(story, gaza):
    plan = story("PROPOSE", ["USA"], "2025-03-02", evidence=["the Witkoff plan"])
    counter = story(
        "COUNTER", ["HAMAS"], "2025-03-05", terms=[Term(issue="ceasefire_days", value=50)]
    )
    _, answer = derive_proposals([plan, counter], gaza)
    assert (answer.answers, answer.answers_name) == (f"proposal:{plan.id}", "the Witkoff plan")


def test_an_acceptance_with_amendments_is_a_counter(story, gaza):
    plan = story("PROPOSE", ["QAT"], "2025-06-02")
    yes = story("ACCEPT", ["ISR"], "2025-06-03")
    amended = story(
        "ACCEPT",
        ["HAMAS"],
        "2025-06-04",
        evidence=["The group said it had accepted the Qatari plan with amendments."],
    )
    [p] = derive_proposals([plan, yes, amended], gaza)
    assert [(r.actor, r.stance) for r in p.responses] == [("ISR", "accept"), ("HAMAS", "counter")]
    assert p.status != "accepted"


def test_an_acceptance_with_its_own_offer_the_proposer_turned_down_is_a_counter(story, gaza):
    plan = story(
        "PROPOSE", ["USA"], "2025-06-02", evidence=["The envoy tabled a bridging proposal."]
    )
    yes = story("ACCEPT", ["HAMAS"], "2025-06-04", target=["USA"])
    own = story(
        "PROPOSE", ["HAMAS"], "2025-06-05", evidence=["The group offered to free one soldier."]
    )
    dismissed = story("REJECT", ["USA"], "2025-06-05", target=["HAMAS"])
    israel = story("ACCEPT", ["ISR"], "2025-06-05", target=["USA"])
    stories = [plan, yes, own, dismissed, israel]
    proposals = derive_proposals(stories, gaza)
    bridge = next(p for p in proposals if p.id == f"proposal:{plan.id}")
    assert [(r.actor, r.stance) for r in bridge.responses] == [
        ("HAMAS", "counter"),
        ("ISR", "accept"),
    ]
    assert bridge.status != "accepted"
    assert derive_agreements(stories, gaza, proposals) == []
