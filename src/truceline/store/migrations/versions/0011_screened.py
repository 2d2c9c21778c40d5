"""Screened-out articles: what the relevance screen kept from the parser, and why.

One new table, empty until an ingest or a watch screens an article out;
nothing else changes.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screened_articles",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_screened_articles")),
    )
    op.create_index(op.f("ix_screened_articles_screened_at"), "screened_articles", ["screened_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_screened_articles_screened_at"), table_name="screened_articles")
    op.drop_table("screened_articles")
