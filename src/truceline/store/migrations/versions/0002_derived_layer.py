"""The derived layer: story events, contradictions and the negotiation model.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def payload() -> sa.Column:
    return sa.Column(
        "payload", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
    )


def row(table: str) -> list[sa.SchemaItem]:
    return [
        sa.Column("row", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("row", name=op.f(f"pk_{table}")),
    ]


def keyed(table: str) -> list[sa.SchemaItem]:
    return [
        *row(table),
        sa.Column("id", sa.String(), nullable=False),
        sa.UniqueConstraint("id", name=op.f(f"uq_{table}_id")),
    ]


def fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    name = f"fk_{table}_{column}_{target.split('.')[0]}"
    return sa.ForeignKeyConstraint([column], [target], name=op.f(name))


def index(table: str, *columns: str, name: str | None = None) -> None:
    op.create_index(name or op.f(f"ix_{table}_{columns[0]}"), table, list(columns))


def upgrade() -> None:
    op.create_table(
        "story_events",
        *keyed("story_events"),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("process", sa.String(), nullable=True),
        sa.Column("outlets", sa.Integer(), nullable=False),
        payload(),
    )
    for column in ("type", "date", "process"):
        index("story_events", column)

    op.create_table(
        "story_event_actors",
        sa.Column("story_event", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        fk("story_event_actors", "story_event", "story_events.row"),
        sa.PrimaryKeyConstraint(
            "story_event", "actor_id", "role", name=op.f("pk_story_event_actors")
        ),
    )
    index("story_event_actors", "actor_id", "story_event", name="ix_story_event_actors_actor")

    op.create_table(
        "story_event_reports",
        sa.Column("story_event", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(), nullable=True),
        fk("story_event_reports", "event_id", "events.id"),
        fk("story_event_reports", "story_event", "story_events.row"),
        sa.PrimaryKeyConstraint("story_event", "event_id", name=op.f("pk_story_event_reports")),
    )
    index("story_event_reports", "event_id", name="ix_story_event_reports_event")
    index("story_event_reports", "outlet", "story_event", name="ix_story_event_reports_outlet")

    op.create_table(
        "contradictions",
        *keyed("contradictions"),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("process", sa.String(), nullable=True),
        payload(),
    )
    for column in ("kind", "date", "process"):
        index("contradictions", column)

    op.create_table(
        "contradiction_reports",
        sa.Column("contradiction", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        fk("contradiction_reports", "contradiction", "contradictions.row"),
        fk("contradiction_reports", "event_id", "events.id"),
        sa.PrimaryKeyConstraint("contradiction", "event_id", name=op.f("pk_contradiction_reports")),
    )
    index("contradiction_reports", "event_id", name="ix_contradiction_reports_event")

    op.create_table("processes", *keyed("processes"), payload())

    op.create_table(
        "proposals",
        *keyed("proposals"),
        sa.Column("process", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        payload(),
    )
    for column in ("process", "date"):
        index("proposals", column)

    op.create_table(
        "positions",
        *row("positions"),
        sa.Column("process", sa.String(), nullable=False),
        sa.Column("party", sa.String(), nullable=False),
        sa.Column("issue", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        payload(),
    )
    for column in ("party", "date"):
        index("positions", column)
    index("positions", "process", "party", "issue", name="ix_positions_process_party_issue")

    op.create_table(
        "agreements",
        *keyed("agreements"),
        sa.Column("process", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        payload(),
    )
    for column in ("process", "date"):
        index("agreements", column)

    op.create_table(
        "ledger_entries",
        *row("ledger_entries"),
        sa.Column("process", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        payload(),
    )
    for column in ("process", "date"):
        index("ledger_entries", column)

    op.create_table(
        "ledger_totals",
        *row("ledger_totals"),
        sa.Column("process", sa.String(), nullable=False),
        sa.Column("releaser", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        payload(),
    )
    for column in ("process", "releaser"):
        index("ledger_totals", column)

    op.create_table(
        "derived_actors",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("derived", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "derived", "actor_id", name=op.f("pk_derived_actors")),
    )
    index("derived_actors", "kind", "actor_id", "derived", name="ix_derived_actors_actor")

    op.create_table(
        "derived_story_events",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("derived", sa.Integer(), nullable=False),
        sa.Column("story_event", sa.Integer(), nullable=False),
        fk("derived_story_events", "story_event", "story_events.row"),
        sa.PrimaryKeyConstraint(
            "kind", "derived", "story_event", name=op.f("pk_derived_story_events")
        ),
    )
    index(
        "derived_story_events",
        "kind",
        "story_event",
        "derived",
        name="ix_derived_story_events_story",
    )


def downgrade() -> None:
    for table in (
        "derived_story_events",
        "derived_actors",
        "ledger_totals",
        "ledger_entries",
        "agreements",
        "positions",
        "proposals",
        "processes",
        "contradiction_reports",
        "contradictions",
        "story_event_reports",
        "story_event_actors",
        "story_events",
    ):
        op.drop_table(table)
