"""The negotiation reading: a trigger names a negotiation event only where there is one.

Ordinary news uses the same words in their everyday senses ("a statement
released on Thursday", "agreed to buy", "the committee met"). An event needs
its words in the negotiation sense and a negotiation around it: in its
sentence (a truce, captives, a conflict or a party to one) or in its article.
"""

from __future__ import annotations


def kinds(record):
    return [(e.type.value, e.actor) for e in record.events]


def test_a_statement_released_is_no_release(extract):
    rec = extract(
        "Rates\nIn a statement released on Thursday, the bank said its committee had met during the day."
    )
    assert kinds(rec) == []


def test_products_and_data_released_are_no_release(extract):
    rec = extract(
        "Launch\nThe firm released a new phone on Monday, and the product release drew crowds. "
        "Sales data released by the ministry showed a rise."
    )
    assert kinds(rec) == []


def test_release_on_parole_or_from_hospital_is_no_release(extract):
    rec = extract(
        "Court\nThe man will be released on parole after ten years. "
        "A guard was treated and released from hospital."
    )
    assert kinds(rec) == []


def test_a_company_agreeing_to_buy_is_no_agreement(extract):
    rec = extract(
        "Takeover\nThe drugmaker said it had reached an agreement to buy its rival. "
        "The rival's board agreed to the offer on Friday."
    )
    assert kinds(rec) == []


def test_a_trade_deal_and_wage_talks_are_not_negotiation_events(extract):
    rec = extract(
        "Trade\nThe European Union and Japan signed a free trade deal on Tuesday. "
        "Wage talks between the union and the airline resumed."
    )
    assert kinds(rec) == []


def test_a_mediator_acting_outside_any_conflict_makes_no_event(extract):
    assert kinds(extract("Vote\nThe United States urged the president to retire.")) == []


def test_one_passing_mention_does_not_make_a_negotiation_article(extract):
    rec = extract(
        "Vigil\nMembers of the Ceasefire Detroit charity marched on Sunday. "
        "The organising committee met on Monday."
    )
    assert kinds(rec) == []


def test_the_captives_freed_are_a_release_the_statement_released_is_not(extract):
    rec = extract("Truce\nHamas released a statement saying it had freed two hostages.")
    releases = [e for e in rec.events if e.type.value == "RELEASE"]
    assert [(e.actor, e.trigger) for e in releases] == [(["HAMAS"], "freed")]


def pairs(record):
    return {(e.type.value, actor) for e in record.events for actor in e.actor}


def test_an_article_about_a_truce_gives_its_mediators_a_reading(extract):
    rec = extract(
        "Gaza truce holds\nThe truce held for a third day on Monday. "
        "Egypt and Qatar are mediating the negotiations."
    )
    assert {("MEDIATE", "EGY"), ("MEDIATE", "QAT")} <= pairs(rec)


def test_a_party_to_a_conflict_gives_its_sentence_a_reading(extract):
    rec = extract("Call\nPutin spoke with Trump by phone on Tuesday.")
    assert {("MEET", "RUS"), ("MEET", "USA")} <= pairs(rec)


def test_a_truce_or_the_return_of_the_dead_is_its_own_reading(extract):
    rec = extract(
        "Border\nTalks between Russia and Ukraine resumed on Monday.\n"
        "The remains of forty soldiers are to be exchanged."
    )
    assert "RELEASE" in [e.type.value for e in rec.events]
    rec = extract("Border\nThe truce between the two armies took effect at midnight.")
    assert [e.type.value for e in rec.events] == ["CEASEFIRE"]
