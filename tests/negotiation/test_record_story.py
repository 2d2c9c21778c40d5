"""The derived record from reports written for it: rounds, a rejected truce, the ledger.

Four reports over two years: a four-day Gaza truce whose deal promises 50
hostages, a report listing the truce's releases day by day beside their total,
a new phased deal fourteen months later, and a Russian truce Ukraine rejects.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from truceline.record import Negotiation

from .written_reports import derived_record, reported_events

FIXTURES = Path(__file__).parent.parent / "fixtures" / "negotiation" / "rounds"
PUBLISHED = {
    "01_truce_agreed.txt": dt.date(2023, 11, 22),
    "02_batches_and_total.txt": dt.date(2023, 11, 28),
    "03_new_deal.txt": dt.date(2025, 1, 15),
    "04_truce_rejected.txt": dt.date(2025, 5, 5),
}


@pytest.fixture(scope="module")
def record(extractor) -> Negotiation:
    return derived_record(reported_events(extractor, FIXTURES, PUBLISHED))


def test_two_deals_of_one_process_are_two_rounds(record):
    gaza = [a for a in record.agreements if a.process == "gaza"]
    assert [(a.date, a.round) for a in gaza] == [
        (dt.date(2023, 11, 22), 1),
        (dt.date(2025, 1, 15), 2),
    ]


def test_a_unilateral_truce_the_other_side_rejects_is_no_agreement(record):
    assert [a for a in record.agreements if a.process == "russia-ukraine"] == []


def test_batches_listed_day_by_day_are_booked_and_the_promises_are_not(record):
    booked = [(e.date, e.count, e.disputed_counts) for e in record.ledger if e.process == "gaza"]
    assert [(day, count) for day, count, _ in booked] == [
        (dt.date(2023, 11, 24), 13),
        (dt.date(2023, 11, 25), 17),
        (dt.date(2023, 11, 26), 17),
        (dt.date(2023, 11, 27), 11),
    ]
    assert all(disputed == [] for *_, disputed in booked)


def test_a_cumulative_total_checks_the_batches_of_its_round(record):
    # "58 hostages in total" two days after the truce ran out: still its round,
    # stated beside the batches, not added to them.
    [total] = [t for t in record.totals if t.process == "gaza"]
    assert (total.round, total.released, total.stated) == (1, 58, 58)
