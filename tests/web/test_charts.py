"""Chart specifications: what the dashboard asks Vega-Lite to draw."""

from __future__ import annotations

import datetime as dt

from truceline.story import LedgerEntry, LedgerTotal
from truceline.web.charts import ledger_chart


def entry(day: int, releaser: str, kind: str, count: int) -> LedgerEntry:
    return LedgerEntry(
        process="gaza",
        date=dt.date(2025, 1, day),
        releaser=[releaser],
        kind=kind,
        count=count,
        story_event=f"release-{day}",
    )


def test_ledger_chart_gives_each_side_and_kind_its_own_scale():
    spec = ledger_chart(
        [
            entry(19, "HAMAS", "hostages_released", 3),
            entry(19, "ISR", "prisoners_released", 90),
            entry(25, "HAMAS", "hostages_released", 4),
        ],
        [
            LedgerTotal(
                process="gaza", releaser="HAMAS", kind="hostages_released", released=7, agreed=33
            )
        ],
    )
    assert spec["facet"]["row"]["field"] == "series"
    assert spec["resolve"] == {"scale": {"y": "independent"}}
    rows = spec["data"]["values"]
    running = [(r["series"], r["released"]) for r in rows if "released" in r]
    assert running == [
        ("HAMAS · hostages_released", 3),
        ("ISR · prisoners_released", 90),
        ("HAMAS · hostages_released", 7),
    ]
    assert [r["agreed"] for r in rows if "agreed" in r] == [33]
