"""Terms on the table, read off the parse, with exact evidence offsets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from truceline.extract.pipeline import Extractor
from truceline.extract.terms import TermMention


@pytest.fixture(scope="module")
def nlp(extractor: Extractor) -> Language:
    """The production pipeline (``build_nlp``), whose terms component fills ``doc._.term_mentions``."""
    return extractor.nlp


def terms(nlp: Language, text: str) -> list[tuple[str, object, str]]:
    """``(issue, value, evidence)`` of every term, checking both offset systems agree."""
    doc = nlp(text)
    out = []
    for m in doc._.term_mentions:
        assert doc.text[m.start : m.end] == doc[m.token_start : m.token_end].text
        out.append((m.issue, m.value, doc.text[m.start : m.end]))
    return out


def mentions(nlp: Language, text: str) -> list[TermMention]:
    return nlp(text)._.term_mentions


# ---------------------------------------------------------------- counts of people


def test_remains_of_four_captives_is_remains_returned_4(nlp):
    text = "Hamas handed over the remains of four captives on Thursday."
    assert terms(nlp, text) == [("remains_returned", 4, "the remains of four captives")]


def test_hundreds_of_prisoners_is_prisoners_released_with_null_value_and_qualifier(nlp):
    text = "Hamas handed over the remains in exchange for hundreds of Palestinian prisoners."
    (m,) = mentions(nlp, text)
    assert (m.issue, m.value, m.qualifier) == ("prisoners_released", None, "hundreds")
    assert text[m.start : m.end] == "hundreds of Palestinian prisoners"


def test_release_of_ten_hostages_is_hostages_released_10(nlp):
    text = "The proposal includes the release of 10 hostages."
    assert terms(nlp, text) == [("hostages_released", 10, "10 hostages")]


def test_number_words_count_as_numbers(nlp):
    text = "Hamas freed three Israeli captives on Saturday."
    assert terms(nlp, text) == [("hostages_released", 3, "three Israeli captives")]


def test_palestinian_prisoners_count_is_prisoners_released(nlp):
    text = "Israel released 737 Palestinian prisoners under the deal."
    assert terms(nlp, text) == [("prisoners_released", 737, "737 Palestinian prisoners")]


def test_releasing_party_is_the_subject_of_the_release_verb(nlp):
    (m,) = mentions(nlp, "Israel released 737 Palestinian prisoners under the deal.")
    assert m.party == "Israel"


def test_bare_prisoners_released_by_hamas_are_hostages(nlp):
    text = (
        "Hamas had previously submitted amendments to the plan, including a 60-day "
        "ceasefire and the release of 10 prisoners."
    )
    assert ("hostages_released", 10, "10 prisoners") in terms(nlp, text)


def test_prisoners_demanded_by_hamas_stay_prisoners(nlp):
    text = "Hamas demanded the release of 1,000 prisoners."
    assert terms(nlp, text) == [("prisoners_released", 1000, "1,000 prisoners")]


def test_captives_held_in_gaza_are_hostages(nlp):
    text = "The United States is holding talks to get two US captives held in Gaza released."
    assert terms(nlp, text) == [("hostages_released", 2, "two US captives")]


def test_hedge_is_kept_as_qualifier(nlp):
    text = "Israel will free nearly 2,000 Palestinian prisoners."
    (m,) = mentions(nlp, text)
    assert (m.value, m.qualifier) == (2000, "nearly")
    assert text[m.start : m.end] == "nearly 2,000 Palestinian prisoners"


def test_pow_swap_with_each_gives_one_term_per_side(nlp):
    found = mentions(nlp, "Ukraine and Russia swapped 95 prisoners each on Friday.")
    assert {(m.issue, m.value, m.party) for m in found} == {
        ("prisoners_released", 95, "Ukraine"),
        ("prisoners_released", 95, "Russia"),
    }


def test_prisoners_of_war_phrase_is_the_evidence(nlp):
    text = "Russia and Ukraine each freed 103 prisoners of war on Saturday."
    assert {t[2] for t in terms(nlp, text)} == {"103 prisoners of war"}


def test_number_without_noun_after_each_freed_is_a_prisoner_count(nlp):
    found = mentions(nlp, "Russia and Ukraine each freed 103, the ministry said.")
    assert {(m.issue, m.value, m.party) for m in found} == {
        ("prisoners_released", 103, "Russia"),
        ("prisoners_released", 103, "Ukraine"),
    }


def test_servicemen_brought_home_are_prisoners_released(nlp):
    text = "Ukraine brought home 150 defenders from Russian captivity, Zelensky said."
    assert terms(nlp, text) == [("prisoners_released", 150, "150 defenders")]


def test_yemen_detainee_release_is_prisoners_released(nlp):
    text = "The Houthis and the Yemeni government agreed to the release of 900 detainees."
    assert terms(nlp, text) == [("prisoners_released", 900, "900 detainees")]


def test_sudan_civilians_freed_are_counted_with_party(nlp):
    (m,) = mentions(nlp, "Sudan's army said the RSF freed 47 civilians held in Khartoum.")
    assert (m.issue, m.value, m.party) == ("prisoners_released", 47, "RSF")


def test_colombia_eln_hostages(nlp):
    text = "The ELN freed 19 hostages under a six-month bilateral ceasefire."
    assert terms(nlp, text) == [
        ("hostages_released", 19, "19 hostages"),
        ("ceasefire_days", 180, "a six-month bilateral ceasefire"),
    ]


def test_four_bodies_handed_over_are_remains(nlp):
    text = "Hamas handed over four bodies on Thursday."
    assert terms(nlp, text) == [("remains_returned", 4, "four bodies")]


def test_deceased_hostages_are_remains(nlp):
    text = "Israel received the bodies of four deceased hostages."
    assert terms(nlp, text) == [("remains_returned", 4, "the bodies of four deceased hostages")]


def test_all_hostages_has_null_value_and_all_qualifier(nlp):
    (m,) = mentions(nlp, "The agreement stipulates the release of all hostages.")
    assert (m.issue, m.value, m.qualifier) == ("hostages_released", None, "all")


# ---------------------------------------------------------------- not counts of released people


def test_people_killed_are_not_a_term(nlp):
    assert terms(nlp, "Israeli forces killed 47 Palestinians in Gaza on Tuesday.") == []


def test_hostages_taken_are_not_a_term(nlp):
    assert terms(nlp, "Hamas killed 1,200 people and took 251 hostages on October 7, 2023.") == []


def test_hostages_still_held_are_not_a_term(nlp):
    assert terms(nlp, "Hamas is holding 59 hostages in Gaza, 24 of whom are alive.") == []


def test_detentions_are_not_a_term(nlp):
    assert terms(nlp, "Israeli forces have detained thousands of Palestinians.") == []


def test_bodies_recovered_from_rubble_are_not_remains_returned(nlp):
    assert terms(nlp, "The bodies of 20 people were recovered from the rubble.") == []


def test_days_ago_and_day_of_war_are_not_terms(nlp):
    assert (
        terms(nlp, "Israeli forces killed 47 Palestinians on Day 15 of the war, 42 days ago.") == []
    )


def test_age_is_not_a_count(nlp):
    text = "The 23-year-old hostage was freed on Saturday."
    assert terms(nlp, text) == []


# ---------------------------------------------------------------- ratios, rates, aid


def test_prisoners_for_every_hostage_is_exchange_ratio(nlp):
    text = "The deal would see ten prisoners for every hostage."
    assert terms(nlp, text) == [("exchange_ratio", 10, "ten prisoners for every hostage")]


def test_prisoners_for_each_civilian_is_exchange_ratio(nlp):
    text = "Hamas said Israel released 30 prisoners for each civilian."
    assert terms(nlp, text) == [("exchange_ratio", 30, "30 prisoners for each civilian")]


def test_captives_per_week_is_release_rate(nlp):
    text = "Israel proposed that Hamas release three captives per week."
    assert terms(nlp, text) == [
        ("release_rate", {"count": 3, "per": "week"}, "three captives per week")
    ]


def test_aid_trucks_a_day(nlp):
    text = "Israel will allow 600 aid trucks a day into Gaza."
    assert terms(nlp, text) == [("aid_trucks_per_day", 600, "600 aid trucks a day")]


def test_trucks_without_a_daily_rate_are_not_a_term(nlp):
    assert terms(nlp, "Some 600 aid trucks entered Gaza on Sunday.") == []


# ---------------------------------------------------------------- durations


def test_hyphenated_day_count_before_truce_is_ceasefire_days(nlp):
    assert terms(nlp, "The US proposes a 60-day truce.") == [
        ("ceasefire_days", 60, "a 60-day truce")
    ]


def test_six_month_ceasefire_is_180_days(nlp):
    assert terms(nlp, "Both sides accepted a six-month ceasefire.") == [
        ("ceasefire_days", 180, "a six-month ceasefire")
    ]


def test_truce_of_42_days(nlp):
    assert terms(nlp, "Mediators proposed a truce of 42 days.") == [
        ("ceasefire_days", 42, "a truce of 42 days")
    ]


def test_ceasefire_for_two_months(nlp):
    assert terms(nlp, "Hezbollah accepted a ceasefire for two months.") == [
        ("ceasefire_days", 60, "a ceasefire for two months")
    ]


def test_truce_that_lasted_seven_days(nlp):
    text = "The truce, which lasted seven days, collapsed."
    assert ("ceasefire_days", 7, "The truce, which lasted seven days") in terms(nlp, text)


def test_pause_in_attacks_has_its_length(nlp):
    text = "Putin agreed to a 30-day pause in attacks on energy infrastructure."
    assert terms(nlp, text) == [("ceasefire_days", 30, "a 30-day pause")]


def test_extend_phase_for_42_days_is_extension_days(nlp):
    text = "Israel is trying to extend the first phase of the deal for 42 days."
    assert ("extension_days", 42, "extend the first phase of the deal for 42 days") in terms(
        nlp, text
    )


def test_extension_noun_with_length(nlp):
    text = "Qatar announced a two-day extension of the truce."
    assert ("extension_days", 2, "a two-day extension") in terms(nlp, text)


def test_extend_by_two_days(nlp):
    assert ("extension_days", 2, "extend the truce by two days") in terms(
        nlp, "The parties agreed to extend the truce by two days."
    )


def test_war_length_is_not_a_ceasefire_length(nlp):
    assert terms(nlp, "The 15-month war has devastated Gaza.") == []


# ---------------------------------------------------------------- phases and permanence


def test_second_phase_is_phase_2(nlp):
    assert terms(nlp, "Talks on the second phase began in Cairo.") == [
        ("phase", 2, "the second phase")
    ]


def test_phase_followed_by_number_word(nlp):
    text = "Under phase two, Hamas would free all remaining hostages."
    assert ("phase", 2, "phase two") in terms(nlp, text)


def test_initial_phase_is_phase_1(nlp):
    assert terms(nlp, "Israel is seeking to prolong the initial phase.") == [
        ("phase", 1, "the initial phase")
    ]


def test_first_and_second_phases_give_both(nlp):
    found = terms(nlp, "The first and second phases were agreed in January.")
    assert [(i, v) for i, v, _ in found] == [("phase", 1), ("phase", 2)]


def test_permanent_ceasefire(nlp):
    assert terms(nlp, "Hamas insists on a permanent ceasefire.") == [
        ("ceasefire_permanent", True, "a permanent ceasefire")
    ]


def test_permanent_cessation_of_military_operations(nlp):
    text = "Hamas seeks a permanent cessation of military operations."
    assert terms(nlp, text) == [
        ("ceasefire_permanent", True, "a permanent cessation of military operations")
    ]


def test_permanent_end_to_the_war(nlp):
    text = "Hamas has made demands related to a permanent end to the war."
    assert terms(nlp, text) == [("ceasefire_permanent", True, "a permanent end to the war")]


def test_end_to_the_war_on_the_table_is_permanent(nlp):
    text = "The guarantees could lead to an end to the war."
    assert terms(nlp, text) == [("ceasefire_permanent", True, "an end to the war")]


def test_end_of_a_school_term_is_not_a_ceasefire(nlp):
    assert terms(nlp, "Schools reopened at the end of the war in 2014.") == []


# ---------------------------------------------------------------- withdrawal, guarantees, return


def test_withdraw_from_netzarim_corridor(nlp):
    (m,) = mentions(nlp, "Israel will withdraw from the Netzarim corridor.")
    assert (m.issue, m.value, m.party, m.qualifier) == (
        "withdrawal",
        "the Netzarim corridor",
        "Israel",
        "from",
    )


def test_withdraw_from_densely_populated_areas(nlp):
    text = "Israeli forces will withdraw from densely populated areas."
    assert terms(nlp, text) == [
        ("withdrawal", "densely populated areas", "withdraw from densely populated areas")
    ]


def test_withdrawal_noun_from_lebanon(nlp):
    text = "The deal requires a full withdrawal of Israeli forces from southern Lebanon."
    (m,) = mentions(nlp, text)
    assert (m.issue, m.value, m.party) == ("withdrawal", "southern Lebanon", "Israeli")


def test_withdrawing_from_talks_is_not_a_withdrawal(nlp):
    assert terms(nlp, "Hamas threatened to withdraw from the talks.") == []


def test_us_guarantees_name_the_guarantor(nlp):
    text = "Hamas is seeking US guarantees for a permanent ceasefire."
    assert ("guarantees", "US", "US guarantees") in terms(nlp, text)


def test_guarantees_offered_name_the_subject(nlp):
    text = "Washington is offering Hamas increasing guarantees."
    assert [(i, v) for i, v, _ in terms(nlp, text)] == [("guarantees", "Washington")]


def test_guarantors_listed_with_as(nlp):
    text = "The truce was extended, with Egypt, Qatar and the United States as guarantors."
    values = [v for i, v, _ in terms(nlp, text) if i == "guarantees"]
    assert values == ["Egypt", "Qatar", "United States"]


def test_guarantees_without_guarantor_are_not_a_term(nlp):
    assert terms(nlp, "Hamas wants guarantees that the war will not resume.") == []


def test_return_of_the_displaced(nlp):
    text = "The deal provides for the return of displaced Palestinians to northern Gaza."
    found = terms(nlp, text)
    assert [(i, v) for i, v, _ in found] == [("displaced_return", True)]
    assert found[0][2].startswith("the return of displaced Palestinians")


def test_displaced_allowed_to_return(nlp):
    text = "Israel agreed to allow displaced Palestinians to return to the north."
    assert terms(nlp, text) == [
        ("displaced_return", True, "displaced Palestinians to return to the north")
    ]


def test_return_of_hostages_is_not_displaced_return(nlp):
    assert all(
        i != "displaced_return" for i, _, _ in terms(nlp, "They want the return of the hostages.")
    )


# ---------------------------------------------------------------- properties

_VERBS = ["released", "freed", "handed over", "will release", "agreed to free"]
_PEOPLE = [
    ("Palestinian prisoners", "prisoners_released"),
    ("hostages", "hostages_released"),
    ("detainees", "prisoners_released"),
    ("Israeli captives", "hostages_released"),
    ("prisoners of war", "prisoners_released"),
]
_FILLER = ["", "On Saturday, ", "Officials said that ", "In a statement, "]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_FILLER),
    st.sampled_from(["Hamas", "Israel", "Russia", "The RSF", "The Houthis"]),
    st.sampled_from(_VERBS),
    st.integers(min_value=2, max_value=99_999),
    st.sampled_from(_PEOPLE),
    st.booleans(),
)
def test_offsets_of_generated_counts_are_exact(nlp, lead, party, verb, n, people, words):
    noun, _ = people
    number = (
        {2: "two", 3: "three", 12: "twelve", 40: "forty"}.get(n, f"{n:,}") if words else f"{n:,}"
    )
    text = f"{lead}{party} {verb} {number} {noun}."
    doc = nlp(text)
    found = doc._.term_mentions
    counts = [m for m in found if m.issue in ("prisoners_released", "hostages_released")]
    assert counts, text
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert doc.text[m.start : m.end] == doc[m.token_start : m.token_end].text
        assert doc.text[m.start : m.end] == doc.text[m.start : m.end].strip()
    assert any(text[m.start : m.end] == f"{number} {noun}" for m in counts), text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=2, max_value=365),
    st.sampled_from(["day", "week", "month"]),
    st.sampled_from(["truce", "ceasefire"]),
    st.sampled_from(["Mediators proposed a", "Hamas accepted a", "The plan foresees a"]),
)
def test_generated_ceasefire_lengths_are_exact(nlp, n, unit, noun, lead):
    text = f"{lead} {n}-{unit} {noun} in Gaza."
    doc = nlp(text)
    days = {"day": 1, "week": 7, "month": 30}[unit] * n
    found = [m for m in doc._.term_mentions if m.issue == "ceasefire_days"]
    assert [(m.value, text[m.start : m.end]) for m in found] == [(days, f"a {n}-{unit} {noun}")]


# ---------------------------------------------------------------- later additions


def test_prisoners_to_be_exchanged_by_subject_raising(nlp):
    text = "The ministry said 192 Ukrainian prisoners were to have been exchanged that day."
    assert terms(nlp, text) == [("prisoners_released", 192, "192 Ukrainian prisoners")]


def test_second_ratio_without_a_noun(nlp):
    text = (
        "Israel will free 30 prisoners for every civilian captive and 50 for every female soldier."
    )
    assert [(i, v) for i, v, _ in terms(nlp, text)] == [
        ("exchange_ratio", 30),
        ("exchange_ratio", 50),
    ]


def test_stages_each_lasting_42_days(nlp):
    text = "The proposal consists of three stages, each lasting 42 days."
    assert [(i, v) for i, v, _ in terms(nlp, text)] == [("ceasefire_days", 42)]


def test_phase_due_to_run_for_six_weeks(nlp):
    text = "The first phase is due to run for six weeks."
    assert ("ceasefire_days", 42, "The first phase is due to run for six weeks") in terms(nlp, text)


def test_pause_in_swaps_is_not_a_ceasefire(nlp):
    text = "The exchange ended a pause of nearly five months in swaps."
    assert all(i != "ceasefire_days" for i, _, _ in terms(nlp, text))


def test_people_freed_by_a_captor_are_hostages(extract):
    rec = extract("Freed\nThe three men freed by Hamas on Saturday appeared thin and pale.")
    terms = [(t.issue, t.value, t.party) for e in rec.events for t in e.terms]
    assert terms == [("hostages_released", 3, "Hamas")]


def test_a_truce_of_hours_counts_in_whole_days(nlp):
    assert ("ceasefire_days", 3, "a 72-hour truce") in terms(nlp, "They agreed a 72-hour truce.")


def test_prolonging_a_truce_by_hours_extends_it_by_whole_days(nlp):
    found = terms(nlp, "The two armies said they would prolong the ceasefire by 48 hours.")
    assert [(issue, value) for issue, value, _ in found] == [("extension_days", 2)]


def test_a_group_a_count_includes_is_counted_too(nlp):
    # the reports give both figures: the batch and the part of it they single out
    found = terms(nlp, "The group handed over 20 hostages, including nine Israelis, on Friday.")
    assert [(issue, value) for issue, value, _ in found] == [
        ("hostages_released", 20),
        ("hostages_released", 9),
    ]


def test_a_part_of_the_dead_returned_is_no_living_release(nlp):
    found = terms(
        nlp,
        "The group will return the remains of five captives, including a father and two "
        "daughters of one family, on Monday.",
    )
    assert [(issue, value) for issue, value, _ in found] == [("remains_returned", 5)]


def test_a_truce_meant_to_end_a_war_is_no_permanent_ceasefire(nlp):
    found = terms(nlp, "The two states agreed to an immediate ceasefire to end the border war.")
    assert all(issue != "ceasefire_permanent" for issue, _, _ in found)


def test_a_deal_to_end_the_war_is_a_permanent_ceasefire(nlp):
    found = terms(nlp, "Negotiators reached a deal on Wednesday to end the war.")
    assert ("ceasefire_permanent", True) in [(issue, value) for issue, value, _ in found]


def test_talks_aimed_at_ending_a_war_put_no_permanent_ceasefire_on_the_table(nlp):
    found = terms(nlp, "The talks, hosted by Qatar, aimed to end the conflict on the border.")
    assert all(issue != "ceasefire_permanent" for issue, _, _ in found)
