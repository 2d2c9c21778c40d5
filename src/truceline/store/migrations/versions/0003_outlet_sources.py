"""Per-outlet sourcing counts kept by rebuild; story events indexed by process or type and date.

``sources`` then need not read every event, and a timeline page narrowed by
process or type reads story events in date order instead of sorting them all.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
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


def upgrade() -> None:
    # Empty until the next rebuild; the store counts live while it is.
    op.create_table(
        "outlet_sources",
        sa.Column("outlet", sa.String(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
        sa.PrimaryKeyConstraint("outlet", name=op.f("pk_outlet_sources")),
    )
    op.create_index("ix_story_events_process_date", "story_events", ["process", "date"])
    op.create_index("ix_story_events_type_date", "story_events", ["type", "date"])


def downgrade() -> None:
    op.drop_index("ix_story_events_type_date", table_name="story_events")
    op.drop_index("ix_story_events_process_date", table_name="story_events")
    op.drop_table("outlet_sources")
