"""Modality of event triggers: actual, future, possible, negated."""

from __future__ import annotations

import pytest
from spacy.language import Language

from truceline.extract.modality import modality_of
from truceline.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def modality(nlp: Language, text: str, trigger: str) -> str:
    doc = nlp(text)
    return modality_of(next(t for t in doc if t.text == trigger))


# ---------------------------------------------------------------- actual


def test_past_tense_narration_is_actual(nlp):
    assert modality(nlp, "Hamas released three hostages on Saturday.", "released") == "actual"


def test_phase_that_ended_is_actual(nlp):
    assert modality(nlp, "The deal's first phase ended on Saturday.", "ended") == "actual"


def test_proposing_verb_is_actual(nlp):
    assert modality(nlp, "The US initiative proposes a 60-day ceasefire.", "proposes") == "actual"


def test_attempting_to_reach_is_itself_actual(nlp):
    text = "The Israeli delegation is attempting to reach an agreement to extend the first phase."
    assert modality(nlp, text, "attempting") == "actual"


def test_reported_past_event_is_actual(nlp):
    assert modality(nlp, "Netanyahu said the hostages were freed.", "freed") == "actual"


def test_pow_swap_is_actual(nlp):
    text = "Russia and Ukraine swapped 95 prisoners of war each."
    assert modality(nlp, text, "swapped") == "actual"


def test_postponing_verb_is_actual(nlp):
    text = "Israel postponed the release of 620 Palestinian prisoners."
    assert modality(nlp, text, "postponed") == "actual"


# ---------------------------------------------------------------- negated


def test_did_not_is_negated(nlp):
    assert modality(nlp, "Hamas did not release the hostages.", "release") == "negated"


def test_refused_to_is_negated(nlp):
    assert modality(nlp, "Israel refused to release the prisoners.", "release") == "negated"


def test_has_yet_to_is_negated(nlp):
    text = "Hamas has yet to comment on the reported progress."
    assert modality(nlp, text, "comment") == "negated"


def test_denied_that_is_negated(nlp):
    text = "Hamas denied that it had agreed to the proposal."
    assert modality(nlp, text, "agreed") == "negated"


def test_failed_to_is_negated(nlp):
    assert modality(nlp, "The Houthis failed to free the crew.", "free") == "negated"


def test_no_determiner_on_nominal_trigger_is_negated(nlp):
    assert modality(nlp, "No agreement was reached in Cairo.", "agreement") == "negated"


def test_neither_nor_subject_is_negated(nlp):
    text = "Neither the US nor Egypt has issued an official comment."
    assert modality(nlp, text, "issued") == "negated"


def test_without_is_negated(nlp):
    assert modality(nlp, "The talks ended without an agreement.", "agreement") == "negated"


def test_postponed_release_is_negated(nlp):
    text = "Israel postponed the release of 620 Palestinian prisoners."
    assert modality(nlp, text, "release") == "negated"


def test_future_negation_is_negated(nlp):
    assert modality(nlp, "The swap will not take place this week.", "swap") == "negated"


def test_would_never_is_negated(nlp):
    text = "Israel said it would never agree to a permanent ceasefire."
    assert modality(nlp, text, "agree") == "negated"


def test_did_not_present_is_negated(nlp):
    text = "The American side did not present a specific framework for a prisoner swap."
    assert modality(nlp, text, "present") == "negated"


# ---------------------------------------------------------------- future


def test_will_is_future(nlp):
    assert modality(nlp, "Hamas will release three hostages on Saturday.", "release") == "future"


def test_is_set_to_is_future(nlp):
    assert modality(nlp, "Israel is set to free 600 prisoners.", "free") == "future"


def test_is_set_to_expire_is_future(nlp):
    text = "The first phase of the truce is set to expire on Saturday."
    assert modality(nlp, text, "expire") == "future"


def test_expected_to_be_released_is_future(nlp):
    text = "The prisoners are expected to be released on Saturday."
    assert modality(nlp, text, "released") == "future"


def test_nominal_subject_of_expected_event_is_future(nlp):
    text = "The exchange is expected to take place on Saturday."
    assert modality(nlp, text, "exchange") == "future"


def test_is_to_is_future(nlp):
    assert modality(nlp, "Hamas is to release three hostages on Saturday.", "release") == "future"


def test_plans_to_is_future(nlp):
    assert (
        modality(nlp, "Kyiv plans to exchange more prisoners next month.", "exchange") == "future"
    )


def test_awaited_response_is_future(nlp):
    text = "Qatar is awaiting an updated response from Hamas."
    assert modality(nlp, text, "response") == "future"


