"""Resolving reports against each other: story events and contradictions.

PLACEHOLDER until the resolve work lands: returns nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from truceline.story import Reconciliation, ReportedEvent


def reconcile(reported: Sequence[ReportedEvent]) -> Reconciliation:
    """Merge reports of one real-world event into story events; list contradictions."""
    return Reconciliation()
