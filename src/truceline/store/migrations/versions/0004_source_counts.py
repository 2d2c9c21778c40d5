"""Sourcing counts per outlet x process x type x month; reports per story event; tracks by date.

Filtered ``sources`` then sums a few hundred kept rows instead of counting
hundreds of thousands of events, a summary sums story events' reports
instead of counting the link table, and a position track's latest points
come from the index in date order.

The new columns and table are filled here from what the store holds, with
frozen copies of the queries of this version (below, not the live ones),
so an upgraded store needs no rebuild.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

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
        counts = _source_cells_query(conn.dialect.name).subquery()
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


# ---------------------------------------------------------------------------
# Frozen copies of the queries as they stood at this revision: a migration
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
_SOURCINGS = ("named", "anonymous", "unattributed")


def _sources_query(by: tuple[Any, ...] = ()) -> Any:
    """Per outlet (and ``by``): events, articles, sourcing, corroborated and contradicted."""
    e, se, ser = _EVENTS.c, _STORY_EVENTS.c, _STORY_EVENT_REPORTS.c
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
    return (
        sa.select(
            outlet.label("outlet"),
            *by,
            sa.func.count().label("events"),
            sa.func.count(e.article_id.distinct()).label("articles"),
            *(count_if(e.sourcing == s).label(s) for s in _SOURCINGS),
            count_if(is_corroborated).label("corroborated"),
            count_if(is_contradicted).label("contradicted"),
        )
        .select_from(_EVENTS)
        .where(e.current.is_(True))
        .group_by(outlet, *by)
        .order_by(sa.func.count().desc(), outlet)
    )


def _source_cells_query(dialect: str) -> Any:
    """The ``source_counts`` rows: :func:`_sources_query` per outlet, process, type and month."""
    e, se, ser = _EVENTS.c, _STORY_EVENTS.c, _STORY_EVENT_REPORTS.c
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
    return _sources_query((process.label("process"), e.type.label("type"), month.label("month")))
