"""Reports a person reads at a terminal and a program reads as JSON.

Each report is a view value (:mod:`truceline.reports.views`) built from the
store's answers by :mod:`truceline.reports.build`, drawn by one renderer:

>>> from truceline.reports import render_summary
>>> render_summary(api.summary(db), Console())   # doctest: +SKIP
"""

from truceline.reports.ledger import render_ledger
from truceline.reports.positions import render_positions
from truceline.reports.proposals import render_proposals
from truceline.reports.show import render_show
from truceline.reports.sources import render_sources
from truceline.reports.summary import render_summary
from truceline.reports.timeline import render_timeline
from truceline.reports.views import (
    Ledger,
    Link,
    Positions,
    Proposals,
    Shown,
    Sources,
    Summary,
    Timeline,
)

__all__ = [
    "Ledger",
    "Link",
    "Positions",
    "Proposals",
    "Shown",
    "Sources",
    "Summary",
    "Timeline",
    "render_ledger",
    "render_positions",
    "render_proposals",
    "render_show",
    "render_sources",
    "render_summary",
    "render_timeline",
]
