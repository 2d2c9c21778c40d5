"""Claims: who says an event happened, how identifiable, through which outlet."""

from __future__ import annotations


def only(record, event_type):
    found = [e for e in record.events if e.type.value == event_type]
    assert len(found) == 1, [(e.type.value, e.actor) for e in record.events]
    return found[0]


def test_anonymous_sources_with_count_and_outlet(extract):
    rec = extract(
        "Talks in Cairo\nTwo Egyptian security sources told Reuters that Hamas rejected the Israeli proposal."
    )
    claim = only(rec, "REJECT").claim
    assert claim.source_text == "Two Egyptian security sources"
    assert (claim.source_actor, claim.anonymous, claim.source_count, claim.via, claim.verb) == (
        "EGY",
        True,
        2,
        "Reuters",
        "told",
    )


def test_named_official_is_not_anonymous(extract):
    rec = extract(
        "Talks\nIsraeli Prime Minister Benjamin Netanyahu said Israel rejected the proposal."
    )
    claim = only(rec, "REJECT").claim
    assert (claim.source_actor, claim.anonymous) == ("ISR", False)


def test_trailing_attribution_covers_the_sentence(extract):
    rec = extract("Talks\nHamas opposes any extension of the first phase, the sources said.")
    claim = only(rec, "REJECT").claim
    assert claim.source_text == "the sources"
    assert claim.anonymous is True


def test_definite_source_inherits_party_and_outlet_from_its_first_mention(extract):
    rec = extract(
        "Talks\nA senior Hamas official told Al Mayadeen that talks were held in Doha.\n"
        "The official added that Hamas rejected the Israeli demand."
    )
    claim = only(rec, "REJECT").claim
    assert (claim.source_actor, claim.anonymous, claim.via) == ("HAMAS", True, "Al Mayadeen")


def test_according_to_a_document_is_a_source(extract):
    rec = extract("Draft\nAccording to the Egyptian draft, Hamas rejected the Israeli demand.")
    claim = only(rec, "REJECT").claim
    assert claim.source_text == "the Egyptian draft"
    assert claim.source_actor == "EGY"


def test_outlet_reporting_alone_is_the_channel_not_a_source(extract):
    rec = extract("Report\nAxios reported that Qatar rejected the Hamas request.")
    claim = only(rec, "REJECT").claim
    assert claim.source_text is None
    assert claim.via == "Axios"


def test_unattributed_event_belongs_to_the_outlet(extract):
    rec = extract("Swap\nHamas freed three Israeli captives on Saturday.", outlet="Levant Wire")
    claim = only(rec, "RELEASE").claim
    assert claim.source_text is None
    assert claim.outlet == "Levant Wire"


def test_statement_by_the_actor_is_its_own_claim(extract):
    rec = extract("Statement\nIn a statement, Hamas called on mediators to pressure Israel.")
    claim = only(rec, "DEMAND").claim
    assert (claim.source_actor, claim.anonymous) == ("HAMAS", False)


def test_headline_credit_after_a_colon(extract):
    rec = extract("Israel obstructs the prisoner swap: Hamas\nBody text follows here.")
    claim = only(rec, "VIOLATE").claim
    assert claim.source_actor == "HAMAS"


def test_hyphen_inside_a_word_credits_no_source(extract):
    rec = extract(
        "Truce\nThe RSF said in a statement it had agreed to the Quad's three-month truce."
    )
    accept = next(e for e in rec.events if e.type.value == "ACCEPT")
    assert accept.claim.source_text == "The RSF"


def test_headline_credit_after_a_spaced_dash(extract):
    rec = extract("Hamas agrees to 60-day truce - sources\nBody text follows here.")
    assert rec.events[0].claim.source_text == "sources"


def test_dateline_wire_credit_is_the_channel_of_unsourced_claims(extract):
    rec = extract(
        "Hamas frees three hostages\nDOHA, Jan 8 (Reuters) - Hamas freed three hostages on "
        "Saturday, two sources told AFP. Israel released 90 prisoners."
    )
    assert [(e.claim.source_text, e.claim.via) for e in rec.events] == [
        (None, "Reuters"),
        ("two sources", "AFP"),
        (None, "Reuters"),
    ]


def test_an_outlet_in_parentheses_elsewhere_is_no_wire_credit(extract):
    rec = extract("Hamas frees three hostages\nHamas freed three hostages (Reuters) on Saturday.")
    assert all(e.claim.via is None for e in rec.events)


