"""The one pager of dated-then-undated listings.

Story events, contradictions, proposals, agreements, ledger entries and
articles are listed dated first (in their date order), then undated. The two
are asked for apart, so that a page is read in the order of an index on the
date and its end stops the reading, rather than every match being sorted
first by ``date IS NULL``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection

T = TypeVar("T")

Reader = Callable[[int | None, int], list[T]]
"""Reads a page of rows: ``(limit or None for all, offset) -> rows``."""


def dated_then_undated(
    dated: Reader[T],
    count_dated: Callable[[], int],
    undated: Reader[T],
    *,
    limit: int | None,
    offset: int,
) -> list[T]:
    """One page of the dated rows followed by the undated ones.

    The undated part starts where the dated run out: its offset is the page's
    offset less every dated match, which is counted only when the page starts
    past the dated ones (no dated row on it).
    """
    found = dated(limit, offset)
    if limit is not None and len(found) >= limit:
        return found
    before = offset + len(found) if found or not offset else count_dated()
    rest = None if limit is None else limit - len(found)
    return found + undated(rest, max(0, offset - before))


def column_reader(conn: Connection, query: Any) -> Reader[Any]:
    """A reader of the first column of ``query``'s rows, one page at a time."""
    return lambda n, skip: list(conn.execute(query.limit(n).offset(skip or None)).scalars())
