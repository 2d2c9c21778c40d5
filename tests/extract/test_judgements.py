"""Judgements of the talks are assessments by whoever holds them (issue 11).

ONTOLOGY.md's reading convention 7: "positive", "a step forward", "close to a
deal", "stalled", "no progress" about the talks are an ASSESS by the party that
judges so. Every sentence here is written for the test.
"""

from __future__ import annotations


def judged(record) -> list[tuple[str, list[str], str | None]]:
    return [(e.type.value, e.actor, e.polarity) for e in record.events if e.type.value == "ASSESS"]


def read(extract, sentence: str):
    """``sentence`` in a report about a negotiation (its headline names the truce and a party)."""
    return extract("Hamas and the ceasefire talks\n" + sentence)


def test_talks_said_to_remain_stalled_are_the_sayers_negative_judgement(extract):
    rec = read(extract, "The truce talks remain stalled, a Hamas spokesman said.")
    assert ("ASSESS", ["HAMAS"], "negative") in judged(rec)
    rec = read(extract, "Negotiations with Hamas are deadlocked, Israel's prime minister said.")
    assert ("ASSESS", ["ISR"], "negative") in judged(rec)
    # a label in passing judges nothing
    rec = read(extract, "Egypt said Hamas accepted the plan after weeks of stalled negotiations.")
    assert not judged(rec)


def test_gaps_that_remain_between_the_sides_judge_the_talks_badly(extract):
    rec = read(extract, "Wide gaps remain between Israel and Hamas, Netanyahu's office said.")
    assert ("ASSESS", ["ISR"], "negative") in judged(rec)
    # without someone saying so, the gaps are the outlet's narration: no party judges
    rec = read(extract, "Despite the ceasefire talks, differences persist.")
    assert not judged(rec)


def test_a_party_found_unwilling_to_make_a_deal_is_judged_by_the_finder(extract):
    rec = read(extract, "Qatar's foreign ministry said Israel seemed unwilling to reach a deal.")
    assert ("ASSESS", ["QAT"], "negative") in judged(rec)


def test_the_atmosphere_of_a_meeting_is_its_judgement(extract):
    rec = read(
        extract,
        "The Lebanese presidency said the truce meeting was held in a positive atmosphere.",
    )
    assert ("ASSESS", ["LBN"], "positive") in judged(rec)
    rec = read(extract, "The Russian delegation said the atmosphere of the talks was tense.")
    assert ("ASSESS", ["RUS"], "positive") not in judged(rec)


def test_news_welcomed_is_a_positive_judgement_of_each_welcomer(extract):
    rec = read(
        extract,
        "The extension of the truce was announced on Friday. The news was welcomed by "
        "the African Union and the European Union.",
    )
    assert {"AU", "EU"} <= {a for _, actors, _ in judged(rec) for a in actors}
    # welcoming the truce itself is a party's acceptance, as before
    rec = read(extract, "The Houthis welcomed the ceasefire on Sunday.")
    assert ("ACCEPT", ["HOUTHIS"]) in [(e.type.value, e.actor) for e in rec.events]
    assert not judged(rec)


def test_optimism_voiced_or_expressed_is_the_voicers(extract):
    rec = read(extract, "Witkoff voiced optimism after the ceasefire talks in Doha.")
    assert ("ASSESS", ["USA"], "positive") in judged(rec)
    rec = read(extract, "Egypt expressed pessimism about the truce talks on Monday.")
    assert ("ASSESS", ["EGY"], "negative") in judged(rec)


def test_progress_expected_is_judged_now(extract):
    rec = read(extract, '"We will see progress in the coming weeks," the US envoy said.')
    assert ("ASSESS", ["USA"], "positive") in judged(rec)
    # only possible: no judgement
    rec = read(extract, "The Qatari prime minister said the talks could perhaps see progress.")
    assert not judged(rec)


def test_a_loss_of_trust_between_the_sides_is_a_negative_judgement(extract):
    rec = read(
        extract,
        "Petro said the kidnapping had caused a loss of trust between the government and the ELN.",
    )
    assert ("ASSESS", ["COL"], "negative") in judged(rec)


def test_a_judgement_under_a_thing_that_gives_reason_is_the_speakers(extract):
    rec = read(
        extract,
        "UN envoy Hans Grundberg said the swap gave reason to believe the talks were "
        "moving in the right direction.",
    )
    assert ("ASSESS", ["UN"], "positive") in judged(rec)


def test_an_expression_or_sign_of_hope_is_a_positive_judgement(extract):
    rec = read(extract, "Witkoff said the swap was an expression of hope for the truce talks.")
    assert ("ASSESS", ["USA"], "positive") in judged(rec)