def test_an_official_acting_is_the_officials_claim(extract):
    rec = extract("Normalisation\nA Lebanese official close to Aoun dismissed the idea.")
    claim = rec.events[0].claim
    assert (claim.source_text, claim.source_actor, claim.anonymous) == (
        "A Lebanese official close to Aoun",
        "LBN",
        True,
    )


def test_a_name_in_a_modifier_does_not_name_the_source(extract):
    rec = extract("Plan\nA source close to Netanyahu said Hamas had rejected the plan.")
    assert rec.events[0].claim.anonymous is True


def test_a_definite_office_names_its_holder(extract):
    rec = extract("Talks\nQatar's prime minister said Hamas had accepted the proposal.")
    claim = only(rec, "ACCEPT").claim
    assert (claim.source_actor, claim.anonymous) == ("QAT", False)
    rec = extract("Talks\nThe Ukrainian leader said Russia had rejected the ceasefire.")
    claim = only(rec, "REJECT").claim
    assert (claim.source_actor, claim.anonymous) == ("UKR", False)


def test_an_indefinite_official_stays_anonymous(extract):
    rec = extract("Talks\nA senior Hamas leader said Hamas had accepted the proposal.")
    assert only(rec, "ACCEPT").claim.anonymous is True
    rec = extract("Talks\nAn Israeli minister said Israel had rejected the proposal.")
    assert only(rec, "REJECT").claim.anonymous is True


def test_who_speaks_by_doing_something_is_the_subject(extract):
    rec = extract("Truce\nHamas surprised the world by saying it accepts the ceasefire proposal.")
    claim = only(rec, "ACCEPT").claim
    assert (claim.source_text, claim.source_actor) == ("Hamas", "HAMAS")


def test_a_deal_or_a_date_is_no_source(extract):
    rec = extract("Truce\nAccording to the deal, Hamas released three hostages on Saturday.")
    assert only(rec, "RELEASE").claim.source_text is None


def test_a_headline_credit_must_name_someone(extract):
    rec = extract("Ceasefire talks resume in Cairo: Sumy and Kharkiv\nThe truce held.")
    assert only(rec, "MEET").claim.source_text is None
    rec = extract("Hamas rejects truce offer: sources\nThe truce held.")
    assert only(rec, "REJECT").claim.source_text == "sources"


def test_the_statement_is_the_one_last_mentioned(extract):
    rec = extract(
        "Truce\nHamas said in a statement that its delegation had arrived in Cairo from Doha.\n"
        "Israel must release the prisoners, the statement said."
    )
    assert only(rec, "DEMAND").claim.source_actor == "HAMAS"


def test_officials_doing_a_deed_are_not_its_source(extract):
    rec = extract("Talks\nSenior Israeli negotiators met the Qatari mediators in Doha on Monday.")
    assert only(rec, "MEET").claim.source_text is None
    rec = extract("Talks\nA senior Hamas official rejected the Israeli offer on Monday.")
    assert only(rec, "REJECT").claim.source_text == "A senior Hamas official"


def test_a_document_by_a_party_is_that_partys(extract):
    rec = extract("Talks\nHamas rejected the offer, according to a statement by Egypt.")
    claim = only(rec, "REJECT").claim
    assert (claim.source_text, claim.source_actor) == ("a statement by Egypt", "EGY")
    rec = extract(
        "Talks\nA statement issued by the UN envoy's office said Hamas rejected the offer."
    )
    assert only(rec, "REJECT").claim.source_actor == "UN"


def test_the_press_is_a_channel_not_a_source(extract):
    rec = extract("Talks\nHamas rejected the offer, according to Israeli media reports.")
    claim = only(rec, "REJECT").claim
    assert (claim.source_text, claim.via) == (None, "Israeli media reports")
    rec = extract(
        "Talks\nThe talks resumed in Cairo on Monday, according to a report published by "
        "Reuters. Hamas rejected the offer, the report said."
    )
    claim = only(rec, "REJECT").claim
    assert (claim.source_text, claim.source_actor, claim.via) == (None, None, "Reuters")


def test_a_pronoun_speaking_continues_the_last_source(extract):
    rec = extract(
        "Talks\nAn Arab official familiar with the talks said Cairo would host the "
        "delegations. He added that Hamas had rejected the Israeli offer."
    )
    claim = only(rec, "REJECT").claim
    assert (claim.source_text, claim.anonymous) == ("He", True)
    rec = extract(
        "Talks\nQatar would host the delegations, the report said. Hamas rejected the "
        "Israeli offer, it added."
    )
    assert only(rec, "REJECT").claim.source_actor is None


