"""The names a filter may use, so that a misspelt one fails loudly instead of matching nothing.

A filter's actor is an actor id that the store's events involve or the
store's gazetteer (built-in and its configured additions) defines; its process, one the store's record was built with. An id
given in another case is taken as the known id (``hamas`` is ``HAMAS``, ``Gaza``
is ``gaza``); any other name is a :class:`FilterError` naming the nearest known
ones (difflib). The common case -- an exact id the store holds -- costs one
indexed lookup; the gazetteer and the full list are read only when it misses.
A store whose record was never built knows no process yet, and narrows by any.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import Connection, select

from truceline.store.config import current_config
from truceline.store.filters import FilterError, Filters, one_of
from truceline.store.tables import EventActorRow, ProcessRow

SHOWN = 8
"""Known names a refusal lists when none is near."""


def checked(conn: Connection, filters: Filters) -> Filters:
    """``filters`` with actor and process as the known ids they name; else a FilterError."""
    if filters.actor is not None and not _stores_actor(conn, filters.actor):
        filters = replace(filters, actor=_actor_id(conn, filters.actor))
    if filters.process is not None:
        known = list(conn.execute(select(ProcessRow.id).order_by(ProcessRow.id)).scalars())
        if known and filters.process not in known:
            filters = replace(filters, process=_known("process", filters.process, known, []))
    return filters


def _stores_actor(conn: Connection, actor: str) -> bool:
    query = select(EventActorRow.actor_id).where(EventActorRow.actor_id == actor).limit(1)
    return conn.execute(query).first() is not None


def _actor_id(conn: Connection, actor: str) -> str:
    from pathlib import Path

    from truceline.data.gazetteer import gazetteer_from_texts

    stored = list(conn.execute(select(EventActorRow.actor_id).distinct()).scalars())
    # The store's own gazetteer (truceline.configuration): an actor an analyst added is known.
    kept = current_config(conn, "gazetteer")
    files = [(Path(f.name), f.text) for f in kept.files] if kept else []
    defined = list(gazetteer_from_texts(files).actors)
    if actor in defined:
        return actor
    return _known("actor", actor, sorted(stored), defined)


def _known(field: str, given: str, stored: list[str], defined: Iterable[str]) -> str:
    """The one known id equal to ``given`` but for case; else the refusal with the nearest."""
    every = list(dict.fromkeys([*stored, *defined]))
    same = [k for k in every if k.casefold() == given.strip().casefold()]
    if len(same) == 1:
        return same[0]
    where = "the store or the gazetteer knows" if field == "actor" else "the store knows"
    near = difflib.get_close_matches(given, every, n=3, cutoff=0.6) or difflib.get_close_matches(
        given.upper() if field == "actor" else given.lower(), every, n=3, cutoff=0.6
    )
    if near:
        hint = f"did you mean {one_of(near)}?"
    else:
        pool, place = (stored, "in the store") if stored else (every, "known")
        more = ", ..." if len(pool) > SHOWN else ""
        plural = "processes" if field == "process" else f"{field}s"
        hint = f"{plural} {place}: {', '.join(pool[:SHOWN])}{more}"
    raise FilterError(f"filter {field} {given!r} is no {field} {where}; {hint}")
