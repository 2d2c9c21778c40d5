"""Database URL -> SQLAlchemy Engine, and driver errors -> messages a user can act on.

SQLite is the default (``truceline.db`` in the working directory): WAL so
that report commands read while an ingest writes, foreign keys on, and a
busy timeout so a second writer waits instead of failing at once. Write
transactions start with ``BEGIN IMMEDIATE`` so that two writers queue on
the lock rather than deadlock when one upgrades from reading to writing.
PostgreSQL goes through psycopg 3. A URL with a password is only ever shown
with the password masked.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from truceline.store.errors import StoreError

DEFAULT_URL = "sqlite:///truceline.db"
BUSY_TIMEOUT_S = 10.0


def parse_url(url: str | Path | None) -> URL:
    """A SQLAlchemy URL from what a user typed: a URL, a bare file path, or nothing."""
    text = str(url) if url is not None else DEFAULT_URL
    if "://" not in text:
        text = f"sqlite:///{text}"
    try:
        parsed = make_url(text)
    except ArgumentError as exc:
        raise StoreError(f"{text!r} is not a database URL or file path ({exc})") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def shown(url: URL | str) -> str:
    """The URL as it may be printed: never with its password."""
    if isinstance(url, str):
        url = parse_url(url)
    return url.render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    """The database file of a SQLite URL (None for other databases and ``:memory:``)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def make_engine(url: URL, *, write: bool) -> Engine:
    """An engine for ``url``, tuned for the store's use of it."""
    try:
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(url, write=write)
        return create_engine(url, pool_pre_ping=True)
    except NoSuchModuleError:
        raise StoreError(
            f"no database driver for {url.drivername!r} in {shown(url)}; "
            "use a sqlite:/// or postgresql:// URL"
        ) from None


def _sqlite_engine(url: URL, *, write: bool) -> Engine:
    path = sqlite_path(url)
    if not write and path is not None and not _writable(path):
        # A reader of a file it may not write cannot keep WAL's shared-memory
        # index beside it; nobody can change such a file under us, so read it
        # as immutable.
        url = url.set(
            database=f"file:{path}", query={"mode": "ro", "immutable": "1", "uri": "true"}
        )
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's begin event issue BEGIN itself (pysqlite's own is lazy).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if write:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _writable(path: Path) -> bool:
    effective = os.access in os.supports_effective_ids
    return all(
        os.access(p, os.W_OK, effective_ids=effective) for p in (path, path.parent or Path("."))
    )


def explain(exc: DBAPIError, url: URL, *, connecting: bool = False) -> StoreError:
    """A driver error as one line that says what is wrong with the store and what to do.

    ``connecting``: the error came from the first connection, so a server
    database that fails here is one that cannot be reached.
    """
    reason = _driver_reason(exc)
    path = sqlite_path(url)
    if path is not None:
        low = reason.lower()
        if "locked" in low or "busy" in low:
            return StoreError(
                f"database {path} is locked by another process (waited {BUSY_TIMEOUT_S:g}s); "
                "try again when that process has finished"
            )
        if "readonly" in low or "read-only" in low:
            return StoreError(
                f"database {path} is read-only: make the file and its directory writable "
                "(SQLite writes journal files beside it), or use another --db"
            )
        if "unable to open" in low:
            return StoreError(
                f"cannot open database {path}: check that its directory exists and is writable"
            )
        if "not a database" in low or "malformed" in low:
            return StoreError(f"{path} is not a truceline database (SQLite says: {reason})")
        return StoreError(f"database {path}: {reason}")
    if url.get_backend_name() != "sqlite" and (connecting or "connect" in reason.lower()):
        host = url.host or "localhost"
        port = url.port or {"postgresql": 5432}.get(url.get_backend_name(), "default port")
        return StoreError(
            f"cannot reach the database server at {host}:{port} ({shown(url)}): "
            f"{_pg_reason(reason)}"
        )
    return StoreError(f"database {shown(url)}: {reason}")


def _driver_reason(exc: DBAPIError) -> str:
    """The driver's own message, first lines only, without SQLAlchemy's SQL echo."""
    return " ".join(str(exc.orig).split()) if exc.orig is not None else str(exc)


def _pg_reason(reason: str) -> str:
    """psycopg's connection failure, short: 'Connection refused' rather than three lines."""
    match = re.search(r".*failed: (.*?)(?: Is the server running.*)?$", reason)
    short = match.group(1) if match else reason
    return short.strip().rstrip(".")