def test_next_week_on_a_nominal_trigger_is_future(nlp):
    text = "The prisoner exchange next week is the largest."
    assert modality(nlp, text, "exchange") == "future"


def test_planned_adjective_is_future(nlp):
    text = "The planned exchange of prisoners was delayed."
    assert modality(nlp, text, "exchange") == "future"


def test_conjoined_verb_shares_the_future_auxiliary(nlp):
    text = "Hamas will release 33 hostages and free 1,900 prisoners."
    assert modality(nlp, text, "free") == "future"


def test_conjoined_clause_with_its_own_subject_keeps_its_own_modality(nlp):
    text = "Hamas will release 33 hostages and Israel freed 1,900 prisoners."
    assert modality(nlp, text, "freed") == "actual"


# ---------------------------------------------------------------- possible


def test_could_is_possible(nlp):
    assert modality(nlp, "The release could take place next week.", "release") == "possible"


def test_would_in_reported_speech_is_possible(nlp):
    assert modality(nlp, "Netanyahu said Hamas would free the hostages.", "free") == "possible"


def test_potential_adjective_is_possible(nlp):
    text = "Understandings are emerging with Hamas regarding a potential ceasefire."
    assert modality(nlp, text, "ceasefire") == "possible"


def test_emerging_understandings_are_possible(nlp):
    text = "Understandings are emerging with Hamas regarding a potential ceasefire."
    assert modality(nlp, text, "Understandings") == "possible"


def test_what_is_attempted_is_possible(nlp):
    text = "The Israeli delegation is attempting to reach an agreement to extend the first phase."
    assert modality(nlp, text, "agreement") == "possible"


def test_what_is_proposed_is_possible(nlp):
    text = (
        "Israel is seeking to prolong the initial phase, proposing that Hamas release "
        "three captives per week."
    )
    assert modality(nlp, text, "release") == "possible"


def test_proposing_in_an_adverbial_clause_is_actual(nlp):
    text = (
        "Israel is seeking to prolong the initial phase, proposing that Hamas release "
        "three captives per week."
    )
    assert modality(nlp, text, "proposing") == "actual"


def test_proposed_ceasefire_noun_is_possible(nlp):
    text = "The US initiative proposes a 60-day ceasefire."
    assert modality(nlp, text, "ceasefire") == "possible"


def test_if_clause_is_possible(nlp):
    text = "If Hamas releases the hostages, Israel will withdraw."
    assert modality(nlp, text, "releases") == "possible"


def test_unless_clause_is_possible(nlp):
    text = "Israel will withdraw unless Hamas frees the hostages."
    assert modality(nlp, text, "frees") == "possible"


def test_hopes_to_secure_is_possible(nlp):
    text = "Hamas hopes to secure the release of 1,000 prisoners."
    assert modality(nlp, text, "release") == "possible"


def test_efforts_to_secure_is_possible(nlp):
    text = "There has been significant progress in efforts to secure the release of prisoners."
    assert modality(nlp, text, "release") == "possible"


def test_could_lead_is_possible(nlp):
    text = "Washington is offering guarantees which could lead to an end to the war."
    assert modality(nlp, text, "lead") == "possible"


def test_threatened_action_is_possible(nlp):
    text = "Hamas threatened to delay the release of hostages."
    assert modality(nlp, text, "delay") == "possible"


def test_possible_deal_is_possible(nlp):
    assert modality(nlp, "A possible deal would see 33 hostages freed.", "deal") == "possible"


def test_participle_after_a_proposal_noun_is_actual(nlp):
    text = "Hamas submitted amendments, proposals criticized by both Israel and the United States."
    assert modality(nlp, text, "criticized") == "actual"


def test_mediated_negotiations_are_actual(nlp):
    text = "Egypt and Qatar are mediating the negotiations with support from the United States."
    assert modality(nlp, text, "negotiations") == "actual"


def test_headline_infinitive_announces_a_future_event(extract):
    rec = extract("Hamas to free six hostages on Saturday\nThe group said so on Thursday.")
    assert rec.events[0].type.value == "RELEASE"
    assert rec.events[0].modality.value == "future"


def test_what_a_hypothetical_phase_would_see_is_no_event(extract):
    rec = extract(
        "Deal\nThe first phase would see captives held in Gaza exchanged for Palestinian prisoners."
    )
    assert all(e.type.value != "RELEASE" for e in rec.events)


def test_prisoners_to_be_released_are_not_yet_released(extract):
    rec = extract("List\nIsrael published a list of 95 prisoners to be released on Sunday.")
    release = next(e for e in rec.events if e.type.value == "RELEASE")
    assert release.modality.value == "future"


