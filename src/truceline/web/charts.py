"""Vega-Lite specifications of the dashboard's charts, data inline.

The page embeds each spec as JSON data (not script) and ``static/charts.js``
draws it with the vendored vega-embed, so no chart fetches anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from truceline.record import Agreement, LedgerTotal, OutletSources, SourcingKind
from truceline.store import DailyReleases

Spec = dict[str, Any]

HEIGHT = 260
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}
PANEL_WIDTH = 820  # faceted charts cannot fill their container in Vega-Lite 5
PANEL_HEIGHT = 120
"""Charts take the page's width, legend and axes included."""


def _series(process: str, releaser: str, kind: str, several: bool) -> str:
    label = f"{releaser} · {kind}"
    return f"{process}: {label}" if several else label


MAX_POINTS = 1500
"""Points a ledger chart draws at most: beyond, releases are summed per week, then month.

Years of daily exchanges across processes give thousands of points, which
the page would carry as JSON and the browser draw, for steps no one can see
apart at that width.
"""

_UNITS = ("day", "week", "month")


def _bucket(day: dt.date, unit: str) -> dt.date:
    """The first day of the ``unit`` holding ``day`` (weeks start on Monday)."""
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _summed(days: Sequence[DailyReleases], several: bool) -> tuple[str, dict]:
    """Counts per series and bucket, in the finest unit that keeps to :data:`MAX_POINTS`."""
    sums: dict[tuple[str, dt.date], int] = {}
    for unit in _UNITS:
        sums = {}
        for d in days:
            key = (_series(d.process, d.releaser, d.kind, several), _bucket(d.date, unit))
            sums[key] = sums.get(key, 0) + d.count
        if len(sums) <= MAX_POINTS:
            return unit, sums
    return _UNITS[-1], sums


def ledger_chart(days: Sequence[DailyReleases], totals: Sequence[LedgerTotal]) -> Spec:
    """Cumulative releases per releaser and kind over time, against what was agreed.

    ``days`` count as the negotiation model's totals count entries (first
    releaser, entries with a count); undated ones cannot be placed and are
    left out of the line, so its end may fall short of the total. Many
    points are summed per week or month (:data:`MAX_POINTS`).
    """
    several = len({d.process for d in days} | {t.process for t in totals}) > 1
    unit, sums = _summed(days, several)
    when = "date" if unit == "day" else f"{unit} of"
    running: dict[str, int] = {}
    points = []
    for (name, start), count in sorted(sums.items(), key=lambda item: item[0][1]):
        running[name] = running.get(name, 0) + count
        points.append(
            {"date": start.isoformat(), "series": name, "released": running[name], "count": count}
        )
    agreed = [
        {"series": _series(t.process, t.releaser, t.kind, several), "agreed": t.agreed}
        for t in totals
        if t.agreed is not None
    ]
    # One panel per releaser and kind, each on its own scale: hundreds of
    # prisoners would otherwise flatten a line of a few dozen hostages.
    color = {"field": "series", "type": "nominal", "legend": None}
    layers: list[Spec] = [
        {
            "transform": [{"filter": "isValid(datum.released)"}],
            "mark": {"type": "line", "interpolate": "step-after", "point": True},
            "encoding": {
                "x": {"field": "date", "type": "temporal", "title": when},
                "y": {
                    "field": "released",
                    "type": "quantitative",
                    "title": "running total",
                },
                "color": color,
                "tooltip": [
                    {"field": "date", "type": "temporal", "title": when},
                    {"field": "series", "type": "nominal"},
                    {"field": "count", "type": "quantitative", "title": f"released that {unit}"},
                    {"field": "released", "type": "quantitative", "title": "running total"},
                ],
            },
        },
        {
            "transform": [{"filter": "isValid(datum.agreed)"}],
            "mark": {"type": "rule", "strokeDash": [6, 4], "strokeWidth": 2},
            "encoding": {
                "y": {"field": "agreed", "type": "quantitative"},
                "color": color,
                "tooltip": [
                    {"field": "series", "type": "nominal"},
                    {"field": "agreed", "type": "quantitative", "title": "agreed"},
                ],
            },
        },
    ]
    return {
        "data": {"values": points + agreed},
        "facet": {"row": {"field": "series", "type": "nominal", "title": None}},
        "spec": {"width": PANEL_WIDTH, "height": PANEL_HEIGHT, "layer": layers},
        "resolve": {"scale": {"y": "independent"}},
    }


