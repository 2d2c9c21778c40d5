"""Chart specifications: what the dashboard asks Vega-Lite to draw."""

from __future__ import annotations

import datetime as dt

from truceline.record import Agreement, LedgerTotal
from truceline.store import DailyReleases
from truceline.web import charts
from truceline.web.charts import ledger_chart, rounds_chart


def entry(day: int, releaser: str, kind: str, count: int) -> DailyReleases:
    return DailyReleases("gaza", dt.date(2025, 1, day), releaser, kind, count)


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


def test_a_ledger_of_more_days_than_the_chart_draws_is_summed_per_week(monkeypatch):
    monkeypatch.setattr(charts, "MAX_POINTS", 10)
    daily = [entry(day, "HAMAS", "hostages_released", 1) for day in range(1, 32)]  # Jan 2025
    spec = ledger_chart(daily, [])
    points = [r for r in spec["data"]["values"] if "released" in r]
    # Weeks start on Monday: 30 Dec, 6, 13, 20 and 27 Jan.
    assert [(p["date"], p["count"], p["released"]) for p in points] == [
        ("2024-12-30", 5, 5),
        ("2025-01-06", 7, 12),
        ("2025-01-13", 7, 19),
        ("2025-01-20", 7, 26),
        ("2025-01-27", 5, 31),
    ]
    assert spec["spec"]["layer"][0]["encoding"]["x"]["title"] == "week of"


def test_a_ledger_of_more_weeks_than_the_chart_draws_is_summed_per_month(monkeypatch):
    monkeypatch.setattr(charts, "MAX_POINTS", 4)
    daily = [entry(day, "HAMAS", "hostages_released", 1) for day in range(1, 32)]
    points = [r for r in ledger_chart(daily, [])["data"]["values"] if "released" in r]
    assert [(p["date"], p["released"]) for p in points] == [("2025-01-01", 31)]


def test_rounds_chart_draws_each_round_as_a_band_with_its_deal_marked():
    truce = Agreement(
        id="agreement:a1",
        process="gaza",
        parties=["ISR", "HAMAS"],
        date=dt.date(2023, 11, 22),
        start=dt.date(2023, 11, 24),
        end=dt.date(2023, 12, 1),
        collapsed=dt.date(2023, 12, 1),
        round=1,
    )
    deal = Agreement(
        id="agreement:a2",
        process="gaza",
        parties=["ISR", "HAMAS"],
        date=dt.date(2025, 1, 15),
        start=dt.date(2025, 1, 19),
        round=2,
    )
    undated = Agreement(id="agreement:a3", process="gaza", parties=["ISR", "HAMAS"])
    bands, marks = (
        layer["data"]["values"]
        for layer in rounds_chart([truce, deal, undated], dt.date(2025, 2, 20))["layer"]
    )
    assert [(b["round"], b["from"], b["to"], b["running"]) for b in bands] == [
        ("round 1", "2023-11-22", "2023-12-01", False),
        ("round 2", "2025-01-15", "2025-02-20", True),
    ]
    assert [(m["round"], m["what"], m["date"]) for m in marks] == [
        ("round 1", "reached", "2023-11-22"),
        ("round 1", "took effect", "2023-11-24"),
        ("round 1", "collapsed", "2023-12-01"),
        ("round 2", "reached", "2025-01-15"),
        ("round 2", "took effect", "2025-01-19"),
    ]
