"""The demo corpus tells its story: one round of the Gaza process, around one deal.

Read through the real pipeline (extraction, store, reconciliation, derivation)
into a temporary store, as `make demo` does: the 15 January 2025 deal, in
effect on the 19th, its phase 1 of 42 days; the March bridging proposal, which
Hamas answered with an offer of its own that Washington dismissed, makes no deal.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from truceline import api

DEMO = Path(__file__).parent.parent / "corpora" / "demo" / "articles"


@pytest.fixture(scope="module")
def demo(tmp_path_factory, extractor) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    outcomes = list(api.ingest([DEMO], db=url, extractor=extractor))
    assert all(isinstance(o, api.IngestOutcome) for o in outcomes), outcomes
    return url


@pytest.fixture(scope="module")
def gaza(demo) -> dict[str, Any]:
    summary = api.summary(demo, as_of=dt.date(2025, 3, 20)).model_dump(mode="json")
    return next(p for p in summary["processes"] if p["process"]["id"] == "gaza")


def test_the_gaza_process_has_one_round_numbered_one(gaza):
    assert [(r["number"], r["agreement"]) for r in gaza["rounds"]] == [
        (1, gaza["agreements"][0]["id"])
    ]


def test_its_deal_was_reached_on_15_january_and_took_effect_on_the_19th(gaza):
    [deal] = gaza["agreements"]
    assert (deal["date"], deal["start"], deal["round"]) == ("2025-01-15", "2025-01-19", 1)
    assert deal["parties"] == ["ISR", "HAMAS"]


def test_its_first_phase_ran_42_days(gaza):
    [deal] = gaza["agreements"]
    [phase] = deal["phases"]
    assert (phase["number"], phase["start"], phase["duration_days"]) == (1, "2025-01-19", 42)


def test_the_march_bridging_proposal_makes_no_deal(gaza):
    assert not any(a["from_proposal"] for a in gaza["agreements"])
    assert not any(a["date"] >= "2025-03-01" for a in gaza["agreements"])


def test_hamas_answered_the_bridging_proposal_with_a_counter_not_an_acceptance(demo):
    [bridge] = [p for p in api.proposals(demo).proposals if p.name == "the bridging proposal"]
    assert bridge.status != "accepted"
    assert {(r.actor, r.stance) for r in bridge.responses} >= {("HAMAS", "counter")}
