"""Mediators, meetings and agreements as news writes them (issue 11).

Every sentence here is written for the test: mediators named by hyphened
modifiers, participles and lists; meetings whose parties are the article's
sides, a committee's members or the subject of the clause they are the
occasion of; agreements whose parties are not their announcer or broker.
"""

from __future__ import annotations


def read(extract, text: str):
    """``text`` in a report about a negotiation (a trigger alone reads in its everyday sense)."""
    return extract("Ceasefire talks as the war goes on\n" + text)


def pairs(record) -> set[tuple[str, str]]:
    return {(e.type.value, a) for e in record.events for a in e.actor}


def of_type(record, kind: str) -> list[list[str]]:
    return [e.actor for e in record.events if e.type.value == kind]


# ------------------------------------------------------------ mediators


def test_abbreviation_hyphened_to_a_participle_is_the_mediator(extract):
    rec = read(extract, "Hezbollah and Israel accepted the U.S.-mediated truce on Monday.")
    assert ("MEDIATE", "USA") in pairs(rec)


def test_names_joined_by_and_before_a_participle_all_mediate(extract):
    rec = read(extract, "The U.S.-and-France-brokered truce calls for a pause of sixty days.")
    assert {("MEDIATE", "USA"), ("MEDIATE", "FRA")} <= pairs(rec)


def test_nationality_hyphened_to_brokered_mediates(extract):
    rec = read(extract, "The Omani-brokered talks between the army and the rebels resumed.")
    assert ("MEDIATE", "OMN") in pairs(rec)


def test_auspices_name_the_mediator(extract):
    rec = read(extract, "The two delegations met in Riyadh under Saudi auspices.")
    assert ("MEDIATE", "SAU") in pairs(rec)


def test_broker_of_talks_is_not_a_party_to_them(extract):
    rec = read(
        extract,
        "The army and the M23 rebels resumed the Qatari-brokered talks between them on Monday.",
    )
    assert ("MEET", "QAT") not in pairs(rec)
    assert ("MEDIATE", "QAT") in pairs(rec)


def test_backers_and_bases_are_not_the_party(extract):
    rec = read(
        extract,
        "The Iran-backed Houthi rebels and the Yemeni government agreed on a prisoner swap.",
    )
    assert ("AGREE", "IRN") not in pairs(rec)
    assert {("AGREE", "HOUTHIS"), ("AGREE", "YEM")} <= pairs(rec)


def test_owner_of_mediation_efforts_mediates(extract):
    rec = read(
        extract,
        "The mediation efforts of Turkey, Qatar and the United Nations secured the exchange.",
    )
    assert {("MEDIATE", "TUR"), ("MEDIATE", "QAT"), ("MEDIATE", "UN")} <= pairs(rec)


def test_subject_providing_mediation_efforts_mediates(extract):
    rec = read(extract, "Saudi Arabia and the UAE provided mediation efforts for the exchange.")
    assert {("MEDIATE", "SAU"), ("MEDIATE", "ARE")} <= pairs(rec)


def test_mediation_of_named_negotiators(extract):
    rec = read(extract, "The deal was signed on the mediation of the African Union negotiators.")
    assert ("MEDIATE", "AU") in pairs(rec)


def test_mediators_listed_after_including(extract):
    rec = read(
        extract,
        "Mediators and observers, including envoys from Norway and the European Union, "
        "pressed both sides.",
    )
    assert {("MEDIATE", "NOR"), ("MEDIATE", "EU")} <= pairs(rec)


def test_participle_on_a_meeting_reads_the_meeting_as_its_object(extract):
    rec = read(extract, "The meeting, chaired by the French envoy, ended late on Tuesday.")
    assert ("MEDIATE", "FRA") in pairs(rec)


def test_observers_of_a_session_mediate(extract):
    rec = read(
        extract,
        "The session, which will be observed by diplomats from Japan and Norway, opens "
        "on Thursday.",
    )
    assert {("MEDIATE", "JPN"), ("MEDIATE", "NOR")} <= pairs(rec)


