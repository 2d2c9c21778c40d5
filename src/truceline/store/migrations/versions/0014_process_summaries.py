"""The summary's parts kept per process; a release's round and disputed counts as columns.

``process_summaries`` is created empty: filling it needs the live read code
(``truceline.store.summaries``), which a migration must not follow. An empty
table means the summary reads live, as before, until the next rebuild or a
call of ``Store.keep_summaries()``.

``ledger_entries.round`` and ``.disputed`` (how many other counts reports give)
were read from every matching payload's JSON to sum totals narrowed by dates
or outlet and to count disputed releases; they are filled here from the
payloads.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0014"
down_revision = "0013"
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
    op.add_column("ledger_entries", sa.Column("round", sa.Integer(), nullable=True))
    op.add_column("ledger_entries", sa.Column("disputed", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE ledger_entries SET round = (payload ->> 'round')::integer, "
            "disputed = jsonb_array_length(payload -> 'disputed_counts')"
        )
    else:
        op.execute(
            "UPDATE ledger_entries SET round = json_extract(payload, '$.round'), "
            "disputed = json_array_length(payload, '$.disputed_counts')"
        )


def downgrade() -> None:
    with op.batch_alter_table("ledger_entries") as batch:
        batch.drop_column("disputed")
        batch.drop_column("round")
    op.drop_table("process_summaries")
