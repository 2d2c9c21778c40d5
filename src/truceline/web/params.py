"""Parameters shared by the API and the dashboard: the report filters, paging and row ids.

Filters are checked by :class:`~truceline.store.Filters` itself, the one
place that knows what a good filter is; its ``FilterError`` becomes a 422
naming the filter. Blank values (an empty field of the dashboard's GET form)
mean "no filter". Offsets and row ids are bounded by what SQL can hold
(:data:`~truceline.store.MAX_ROW_ID`), so a larger number is a 422 that says
so, never a driver's overflow.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeVar

from fastapi import Depends, HTTPException, Path, Query, Request

from truceline.store import MAX_ROW_ID, FilterError, Filters, Store
from truceline.web.state import get_store, web_state

MAX_LIMIT = 500
T = TypeVar("T")

RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID, description="A row id the store gave.")]
"""An article's or reported event's id in a path."""


def _blank_to_none(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


def report_filters(
    store: Annotated[Store, Depends(get_store)],
    process: Annotated[str | None, Query(description="Process id, e.g. gaza.")] = None,
    actor: Annotated[str | None, Query(description="Actor id, e.g. HAMAS.")] = None,
    type: Annotated[
        str | None, Query(description="Event type (RELEASE, ACCEPT, ...), any case.")
    ] = None,
    since: Annotated[str | None, Query(description="From this date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Up to this date, YYYY-MM-DD.")] = None,
    outlet: Annotated[str | None, Query(description="Only what this outlet reports.")] = None,
) -> Filters:
    """The filters of a request; a bad one (an unknown actor or process among them) is a
    422 whose detail says which and why, with the nearest known names."""
    try:
        return store.checked(
            Filters(
                process=_blank_to_none(process),
                actor=_blank_to_none(actor),
                type=_blank_to_none(type),
                since=_blank_to_none(since),
                until=_blank_to_none(until),
                outlet=_blank_to_none(outlet),
            )
        )
    except FilterError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


def as_of_date(
    as_of: Annotated[
        str | None,
        Query(
            description="The record as known from the reports published on or before this "
            "date, YYYY-MM-DD, its phase clocks at that date (default: every report, today)."
        ),
    ] = None,
) -> dt.date | None:
    if _blank_to_none(as_of) is None:
        return None
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        raise HTTPException(
            status_code=422, detail=f"as_of {as_of!r} is not a date; use YYYY-MM-DD"
        ) from None


def report_store(request: Request, as_of: Annotated[dt.date | None, Depends(as_of_date)]) -> Store:
    """The store a report reads: the whole record, or with ``as_of`` the record as known
    then (built once per day and store state, see :mod:`truceline.asof`)."""
    state = web_state(request)
    return state.store if as_of is None else state.store_as_of(as_of)


class Paging:
    """``limit`` and ``offset`` of a listing."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
        offset: Annotated[int, Query(ge=0, le=MAX_ROW_ID, description="Items to skip.")] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset

    def slice(self, items: list[T]) -> list[T]:
        return items[self.offset : self.offset + self.limit]