def test_coordinated_passive_participles_share_their_subject(extract):
    rec = read(
        extract,
        "The monitoring mechanism will be hosted by the UN and chaired by France and Egypt.",
    )
    assert {("MEDIATE", "UN"), ("MEDIATE", "FRA"), ("MEDIATE", "EGY")} <= pairs(rec)


def test_talks_led_or_convened_by_a_third_party(extract):
    rec = read(
        extract,
        "The negotiations were led by the Red Cross. The talks were convened by the "
        "Swiss government.",
    )
    assert {("MEDIATE", "ICRC"), ("MEDIATE", "CHE")} <= pairs(rec)


def test_convening_a_meeting_is_no_mediation(extract):
    rec = read(extract, "Netanyahu will convene a meeting of ministers on Sunday.")
    assert ("MEDIATE", "ISR") not in pairs(rec)


def test_helping_to_negotiate_is_mediating(extract):
    rec = read(extract, "The Egyptian intelligence chief is in Doha to help negotiate a truce.")
    assert ("MEDIATE", "EGY") in pairs(rec)
    assert ("MEET", "EGY") not in pairs(rec)


def test_go_between_of_a_proposal_mediates(extract):
    rec = read(extract, "Russia sent its proposal to Ukraine via Turkey on Friday.")
    assert ("MEDIATE", "TUR") in pairs(rec)


def test_city_of_a_third_state_hosts_the_talks(extract):
    rec = read(
        extract,
        "Russian and Ukrainian delegations held talks in Doha on the exchange of "
        "prisoners between Russia and Ukraine.",
    )
    assert ("MEDIATE", "QAT") in pairs(rec)
    assert ("MEET", "QAT") not in pairs(rec)


def test_city_of_a_side_is_no_host(extract):
    rec = read(
        extract,
        "Russian and Ukrainian delegations held talks in Moscow on the exchange of "
        "prisoners between Russia and Ukraine.",
    )
    assert ("MEDIATE", "RUS") not in pairs(rec)


# ------------------------------------------------------------ meetings


def test_negotiations_named_alone_are_the_sides_negotiating(extract):
    rec = read(
        extract,
        "Mediators are pushing for a truce between Israel and Hamas. Indirect "
        "negotiations have been going on since June.",
    )
    assert ["ISR", "HAMAS"] in of_type(rec, "MEET")


def test_a_committee_meeting_is_not_the_sides_meeting(extract):
    rec = read(
        extract,
        "The truce between Israel and Hezbollah holds. The meeting took place in "
        "Naqoura on Monday.",
    )
    assert ("MEET", "HEZBOLLAH") not in pairs(rec)


def test_members_of_a_body_meet_together(extract):
    rec = read(
        extract,
        "The truce committee, which includes officers from the United States, "
        "France, Lebanon and Israel, met on Monday.",
    )
    assert ["FRA", "ISR", "LBN", "USA"] in [sorted(a) for a in of_type(rec, "MEET")]


def test_passive_subject_does_the_complement(extract):
    rec = read(extract, "Netanyahu is expected to meet with Rubio in Washington on Monday.")
    assert ["ISR", "USA"] in of_type(rec, "MEET")


def test_to_be_released_is_not_done_by_its_subject(extract):
    rec = read(extract, "The hostages are expected to be released by Hamas on Monday.")
    assert ("RELEASE", "HAMAS") in pairs(rec)
    rec = read(extract, "The Hamas commanders are scheduled to be released on Monday.")
    assert ("RELEASE", "HAMAS") not in pairs(rec)


def test_the_person_met_is_a_party_to_the_meeting(extract):
    rec = read(extract, "The American envoy met President Zelensky in Kyiv on Monday.")
    assert ["USA", "UKR"] in of_type(rec, "MEET")


def test_meeting_a_target_is_no_meeting(extract):
    rec = read(extract, "Hamas and Israel failed to meet the deadline for a deal.")
    assert not [e for e in rec.events if e.type.value == "MEET" and "deadline" in e.evidence.text]


def test_dialogue_and_taking_part(extract):
    rec = read(
        extract,
        "The M23 said it had engaged in dialogue with Kinshasa. The RSF delegation is taking part.",
    )
    assert ["M23", "COD"] in of_type(rec, "MEET")
    assert ("MEET", "RSF") in pairs(rec)


