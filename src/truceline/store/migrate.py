"""Schema versions: where a store is, where this truceline needs it, and getting it there.

The migrations are Alembic revisions bundled in the package
(``store/migrations/versions``) and run programmatically on a connection
the store holds, inside the caller's transaction.

Reading a store only checks its version, and that is done without Alembic
(whose import and script scan cost a fifth of a report's start-up): each
revision is named by the four digits its file starts with (``0005_...py``
holds revision ``"0005"``, down from ``"0004"``), so the head is the largest,
and the store's version is the one row of ``alembic_version``. A test holds
the file names to what Alembic reads from the files. Alembic itself is
imported only to upgrade.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def known_revisions() -> frozenset[str]:
    """Every revision bundled: the four digits each version file's name starts with."""
    names = (p.name for p in (MIGRATIONS / "versions").glob("*.py"))
    return frozenset(m.group(1) for n in names if (m := re.match(r"(\d{4})_", n)))


def head_revision() -> str:
    """The schema revision this truceline reads and writes: the latest bundled."""
    return max(known_revisions())


def current_revision(connection: Connection) -> str | None:
    """The store's schema revision, None for a database truceline never wrote."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the schema to ``revision`` inside the connection's transaction."""
    from alembic import command

    command.upgrade(_config(connection), revision)
