"""What ``truceline watch`` keeps in the store: each source's polls and the items it took.

A source's row says when it was last polled, with which validators (ETag,
Last-Modified) its last answer came, the last error and how many polls in a
row failed (the backoff), and when it may be polled next. An item's row says
that an entry, a page text or a file was ingested, with the digest of what
was ingested, so a restart takes only what is new or changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import BaseModel
from sqlalchemy import Connection, insert, select, update

from truceline.store.tables import WatchItemRow, WatchSourceRow


class WatchedSource(BaseModel):
    """One watched source's state, as the dashboard and ``watch`` read it."""

    source: str
    kind: str
    last_polled: dt.datetime | None = None
    last_success: dt.datetime | None = None
    next_poll: dt.datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_error: str | None = None
    failures: int = 0
    ingested: int = 0


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes: they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _source(row) -> WatchedSource:  # type: ignore[no-untyped-def]
    values = dict(row._mapping)
    for name in ("last_polled", "last_success", "next_poll"):
        values[name] = _aware(values[name])
    return WatchedSource(**values)


def watched_sources(conn: Connection) -> list[WatchedSource]:
    """Every source watched so far, by name."""
    rows = conn.execute(select(WatchSourceRow).order_by(WatchSourceRow.source))
    return [_source(row) for row in rows]


def watched_source(conn: Connection, source: str) -> WatchedSource | None:
    row = conn.execute(select(WatchSourceRow).where(WatchSourceRow.source == source)).first()
    return _source(row) if row is not None else None


def save_source(conn: Connection, state: WatchedSource) -> None:
    """Insert or update the source's row with ``state``."""
    values = state.model_dump()
    found = conn.execute(
        select(WatchSourceRow.source).where(WatchSourceRow.source == state.source)
    ).first()
    if found is None:
        conn.execute(insert(WatchSourceRow).values(**values))
    else:
        conn.execute(
            update(WatchSourceRow).where(WatchSourceRow.source == state.source).values(**values)
        )


def seen_digests(conn: Connection, source: str, keys: Iterable[str]) -> dict[str, str]:
    """Of ``keys``, those the source has taken, with the digest each was taken with."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):  # bounded IN lists
        rows = conn.execute(
            select(WatchItemRow.key, WatchItemRow.digest).where(
                WatchItemRow.source == source, WatchItemRow.key.in_(wanted[start : start + 500])
            )
        )
        found.update({key: digest for key, digest in rows})
    return found


def mark_seen(conn: Connection, source: str, key: str, digest: str) -> None:
    """Record that the source's item ``key`` was taken with ``digest`` (now)."""
    now = dt.datetime.now(dt.UTC)
    done = conn.execute(
        update(WatchItemRow)
        .where(WatchItemRow.source == source, WatchItemRow.key == key)
        .values(digest=digest, seen_at=now)
    )
    if not done.rowcount:
        conn.execute(
            insert(WatchItemRow).values(source=source, key=key, digest=digest, seen_at=now)
        )