def test_talks_as_the_occasion_of_a_clause_are_its_subjects(extract):
    rec = read(
        extract, "A Hamas delegation left Cairo on Sunday following talks with Egyptian officials."
    )
    assert ["HAMAS", "EGY"] in of_type(rec, "MEET")


# ------------------------------------------------------------ agreements


def test_announcer_of_a_deal_between_others_is_no_party(extract):
    rec = read(extract, "The US president announced a truce between India and Pakistan.")
    assert ["IND", "PAK"] in of_type(rec, "AGREE")
    assert ("AGREE", "USA") not in pairs(rec)


def test_brokered_deal_keeps_the_broker_out(extract):
    rec = read(extract, "The UN-brokered deal between Yemen and the Houthis was signed in Geneva.")
    assert ("AGREE", "UN") not in pairs(rec) and ("MEDIATE", "UN") in pairs(rec)


def test_plan_agreed_by_one_side_is_accepted(extract):
    rec = read(extract, "Israel has not answered the truce plan agreed by Hamas last week.")
    assert ("ACCEPT", "HAMAS") in pairs(rec)
    assert ("AGREE", "HAMAS") not in pairs(rec)


def test_the_reader_agreeing_is_no_agreement(extract):
    rec = read(extract, "By using this site you agree to our terms of service.")
    assert "AGREE" not in {e.type.value for e in rec.events}


def test_guessed_sides_leave_out_organisations(extract):
    rec = read(
        extract,
        "The Red Cross visited the camps. The Red Cross said the M23 holds 40 soldiers. "
        "The Red Cross wants access. Kinshasa and the M23 traded blame; Kinshasa wants its "
        "soldiers back. Both sides agreed on an exchange.",
    )
    assert [sorted(a) for a in of_type(rec, "AGREE")] == [["COD", "M23"]]


def test_nationality_classifying_a_named_group_is_not_a_side(extract):
    rec = read(
        extract,
        "The truce between Israel and the Lebanese armed group Hezbollah held after the "
        "two reached a deal.",
    )
    assert ("AGREE", "LBN") not in pairs(rec)


def test_mediator_speaking_is_not_added_to_the_deal(extract):
    rec = read(
        extract,
        "Egypt mediated the talks. Israel seems unwilling to reach an agreement, the "
        "Egyptian foreign minister said.",
    )
    assert ("AGREE", "ISR") in pairs(rec)
    assert ("AGREE", "EGY") not in pairs(rec)


def test_subject_of_a_reported_clause_is_the_speaker(extract):
    rec = read(
        extract,
        "The Yemeni government, which the Houthis ousted from Sanaa, said it will "
        "release 20 prisoners.",
    )
    assert ("RELEASE", "YEM") in pairs(rec)
    assert ("RELEASE", "HOUTHIS") not in pairs(rec)


def test_a_joint_appearance_with_another_leader_is_a_meeting(extract):
    rec = extract(
        "Gaza truce\nThe US president presented the ceasefire plan at a joint event with "
        "Netanyahu, saying Hamas must free the hostages."
    )
    assert {("MEET", "ISR")} <= {(e.type.value, a) for e in rec.events for a in e.actor}
    rec = extract(
        "Gaza truce\nDuring a joint news conference with Netanyahu, Witkoff said the Hamas "
        "ceasefire would hold."
    )
    meets = [e for e in rec.events if e.type.value == "MEET"]
    assert meets and set(meets[0].actor) == {"USA", "ISR"}
    # a press conference of one's own meets no one
    rec = extract("Gaza truce\nNetanyahu told a press conference the ceasefire with Hamas held.")
    assert not [e for e in rec.events if e.type.value == "MEET"]


def test_a_visiting_leader_is_the_companion_of_talks(extract):
    rec = extract(
        "Gaza truce\nTrump held talks with visiting Israeli Prime Minister Netanyahu on the "
        "ceasefire with Hamas."
    )
    meets = [e for e in rec.events if e.type.value == "MEET"]
    assert meets and set(meets[0].actor) == {"USA", "ISR"}
