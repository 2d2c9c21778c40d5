"""Releases and truces as news writes them: nouns, swaps, implicit releasers, agreed truces."""

from __future__ import annotations


def events(record, event_type: str) -> list:
    return [e for e in record.events if e.type.value == event_type]


def releasers(record) -> set[str]:
    return {a for e in events(record, "RELEASE") for a in e.actor}


GAZA = "Talks between Israel and Hamas resumed in Cairo on Monday.\n"
UKRAINE = "Talks between Russia and Ukraine resumed in Istanbul on Monday.\n"


# ------------------------------------------------------------ swaps and exchanges


def test_exchange_between_two_parties_is_a_release_by_each(extract):
    rec = extract(
        "Swap\nThe exchange of prisoners between Russia and Ukraine took place on Friday."
    )
    assert releasers(rec) == {"RUS", "UKR"}


def test_swap_carried_out_by_its_subject(extract):
    rec = extract("Swap\nUkraine and Russia carried out their largest prisoner swap on Wednesday.")
    assert releasers(rec) == {"RUS", "UKR"}


def test_swap_with_no_party_named_is_done_by_both_sides(extract):
    rec = extract("Swap\n" + UKRAINE + "The prisoner exchange took place on Friday.")
    assert releasers(rec) == {"RUS", "UKR"}


def test_bodies_to_be_exchanged_are_a_planned_release_by_both_sides(extract):
    rec = extract("Prisoners of war\n" + UKRAINE + "In addition, 6,000 bodies are to be exchanged.")
    release = events(rec, "RELEASE")
    assert releasers(rec) == {"RUS", "UKR"}
    assert {e.modality.value for e in release} == {"future"}


def test_swap_between_unknown_sides_is_no_release(extract):
    rec = extract("Swap\nThe prisoner exchange took place on Friday.")
    assert not events(rec, "RELEASE")


def test_in_exchange_of_adds_the_counterparts_release(extract):
    rec = extract(
        "Deal\n" + GAZA + "Hamas will release 33 hostages, in exchange of Palestinian prisoners."
    )
    assert releasers(rec) == {"HAMAS", "ISR"}


def test_in_return_for_a_number_of_prisoners_adds_the_counterparts_release(extract):
    rec = extract(
        "Deal\n" + GAZA + "Hamas will free 33 captives in return for a number of prisoners."
    )
    assert releasers(rec) == {"HAMAS", "ISR"}


# ------------------------------------------------------------ implicit releasers


def test_each_group_released_is_released_by_its_holder(extract):
    rec = extract(
        "Pause\n" + GAZA + "During the pause, a total of 150 Palestinian prisoners held in "
        "Israeli jails and 50 captives in Gaza are set to be released."
    )
    assert releasers(rec) == {"ISR", "HAMAS"}
    assert {e.modality.value for e in events(rec, "RELEASE")} == {"future"}


def test_return_of_all_but_one_of_the_hostages_happened(extract):
    rec = extract(
        "Phase\n" + GAZA + "With the return of all but one of the deceased hostages, "
        "the first phase is nearly complete."
    )
    release = events(rec, "RELEASE")
    assert releasers(rec) == {"HAMAS"}
    assert release[0].modality.value == "actual"


def test_release_of_an_album_is_no_release(extract):
    rec = extract(
        "Tour\nFollowing Friday's release of their sixth album, the band announced a tour."
    )
    assert not events(rec, "RELEASE")


def test_would_with_a_day_is_a_schedule(extract):
    rec = extract(
        "Handover\n" + GAZA + "A Hamas official said the first four captives would be "
        "handed over on Sunday."
    )
    release = events(rec, "RELEASE")
    assert releasers(rec) == {"HAMAS"} and release[0].modality.value == "future"


def test_would_under_a_condition_stays_hypothetical(extract):
    rec = extract(
        "Terms\n" + GAZA + "The captives would be freed on Sunday if Israel accepted the terms."
    )
    assert [(e.actor, e.modality.value) for e in events(rec, "RELEASE")] == [
        (["HAMAS"], "possible")
    ]


