"""Names of proposals: from the reports' words, else proposer and date."""

from __future__ import annotations

import datetime as dt

from truceline.negotiation.names import (
    distinguish,
    fallback_name,
    name_key,
    owner_of,
    proposal_names,
)
from truceline.record import Proposal


def test_words_that_only_describe_a_proposal_are_left_out_of_its_name():
    texts = [
        "Trump's cease-fire plan hinges on the tunnels",
        "Egypt's new three-phase proposal was handed over",
        "the Qatari truce proposal",
    ]
    assert proposal_names(texts) == [
        "the Trump plan",
        "the Egyptian proposal",
        "the Qatari proposal",
    ]


def test_a_country_owner_is_named_by_its_adjective_a_person_by_name():
    assert proposal_names(["Israel's proposal", "the U.S. plan", "Witkoff's outline"]) == [
        "the Israeli proposal",
        "the US plan",
        "the Witkoff outline",
    ]


def test_a_plan_is_named_by_its_number_of_points():
    assert proposal_names(["They unveil a 20-point plan", "a six-point peace proposal"]) == [
        "the 20-point plan",
        "the six-point plan",
    ]


def test_a_verb_after_a_name_is_no_proposal():
    assert proposal_names(["Hamas rejected the proposal", "Israel plans to resume"]) == []


def test_names_of_one_proposal_share_a_key_and_an_owner():
    assert name_key("the Witkoff plan") == name_key("the Witkoff outline") == "witkoff"
    assert (owner_of("the Witkoff plan"), owner_of("the Egyptian proposal")) == ("USA", "EGY")
    assert owner_of("the 20-point plan") is None


def test_an_unnamed_proposal_is_named_for_its_proposer_kind_and_date():
    counter = Proposal(
        id="proposal:x",
        process="gaza",
        kind="counter",
        proposer=["HAMAS"],
        date=dt.date(2025, 10, 3),
    )
    plan = Proposal(
        id="proposal:y", process="gaza", proposer=["EGY", "QAT"], date=dt.date(2025, 8, 16)
    )
    assert fallback_name(counter) == "Hamas counter-proposal of 3 Oct 2025"
    assert fallback_name(plan) == "Egyptian-Qatari proposal of 16 Aug 2025"


def test_a_persons_full_name_gives_the_surname():
    assert proposal_names(["Donald Trump's proposal for a 30-day pause"]) == ["the Trump proposal"]


def test_proposals_of_one_process_named_alike_are_told_apart_by_date():
    march, may = (
        Proposal(id=f"proposal:{n}", process="x", name="the US proposal", date=day)
        for n, day in (("a", dt.date(2025, 3, 11)), ("b", dt.date(2025, 5, 2)))
    )
    distinguish([march, may])
    assert (march.name, may.name) == (
        "the US proposal of 11 Mar 2025",
        "the US proposal of 2 May 2025",
    )
