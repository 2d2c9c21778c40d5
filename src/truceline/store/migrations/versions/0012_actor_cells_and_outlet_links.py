"""Sourcing counts per actor kept by rebuild; derived rows linked to their outlets and types.

``sources --actor`` counted a quarter of a million events live at 100,000
articles (seconds); ``actor_source_counts`` keeps the sourcing cells per
actor, so it sums a few thousand rows. Proposals, positions and the other
derived rows filtered by outlet joined a busy outlet's tens of thousands of
report links to the story links on every call; ``derived_outlets`` keeps
that join, and ``derived_types`` the join with the story events' types
that type filters made.

Both are filled here from what the store holds (the actor cells only where
the last rebuild's counts still hold, as the other kept counts), with frozen
copies of this revision's queries, so an upgraded store needs no rebuild.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_SOURCINGS = ("named", "anonymous", "unattributed")
COUNTS = (
    "events",
    "articles",
    *_SOURCINGS,
    "corroborated",
    "contradicted",
    *(f"{fate}_{sourcing}" for fate in ("corroborated", "contradicted") for sourcing in _SOURCINGS),
)
KEYS = ("actor_id", "outlet", "process", "type", "month")


def upgrade() -> None:
    op.create_table(
        "derived_outlets",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("derived", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "derived", "outlet", name=op.f("pk_derived_outlets")),
    )
    op.create_index("ix_derived_outlets_outlet", "derived_outlets", ["kind", "outlet", "derived"])
    op.create_table(
        "derived_types",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("derived", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("kind", "derived", "type", name=op.f("pk_derived_types")),
    )
    op.create_index("ix_derived_types_type", "derived_types", ["kind", "type", "derived"])
    op.execute(
        "INSERT INTO derived_types (kind, derived, type) "
        "SELECT DISTINCT d.kind, d.derived, s.type FROM derived_story_events AS d "
        "JOIN story_events AS s ON s.row = d.story_event"
    )
    op.create_table(
        "actor_source_counts",
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("outlet", sa.String(), nullable=False),
        sa.Column("process", sa.String(), nullable=True),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("month", sa.Date(), nullable=True),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
        sa.PrimaryKeyConstraint("row", name=op.f("pk_actor_source_counts")),
    )
    op.create_index(
        "ix_actor_source_counts_actor_month", "actor_source_counts", ["actor_id", "month"]
    )
    op.execute(
        "INSERT INTO derived_outlets (kind, derived, outlet) "
        "SELECT DISTINCT d.kind, d.derived, r.outlet FROM derived_story_events AS d "
        "JOIN story_event_reports AS r ON r.story_event = d.story_event "
        "WHERE r.outlet IS NOT NULL"
    )
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT count(*) FROM outlet_sources")).scalar_one():
        counts = _actor_cells_query(conn.dialect.name).subquery()
        names = [*KEYS, *COUNTS]
        target = sa.table("actor_source_counts", *(sa.column(n) for n in names))
        conn.execute(target.insert().from_select(names, sa.select(*(counts.c[n] for n in names))))


def downgrade() -> None:
    op.drop_index("ix_actor_source_counts_actor_month", table_name="actor_source_counts")
    op.drop_table("actor_source_counts")
    op.drop_index("ix_derived_types_type", table_name="derived_types")
    op.drop_table("derived_types")
    op.drop_index("ix_derived_outlets_outlet", table_name="derived_outlets")
    op.drop_table("derived_outlets")


# ---------------------------------------------------------------------------
# Frozen copies of the queries as they stand at this revision: a migration
# must not follow live query code, which later revisions change.

_EVENTS = sa.table(
    "events",
    sa.column("id", sa.Integer),
    sa.column("article_id", sa.Integer),
    sa.column("outlet", sa.String),
    sa.column("sourcing", sa.String),
    sa.column("type", sa.String),
    sa.column("date", sa.Date),
    sa.column("published", sa.Date),
    sa.column("current", sa.Boolean),
)
_EVENT_ACTORS = sa.table(
    "event_actors", sa.column("event_id", sa.Integer), sa.column("actor_id", sa.String)
)
_STORY_EVENTS = sa.table(
    "story_events",
    sa.column("row", sa.Integer),
    sa.column("process", sa.String),
    sa.column("outlets", sa.Integer),
)
_STORY_EVENT_REPORTS = sa.table(
    "story_event_reports", sa.column("story_event", sa.Integer), sa.column("event_id", sa.Integer)
)
_CONTRADICTION_REPORTS = sa.table("contradiction_reports", sa.column("event_id", sa.Integer))


def _actor_cells_query(dialect: str) -> Any:
    """Per actor named by an event (once per event), outlet, process, type and month."""
    e, se, ser = _EVENTS.c, _STORY_EVENTS.c, _STORY_EVENT_REPORTS.c
    named = sa.select(_EVENT_ACTORS.c.event_id, _EVENT_ACTORS.c.actor_id).distinct().subquery()
    process = (
        sa.select(sa.func.min(se.process))
        .join(_STORY_EVENT_REPORTS, se.row == ser.story_event)
        .where(ser.event_id == e.id)
        .scalar_subquery()
    )
    day = sa.func.coalesce(e.date, e.published)
    if dialect == "postgresql":
        month = sa.cast(sa.func.date_trunc("month", day), sa.Date)
    else:
        month = sa.func.date(day, "start of month")
    corroborated = (
        sa.select(ser.event_id)
        .join(_STORY_EVENTS, se.row == ser.story_event)
        .where(se.outlets >= 2)
    )
    contradicted = sa.select(_CONTRADICTION_REPORTS.c.event_id)
    is_corroborated, is_contradicted = e.id.in_(corroborated), e.id.in_(contradicted)

    def count_if(condition: Any) -> Any:
        return sa.func.sum(sa.case((condition, 1), else_=0))

    outlet = sa.func.coalesce(e.outlet, "(unknown outlet)")
    by = (named.c.actor_id, process.label("process"), e.type, month.label("month"))
    return (
        sa.select(
            named.c.actor_id.label("actor_id"),
            outlet.label("outlet"),
            process.label("process"),
            e.type.label("type"),
            month.label("month"),
            sa.func.count().label("events"),
            sa.func.count(e.article_id.distinct()).label("articles"),
            *(count_if(e.sourcing == s).label(s) for s in _SOURCINGS),
            count_if(is_corroborated).label("corroborated"),
            count_if(is_contradicted).label("contradicted"),
            *(
                count_if(sa.and_(fate, e.sourcing == sourcing)).label(f"{name}_{sourcing}")
                for name, fate in (
                    ("corroborated", is_corroborated),
                    ("contradicted", is_contradicted),
                )
                for sourcing in _SOURCINGS
            ),
        )
        .select_from(_EVENTS.join(named, named.c.event_id == e.id))
        .where(e.current.is_(True))
        .group_by(outlet, *by)
    )