def test_one_of_the_sources_is_one_person(extract):
    rec = extract(
        "Talks\nThe talks went on late, one of the sources told Reuters. He added that "
        "Hamas had rejected the Israeli offer."
    )
    claim = only(rec, "REJECT").claim
    assert (claim.anonymous, claim.via) == (True, "Reuters")


def test_a_quotation_of_several_sentences_is_the_speakers(extract):
    rec = extract(
        "Talks\n“Hamas rejected the Israeli offer on Monday. We have worked hard for months "
        "and we will go on,” the Qatari foreign minister said."
    )
    claim = only(rec, "REJECT").claim
    assert (claim.source_text, claim.source_actor) == ("the Qatari foreign minister", "QAT")


def test_a_trailing_said_is_spoken_by_the_noun_before_it(extract):
    rec = extract(
        "Talks\nSaudi and Omani delegations arrived in Sanaa, Houthi-run media said on "
        "Sunday, to negotiate a permanent ceasefire with Houthi officials."
    )
    claims = {e.trigger: e.claim for e in rec.events}
    assert claims["negotiate"].source_actor == "HOUTHIS"


def test_a_source_close_to_a_party_in_a_relative_clause_speaks_for_it(extract):
    rec = extract("Talks\nThe sources, who are close to Hamas, said Israel had rejected the offer.")
    claim = only(rec, "REJECT").claim
    assert (claim.source_actor, claim.anonymous) == ("HAMAS", True)
    rec = extract(
        "Talks\nOfficials who are familiar with the talks in Cairo said Israel had rejected "
        "the offer."
    )
    assert only(rec, "REJECT").claim.source_actor is None


def test_what_a_speaker_rejects_a_suggestion_of_is_the_speakers_claim(extract):
    rec = extract(
        "Talks\nA spokesman for the Russian Foreign Ministry rejected any suggestion that "
        "Moscow had opposed the ceasefire."
    )
    claims = {e.trigger: e.claim for e in rec.events}
    assert claims["opposed"].source_actor == "RUS"


def test_officials_briefed_on_the_talks_are_the_speakers(extract):
    rec = extract(
        "Talks\nLebanese officials briefed on the meetings said Aoun had asked the envoys "
        "to press Israel to halt its strikes."
    )
    claim = only(rec, "DEMAND").claim
    assert (claim.source_actor, claim.anonymous) == ("LBN", True)


def test_he_after_a_quotation_is_the_last_speaker_outside_it(extract):
    rec = extract(
        "Talks\nThe Qatari prime minister said the talks would go on. “Hamas could have "
        "said yes. Hamas rejected the Israeli offer on Monday,” he said."
    )
    claim = only(rec, "REJECT").claim
    assert (claim.source_text, claim.source_actor, claim.anonymous) == ("he", "QAT", False)


def test_a_role_beside_the_party_itself_is_the_party_acting(extract):
    rec = extract(
        "Talks\nHamas accepted the proposal, which was put forward by mediators Egypt and "
        "Qatar ten days ago."
    )
    assert only(rec, "PROPOSE").claim.source_text is None


def test_the_press_a_source_spoke_to_is_the_channel(extract):
    rec = extract(
        "Talks\nA Kremlin adviser told state media on Wednesday that Russia had rejected "
        "the proposal."
    )
    claim = only(rec, "REJECT").claim
    assert (claim.source_actor, claim.via) == ("RUS", "state media")


def test_who_is_quoted_speaks_and_the_quoting_outlet_relays(extract):
    rec = extract(
        "Talks\nNetanyahu was quoted by Channel 12 as saying that Israel rejected the proposal."
    )
    claim = only(rec, "REJECT").claim
    assert (claim.source_text, claim.source_actor, claim.via) == ("Netanyahu", "ISR", "Channel 12")


def test_an_outlet_citing_a_source_relays_the_sources_claim(extract):
    rec = extract(
        "Talks\nHamas rejected the proposal, Al Jazeera reported, citing a senior official "
        "in the group."
    )
    claim = only(rec, "REJECT").claim
    assert (claim.source_actor, claim.anonymous, claim.via) == ("HAMAS", True, "Al Jazeera")
