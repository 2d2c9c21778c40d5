"""Stances said in passing: conditions, refusals, calls, accusations and judgements."""

from __future__ import annotations


def typed(record) -> list[tuple[str, list[str]]]:
    return [(e.type.value, e.actor) for e in record.events]


def test_what_a_party_will_only_do_on_a_condition_is_its_demand(extract):
    rec = extract("Truce\nMoscow will only agree to a full truce if Kyiv withdraws its troops.")
    assert typed(rec) == [("DEMAND", ["RUS"])]
    assert rec.events[0].modality.value == "actual"


def test_a_release_only_after_a_condition_is_its_holders_demand(extract):
    rec = extract(
        "Prisoners\nThe captured soldiers would be released only after a complete end "
        "of the fighting, the Thai army said."
    )
    assert typed(rec) == [("DEMAND", ["THA"])]


def test_accepting_only_one_thing_demands_it(extract):
    rec = extract("Truce\nHamas says it will only agree to a permanent ceasefire.")
    assert typed(rec) == [("DEMAND", ["HAMAS"])]


def test_what_happened_only_after_something_is_no_condition(extract):
    rec = extract("Truce\nIsrael only agreed to the truce after weeks of talks.")
    assert typed(rec) == [("ACCEPT", ["ISR"])]


def test_agreeing_after_a_demand_is_met_is_only_the_demands_condition(extract):
    rec = extract("Talks\nHamas insisted on a full withdrawal before agreeing to any new exchange.")
    assert typed(rec) == [("DEMAND", ["HAMAS"])]


def test_an_acceptance_said_not_to_come_is_a_rejection(extract):
    rec = extract("Plan\nThe RSF will not accept the new proposal, its spokesman said.")
    assert [(e.type.value, e.modality.value) for e in rec.events] == [("REJECT", "actual")]
    rec = extract("Truce\nKyiv said Russia was not committed to the truce.")
    assert ("REJECT", ["RUS"]) in typed(rec)
    rec = extract("Plan\nHad Hamas accepted the offer, the war would have ended, Israel said.")
    assert ("REJECT", ["HAMAS"]) in typed(rec)


def test_an_acceptance_not_yet_given_is_no_rejection(extract):
    rec = extract("Plan\nIsrael has not accepted the plan.")
    assert [(e.type.value, e.modality.value) for e in rec.events] == [("ACCEPT", "negated")]


def test_insisting_on_something_demands_it_but_insisting_a_fact_does_not(extract):
    assert typed(extract("Talks\nHamas insisted on a full withdrawal.")) == [("DEMAND", ["HAMAS"])]
    rec = extract("Talks\nHamas insisted that Israel must withdraw from Rafah.")
    assert typed(rec) == [("DEMAND", ["HAMAS"])]
    rec = extract("Talks\nTrump insisted Israel and Hamas were close to a deal.")
    assert typed(rec) == [("ASSESS", ["USA"])]


def test_pressure_for_a_deal_is_a_demand_and_what_it_presses_for_no_event(extract):
    rec = extract("Talks\nThe US has stepped up pressure on Israel to accept the ceasefire plan.")
    assert typed(rec) == [("DEMAND", ["USA"])]
    assert not extract("Rates\nTrump put pressure on the central bank to cut rates.").events


def test_a_request_from_a_party_is_its_demand(extract):
    rec = extract("Talks\nThe Israeli delegation was named after a request from the United States.")
    assert typed(rec) == [("DEMAND", ["USA"])]


def test_accusations_traded_both_ways_make_each_side_a_violator(extract):
    rec = extract("Truce\nLebanon and Israel have traded accusations of breaches of the truce.")
    assert typed(rec) == [("VIOLATE", ["LBN", "ISR"])]
    rec = extract(
        "Truce\nThere were accusations from both Lebanon and Israel that the other side "
        "had broken the truce."
    )
    assert typed(rec) == [("VIOLATE", ["LBN", "ISR"])]
    rec = extract("Truce\nIsrael and Hamas accused each other of violating the truce.")
    assert typed(rec) == [("VIOLATE", ["ISR", "HAMAS"])]


def test_both_parties_trading_accusations_are_the_negotiations_sides(extract):
    rec = extract(
        "Truce\nIsrael and Hamas signed a truce in May. Israel says Hamas has not freed "
        "the captives. Both parties continue to trade accusations of violating the ceasefire."
    )
    assert ("VIOLATE", ["ISR", "HAMAS"]) in typed(rec)


def test_an_accusation_one_way_names_the_accused_not_the_accuser(extract):
    rec = extract("Truce\nHamas rejected Israeli accusations that it broke the truce.")
    assert ("VIOLATE", ["ISR"]) not in typed(rec)
    assert not extract("Merger\nThe two companies traded accusations over the merger.").events


def test_violations_carried_out_are_the_doers(extract):
    rec = extract("Truce\nIsrael carries out near-daily violations of the truce.")
    assert typed(rec) == [("VIOLATE", ["ISR"])]


