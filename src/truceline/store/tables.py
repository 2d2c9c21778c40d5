"""The store's tables, as SQLAlchemy 2 typed declarative models.

Two layers live here. The *reported* layer is what ingest writes and never
rewrites: articles, their text versions, and one row per extracted event
with the columns queries filter on (an updated article is a new version; the
old version and its events stay as history, flagged ``superseded``). The
*derived* layer is what resolve and negotiation compute from the current
events; it is replaced as a whole on every rebuild, so its rows carry the
filter columns plus the full pydantic object as JSON (``payload``), which is
what queries return.

Derived objects that a filter reaches through actors or story events (a
proposal's proposers, a ledger entry's story event) link to them through the
two shared tables ``derived_actors`` and ``derived_story_events``, keyed by
the object's kind and row id, so that every query filters the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

MAX_ROW_ID = 2**63 - 1
"""The largest integer SQL takes (SQLite's INTEGER, PostgreSQL's BIGINT): no row id or
offset is larger, and a larger one given to a driver overflows instead of matching nothing."""


class Payload(TypeDecorator[Any]):
    """JSON on SQLite (stored as text), JSONB on PostgreSQL.

    PostgreSQL's type is taken when a PostgreSQL connection asks for it, so that
    a SQLite store never imports that dialect (a tenth of a report's start-up).
    """

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: Payload(), list[Any]: Payload()}  # noqa: RUF012


# --------------------------------------------------------------- reported layer


class ArticleRow(Base):
    """One article, identified by its URL, or by the hash of its text when it has none."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)
    source_id: Mapped[str | None] = mapped_column(String, doc="The reader's article id.")
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    current_version: Mapped[int] = mapped_column(Integer, default=1)


class ArticleVersionRow(Base):
    """One text of an article; a changed text is a new version that supersedes the last."""

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String)
    published: Mapped[dt.date | None] = mapped_column(Date)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    superseded: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    record: Mapped[dict[str, Any]] = mapped_column(
        doc="The extraction record less its events and text (actors, loose terms)."
    )


