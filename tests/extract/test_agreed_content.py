"""An agreement said as a noun with its content: "agreement on a prisoner swap".

The agreement is the negotiation's sides'; the swap it is about is agreed, to come.
"""

from __future__ import annotations

import pytest

TALKS = "Russia and Ukraine held talks in Geneva on Friday. "


def _events(rec, event_type: str) -> list[tuple[list[str], str]]:
    return [(sorted(e.actor), e.modality.value) for e in rec.events if e.type.value == event_type]


@pytest.mark.parametrize(
    "sentence",
    [
        "The one point of agreement was on a prisoner swap.",
        "Agreement was reached on an exchange of 300 detainees each.",
        "The delegations reached agreement on a swap of wounded soldiers.",
        "The deal on a prisoner exchange was the only result of the day.",
        "The two sides reached consensus on a swap of 300 detainees.",
    ],
)
def test_an_agreement_on_a_swap_is_the_sides_and_the_swap_is_to_come(extract, sentence):
    rec = extract("Talks\n" + TALKS + sentence)
    agreements = _events(rec, "AGREE")
    assert agreements and all(a == (["RUS", "UKR"], "actual") for a in agreements), agreements
    releases = _events(rec, "RELEASE")
    assert releases and all(m == "future" for _, m in releases), releases


@pytest.mark.parametrize(
    "sentence",
    [
        "There was no agreement on a prisoner swap.",
        "The talks ended without agreement on an exchange of detainees.",
        "The delegations failed to reach agreement on a prisoner swap.",
    ],
)
def test_no_agreement_on_a_swap_agrees_nothing_and_frees_no_one(extract, sentence):
    rec = extract("Talks\n" + TALKS + sentence)
    assert all(m != "actual" for _, m in _events(rec, "AGREE"))
    assert all(m not in ("actual", "future") for _, m in _events(rec, "RELEASE"))


def test_talks_toward_an_agreement_on_a_swap_agree_nothing(extract):
    rec = extract("Talks\n" + TALKS + "Envoys pressed on with talks toward an agreement on a swap.")
    assert not _events(rec, "AGREE")


def test_the_agreement_carries_the_counts_of_its_content(extract):
    rec = extract("Talks\n" + TALKS + "Agreement was reached on an exchange of 300 detainees each.")
    releases = [e for e in rec.events if e.type.value == "RELEASE"]
    assert any(
        t.issue == "prisoners_released" and t.value == 300 for e in releases for t in e.terms
    )


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Agreement was reached on a 250-for-250 swap of detainees.", 250),
        ("The one point of agreement was on a thousand-for-thousand prisoner exchange.", 1000),
    ],
)
def test_the_same_count_either_side_of_for_is_freed_by_each_side(extract, sentence, count):
    rec = extract("Talks\n" + TALKS + sentence)
    counts = [
        (t.value, t.qualifier)
        for e in rec.events
        if e.type.value == "RELEASE"
        for t in e.terms
        if t.issue == "prisoners_released"
    ]
    assert counts == [(count, "each side")]


def test_unequal_counts_either_side_of_for_are_no_count_of_each_side(extract):
    rec = extract("Talks\n" + TALKS + "Agreement was reached on a 1-for-30 exchange.")
    assert not [t for e in rec.events for t in e.terms if t.qualifier == "each side"]