MEASURES = ("events", "corroborated", "contradicted")


def fate_chart(items: Sequence[OutletSources | SourcingKind], category: str, title: str) -> Spec:
    """Per outlet or kind of source (``category``, the field naming it): events reported,
    how many corroborated, how many contradicted -- three bars side by side."""
    rows = [
        {category: getattr(item, category), "measure": m, "count": getattr(item, m)}
        for item in items
        for m in MEASURES
    ]
    return {
        "width": "container",
        "height": {"step": 14},
        "autosize": FIT_WIDTH,
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": category, "type": "nominal", "title": title, "sort": None},
            "yOffset": {"field": "measure", "type": "nominal", "sort": None},
            "x": {"field": "count", "type": "quantitative", "title": "reported events"},
            "color": {
                "field": "measure",
                "type": "nominal",
                "sort": None,
                "title": "",
                "scale": {"range": ["#8a94a6", "#2f855a", "#c53030"]},
            },
            "tooltip": [
                {"field": category, "type": "nominal"},
                {"field": "measure", "type": "nominal"},
                {"field": "count", "type": "quantitative"},
            ],
        },
    }


ROUND_MARKS = ("reached", "took effect", "ended", "collapsed")
"""What the rounds chart marks on each round's band, in the legend's order."""


def rounds_chart(agreements: Sequence[Agreement], as_of: dt.date) -> Spec:
    """Each round of a process as a band on a time line, from its deal's day to its end
    (``as_of`` while it runs), with the deal reached, taking effect, ended or
    collapsed marked on it. A deal with no date cannot be placed and is left out."""
    bands, marks = [], []
    for a in agreements:
        if a.date is None:
            continue
        label = f"round {a.round}" if a.round is not None else a.id
        kind = f"{a.kind}, {a.scope}, {a.purpose}"
        end = a.end or max(as_of, a.date)
        bands.append(
            {
                "round": label,
                "deal": a.id,
                "type": kind,
                "parties": ", ".join(a.parties),
                "from": a.date.isoformat(),
                "to": end.isoformat(),
                "running": a.end is None,
            }
        )
        ended = None if a.collapsed is not None else a.end
        for what, day in zip(ROUND_MARKS, (a.date, a.start, ended, a.collapsed), strict=True):
            if day is not None:
                marks.append({"round": label, "deal": a.id, "what": what, "date": day.isoformat()})
    y = {"field": "round", "type": "nominal", "title": None, "sort": None}
    return {
        "width": "container",
        "height": {"step": 28},
        "autosize": FIT_WIDTH,
        "layer": [
            {
                "data": {"values": bands},
                "mark": {"type": "bar", "opacity": 0.35, "cornerRadius": 3},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "from",
                        "type": "temporal",
                        "title": None,
                        "axis": {"tickCount": 8, "grid": False},
                    },
                    "x2": {"field": "to"},
                    "tooltip": [
                        {"field": "round", "type": "nominal"},
                        {"field": "deal", "type": "nominal"},
                        {"field": "type", "type": "nominal"},
                        {"field": "parties", "type": "nominal"},
                        {"field": "from", "type": "temporal", "title": "reached"},
                        {"field": "to", "type": "temporal", "title": "until"},
                        {"field": "running", "type": "nominal", "title": "still running"},
                    ],
                },
            },
            {
                "data": {"values": marks},
                "mark": {"type": "point", "filled": True, "size": 90},
                "encoding": {
                    "y": y,
                    "x": {"field": "date", "type": "temporal"},
                    "shape": {
                        "field": "what",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": list(ROUND_MARKS)},
                    },
                    "color": {
                        "field": "what",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": list(ROUND_MARKS),
                            "range": ["#2b6cb0", "#2f855a", "#718096", "#c53030"],
                        },
                    },
                    "tooltip": [
                        {"field": "round", "type": "nominal"},
                        {"field": "deal", "type": "nominal"},
                        {"field": "what", "type": "nominal"},
                        {"field": "date", "type": "temporal"},
                    ],
                },
            },
        ],
    }