class EventRow(Base):
    """One extracted event of one article version."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_current_id", "current", "id"),
        Index("ix_events_outlet_current", "outlet", "current"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("article_versions.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer, doc="Position of the event in its record.")
    current: Mapped[bool] = mapped_column(
        Boolean, default=True, doc="False once its article version is superseded."
    )
    type: Mapped[str] = mapped_column(String(16), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    modality: Mapped[str] = mapped_column(String(16))
    sourcing: Mapped[str] = mapped_column(
        String(16), doc="named, anonymous or unattributed: how the claim is sourced."
    )
    source_actor: Mapped[str | None] = mapped_column(String)
    source_text: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String)
    published: Mapped[dt.date | None] = mapped_column(Date)
    payload: Mapped[dict[str, Any]] = mapped_column(doc="The pydantic Event, as JSON.")


class EventActorRow(Base):
    """Who takes part in an event and how, for actor filters."""

    __tablename__ = "event_actors"
    __table_args__ = (Index("ix_event_actors_actor", "actor_id", "event_id"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    actor_id: Mapped[str] = mapped_column(String, primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)


# ---------------------------------------------------------------- derived layer


class StoryEventRow(Base):
    __tablename__ = "story_events"
    __table_args__ = (
        # A timeline page narrowed by process or type reads these in date order.
        Index("ix_story_events_process_date", "process", "date"),
        Index("ix_story_events_type_date", "type", "date"),
        Index("ix_story_events_process_reports", "process", "reports"),
    )

    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String, unique=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    process: Mapped[str | None] = mapped_column(String, index=True)
    outlets: Mapped[int] = mapped_column(Integer, doc="Independent outlets reporting it.")
    reports: Mapped[int] = mapped_column(
        Integer, default=0, doc="Reports behind it (so a summary sums, not counts, them)."
    )
    payload: Mapped[dict[str, Any]]


class StoryEventActorRow(Base):
    __tablename__ = "story_event_actors"
    __table_args__ = (Index("ix_story_event_actors_actor", "actor_id", "story_event"),)

    story_event: Mapped[int] = mapped_column(ForeignKey("story_events.row"), primary_key=True)
    actor_id: Mapped[str] = mapped_column(String, primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)


class StoryEventReportRow(Base):
    __tablename__ = "story_event_reports"
    __table_args__ = (
        Index("ix_story_event_reports_outlet", "outlet", "story_event"),
        Index("ix_story_event_reports_event", "event_id"),
    )

    story_event: Mapped[int] = mapped_column(ForeignKey("story_events.row"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    outlet: Mapped[str | None] = mapped_column(String)


class ContradictionRow(Base):
    __tablename__ = "contradictions"

    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    process: Mapped[str | None] = mapped_column(String, index=True)
    payload: Mapped[dict[str, Any]]


class ContradictionReportRow(Base):
    __tablename__ = "contradiction_reports"
    __table_args__ = (Index("ix_contradiction_reports_event", "event_id"),)

    contradiction: Mapped[int] = mapped_column(ForeignKey("contradictions.row"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)


class ProcessRow(Base):
    __tablename__ = "processes"

    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String, unique=True)
    payload: Mapped[dict[str, Any]]


class ProposalRow(Base):
    __tablename__ = "proposals"

    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String, unique=True)
    process: Mapped[str] = mapped_column(String, index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]]


class PositionRow(Base):
    __tablename__ = "positions"
    __table_args__ = (Index("ix_positions_track_date", "process", "party", "issue", "date"),)

    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    process: Mapped[str] = mapped_column(String)
    party: Mapped[str] = mapped_column(String, index=True)
    issue: Mapped[str] = mapped_column(String)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    payload: Mapped[dict[str, Any]]


class AgreementRow(Base):
    __tablename__ = "agreements"

    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String, unique=True)
    process: Mapped[str] = mapped_column(String, index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    payload: Mapped[dict[str, Any]]


class LedgerEntryRow(Base):
    __tablename__ = "ledger_entries"
    __table_args__ = (
        # The ledger chart's sums read this index alone, never the entries' JSON.
        Index("ix_ledger_entries_releases", "process", "date", "releaser", "kind", "count"),
    )

    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    process: Mapped[str] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    releaser: Mapped[str | None] = mapped_column(
        String, doc="The first releaser: the one totals and charts count the entry for."
    )
    count: Mapped[int | None] = mapped_column(Integer, doc="How many were released.")
    payload: Mapped[dict[str, Any]]


class LedgerTotalRow(Base):
    __tablename__ = "ledger_totals"

    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    process: Mapped[str] = mapped_column(String, index=True)
    releaser: Mapped[str] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    payload: Mapped[dict[str, Any]]


class DerivedActorRow(Base):
    """An actor a derived object involves (proposer, party, releaser ...), for actor filters."""

    __tablename__ = "derived_actors"
    __table_args__ = (Index("ix_derived_actors_actor", "kind", "actor_id", "derived"),)

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    derived: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[str] = mapped_column(String, primary_key=True)


class DerivedStoryEventRow(Base):
    """A story event a derived object rests on, for type and outlet filters."""

    __tablename__ = "derived_story_events"
    __table_args__ = (Index("ix_derived_story_events_story", "kind", "story_event", "derived"),)

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    derived: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_event: Mapped[int] = mapped_column(ForeignKey("story_events.row"), primary_key=True)


class SourcingCounts:
    """The count columns of the sourcing tables (``truceline.store.queries.SOURCE_COUNTS``)."""

    events: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)
    named: Mapped[int] = mapped_column(Integer)
    anonymous: Mapped[int] = mapped_column(Integer)
    unattributed: Mapped[int] = mapped_column(Integer)
    corroborated: Mapped[int] = mapped_column(Integer)
    contradicted: Mapped[int] = mapped_column(Integer)
    corroborated_named: Mapped[int] = mapped_column(Integer)
    corroborated_anonymous: Mapped[int] = mapped_column(Integer)
    corroborated_unattributed: Mapped[int] = mapped_column(Integer)
    contradicted_named: Mapped[int] = mapped_column(Integer)
    contradicted_anonymous: Mapped[int] = mapped_column(Integer)
    contradicted_unattributed: Mapped[int] = mapped_column(Integer)


class OutletSourcesRow(SourcingCounts, Base):
    """Per outlet, how it reports, as of the last rebuild: what ``sources`` shows unfiltered.

    Counting it live means reading every current event (seconds at a hundred
    thousand articles), so rebuild counts once. Adding an article empties
    this table (the counts no longer hold) and the store counts live again.
    """

    __tablename__ = "outlet_sources"

    outlet: Mapped[str] = mapped_column(String, primary_key=True)


class SourceCountsRow(SourcingCounts, Base):
    """Per outlet x process x event type x month, how its events are sourced and fare.

    What ``sources`` sums when filtered by process, type, outlet or whole
    months (a few hundred rows instead of hundreds of thousands of events).
    ``month`` is the first day of the month of the event's date, else its
    publication; ``process`` is that of the story event it is merged into.
    Every column adds up across rows except ``articles``: an article with
    events in several cells counts once in each. Kept by rebuild, emptied by
    adding an article, as :class:`OutletSourcesRow`.
    """

    __tablename__ = "source_counts"
    __table_args__ = (
        Index("ix_source_counts_process_month", "process", "month"),
        Index("ix_source_counts_type_month", "type", "month"),
        Index("ix_source_counts_outlet_month", "outlet", "month"),
    )

    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    outlet: Mapped[str] = mapped_column(String)
    process: Mapped[str | None] = mapped_column(String)
    type: Mapped[str] = mapped_column(String(16))
    month: Mapped[dt.date | None] = mapped_column(Date)


#: Derived tables, in the order they are emptied (links before what they link).
DERIVED_TABLES = (
    SourceCountsRow,
    OutletSourcesRow,
    DerivedStoryEventRow,
    DerivedActorRow,
    ContradictionReportRow,
    StoryEventReportRow,
    StoryEventActorRow,
    LedgerTotalRow,
    LedgerEntryRow,
    AgreementRow,
    PositionRow,
    ProposalRow,
    ProcessRow,
    ContradictionRow,
    StoryEventRow,
)
