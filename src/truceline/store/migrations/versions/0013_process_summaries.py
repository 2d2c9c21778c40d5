"""The summary's parts kept per process (``process_summaries``).

Created empty: filling it needs the live read code (``truceline.store.summaries``),
which a migration must not follow. An empty table means the summary reads live,
as before, until the next rebuild or a call of ``Store.keep_summaries()``.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "process_summaries",
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("process", sa.String(), nullable=True),
        sa.Column(
            "payload", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.PrimaryKeyConstraint("row", name=op.f("pk_process_summaries")),
    )


def downgrade() -> None:
    op.drop_table("process_summaries")
