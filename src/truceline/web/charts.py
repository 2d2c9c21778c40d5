"""Vega-Lite specifications of the dashboard's charts, data inline.

The page embeds each spec as JSON data (not script) and ``static/charts.js``
draws it with the vendored vega-embed, so no chart fetches anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from truceline.story import LedgerEntry, LedgerTotal, OutletSources
from truceline.web.queries import SourcingKind

Spec = dict[str, Any]

HEIGHT = 260
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}
PANEL_WIDTH = 820  # faceted charts cannot fill their container in Vega-Lite 5
PANEL_HEIGHT = 120
"""Charts take the page's width, legend and axes included."""


def _series(process: str, releaser: str, kind: str, several: bool) -> str:
    label = f"{releaser} · {kind}"
    return f"{process}: {label}" if several else label


def ledger_chart(entries: Sequence[LedgerEntry], totals: Sequence[LedgerTotal]) -> Spec:
    """Cumulative releases per releaser and kind over time, against what was agreed.

    Entries count as the negotiation model's totals count them (first
    releaser, entries with a count); undated ones cannot be placed and are
    left out of the line, so its end may fall short of the total.
    """
    several = len({e.process for e in entries} | {t.process for t in totals}) > 1
    running: dict[str, int] = {}
    points = []
    dated = [e for e in entries if e.date is not None and e.releaser and e.count is not None]
    for e in sorted(dated, key=lambda e: str(e.date)):
        name = _series(e.process, e.releaser[0], e.kind, several)
        running[name] = running.get(name, 0) + (e.count or 0)
        day = e.date.isoformat() if e.date else None
        points.append({"date": day, "series": name, "released": running[name], "count": e.count})
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
                "x": {"field": "date", "type": "temporal", "title": "date"},
                "y": {
                    "field": "released",
                    "type": "quantitative",
                    "title": "running total",
                },
                "color": color,
                "tooltip": [
                    {"field": "date", "type": "temporal"},
                    {"field": "series", "type": "nominal"},
                    {"field": "count", "type": "quantitative", "title": "this release"},
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
