"""Ranking position points: each (process, party, issue) track's latest points.

A party's stand on an issue is a track of points over time; reports show
each track's latest few and count the rest. Narrowed at most by process and
dates, the tracks and their sizes come from one pass over the track index,
and each track's latest points from at most ``2 * depth`` index entries
(undated ones first, as :func:`~truceline.reports.build.by_date` ranks them
latest, then the newest dated). Narrowed by actor, type or outlet (conditions
through link tables), the matching points' keys are read once and ranked
here. Either way only the kept points' payloads are read, so a track with
years of history costs ``depth`` of them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Text, and_, cast, func, or_, select, text

from truceline.record import PositionPoint
from truceline.store import queries
from truceline.store.derived_reads import models, parsed, payload_text
from truceline.store.filters import Filters
from truceline.store.tables import PositionRow

Track = tuple[str, str, str]

_TRACKS_PER_QUERY = 100
"""Tracks per SQLite statement of ``_ranked_by_index``: two selects each, under its 500
(PostgreSQL takes every track of a page in one statement)."""


def positions(
    conn: Connection, filters: Filters | None, *, limit: int | None, offset: int, tracks: int | None
) -> list[PositionPoint]:
    """Position points by process, party, issue, then date (undated last).

    ``tracks``: only the points of the first that many (process, party,
    issue) tracks, found in the index, so that a page of tracks does not
    read every point.
    """
    t = PositionRow
    where = queries.derived_conditions("position", t, filters)
    if tracks is not None:
        keys = conn.execute(_track_keys(where).limit(tracks)).all()
        if not keys:
            return []
        # One indexed lookup per track (an IN over row values would scan the table).
        where = [
            *where,
            or_(*(and_(t.process == p, t.party == q, t.issue == i) for p, q, i in keys)),
        ]
    query = (
        select(payload_text(t))
        .where(*where)
        .order_by(t.process, t.party, t.issue, t.date.is_(None), t.date, t.row)
    )
    return models(conn, PositionPoint, query, limit, offset)


def position_history(
    conn: Connection,
    filters: Filters | None,
    *,
    tracks: int | None,
    offset: int,
    depth: int | None,
) -> tuple[list[PositionPoint], dict[Track, int]]:
    """Each track's latest ``depth`` points (all if None), and how many points each has.

    ``tracks``/``offset``: a page of (process, party, issue) tracks in key order.
    """
    t = PositionRow
    where = queries.derived_conditions("position", t, filters)
    linked = filters is not None and any(
        v is not None for v in (filters.actor, filters.type, filters.outlet)
    )
    if linked:
        keys, ranked = _ranked_in_python(conn, where, tracks, offset, depth)
    else:
        keys, ranked = _ranked_by_index(conn, filters, tracks, offset, depth)
    rows = [row for track in ranked for row in track]
    payloads: dict[int, Any] = {}
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        query = select(t.row, payload_text(t)).where(t.row.in_(chunk))
        payloads.update(conn.execute(query).all())
    points = [parsed(PositionPoint, payloads[row]) for row in rows]
    return points, keys


def count_position_tracks(conn: Connection, filters: Filters | None) -> int:
    """How many (process, party, issue) tracks the position points make."""
    keys = _track_keys(queries.derived_conditions("position", PositionRow, filters))
    return int(conn.execute(select(func.count()).select_from(keys.subquery())).scalar_one())


def _track_keys(where: list[Any]) -> Any:
    t = PositionRow
    return (
        select(t.process, t.party, t.issue)
        .where(*where)
        .group_by(t.process, t.party, t.issue)
        .order_by(t.process, t.party, t.issue)
    )


def _ranked_by_index(
    conn: Connection, filters: Filters | None, tracks: int | None, offset: int, depth: int | None
) -> tuple[dict[Track, int], list[list[int]]]:
    """Track sizes from the track index, and each track's latest rows, oldest first.

    Each track's latest rows are two index reads (undated, then dated newest
    first), asked for many tracks at once (:func:`_latest_rows`).
    """
    t = PositionRow
    where = queries.derived_conditions("position", t, filters)
    keys_query = (
        select(t.process, t.party, t.issue, func.count())
        .where(*where)
        .group_by(t.process, t.party, t.issue)
        .order_by(t.process, t.party, t.issue)
        .limit(tracks)
        .offset(offset or None)
    )
    keys = {(p, q, i): int(n) for p, q, i, n in conn.execute(keys_query)}
    shared, params = "", {}
    if filters and filters.since is not None:
        shared, params["since"] = shared + " AND date >= :since", filters.since
    if filters and filters.until is not None:
        shared, params["until"] = shared + " AND date <= :until", filters.until
    limit = "" if depth is None else f" LIMIT {int(depth)}"
    found: dict[int, list[tuple[bool, str, int]]] = {}
    listed = list(keys)
    postgresql = conn.dialect.name == "postgresql"
    per_query = max(len(listed), 1) if postgresql else _TRACKS_PER_QUERY
    for start in range(0, len(listed), per_query):
        numbered = list(enumerate(listed[start : start + per_query], start))
        statement, values = (_lateral if postgresql else _union)(numbered, shared, limit)
        for k, row, day in conn.execute(text(statement), params | values):
            found.setdefault(k, []).append((day is None, str(day or ""), row))
    ranked = []
    for n in range(len(listed)):
        ordered = [row for *_, row in sorted(found.get(n, []))]
        ranked.append(ordered[-depth:] if depth is not None else ordered)
    return keys, ranked


def _union(
    numbered: list[tuple[int, Track]], shared: str, limit: str
) -> tuple[str, dict[str, Any]]:
    """The latest rows of each track as one select per track and kind, joined by UNION ALL.

    SQLite runs each select on the track index. Written as text: built as
    expressions, 200 selects cost more to construct than to run.
    """
    parts, values = [], {}
    for n, (p, q, i) in numbered:
        values |= {f"p{n}": p, f"q{n}": q, f"i{n}": i}
        mine = f"process = :p{n} AND party = :q{n} AND issue = :i{n}{shared}"
        parts += [
            f"SELECT {n} AS k, row, date FROM (SELECT row, date FROM positions "
            f"WHERE {mine} AND date IS NULL ORDER BY row DESC{limit}) AS u{n}",
            f"SELECT {n} AS k, row, date FROM (SELECT row, date FROM positions "
            f"WHERE {mine} AND date IS NOT NULL ORDER BY date DESC, row DESC{limit}) AS d{n}",
        ]
    return " UNION ALL ".join(parts), values


def _lateral(
    numbered: list[tuple[int, Track]], shared: str, limit: str
) -> tuple[str, dict[str, Any]]:
    """The latest rows of each track as one lateral join over a list of the tracks.

    PostgreSQL plans a statement of 200 selects for longer than it runs it
    (120 ms of planning, 39 of running, for 100 tracks under load); the
    lateral join is two selects planned once and run per track, on the
    same track index.
    """
    rows, values = [], {}
    for n, (p, q, i) in numbered:
        values |= {f"n{n}": n, f"p{n}": p, f"q{n}": q, f"i{n}": i}
        rows.append(f"(:n{n}, :p{n}, :q{n}, :i{n})")
    mine = f"process = k.process AND party = k.party AND issue = k.issue{shared}"
    statement = (
        f"SELECT k.n, p.row, p.date FROM (VALUES {', '.join(rows)}) "
        "AS k(n, process, party, issue) CROSS JOIN LATERAL ("
        f"(SELECT row, date FROM positions WHERE {mine} AND date IS NULL "
        f"ORDER BY row DESC{limit}) UNION ALL "
        f"(SELECT row, date FROM positions WHERE {mine} AND date IS NOT NULL "
        f"ORDER BY date DESC, row DESC{limit})) AS p"
    )
    return statement, values


def _ranked_in_python(
    conn: Connection, where: list[Any], tracks: int | None, offset: int, depth: int | None
) -> tuple[dict[Track, int], list[list[int]]]:
    """As :func:`_ranked_by_index`, from one read of every matching point's keys."""
    t = PositionRow
    # The date as text: ISO dates order as their strings, and parsing every one costs.
    query = select(t.row, t.process, t.party, t.issue, cast(t.date, Text)).where(*where)
    grouped: dict[Track, list[tuple[bool, str, int]]] = {}
    for row, p, q, i, day in conn.execute(query):
        grouped.setdefault((p, q, i), []).append((day is None, day or "", row))
    page = sorted(grouped)[offset:]
    if tracks is not None:
        page = page[:tracks]
    keys = {key: len(grouped[key]) for key in page}
    ranked = []
    for key in page:
        ordered = [row for *_, row in sorted(grouped[key])]
        ranked.append(ordered[-depth:] if depth is not None else ordered)
    return keys, ranked
