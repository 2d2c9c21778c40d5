"""Query parameters shared by the API and the dashboard: the report filters and paging.

Filters are checked by :class:`~truceline.store.Filters` itself, the one
place that knows what a good filter is; its ``FilterError`` becomes a 422
naming the filter. Blank values (an empty field of the dashboard's GET form)
mean "no filter".
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeVar

from fastapi import HTTPException, Query

from truceline.store import FilterError, Filters

MAX_LIMIT = 500
T = TypeVar("T")


def _blank_to_none(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


def report_filters(
    process: Annotated[str | None, Query(description="Process id, e.g. gaza.")] = None,
    actor: Annotated[str | None, Query(description="Actor id, e.g. HAMAS.")] = None,
    type: Annotated[
        str | None, Query(description="Event type (RELEASE, ACCEPT, ...), any case.")
    ] = None,
    since: Annotated[str | None, Query(description="From this date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Up to this date, YYYY-MM-DD.")] = None,
    outlet: Annotated[str | None, Query(description="Only what this outlet reports.")] = None,
) -> Filters:
    """The filters of a request; a bad one is a 422 whose detail says which and why."""
    try:
        return Filters(
            process=_blank_to_none(process),
            actor=_blank_to_none(actor),
            type=_blank_to_none(type),
            since=_blank_to_none(since),
            until=_blank_to_none(until),
            outlet=_blank_to_none(outlet),
        )
    except FilterError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


def as_of_date(
    as_of: Annotated[
        str | None, Query(description="Phase clocks as of this date, YYYY-MM-DD (default today).")
    ] = None,
) -> dt.date:
    if _blank_to_none(as_of) is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        raise HTTPException(
            status_code=422, detail=f"as_of {as_of!r} is not a date; use YYYY-MM-DD"
        ) from None


class Paging:
    """``limit`` and ``offset`` of a listing."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
        offset: Annotated[int, Query(ge=0, description="Items to skip.")] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset

    def slice(self, items: list[T]) -> list[T]:
        return items[self.offset : self.offset + self.limit]
