"""Rounds: an ended deal, a long silence or a new deal starts the next round."""

from __future__ import annotations

import datetime as dt

from truceline.negotiation.agreements import derive_agreements
from truceline.negotiation.rounds import derive_rounds, round_of
from truceline.record import Term

FOUR_DAYS = Term(issue="ceasefire_days", value=4)


def test_an_expired_truce_ends_its_round_and_the_next_deal_has_its_own(story, gaza):
    truce = story("AGREE", ["ISR", "HAMAS"], "2023-11-22", terms=[FOUR_DAYS])
    start = story("CEASEFIRE", ["ISR", "HAMAS"], "2023-11-24", action="start")
    talks = story("MEET", ["ISR", "HAMAS"], "2023-12-05")
    deal = story("AGREE", ["ISR", "HAMAS"], "2023-12-20")
    stories = [truce, start, talks, deal]
    agreements = derive_agreements(stories, gaza)
    rounds = derive_rounds(stories, agreements, gaza)
    assert [(r.number, r.start, r.agreement, r.ended_by) for r in rounds] == [
        (1, dt.date(2023, 11, 22), agreements[0].id, "expiry"),
        (2, dt.date(2023, 12, 5), agreements[1].id, None),
    ]
    assert [a.round for a in agreements] == [1, 2]
    assert round_of(rounds, dt.date(2023, 12, 10)) == 2


def test_a_long_silence_starts_a_new_round(story, gaza):
    spring = story("MEET", ["ISR", "HAMAS"], "2024-03-01")
    autumn = story("MEET", ["ISR", "HAMAS"], "2024-09-01")
    rounds = derive_rounds([spring, autumn], [], gaza)
    assert [(r.number, r.start, r.ended_by) for r in rounds] == [
        (1, dt.date(2024, 3, 1), "silence"),
        (2, dt.date(2024, 9, 1), None),
    ]


def test_a_second_deal_with_no_clock_starts_a_new_round(story, processes):
    ukraine = next(p for p in processes if p.id == "russia-ukraine")
    swap = story("AGREE", ["RUS", "UKR"], "2025-05-16")
    second = story("AGREE", ["RUS", "UKR"], "2025-06-02")
    agreements = derive_agreements([swap, second], ukraine)
    rounds = derive_rounds([swap, second], agreements, ukraine)
    assert [(r.start, r.ended_by) for r in rounds] == [
        (dt.date(2025, 5, 16), "new deal"),
        (dt.date(2025, 6, 2), None),
    ]
