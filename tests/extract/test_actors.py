"""Actor resolution: names, people, framing variants and back-references resolve to one id."""

from __future__ import annotations

import pytest

from truceline.extract.actors import actors_of_phrase


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.nlp


def mention_ids(doc) -> list[tuple[str, str]]:
    return [(m.text(doc), m.actor_id) for m in doc._.actor_mentions]


def test_framing_variants_resolve_to_israel(nlp):
    doc = nlp("The Israeli occupation delayed the release, and 'Israel' refused to comment.")
    assert [i for _, i in mention_ids(doc)] == ["ISR", "ISR"]


def test_person_resolves_to_the_party_they_act_for_and_is_kept_as_agent(nlp):
    doc = nlp("US envoy Steve Witkoff arrived in Doha on Monday.")
    people = [m for m in doc._.actor_mentions if m.how == "person"]
    assert [(m.actor_id, m.agent) for m in people] == [("USA", "Steve Witkoff")]


def test_nationality_adjective_names_a_party_only_for_people_acting_for_it(nlp):
    doc = nlp("Israeli officials said 737 Palestinian prisoners and Ukrainian POWs would be freed.")
    assert mention_ids(doc) == [("Israeli", "ISR")]


def test_coordinated_nationalities_all_name_parties(nlp):
    doc = nlp("Israeli, Qatari, and US delegations were in Cairo for talks.")
    ids = {i for _, i in mention_ids(doc)}
    assert {"ISR", "QAT", "USA"} <= ids


def test_the_movement_refers_back_to_the_last_group_named(nlp):
    doc = nlp("Hamas issued a statement. The movement said it was ready.")
    assert ("The movement", "HAMAS") in mention_ids(doc)


def test_outlets_are_channels_not_parties(nlp):
    doc = nlp("Two Egyptian security sources told Reuters that talks resumed.")
    assert [o.name for o in doc._.outlet_mentions] == ["Reuters"]
    assert "Reuters" not in [t for t, _ in mention_ids(doc)]


def test_abbreviation_is_case_sensitive(nlp):
    doc = nlp("They told us the US would guarantee the deal.")
    assert mention_ids(doc) == [("US", "USA")]


def test_locative_phrase_does_not_make_the_place_a_party(nlp):
    doc = nlp("The Israeli delegation in Cairo rejected the plan.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert [m.actor_id for m in actors_of_phrase(subject)] == ["ISR"]


def test_coordinated_subject_names_every_party(nlp):
    doc = nlp("Egypt and Qatar are mediating the negotiations.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert [m.actor_id for m in actors_of_phrase(subject)] == ["EGY", "QAT"]


def test_user_gazetteer_adds_an_actor(tmp_path):
    from truceline.extract.pipeline import build_nlp

    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "actors:\n  - id: NHF\n    kind: group\n    name: Northern Hills Front\n"
        "    aliases: [Northern Hills Front]\n"
    )
    doc = build_nlp([str(extra)])("The Northern Hills Front freed 20 soldiers.")
    assert mention_ids(doc) == [("Northern Hills Front", "NHF")]


def test_two_word_demonyms_name_their_state(extract):
    rec = extract("Detainees\nSouth Korean officials urged North Korea to release the detainees.")
    assert rec.events[0].actor == ["KOR"] and rec.events[0].target == ["PRK"]


def test_a_possessive_in_the_object_belongs_to_the_subject(extract):
    rec = extract(
        "Reply\nHamas and Islamic Jihad on Tuesday handed Qatari and Egyptian mediators their "
        "response to the proposal."
    )
    counter = next(e for e in rec.events if e.type.value == "COUNTER")
    assert counter.actor == ["HAMAS", "PIJ"] and counter.mediators == ["QAT", "EGY"]


def test_a_coordination_split_into_two_subjects_is_read_whole(extract):
    rec = extract(
        "Summit\nTrump flew in on Monday. In Sharm el-Sheikh he, Egyptian President Abdel Fattah "
        "al-Sisi, Qatar's Emir Sheikh Tamim bin Hamad Al Thani and Turkish President Recep Tayyip "
        "Erdogan signed a document as guarantors of the ceasefire agreement."
    )
    mediate = next(e for e in rec.events if e.type.value == "MEDIATE")
    assert set(mediate.actor) == {"USA", "EGY", "QAT", "TUR"}


def test_rulers_in_a_capital_are_the_state_that_rules_from_it(nlp, extract):
    doc = nlp("The authorities in Kinshasa accepted the proposal on Monday.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert [m.actor_id for m in actors_of_phrase(subject)] == ["COD"]
    rec = extract(
        "Congo truce\nThe regime in Kinshasa and the M23 rebels reached a ceasefire deal on Friday."
    )
    agree = [e for e in rec.events if e.type.value == "AGREE"]
    assert agree and set(agree[0].actor) == {"COD", "M23"}


def test_a_ruler_named_by_its_own_party_keeps_it_wherever_it_sits(nlp):
    doc = nlp("The Hamas government in Gaza rejected the plan.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert [m.actor_id for m in actors_of_phrase(subject)] == ["HAMAS"]
    # troops are where they fight, not whose they are
    doc = nlp("Israeli forces in Lebanon violated the truce.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert [m.actor_id for m in actors_of_phrase(subject)] == ["ISR"]


def test_it_refers_to_a_party_named_as_subject_before_one_after_a_preposition(extract):
    rec = extract(
        "Lebanon truce\nThe cabinet backed the plan, fearing that Israel would step up attacks "
        "on Lebanon, even as it keeps violating the truce."
    )
    violations = {a for e in rec.events if e.type.value == "VIOLATE" for a in e.actor}
    assert violations == {"ISR"}
    # a person is no "it": the party after the preposition stays
    rec = extract(
        "Ukraine truce\nZelensky said Trump must take a firm stance on Russia if it refuses "
        "to accept the ceasefire proposal."
    )
    refusals = {a for e in rec.events if e.type.value == "REJECT" for a in e.actor}
    assert refusals == {"RUS"}


def test_a_body_including_named_parties_is_those_parties(extract):
    rec = extract(
        "Congo truce with M23\nThe mediators, including envoys from Qatar and the African "
        "Union, stepped up pressure for concrete results."
    )
    demands = {a for e in rec.events if e.type.value == "DEMAND" for a in e.actor}
    assert demands == {"QAT", "AU"}
    # what a party's own word includes is no party: "its commitments, including ..."
    rec = extract(
        "Congo truce with M23\nKinshasa said it had honoured its commitments, including "
        "freeing M23 detainees."
    )
    assert not [e for e in rec.events if e.type.value == "ACCEPT" and "M23" in e.actor]
