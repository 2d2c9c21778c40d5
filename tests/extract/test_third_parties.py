"""Third parties of a negotiation mediate (issue 11; ONTOLOGY.md reading convention 4).

A party that is neither side of the article's negotiation and sits in its
meetings, works for its deal, hosts its delegations or chairs its committee
mediates. Every sentence here is written for the test.
"""

from __future__ import annotations

# Two sentences that make the article's sides plain (Israel and Hezbollah's Lebanon).
LEBANON = (
    "Israel and Lebanon agreed a truce in November. Israel accuses Hezbollah of "
    "violating the truce, and Lebanon says Israel strikes it daily. "
)
GAZA = "Israel and Hamas remain far apart on a truce. Hamas says Israel has not freed prisoners. "


def pairs(record) -> set[tuple[str, str]]:
    return {(e.type.value, a) for e in record.events for a in e.actor}


def test_members_of_a_meeting_who_are_no_side_mediate_it(extract):
    rec = extract(
        "Truce committee meets\n" + LEBANON + "The truce committee, which includes officers "
        "from the United States, France, Lebanon and Israel, met on Wednesday."
    )
    assert {("MEDIATE", "USA"), ("MEDIATE", "FRA")} <= pairs(rec)
    assert ("MEDIATE", "LBN") not in pairs(rec) and ("MEDIATE", "ISR") not in pairs(rec)
    assert {("MEET", "LBN"), ("MEET", "ISR"), ("MEET", "USA")} <= pairs(rec)


def test_a_meeting_of_the_sides_alone_has_no_mediator(extract):
    rec = extract("Talks\n" + GAZA + "Israeli and Hamas delegations held talks on Monday.")
    assert not [p for p in pairs(rec) if p[0] == "MEDIATE"]


def test_third_parties_present_at_a_meeting_attend_as_mediators(extract):
    rec = extract(
        "Talks\n" + GAZA + "The Egyptian and Turkish ambassadors were also present at the meeting."
    )
    assert {("MEDIATE", "EGY"), ("MEDIATE", "TUR")} <= pairs(rec)
    assert ("MEET", "EGY") not in pairs(rec)


def test_third_parties_working_for_a_deal_between_the_sides_mediate(extract):
    rec = extract(
        "Talks\n" + GAZA + "Egypt, Qatar and the United States have struggled for weeks to "
        "find a formula that could halt the war."
    )
    assert {("MEDIATE", "EGY"), ("MEDIATE", "QAT"), ("MEDIATE", "USA")} <= pairs(rec)
    rec = extract(
        "Talks\n" + GAZA + "Egypt is working with Qatar and the United States to revive the plan."
    )
    assert {("MEDIATE", "EGY"), ("MEDIATE", "QAT"), ("MEDIATE", "USA")} <= pairs(rec)
    rec = extract(
        "Talks\n" + GAZA + "UN and US envoys have been trying to engineer a lasting truce."
    )
    assert {("MEDIATE", "UN"), ("MEDIATE", "USA")} <= pairs(rec)


def test_a_side_working_for_a_deal_does_not_mediate_it(extract):
    rec = extract("Talks\n" + GAZA + "Israel is working to reach a deal that frees the hostages.")
    assert ("MEDIATE", "ISR") not in pairs(rec)


def test_a_deal_sought_with_someone_makes_the_seeker_a_party_not_a_mediator(extract):
    rec = extract("Talks\n" + GAZA + "Turkey is trying to reach a trade deal with Egypt.")
    assert ("MEDIATE", "TUR") not in pairs(rec)


def test_a_party_credited_for_hosting_the_talks_hosts_them(extract):
    rec = extract(
        "Talks\n" + GAZA + "The UN envoy expressed gratitude to Oman for hosting the talks."
    )
    assert ("MEDIATE", "OMN") in pairs(rec)


def test_a_side_that_facilitates_its_own_part_does_not_mediate(extract):
    rec = extract(
        "Talks\n" + GAZA + "Israel said it would facilitate the release of the prisoners."
    )
    assert ("MEDIATE", "ISR") not in pairs(rec)


def test_both_factions_sending_envoys_to_a_third_capital_are_hosted_there(extract):
    rec = extract(
        "Talks\nSudan's army and the RSF agreed in principle to a truce. Both factions have sent "
        "representatives to Washington for negotiations."
    )
    assert {("MEET", "SDN"), ("MEET", "RSF"), ("MEDIATE", "USA")} <= pairs(rec)


def test_a_shared_chair_host_or_broker_mediates(extract):
    rec = extract(
        "Truce committee\n" + LEBANON + "The committee is co-chaired by a US general. "
        "Talks were co-hosted by Egypt. France co-brokered the truce."
    )
    assert {("MEDIATE", "USA"), ("MEDIATE", "EGY"), ("MEDIATE", "FRA")} <= pairs(rec)


def test_the_peacekeepers_named_in_lower_case_are_the_un(extract):
    rec = extract(
        "Truce committee\n" + LEBANON + "Officers from Unifil, France, Lebanon and Israel "
        "were all present at the meeting."
    )
    assert {("MEDIATE", "UN"), ("MEDIATE", "FRA")} <= pairs(rec)


def test_shuttle_diplomacy_between_a_side_and_a_third_party_is_the_third_partys(extract):
    rec = extract(
        "Talks\n" + LEBANON + "The plan follows months of shuttle diplomacy between the "
        "United States and Lebanon."
    )
    assert ("MEDIATE", "USA") in pairs(rec)
    assert ("MEDIATE", "LBN") not in pairs(rec)


def test_a_deal_brokered_through_a_partys_efforts_is_mediated_by_it(extract):
    rec = extract("Talks\n" + GAZA + "The new truce was brokered through Egypt's efforts.")
    assert ("MEDIATE", "EGY") in pairs(rec)
    rec = extract("Talks\n" + GAZA + "The exchange was mediated via Qatar.")
    assert ("MEDIATE", "QAT") in pairs(rec)


def test_sides_named_by_coordinated_nationalities_are_those_parties(extract):
    rec = extract(
        "Aegean truce\nThe Turkish and Greek sides met again on Tuesday to discuss the truce."
    )
    assert {("MEET", "TUR"), ("MEET", "GRC")} <= pairs(rec)


def test_what_both_sides_judge_is_judged_by_each(extract):
    rec = extract("Talks\n" + GAZA + "Both sides said the talks in Cairo were positive.")
    assert {("ASSESS", "ISR"), ("ASSESS", "HAMAS")} <= pairs(rec)


def test_sides_named_by_nationalities_that_are_no_sides_are_the_negotiations_sides(extract):
    rec = extract(
        "Talks\n" + GAZA + "The Qatari and Egyptian sides agreed on Monday to a new truce."
    )
    assert ("AGREE", "QAT") not in pairs(rec)
    assert {("AGREE", "ISR"), ("AGREE", "HAMAS")} <= pairs(rec)


def test_third_parties_attending_the_talks_of_the_sides_mediate(extract):
    rec = extract(
        "Talks\n" + GAZA + "At talks in Cairo attended by the United Nations and the Red Cross, "
        "Israel and Hamas agreed to free more prisoners."
    )
    assert {("MEDIATE", "UN"), ("MEDIATE", "ICRC")} <= pairs(rec)


def test_who_invites_the_sides_to_talks_convenes_them(extract):
    rec = extract("Talks\n" + GAZA + "The United States invited both sides to talks in Geneva.")
    assert ("MEDIATE", "USA") in pairs(rec)
    rec = extract("Talks\n" + GAZA + "Israel invited Hamas to talks in Cairo.")
    assert ("MEDIATE", "ISR") not in pairs(rec)
