"""The derived record as one value: what a rebuild makes of the reported events.

A :class:`DerivedRecord` is the reconciliation (story events, contradictions)
and the negotiation (proposals, positions, agreements, ledger) of one set of
reports: the whole store's, or those published by a date
(:mod:`truceline.asof`). Two of them are what :func:`truceline.changes.changes`
compares.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from truceline.record.negotiation import Negotiation
from truceline.record.story import Reconciliation


class DerivedRecord(BaseModel):
    """The record derived from the reports published on or before ``as_of`` (None: all)."""

    as_of: dt.date | None = Field(default=None, description="None: every report of the store.")
    reconciliation: Reconciliation = Field(default_factory=Reconciliation)
    negotiation: Negotiation = Field(default_factory=Negotiation)
