"""Corroboration per kind of source kept by rebuild; word indexes; ledger counts as columns.

The sourcing tables gain corroborated and contradicted counts per kind of
source (``corroborated_named`` ...), so the dashboard's "which kinds of
source say what" reads the kept counts instead of every event. Articles and
story events gain full-text indexes (``truceline.store.search``), so a
search no longer scans every text. Ledger entries gain their first releaser
and count as columns, so the ledger chart is summed in SQL, not by reading
every entry's JSON.

Kept counts are refilled here, where the last rebuild's still hold (none
added since), and the indexes filled, so an upgraded store needs no
rebuild. The refill asks the current queries for this revision's columns
only, so later revisions that add columns leave it valid.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from truceline.store import search
from truceline.store.queries import source_cells_query, sources_query

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COUNTS = (
    "events",
    "articles",
    "named",
    "anonymous",
    "unattributed",
    "corroborated",
    "contradicted",
)
ADDED = tuple(
    f"{fate}_{sourcing}"
    for fate in ("corroborated", "contradicted")
    for sourcing in ("named", "anonymous", "unattributed")
)
KEYS = {"outlet_sources": ("outlet",), "source_counts": ("outlet", "process", "type", "month")}


def upgrade() -> None:
    conn = op.get_bind()
    kept = conn.execute(sa.text("SELECT count(*) FROM outlet_sources")).scalar_one()
    for table in KEYS:
        with op.batch_alter_table(table) as batch:
            for name in ADDED:
                batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    if kept:
        _refill(conn)
    with op.batch_alter_table("ledger_entries") as batch:
        batch.add_column(sa.Column("releaser", sa.String(), nullable=True))
        batch.add_column(sa.Column("count", sa.Integer(), nullable=True))
    if conn.dialect.name == "postgresql":
        first, count = "payload->'releaser'->>0", "(payload->>'count')::integer"
    else:
        first, count = "json_extract(payload, '$.releaser[0]')", "json_extract(payload, '$.count')"
    op.execute(f"UPDATE ledger_entries SET releaser = {first}, count = {count}")
    op.create_index(
        "ix_ledger_entries_releases",
        "ledger_entries",
        ["process", "date", "releaser", "kind", "count"],
    )
    if conn.dialect.name == "postgresql":
        statements = search.postgresql_ddl()
    else:
        statements = search.sqlite_ddl()
    for statement in statements:
        op.execute(statement)
    story_events = sa.table("story_events", sa.column("row"), sa.column("payload", sa.JSON))
    rows = conn.execute(sa.select(story_events.c.row, story_events.c.payload))
    search.index_story_events(conn, ((row, payload) for row, payload in rows))


def _refill(conn: sa.Connection) -> None:
    for table, query in (
        ("outlet_sources", sources_query(None)),
        ("source_counts", source_cells_query(conn.dialect.name)),
    ):
        counts = query.subquery()
        names = [*KEYS[table], *COUNTS, *ADDED]
        target = sa.table(table, *(sa.column(n) for n in names))
        conn.execute(sa.text(f"DELETE FROM {table}"))
        conn.execute(target.insert().from_select(names, sa.select(*(counts.c[n] for n in names))))


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.drop_index("ix_story_events_words", table_name="story_events")
        op.drop_index("ix_article_versions_words", table_name="article_versions")
    else:
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER {search.ARTICLE_WORDS}_{trigger}")
        op.execute(f"DROP TABLE {search.ARTICLE_WORDS}")
        op.execute(f"DROP TABLE {search.STORY_EVENT_WORDS}")
    op.drop_index("ix_ledger_entries_releases", table_name="ledger_entries")
    with op.batch_alter_table("ledger_entries") as batch:
        batch.drop_column("count")
        batch.drop_column("releaser")
    for table in KEYS:
        with op.batch_alter_table(table) as batch:
            for name in ADDED:
                batch.drop_column(name)
