"""The summary's kept parts stored as JSON text on PostgreSQL (``json``, not ``jsonb``).

A summary reads every kept part whole and never looks inside one in SQL; as
``jsonb`` the server printed 1.8 MB of them back to text on every summary of
a 100,000-article store (17 ms of its 106 ms). SQLite keeps JSON as text
already: nothing changes there.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE process_summaries ALTER COLUMN payload TYPE json USING payload::json"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE process_summaries ALTER COLUMN payload TYPE jsonb USING payload::jsonb"
        )