def test_a_release_awaited_until_is_no_release(extract):
    rec = extract(
        "Pressure\nNetanyahu said Israel will keep up military pressure until all hostages "
        "are freed."
    )
    assert all(e.type.value != "RELEASE" for e in rec.events)


def test_the_six_to_be_freed_are_not_yet_freed(extract):
    rec = extract("Six\nThe six to be freed on Saturday are the last living captives due.")
    assert [e.modality.value for e in rec.events if e.type.value == "RELEASE"] == ["future"]


def test_the_next_step_is_still_to_come(extract):
    rec = extract(
        "Next\nThe next step in the agreement is the handover by Hamas of the remains of four "
        "captives."
    )
    assert [e.modality.value for e in rec.events if e.type.value == "RELEASE"] == ["future"]


def test_what_a_side_was_due_to_do_is_still_to_come(extract):
    rec = extract(
        "Swap\nIn return for Saturday's release, Israel was due to free 620 Palestinian "
        "prisoners and detainees, among them dozens serving life sentences."
    )
    release = next(e for e in rec.events if e.trigger == "free")
    assert release.modality.value == "future"


# ------------------------------------------------------- saying less than a verb


def test_a_refusal_to_release_negates_the_release(nlp):
    text = "Israel blamed Hamas's repeated refusal to release the hostages."
    assert modality(nlp, text, "release") == "negated"


def test_what_a_call_for_asks_is_only_possible(nlp):
    assert modality(nlp, "The EU called for all hostages to be released.", "released") == "possible"


def test_a_question_asks_it_does_not_tell(nlp):
    assert modality(nlp, "Will Hamas release the hostages this week?", "release") == "possible"


def test_the_consequence_of_a_condition_is_only_possible(nlp):
    text = "If Hamas frees the hostages, Israel will release 90 prisoners."
    assert modality(nlp, text, "release") == "possible"


def test_a_conjoined_infinitive_shares_its_governor(nlp):
    text = "The two sides agreed to free the detainees and to meet again in May."
    assert modality(nlp, text, "meet") == "future"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hamas must name the captives before the ceasefire begins on Sunday.", "future"),
        ("Hamas named the captives before the ceasefire began on Sunday.", "actual"),
    ],
)
def test_a_present_clause_under_before_is_still_to_come(nlp, text, expected):
    assert modality(nlp, text, "begins" if "begins" in text else "began") == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Captives go free once the truce begins on Sunday.", "begins", "future"),
        ("Prisoners were freed once the truce began on Sunday.", "began", "actual"),
    ],
)
def test_a_present_clause_under_once_is_still_to_come(nlp, text, trigger, expected):
    assert modality(nlp, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("A delegation went to Cairo to finalize a ceasefire agreement.", "agreement", "possible"),
        ("The delegation finalized a ceasefire agreement in Cairo.", "agreement", "actual"),
    ],
)
def test_what_an_infinitive_of_purpose_seeks_has_not_happened(nlp, text, trigger, expected):
    assert modality(nlp, text, trigger) == expected


# ---------------------------------------------------------------- headline infinitives


def test_headline_infinitive_is_future(nlp):
    assert modality(nlp, "Israel to free 620 prisoners on Saturday", "free") == "future"


def test_verb_conjoined_to_a_headline_infinitive_is_future(nlp):
    text = "Hamas to hand over remains of four on Thursday and free six living captives on Saturday"
    assert modality(nlp, text, "free") == "future"


def test_headline_infinitive_a_reporting_verb_introduces_is_future(nlp):
    assert modality(nlp, "Qatar says Hamas to free 33 hostages in first phase", "free") == "future"


def test_wanting_someone_to_free_stays_possible(nlp):
    assert modality(nlp, "Israel wants Hamas to free 33 hostages.", "free") == "possible"


def test_reported_past_release_stays_actual(nlp):
    assert modality(nlp, "Qatar says Hamas freed 33 hostages.", "freed") == "actual"


def test_a_time_clause_under_would_is_as_unreal_as_its_clause(nlp):
    text = "The mediators said the bodies would be returned as the detainees were freed."
    assert modality(nlp, text, "freed") == "possible"


def test_a_when_clause_under_would_is_as_unreal_as_its_clause(nlp):
    text = "Hamas said the hostages would be freed when Israel released the prisoners."
    assert modality(nlp, text, "released") == "possible"


def test_a_past_time_clause_under_will_stays_actual(nlp):
    text = (
        "Israel will release 50 prisoners on Sunday after Hamas freed three hostages on Saturday."
    )
    assert modality(nlp, text, "freed") == "actual"


def test_a_time_clause_under_a_past_release_stays_actual(nlp):
    text = "Hamas freed three hostages on Saturday as Israel released 90 prisoners."
    assert modality(nlp, text, "released") == "actual"