def test_releases_a_plan_foresees_are_possible_releases_by_each_side(extract):
    rec = extract(
        "Plan\n"
        + GAZA
        + "Under the plan, the group would free eight captives in exchange for 80 prisoners."
    )
    assert {(a, e.modality.value) for e in events(rec, "RELEASE") for a in e.actor} == {
        ("HAMAS", "possible"),
        ("ISR", "possible"),
    }


def test_a_hypothetical_release_with_no_doer_is_only_a_term(extract):
    rec = extract("Terms\nThe handover would depend on the conditions on the ground.")
    assert not events(rec, "RELEASE")


def test_people_held_by_a_side_are_released_by_it_in_an_exchange(extract):
    rec = extract(
        "Deal\n"
        + GAZA
        + "The deal frees elderly captives in exchange for the release of men jailed by Israel."
    )
    assert releasers(rec) == {"HAMAS", "ISR"}


def test_prisoners_who_would_be_freed_are_released_by_their_holder(extract):
    rec = extract(
        "Terms\n"
        + GAZA
        + "Mediators listed the prisoners who would be freed in exchange for the 40 hostages "
        "held by Hamas."
    )
    assert {(a, e.modality.value) for e in events(rec, "RELEASE") for a in e.actor} == {
        ("ISR", "possible"),
        ("HAMAS", "possible"),
    }


def test_someone_released_after_being_kidnapped_is_freed_by_the_armed_group(extract):
    rec = extract(
        "Freed\nColombia and the ELN rebels opened a new round of talks on Monday. The ELN said "
        "its talks with Colombia would go on. A trader was released on Thursday after being "
        "kidnapped for a week."
    )
    assert releasers(rec) == {"ELN"}


def test_a_release_a_plan_calls_for_is_its_possible_term(extract):
    rec = extract("Plan\n" + GAZA + "The plan calls for the release of all hostages within a week.")
    assert [(e.actor, e.modality.value) for e in events(rec, "RELEASE")] == [
        (["HAMAS"], "possible")
    ]


def test_a_draft_providing_for_releases_in_exchange_frees_both_ways(extract):
    rec = extract(
        "Draft\n"
        + GAZA
        + "The draft provides for the return of six bodies, in exchange for dozens of Palestinian "
        "prisoners."
    )
    assert {(a, e.modality.value) for e in events(rec, "RELEASE") for a in e.actor} == {
        ("HAMAS", "possible"),
        ("ISR", "possible"),
    }


def test_a_party_calling_for_a_release_demands_it_and_frees_no_one(extract):
    rec = extract("Call\n" + GAZA + "The European Union called for the release of all hostages.")
    assert not events(rec, "RELEASE")


# ------------------------------------------------------------ truces


def test_agreeing_to_a_ceasefire_starts_it_for_both(extract):
    rec = extract("Truce\nThailand and Cambodia agreed to a ceasefire on Monday.")
    truce = events(rec, "CEASEFIRE")
    assert len(truce) == 1 and set(truce[0].actor) == {"THA", "KHM"}
    assert truce[0].action == "start"
    assert events(rec, "AGREE")


def test_an_agreed_truce_is_to_start_and_takes_no_date_of_the_agreement(extract):
    rec = extract("Truce\nThailand and Cambodia agreed on Friday to a ceasefire.")
    truce = events(rec, "CEASEFIRE")
    assert truce[0].modality.value == "future" and truce[0].date is None
    assert events(rec, "AGREE")[0].date is not None


def test_understanding_to_halt_military_actions_is_a_truce(extract):
    rec = extract(
        "India and Pakistan ceasefire\nAfter four days of war, an understanding has been "
        "reached between India and Pakistan to halt military actions."
    )
    truce = events(rec, "CEASEFIRE")
    assert truce and set(truce[0].actor) == {"IND", "PAK"}


