"""derive(): the whole negotiation from a reconciliation, deterministic; end to end from text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from truceline.negotiation import derive
from truceline.record import Reconciliation, Term

from .written_reports import derived_record, reported_events

FIXTURES = Path(__file__).parent.parent / "fixtures" / "negotiation"
PUBLISHED = {
    "01_deal.txt": dt.date(2025, 1, 15),
    "02_start.txt": dt.date(2025, 1, 19),
    "03_proposal.txt": dt.date(2025, 3, 2),
}


def test_derive_is_the_same_whatever_the_order_of_story_events(story, processes):
    stories = [
        story("AGREE", ["ISR", "HAMAS"], "2025-01-15"),
        story("RELEASE", ["HAMAS"], "2025-01-19", terms=[Term(issue="hostages_released", value=3)]),
        story("PROPOSE", ["USA"], "2025-03-02"),
        story("REJECT", ["HAMAS"], "2025-03-02"),
        story("MEET", ["COL", "ELN"], "2025-03-02"),
    ]
    forward = derive(Reconciliation(story_events=stories), processes)
    backward = derive(Reconciliation(story_events=stories[::-1]), processes)
    assert forward == backward
    assert forward.story_process == {
        **{s.id: "gaza" for s in stories[:4]},
        stories[4].id: "other:COL-ELN",
    }


def test_reports_end_to_end_give_the_deal_its_clock_the_plan_and_the_ledger(extractor):
    negotiation = derived_record(reported_events(extractor, FIXTURES, PUBLISHED))

    [deal] = negotiation.agreements
    assert (deal.date, deal.parties) == (dt.date(2025, 1, 15), ["ISR", "HAMAS"])
    assert [(p.number, p.start) for p in deal.phases] == [(1, dt.date(2025, 1, 19))]
    [plan] = negotiation.proposals
    assert (plan.name, plan.proposer, plan.status) == ("the Witkoff plan", ["USA"], "rejected")
    assert sorted({(r.actor, r.stance) for r in plan.responses}) == [
        ("HAMAS", "reject"),
        ("ISR", "accept"),
    ]
    [total] = negotiation.totals
    assert (total.releaser, total.kind, total.released, total.agreed) == (
        "HAMAS",
        "hostages_released",
        3,
        33,
    )
