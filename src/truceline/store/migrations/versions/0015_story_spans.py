"""Story spans and the derived record's basis: what an incremental rebuild reads first.

``story_spans`` keeps each story event's blocking key (type, modality group,
date class), the date hull of its reports and the days its first and last
report arrived, so that an incremental rebuild reads and reconciles only what
new reports can reach (:mod:`truceline.resolve.reach`); ``derived_basis`` keeps what the record was
built with (configuration versions and a digest), so that a changed
configuration makes the next rebuild full. Both empty here: a store upgraded
to this revision is reconciled whole at its next rebuild, which fills them.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_spans",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("modality_group", sa.String(length=16), nullable=False),
        sa.Column("date_class", sa.String(length=16), nullable=False),
        sa.Column("lo", sa.Integer(), nullable=False),
        sa.Column("hi", sa.Integer(), nullable=False),
        sa.Column("first_arrival", sa.Integer(), nullable=False),
        sa.Column("last_arrival", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_spans")),
    )
    op.create_index(
        "ix_story_spans_key", "story_spans", ["type", "modality_group", "date_class", "lo"]
    )
    op.create_table(
        "derived_basis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_derived_basis")),
    )


def downgrade() -> None:
    op.drop_table("derived_basis")
    op.drop_index("ix_story_spans_key", table_name="story_spans")
    op.drop_table("story_spans")
