"""The sides of an article's negotiation and who a noun phrase names as a party."""

from __future__ import annotations


def events(record, event_type: str) -> list:
    return [e for e in record.events if e.type.value == event_type]


def test_a_backer_named_in_a_modifier_is_not_the_party(extract):
    rec = extract(
        "Detainees\nThe Yemeni government and Iran-backed Houthi militias agreed to free "
        "887 detainees."
    )
    named = {a for e in rec.events for a in e.actor}
    assert "HOUTHIS" in named and "IRN" not in named


def test_the_broker_of_a_truce_is_not_its_party(extract):
    rec = extract(
        "Truce\nTalks between the junta and the MNDAA went on.\n"
        "The first China-brokered ceasefire began on Jan. 11."
    )
    assert all("CHN" not in e.actor for e in events(rec, "CEASEFIRE"))


def test_sides_of_a_known_process_leave_its_mediators_out(extract):
    rec = extract(
        "Gaza\nThe United States said on Monday that the United States would keep pressing "
        "Israel and Hamas, and US envoys met Israel's negotiators in Washington.\n"
        "The ceasefire in Gaza took effect on January 19, Hamas said."
    )
    truce = events(rec, "CEASEFIRE")
    assert truce and set(truce[0].actor) == {"ISR", "HAMAS"}


def test_a_country_named_as_a_place_is_not_a_side(extract):
    rec = extract(
        "Truce\nHezbollah fired at Israeli troops in Lebanon, its first attack on Israel "
        "since a ceasefire took effect. Israeli strikes in Lebanon and in southern Lebanon "
        "continued, Hezbollah said."
    )
    truce = events(rec, "CEASEFIRE")
    assert truce and "LBN" not in truce[0].actor


TRUCE = "India and Pakistan agreed to a truce on Saturday. Pakistan said India attacked. "


def _meetings(rec) -> list[tuple[list[str], str]]:
    return [(sorted(e.actor), e.modality.value) for e in rec.events if e.type.value == "MEET"]


def test_talks_between_the_two_sides_are_the_sides_meeting(extract):
    rec = extract("Talks\n" + TRUCE + "The truce came after discussions between the two sides.")
    assert _meetings(rec) == [(["IND", "PAK"], "actual")]


def test_envoys_of_both_countries_meeting_are_the_sides(extract):
    rec = extract(
        "Talks\n" + TRUCE + "The envoys of both countries are to meet again on the truce."
    )
    assert _meetings(rec) == [(["IND", "PAK"], "future")]


def test_a_round_of_talks_beginning_is_the_sides_meeting(extract):
    rec = extract("Talks\n" + TRUCE + "A second round of truce talks began in Geneva on Monday.")
    assert [actors for actors, _ in _meetings(rec)] == [["IND", "PAK"]]


def test_all_countries_are_not_the_sides(extract):
    rec = extract(
        "Talks\n" + TRUCE + "The envoys of all countries met on the truce in Geneva on Monday."
    )
    assert all(not actors for actors, _ in _meetings(rec))


SUDAN = "Sudan's army and the RSF have fought since April. The RSF said it would keep the truce. "


def test_the_army_is_the_state_side_when_one_side_is_a_state(extract):
    rec = extract("Truce\n" + SUDAN + "The army said on Wednesday it accepted a three-day truce.")
    assert {a for e in events(rec, "ACCEPT") for a in e.actor} == {"SDN"}


def test_one_state_agreeing_to_a_truce_accepts_it(extract):
    rec = extract("Truce\n" + SUDAN + "The government agreed to a three-day truce.")
    assert [e.actor for e in events(rec, "ACCEPT")] == [["SDN"]]


def test_the_parties_the_lead_says_made_a_deal_are_the_sides(extract):
    rec = extract(
        "Congo truce\nKinshasa and the M23 rebels signed a ceasefire agreement on Saturday. "
        "Rwanda welcomed the news. Rwanda said it backed the deal, and Rwanda's foreign "
        "minister said Rwanda would help. The two sides agreed to meet again next week."
    )
    meets = [e for e in rec.events if e.type.value == "MEET"]
    assert meets and set(meets[-1].actor) == {"COD", "M23"}
