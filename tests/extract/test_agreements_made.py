"""Agreements a sentence takes as made: in a time phrase, or as a dated list of signed texts."""

from __future__ import annotations

import datetime as dt

import pytest

TALKS = "Russia and Ukraine held talks in Geneva on Friday. "


def _agreements(rec) -> list[tuple[list[str], str, dt.date | None, str | None]]:
    return [
        (sorted(e.actor), e.modality.value, e.date, e.date_precision)
        for e in rec.events
        if e.type.value == "AGREE"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Following agreement on a hotline between the armies on February 12, the guns went quiet.",
        "Since the accord over the prisoner lists on February 12, no one has been freed.",
        "After the deal on the exchange mechanism on February 12, the envoys flew home.",
    ],
)
def test_an_agreement_in_a_time_phrase_was_made_on_its_day(extract, sentence):
    rec = extract("Talks\n" + TALKS + sentence)
    assert (["RUS", "UKR"], "actual", dt.date(2025, 2, 12), "day") in _agreements(rec)


def test_an_agreement_in_a_time_phrase_names_its_parties_when_given(extract):
    rec = extract(
        "Talks\nNegotiators met in Cairo. After the accord between Israel and Hamas on the "
        "crossings on January 30, trucks entered Gaza."
    )
    assert (["HAMAS", "ISR"], "actual", dt.date(2025, 1, 30), "day") in _agreements(rec)


def test_a_bare_deal_in_a_time_phrase_is_the_one_told_before(extract):
    rec = extract("Talks\n" + TALKS + "After the deal, the envoys flew home.")
    assert _agreements(rec) == []


def test_a_time_phrase_agreement_sets_up_no_truce_of_its_own(extract):
    rec = extract(
        "Talks\n" + TALKS + "Following agreement on the truce monitoring body on February 12, "
        "talks turned to detainees."
    )
    assert any(m == "actual" for _, m, _, _ in _agreements(rec))
    assert not [e for e in rec.events if e.type.value == "CEASEFIRE"]


def test_a_list_of_signed_texts_is_one_agreement_per_dated_text(extract):
    rec = extract(
        "Talks\nThe M23 rebels and the Congolese government met in Doha on Friday. The dialogue "
        "led to the signing of several documents last year, including a joint statement in "
        "March, a set of principles in June, a deal on detainees in August and a framework "
        "accord in November."
    )
    dated = sorted(d for _, m, d, p in _agreements(rec) if m == "actual" and p == "month")
    assert dated == [
        dt.date(2024, 3, 1),
        dt.date(2024, 6, 1),
        dt.date(2024, 8, 1),
        dt.date(2024, 11, 1),
    ]
    assert all(a == ["COD", "M23"] for a, _, _, _ in _agreements(rec))


def test_a_signing_with_one_date_is_no_list(extract):
    rec = extract(
        "Talks\n"
        + TALKS
        + "The meeting led to the signing of a protocol, including annexes, in May."
    )
    assert len(_agreements(rec)) <= 1


def test_a_list_of_signings_still_to_come_is_not_made(extract):
    rec = extract(
        "Talks\n" + TALKS + "The talks are expected to lead to the signing of two texts, "
        "including a roadmap in May and an accord in June."
    )
    assert all(m != "actual" for _, m, _, _ in _agreements(rec))
