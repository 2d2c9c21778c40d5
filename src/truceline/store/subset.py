"""Copying part of the reported layer into another store: what a record as of a date reads.

The record as known on a day is the record of the reports published by then
(:mod:`truceline.asof`). It is built in a scratch store holding only those
reports: the current version of every article published on or before the day,
its events and their actors, copied with their row ids, so that story event
ids (made of report ids), ``show N`` and every link of the as-of record are the
ids of the full store. An article with no publication date is left out: nothing
says it was known by the day.

:func:`reported_state` is what such a copy depends on, cheap to read, so that
a cache of as-of records knows when the store has moved on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Select, func, insert, select

from truceline.store.tables import (
    ArticleRow,
    ArticleVersionRow,
    CorrectionRow,
    EventActorRow,
    EventRow,
    ProcessRow,
)

BATCH = 2000
"""Rows per insert when copying."""


def copy_published(source: Connection, target: Connection, day: dt.date) -> int:
    """Copy the reports published on or before ``day`` from ``source`` into the empty
    reported layer of ``target``, keeping row ids; returns how many articles."""
    published = select(ArticleRow.id).where(
        ArticleRow.published.is_not(None), ArticleRow.published <= day
    )
    copied = _copy(source, target, select(ArticleRow).where(ArticleRow.id.in_(published)))
    _copy(
        source,
        target,
        select(ArticleVersionRow).where(
            ArticleVersionRow.article_id.in_(published), ArticleVersionRow.superseded.is_(False)
        ),
    )
    events = select(EventRow).where(EventRow.article_id.in_(published), EventRow.current.is_(True))
    _copy(source, target, events)
    event_ids = select(EventRow.id).where(
        EventRow.article_id.in_(published), EventRow.current.is_(True)
    )
    _copy(source, target, select(EventActorRow).where(EventActorRow.event_id.in_(event_ids)))
    # An analyst's corrections are today's knowledge of those reports: every record applies them.
    _copy(source, target, select(CorrectionRow))
    return copied


def _copy(source: Connection, target: Connection, query: Select[Any]) -> int:
    """Insert every row ``query`` reads from ``source`` into the same table of ``target``."""
    table = query.get_final_froms()[0]
    count = 0
    for rows in _partitions(source, query):
        target.execute(insert(table), rows)
        count += len(rows)
    return count


def _partitions(conn: Connection, query: Select[Any]) -> Iterator[list[dict[str, Any]]]:
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for rows in result.partitions():
        yield [dict(row._mapping) for row in rows]


def reported_state(conn: Connection) -> str:
    """A digest of what an as-of record depends on: the article versions and events stored
    (new, updated or removed ones move it), the processes of the last rebuild and the
    analysts' corrections."""
    versions = conn.execute(
        select(
            func.count(), func.max(ArticleVersionRow.id), func.max(ArticleVersionRow.superseded_at)
        )
    ).one()
    events = conn.execute(select(func.count(), func.max(EventRow.id))).one()
    processes = conn.execute(select(ProcessRow.payload).order_by(ProcessRow.row)).scalars().all()
    corrected = conn.execute(
        select(func.count(), func.max(CorrectionRow.id), func.max(CorrectionRow.undone_at))
    ).one()
    parts = [list(versions), list(events), processes, list(corrected)]
    text = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
