"""Alerts compare records: the record last compared is kept, so changes of status fire.

One new table, one row once ``watch --alerts`` ran; nothing else changes.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_snapshots",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("state", sa.String(length=64), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_alert_snapshots")),
    )


def downgrade() -> None:
    op.drop_table("alert_snapshots")