def test_a_violation_breaks_a_commitment_not_just_any_rule(extract):
    assert typed(extract("Truce\nRussia breached the energy truce, Kyiv said.")) == [
        ("VIOLATE", ["RUS"])
    ]
    assert not extract("Law\nEurope said Moscow's terms violate international law.").events
    assert not extract("Hospital\nActivists accused RSF fighters of executing civilians.").events


def judged(record) -> list[tuple[str, list[str], str | None]]:
    return [(e.type.value, e.actor, e.polarity) for e in record.events]


def test_judgements_of_the_talks_are_the_speakers_assessments(extract):
    cases = {
        "The ceasefire talks are going well, a US spokesman said.": ("USA", "positive"),
        "Trump said Israel and Hamas were close to a deal.": ("USA", "positive"),
        "Grundberg said talks with the Houthis were moving in the right direction.": (
            "UN",
            "positive",
        ),
        "Pashinyan said the truce with Azerbaijan is a solid foundation for peace.": (
            "ARM",
            "positive",
        ),
        "The White House said it was deeply concerned by the ceasefire violations.": (
            "USA",
            "negative",
        ),
        "Qatar said Israel was reluctant to conclude a deal.": ("QAT", "negative"),
    }
    for sentence, (actor, polarity) in cases.items():
        rec = extract("Talks\n" + sentence)
        assert ("ASSESS", [actor], polarity) in judged(rec), sentence


def test_a_step_taken_is_judged_by_who_says_so_not_by_who_takes_it(extract):
    rec = extract("Talks\nLebanon has taken the first step, Barrack said.")
    assert judged(rec) == [("ASSESS", ["USA"], "positive")]


def test_a_judgement_denied_is_the_opposite_one_and_a_question_judges_nothing(extract):
    rec = extract("Talks\nQatar said it was not optimistic about the truce talks.")
    assert judged(rec) == [("ASSESS", ["QAT"], "negative")]
    rec = extract("Talks\nHamas did not say whether the Cairo talks led to a breakthrough.")
    assert not rec.events


def test_words_of_judgement_about_other_things_judge_no_talks(extract):
    assert not extract("Bank\nThe bank said it was concerned about inflation.").events
    assert not extract("Deal\nThe company is close to a deal to buy its rival.").events
    rec = extract("Pact\nSaudi Arabia and the US are pleased to announce a new declaration.")
    assert all(e.type.value != "ASSESS" for e in rec.events)


def test_backing_a_plan_accepts_it_also_as_a_modifier_or_noun(extract):
    rec = extract(
        "Plan\nThe hostage plan, backed by Egypt and Saudi Arabia, was announced on Monday."
    )
    assert typed(rec) == [("ACCEPT", ["EGY", "SAU"])]
    rec = extract("Plan\nDespite Netanyahu's public embrace of the deal, gaps remain.")
    assert typed(rec) == [("ACCEPT", ["ISR"])]
    rec = extract("Plan\nHamas said it would comply with the release conditions of the plan.")
    assert typed(rec) == [("ACCEPT", ["HAMAS"])]


def test_commitment_to_other_work_accepts_nothing(extract):
    assert typed(extract("Truce\nHamas remains committed to the ceasefire.")) == [
        ("ACCEPT", ["HAMAS"])
    ]
    assert not extract("Aid\nThe UN remains committed to this important work.").events


def test_acceptances_no_one_gives_are_no_events(extract):
    rec = extract("Plan\nM23 says Kinshasa has failed to honour the prisoner exchange agreement.")
    assert typed(rec) == [("VIOLATE", ["COD"])]
    rec = extract(
        "Plan\nZelensky said it was crucial for the United States not to accept "
        "Russia's conditions."
    )
    assert all(e.type.value != "ACCEPT" for e in rec.events)


def test_conditions_a_party_sets_are_its_demands(extract):
    rec = extract("Deal\nPutin hinted that Moscow might impose additional conditions on any deal.")
    assert typed(rec) == [("DEMAND", ["RUS"])]
    rec = extract("Deal\nHamas said the handover would depend on the conditions on the ground.")
    assert typed(rec) == [("DEMAND", ["HAMAS"])]
    rec = extract("Deal\nIsrael said Hezbollah disarmament is obligatory.")
    assert typed(rec) == [("DEMAND", ["ISR"])]
    assert not extract("Weather\nMarket conditions improved, the US Treasury said.").events


def test_resisting_a_push_or_boycotting_talks_rejects_them(extract):
    rec = extract("Talks\nIsrael has been resisting US efforts to resolve the standoff.")
    assert ("REJECT", ["ISR"]) in typed(rec)
    assert typed(extract("Talks\nThe Sudanese army boycotted the Geneva talks.")) == [
        ("REJECT", ["SDN"])
    ]
    assert not extract("Match\nThe team resisted a late comeback.").events
