"""The demo's ledger, read from corpora/demo/articles through the real pipeline into a temp store.

What its reports say: "25 living hostages and the remains of eight others
were returned" (33, the deal's figure) and "close to 2,000" prisoners freed,
in batches of 90, 200, 110, 183, 183, 369 and 642 (or "more than 600").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from truceline import api

DEMO = Path(__file__).resolve().parents[2] / "corpora" / "demo" / "articles"


@pytest.fixture(scope="module")
def demo_ledger(tmp_path_factory, extractor):
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    outcomes = list(api.ingest([DEMO], db=url, extractor=extractor))
    assert all(isinstance(o, api.IngestOutcome) for o in outcomes), outcomes
    return api.ledger(url)


def total(view, releaser: str, kind: str):
    [found] = [t for t in view.totals if t.releaser == releaser and t.kind == kind]
    return found


def test_the_hostages_agreed_are_the_deals_33(demo_ledger):
    assert total(demo_ledger, "HAMAS", "hostages_released").agreed == 33


def test_the_totals_the_reports_state_check_the_batches(demo_ledger):
    assert total(demo_ledger, "HAMAS", "hostages_released").stated == 25
    assert total(demo_ledger, "HAMAS", "remains_returned").stated == 8
    assert total(demo_ledger, "ISR", "prisoners_released").stated == 2000


def test_the_prisoners_released_come_close_to_what_the_reports_say(demo_ledger):
    assert 1_700 <= total(demo_ledger, "ISR", "prisoners_released").released <= 2_000
