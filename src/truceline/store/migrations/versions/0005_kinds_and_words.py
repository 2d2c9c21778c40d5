"""Corroboration per kind of source kept by rebuild; word indexes; ledger counts as columns.

The sourcing tables gain corroborated and contradicted counts per kind of
source (``corroborated_named`` ...), so the dashboard's "which kinds of
source say what" reads the kept counts instead of every event. Articles and
story events gain full-text indexes (``truceline.store.search``), so a
search no longer scans every text. Ledger entries gain their first releaser
and count as columns, so the ledger chart is summed in SQL, not by reading
every entry's JSON.

Kept counts are refilled here, where the last rebuild's still hold (none
added since), and the indexes filled, so an upgraded store needs no
rebuild. The queries and index statements are frozen copies of those of
this revision, so later changes to the live ones leave it valid.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
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
ADDED = tuple(
    f"{fate}_{sourcing}"
    for fate in ("corroborated", "contradicted")
    for sourcing in ("named", "anonymous", "unattributed")
)
KEYS = {"outlet_sources": ("outlet",), "source_counts": ("outlet", "process", "type", "month")}


def upgrade() -> None:
    conn = op.get_bind()
    kept = conn.execute(sa.text("SELECT count(*) FROM outlet_sources")).scalar_one()
    for table in KEYS:
        with op.batch_alter_table(table) as batch:
            for name in ADDED:
                batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    if kept:
        _refill(conn)
    with op.batch_alter_table("ledger_entries") as batch:
        batch.add_column(sa.Column("releaser", sa.String(), nullable=True))
        batch.add_column(sa.Column("count", sa.Integer(), nullable=True))
    if conn.dialect.name == "postgresql":
        first, count = "payload->'releaser'->>0", "(payload->>'count')::integer"
    else:
        first, count = "json_extract(payload, '$.releaser[0]')", "json_extract(payload, '$.count')"
    op.execute(f"UPDATE ledger_entries SET releaser = {first}, count = {count}")
    op.create_index(
        "ix_ledger_entries_releases",
        "ledger_entries",
        ["process", "date", "releaser", "kind", "count"],
    )
    statements = _postgresql_ddl() if conn.dialect.name == "postgresql" else _sqlite_ddl()
    for statement in statements:
        op.execute(statement)
    if conn.dialect.name == "sqlite":
        story_events = sa.table("story_events", sa.column("row"), sa.column("payload", sa.JSON))
        rows = conn.execute(sa.select(story_events.c.row, story_events.c.payload))
        values = [{"row": row, "body": " ".join(_strings(record))} for row, record in rows]
        if values:
            insert = f"INSERT INTO {STORY_EVENT_WORDS}(rowid, body) VALUES (:row, :body)"
            conn.execute(sa.text(insert), values)


def _refill(conn: sa.Connection) -> None:
    for table, query in (
        ("outlet_sources", _sources_query()),
        ("source_counts", _source_cells_query(conn.dialect.name)),
    ):
        counts = query.subquery()
        names = [*KEYS[table], *COUNTS, *ADDED]
        target = sa.table(table, *(sa.column(n) for n in names))
        conn.execute(sa.text(f"DELETE FROM {table}"))
        conn.execute(target.insert().from_select(names, sa.select(*(counts.c[n] for n in names))))


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.drop_index("ix_story_events_words", table_name="story_events")
        op.drop_index("ix_article_versions_words", table_name="article_versions")
    else:
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER {ARTICLE_WORDS}_{trigger}")
        op.execute(f"DROP TABLE {ARTICLE_WORDS}")
        op.execute(f"DROP TABLE {STORY_EVENT_WORDS}")
    op.drop_index("ix_ledger_entries_releases", table_name="ledger_entries")
    with op.batch_alter_table("ledger_entries") as batch:
        batch.drop_column("count")
        batch.drop_column("releaser")
    for table in KEYS:
        with op.batch_alter_table(table) as batch:
            for name in ADDED:
                batch.drop_column(name)


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
            *(
                count_if(sa.and_(fate, e.sourcing == sourcing)).label(f"{name}_{sourcing}")
                for name, fate in (
                    ("corroborated", is_corroborated),
                    ("contradicted", is_contradicted),
                )
                for sourcing in _SOURCINGS
            ),
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


ARTICLE_WORDS = "article_words"
STORY_EVENT_WORDS = "story_event_words"
_ARTICLE_DOCUMENT = (
    "to_tsvector('simple', coalesce(title, '') || ' ' || text || ' ' || coalesce(outlet, ''))"
)
_STORY_EVENT_DOCUMENT = "to_tsvector('simple', payload)"
_TOKENIZER = "unicode61 remove_diacritics 0"


def _strings(value: Any) -> Iterable[str]:
    """Every string in a JSON value, depth first: what PostgreSQL's jsonb document indexes."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _sqlite_ddl() -> list[str]:
    """The FTS5 tables and the triggers that keep ``article_words`` in step with its versions."""
    columns = "title, text, outlet"
    new = "new.id, new.title, new.text, new.outlet"
    old = "old.id, old.title, old.text, old.outlet"
    forget = (
        f"INSERT INTO {ARTICLE_WORDS}({ARTICLE_WORDS}, rowid, {columns}) VALUES ('delete', {old});"
    )
    learn = f"INSERT INTO {ARTICLE_WORDS}(rowid, {columns}) VALUES ({new});"
    return [
        f"CREATE VIRTUAL TABLE {ARTICLE_WORDS} USING fts5({columns}, content='article_versions',"
        f" content_rowid='id', tokenize='{_TOKENIZER}')",
        f"CREATE TRIGGER {ARTICLE_WORDS}_insert AFTER INSERT ON article_versions BEGIN {learn} END",
        f"CREATE TRIGGER {ARTICLE_WORDS}_delete AFTER DELETE ON article_versions BEGIN {forget} END",
        f"CREATE TRIGGER {ARTICLE_WORDS}_update AFTER UPDATE OF {columns} ON article_versions"
        f" BEGIN {forget} {learn} END",
        f"INSERT INTO {ARTICLE_WORDS}({ARTICLE_WORDS}) VALUES ('rebuild')",
        f"CREATE VIRTUAL TABLE {STORY_EVENT_WORDS} USING fts5(body, content='',"
        f" tokenize='{_TOKENIZER}')",
    ]


def _postgresql_ddl() -> list[str]:
    return [
        f"CREATE INDEX ix_article_versions_words ON article_versions USING gin (({_ARTICLE_DOCUMENT}))",
        f"CREATE INDEX ix_story_events_words ON story_events USING gin (({_STORY_EVENT_DOCUMENT}))",
    ]