def test_one_party_agreeing_to_a_truce_starts_nothing(extract):
    rec = extract("Truce\nIsrael agreed to a ceasefire on Monday.")
    assert not events(rec, "CEASEFIRE")


def test_peace_deal_to_end_the_fighting_is_no_truce(extract):
    rec = extract(
        "Peace\nRwanda and the Democratic Republic of Congo signed a peace agreement on "
        "Friday to end the fighting."
    )
    assert not events(rec, "CEASEFIRE")


def test_ceasefire_talks_that_start_are_not_a_truce_starting(extract):
    rec = extract("Talks\nSudan ceasefire talks start in Jeddah despite army no-show.")
    assert not events(rec, "CEASEFIRE")


def test_truce_that_commenced(extract):
    rec = extract(
        "Truce\n" + GAZA + "Hamas freed 13 hostages under a truce that commenced on Friday."
    )
    truce = events(rec, "CEASEFIRE")
    assert truce and truce[0].action == "start" and set(truce[0].actor) == {"ISR", "HAMAS"}


def test_truce_entering_its_second_phase_starts_that_phase(extract):
    rec = extract("Phase\n" + GAZA + "The ceasefire entered its second phase on Sunday.")
    truce = events(rec, "CEASEFIRE")
    assert truce and truce[0].action == "start"


def test_deadlock_on_extending_a_truce_extends_nothing(extract):
    rec = extract(
        "Strikes\n" + GAZA + "Israel resumed strikes after a deadlock on extending the truce."
    )
    assert all(
        e.modality.value not in ("actual", "future")
        for e in events(rec, "CEASEFIRE")
        if e.action == "extend"
    )


def test_a_party_announcing_a_truce_starts_its_own(extract):
    rec = extract("Truce\n" + UKRAINE + "The Kremlin announced an energy ceasefire on Friday.")
    truce = events(rec, "CEASEFIRE")
    assert [(e.actor, e.modality.value, e.action) for e in truce] == [(["RUS"], "actual", "start")]


def test_a_party_observing_a_truce_keeps_it(extract):
    rec = extract("Truce\n" + UKRAINE + "Russia observed a short truce at Easter.")
    assert [(e.actor, e.modality.value) for e in events(rec, "CEASEFIRE")] == [(["RUS"], "actual")]


def test_a_truce_a_mediator_announces_is_held_by_the_sides(extract):
    rec = extract(
        "Truce\nMediators from Qatar met Israeli and Hamas envoys. Israel and Hamas traded "
        "blame. Qatar announced a truce on Friday."
    )
    assert {a for e in events(rec, "CEASEFIRE") for a in e.actor} == {"ISR", "HAMAS"}


def test_a_truce_a_plan_calls_for_is_a_possible_truce_of_the_sides(extract):
    rec = extract("Plan\n" + GAZA + "The plan calls for an immediate truce and a phased pullback.")
    assert [(sorted(e.actor), e.modality.value) for e in events(rec, "CEASEFIRE")] == [
        (["HAMAS", "ISR"], "possible")
    ]


def test_a_truce_a_party_calls_for_is_its_demand_not_a_truce(extract):
    rec = extract("Call\n" + GAZA + "Hamas called for an immediate truce.")
    assert not events(rec, "CEASEFIRE")
    assert events(rec, "DEMAND")


# ------------------------------------------------------------ breaches


def test_truce_violations_no_one_is_named_for_are_the_sides(extract):
    rec = extract(
        "Breaches\nIndia and Pakistan agreed to a truce in May. Pakistan said India attacked. "
        "The White House said it was deeply concerned by the ceasefire violations."
    )
    assert [sorted(e.actor) for e in events(rec, "VIOLATE")] == [["IND", "PAK"]]


def test_violations_an_accusation_names_are_the_accused_only(extract):
    rec = extract(
        "Breaches\nIndia and Pakistan agreed to a truce in May. Pakistan accused India of "
        "sabotaging the ceasefire through repeated violations of the truce."
    )
    assert {a for e in events(rec, "VIOLATE") for a in e.actor} == {"IND"}
