"""Sourcing counts per outlet x process x type x month; reports per story event; tracks by date.

Filtered ``sources`` then sums a few hundred kept rows instead of counting
hundreds of thousands of events, a summary sums story events' reports
instead of counting the link table, and a position track's latest points
come from the index in date order.

The new columns and table are filled here from what the store holds, with
the queries of this version (``truceline.store.derived.fill_source_counts``),
so an upgraded store needs no rebuild.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from truceline.store.queries import source_cells_query

revision = "0004"
down_revision = "0003"
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
"""The count columns as of this revision (later ones add more)."""


def upgrade() -> None:
    op.create_table(
        "source_counts",
        sa.Column("row", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("outlet", sa.String(), nullable=False),
        sa.Column("process", sa.String(), nullable=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("month", sa.Date(), nullable=True),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
    )
    op.create_index("ix_source_counts_process_month", "source_counts", ["process", "month"])
    op.create_index("ix_source_counts_type_month", "source_counts", ["type", "month"])
    op.create_index("ix_source_counts_outlet_month", "source_counts", ["outlet", "month"])
    with op.batch_alter_table("story_events") as batch:
        batch.add_column(sa.Column("reports", sa.Integer(), nullable=False, server_default="0"))
    op.execute(
        "UPDATE story_events SET reports = (SELECT count(*) FROM story_event_reports "
        "WHERE story_event_reports.story_event = story_events.row)"
    )
    op.create_index("ix_story_events_process_reports", "story_events", ["process", "reports"])
    op.drop_index("ix_positions_process_party_issue", table_name="positions")
    op.create_index("ix_positions_track_date", "positions", ["process", "party", "issue", "date"])
    # Filled only where the last rebuild's per-outlet counts still hold (none added since).
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT count(*) FROM outlet_sources")).scalar_one():
        counts = source_cells_query(conn.dialect.name).subquery()
        names = ["outlet", "process", "type", "month", *COUNTS]
        table = sa.table("source_counts", *(sa.column(n) for n in names))
        conn.execute(table.insert().from_select(names, sa.select(*(counts.c[n] for n in names))))


def downgrade() -> None:
    op.drop_index("ix_positions_track_date", table_name="positions")
    op.create_index("ix_positions_process_party_issue", "positions", ["process", "party", "issue"])
    op.drop_index("ix_story_events_process_reports", table_name="story_events")
    with op.batch_alter_table("story_events") as batch:
        batch.drop_column("reports")
    op.drop_table("source_counts")
