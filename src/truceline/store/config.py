"""The configuration kept with a store: versions of its process and gazetteer files.

A version holds the files' content (name and text), never a path: the store
is the configuration's home, so a later ingest, rebuild, ``watch`` or
``serve`` on another machine or after the file moved uses the same. Versions
are only ever added (``set``, ``reset``); the highest of a kind is current,
and the history says who changed what, when and why.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel
from sqlalchemy import Connection, func, insert, select

from truceline.store.tables import ConfigVersionRow


class ConfigFile(BaseModel):
    """One file of a configuration: the name it was given under and its text."""

    name: str
    text: str


class ConfigVersion(BaseModel):
    """One version of a kind of configuration; no files means the built-in data only."""

    kind: str
    version: int
    files: list[ConfigFile]
    set_at: dt.datetime
    author: str | None = None
    comment: str | None = None


def _version(row) -> ConfigVersion:  # type: ignore[no-untyped-def]
    values = dict(row._mapping)
    if values["set_at"].tzinfo is None:  # SQLite gives back naive datetimes, written in UTC
        values["set_at"] = values["set_at"].replace(tzinfo=dt.UTC)
    return ConfigVersion(**values)


def config_history(conn: Connection, kind: str | None = None) -> list[ConfigVersion]:
    """Every version (of ``kind``, or of all kinds), oldest first per kind."""
    query = select(ConfigVersionRow).order_by(ConfigVersionRow.kind, ConfigVersionRow.version)
    if kind is not None:
        query = query.where(ConfigVersionRow.kind == kind)
    return [_version(row) for row in conn.execute(query)]


def current_config(conn: Connection, kind: str) -> ConfigVersion | None:
    """The highest version of ``kind``, or None when none was ever set."""
    row = conn.execute(
        select(ConfigVersionRow)
        .where(ConfigVersionRow.kind == kind)
        .order_by(ConfigVersionRow.version.desc())
        .limit(1)
    ).first()
    return _version(row) if row is not None else None


def add_config_version(
    conn: Connection,
    kind: str,
    files: list[ConfigFile],
    *,
    author: str | None,
    comment: str | None,
) -> ConfigVersion:
    """Store ``files`` as the next version of ``kind`` (now) and return it."""
    latest = conn.execute(
        select(func.max(ConfigVersionRow.version)).where(ConfigVersionRow.kind == kind)
    ).scalar()
    version = ConfigVersion(
        kind=kind,
        version=(latest or 0) + 1,
        files=files,
        set_at=dt.datetime.now(dt.UTC),
        author=author,
        comment=comment,
    )
    conn.execute(insert(ConfigVersionRow).values(**version.model_dump()))
    return version
