"""The store's tables, as SQLAlchemy Core tables.

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

Queries name a table's columns as attributes of its row class (``EventRow.id``,
``select(EventRow.outlet)``, ``insert(EventRow)``): the names the declarative
models had, kept without SQLAlchemy's ORM, which the store never used (no
session, no mapped object) and whose import and mapping were a third of a
report's start-up.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
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


class TextPayload(Payload):
    """A payload read whole, never queried inside: JSON on SQLite, ``json`` (kept as the
    text written) on PostgreSQL.

    JSONB is parsed on the way in and printed again on every read: the summary's kept
    parts (1.8 MB at 100,000 articles) took 17 ms of the server's time to print per
    summary, as text they take none. Nothing looks inside them in SQL.
    """

    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        return dialect.type_descriptor(JSON())


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _row() -> Column[int]:
    return Column("row", Integer, primary_key=True)


def _payload(doc: str | None = None, *, read_whole: bool = False) -> Column[Any]:
    """The JSON payload of a row (``read_whole``: never queried inside, see TextPayload)."""
    kind = TextPayload() if read_whole else Payload()
    return Column("payload", kind, nullable=False, doc=doc)


# --------------------------------------------------------------- reported layer

articles = Table(
    "articles",
    metadata,
    _id(),
    Column("key", String, nullable=False, unique=True),
    Column("source_id", String, doc="The reader's article id."),
    Column("url", Text),
    Column("outlet", String, index=True),
    Column("title", Text),
    Column("published", Date, index=True),
    Column("current_version", Integer, nullable=False, default=1),
)

article_versions = Table(
    "article_versions",
    metadata,
    _id(),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("text_sha256", String(64), nullable=False, index=True),
    Column("title", Text),
    Column("outlet", String),
    Column("published", Date),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("superseded", Boolean, nullable=False, default=False, index=True),
    Column("superseded_at", DateTime(timezone=True)),
    Column(
        "record",
        Payload(),
        nullable=False,
        doc="The extraction record less its events and text (actors, loose terms).",
    ),
    UniqueConstraint("article_id", "version"),
)

events = Table(
    "events",
    metadata,
    _id(),
    Column("version_id", Integer, ForeignKey("article_versions.id"), nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False, doc="Position of the event in its record."),
    Column(
        "current",
        Boolean,
        nullable=False,
        default=True,
        doc="False once its article version is superseded.",
    ),
    Column("type", String(16), nullable=False, index=True),
    Column("date", Date, index=True),
    Column("modality", String(16), nullable=False),
    Column(
        "sourcing",
        String(16),
        nullable=False,
        doc="named, anonymous or unattributed: how the claim is sourced.",
    ),
    Column("source_actor", String),
    Column("source_text", Text),
    Column("outlet", String),
    Column("published", Date),
    _payload("The pydantic Event, as JSON."),
    Index("ix_events_current_id", "current", "id"),
    Index("ix_events_outlet_current", "outlet", "current"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id"), primary_key=True),
    Column("actor_id", String, primary_key=True),
    Column("role", String(16), primary_key=True),
    Index("ix_event_actors_actor", "actor_id", "event_id"),
)

# ---------------------------------------------------------------- derived layer

story_events = Table(
    "story_events",
    metadata,
    _row(),
    Column("id", String, nullable=False, unique=True),
    Column("type", String(16), nullable=False, index=True),
    Column("date", Date, index=True),
    Column("process", String, index=True),
    Column("outlets", Integer, nullable=False, doc="Independent outlets reporting it."),
    Column(
        "reports",
        Integer,
        nullable=False,
        default=0,
        doc="Reports behind it (so a summary sums, not counts, them).",
    ),
    _payload(),
    # A timeline page narrowed by process or type reads these in date order.
    Index("ix_story_events_process_date", "process", "date"),
    Index("ix_story_events_type_date", "type", "date"),
    Index("ix_story_events_process_reports", "process", "reports"),
)

story_event_actors = Table(
    "story_event_actors",
    metadata,
    Column("story_event", Integer, ForeignKey("story_events.row"), primary_key=True),
    Column("actor_id", String, primary_key=True),
    Column("role", String(16), primary_key=True),
    Index("ix_story_event_actors_actor", "actor_id", "story_event"),
)

story_event_reports = Table(
    "story_event_reports",
    metadata,
    Column("story_event", Integer, ForeignKey("story_events.row"), primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), primary_key=True),
    Column("outlet", String),
    Index("ix_story_event_reports_outlet", "outlet", "story_event"),
    Index("ix_story_event_reports_event", "event_id"),
)

contradictions = Table(
    "contradictions",
    metadata,
    _row(),
    Column("id", String, nullable=False, unique=True),
    Column("kind", String(32), nullable=False, index=True),
    Column("date", Date, index=True),
    Column("process", String, index=True),
    _payload(),
)

contradiction_reports = Table(
    "contradiction_reports",
    metadata,
    Column("contradiction", Integer, ForeignKey("contradictions.row"), primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), primary_key=True),
    Index("ix_contradiction_reports_event", "event_id"),
)

processes = Table(
    "processes",
    metadata,
    _row(),
    Column("id", String, nullable=False, unique=True),
    _payload(),
)

proposals = Table(
    "proposals",
    metadata,
    _row(),
    Column("id", String, nullable=False, unique=True),
    Column("process", String, nullable=False, index=True),
    Column("date", Date, index=True),
    Column("status", String(16), nullable=False),
    _payload(),
)

positions = Table(
    "positions",
    metadata,
    _row(),
    Column("process", String, nullable=False),
    Column("party", String, nullable=False, index=True),
    Column("issue", String, nullable=False),
    Column("date", Date, index=True),
    _payload(),
    Index("ix_positions_track_date", "process", "party", "issue", "date"),
)

agreements = Table(
    "agreements",
    metadata,
    _row(),
    Column("id", String, nullable=False, unique=True),
    Column("process", String, nullable=False, index=True),
    Column("date", Date, index=True),
    _payload(),
)

ledger_entries = Table(
    "ledger_entries",
    metadata,
    _row(),
    Column("process", String, nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("date", Date, index=True),
    Column(
        "releaser",
        String,
        doc="The first releaser: the one totals and charts count the entry for.",
    ),
    Column("count", Integer, doc="How many were released."),
    Column("round", Integer, doc="The round it belongs to (what totals are kept per)."),
    Column(
        "disputed",
        Integer,
        doc="How many other counts reports give for it (``disputed_counts``), counted "
        "without reading the payload.",
    ),
    _payload(),
    # The ledger chart's sums read this index alone, never the entries' JSON.
    Index("ix_ledger_entries_releases", "process", "date", "releaser", "kind", "count"),
)

ledger_totals = Table(
    "ledger_totals",
    metadata,
    _row(),
    Column("process", String, nullable=False, index=True),
    Column("releaser", String, nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("as_of", Date),
    _payload(),
)

derived_actors = Table(
    "derived_actors",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("derived", Integer, primary_key=True),
    Column("actor_id", String, primary_key=True),
    Index("ix_derived_actors_actor", "kind", "actor_id", "derived"),
)

derived_story_events = Table(
    "derived_story_events",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("derived", Integer, primary_key=True),
    Column("story_event", Integer, ForeignKey("story_events.row"), primary_key=True),
    Index("ix_derived_story_events_story", "kind", "story_event", "derived"),
    # What deleting a story event checks its foreign key with (migration 0013).
    Index("ix_derived_story_events_story_event", "story_event"),
)

derived_outlets = Table(
    "derived_outlets",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("derived", Integer, primary_key=True),
    Column("outlet", String, primary_key=True),
    Index("ix_derived_outlets_outlet", "kind", "outlet", "derived"),
)

derived_types = Table(
    "derived_types",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("derived", Integer, primary_key=True),
    Column("type", String(16), primary_key=True),
    Index("ix_derived_types_type", "kind", "type", "derived"),
)

SOURCING_COUNTS = (
    "events",
    "articles",
    "named",
    "anonymous",
    "unattributed",
    "corroborated",
    "contradicted",
    "corroborated_named",
    "corroborated_anonymous",
    "corroborated_unattributed",
    "contradicted_named",
    "contradicted_anonymous",
    "contradicted_unattributed",
)
"""The count columns of the sourcing tables (``truceline.store.queries.SOURCE_COUNTS``)."""


def _sourcing_counts() -> list[Column[int]]:
    return [Column(name, Integer, nullable=False) for name in SOURCING_COUNTS]


outlet_sources = Table(
    "outlet_sources",
    metadata,
    Column("outlet", String, primary_key=True),
    *_sourcing_counts(),
)

source_counts = Table(
    "source_counts",
    metadata,
    _row(),
    Column("outlet", String, nullable=False),
    Column("process", String),
    Column("type", String(16), nullable=False),
    Column("month", Date),
    *_sourcing_counts(),
    Index("ix_source_counts_process_month", "process", "month"),
    Index("ix_source_counts_type_month", "type", "month"),
    Index("ix_source_counts_outlet_month", "outlet", "month"),
)

actor_source_counts = Table(
    "actor_source_counts",
    metadata,
    _row(),
    Column("actor_id", String, nullable=False),
    Column("outlet", String, nullable=False),
    Column("process", String),
    Column("type", String(16), nullable=False),
    Column("month", Date),
    *_sourcing_counts(),
    Index("ix_actor_source_counts_actor_month", "actor_id", "month"),
)


process_summaries = Table(
    "process_summaries",
    metadata,
    _row(),
    Column("process", String, doc="The process; None: the part of no process."),
    _payload(
        "The summary's reads of the process (``record.summary.SummaryPart``).", read_whole=True
    ),
)


# ---------------------------------------------------------------- watch state
# What ``truceline watch`` knows of each source it polls, so that a restart resumes:
# neither layer above (a rebuild leaves these alone).

watch_sources = Table(
    "watch_sources",
    metadata,
    Column("source", String, primary_key=True, doc="The SOURCE as given: a URL or a folder."),
    Column("kind", String(16), nullable=False, doc="feed, page or folder."),
    Column("last_polled", DateTime(timezone=True)),
    Column("last_success", DateTime(timezone=True)),
    Column("next_poll", DateTime(timezone=True), doc="Not before (backoff after failures)."),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False, default=0, doc="Failed polls in a row."),
    Column("ingested", Integer, nullable=False, default=0, doc="Articles ingested in all."),
)

watch_items = Table(
    "watch_items",
    metadata,
    Column("source", String, ForeignKey("watch_sources.source"), primary_key=True),
    Column("key", Text, primary_key=True, doc="The item's URL, guid, or file name."),
    Column("digest", String(64), nullable=False, doc="sha256 of its text (or file signature)."),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)


# ---------------------------------------------------------------- corrections
# An analyst's corrections (``truceline correct``): neither layer above, so that
# re-ingest and rebuild leave them alone; every rebuild applies them.

corrections = Table(
    "corrections",
    metadata,
    _id(),
    Column("kind", String(16), nullable=False, doc="event, wrong, merge or split."),
    Column("author", String, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
    Column("undone_at", DateTime(timezone=True), doc="Set by `correct undo`; kept as history."),
    Column("article_key", Text, index=True, doc="The first target's article key, for lookups."),
    _payload("The Correction (targets, changes, story), as JSON."),
)


# ---------------------------------------------------------------- configuration
# Process and gazetteer files given once and kept with the store (truceline.configuration):
# each change is a new version, so what the record was built with can always be told.

config_versions = Table(
    "config_versions",
    metadata,
    Column("kind", String(16), primary_key=True, doc="processes or gazetteer."),
    Column("version", Integer, primary_key=True, doc="1, 2, ... per kind; the highest is current."),
    Column("files", JSON, nullable=False, doc="[{name, text}]: the files' content, not paths."),
    Column("set_at", DateTime(timezone=True), nullable=False),
    Column("author", Text),
    Column("comment", Text),
)


# ---------------------------------------------------------------- alerts
# Which change each alert rule has delivered (truceline.alerts), so a restarted
# watch delivers each change once: neither layer above (a rebuild leaves it alone).

alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("rule", String, primary_key=True, doc="The rule's name in the alerts file."),
    Column("key", Text, primary_key=True, doc="The change's key ('' marks the rule's baseline)."),
    Column("how", String(16), nullable=False, doc="delivered, or baseline (known when it began)."),
    Column("at", DateTime(timezone=True), nullable=False),
)

alert_snapshots = Table(
    "alert_snapshots",
    metadata,
    Column("name", String, primary_key=True, doc="Whose snapshot: 'record' for every rule."),
    Column("state", String(64), nullable=False, doc="The store's state digest it was taken at."),
    Column("record", Text, nullable=False, doc="The derived record alerts last compared, JSON."),
    Column("at", DateTime(timezone=True), nullable=False),
)


# ---------------------------------------------------------------- screened out
# Articles the relevance screen kept from the parser (truceline.extract.screen): what a
# stream dropped stays listable. Neither layer above; the row goes when the article is
# stored (``--no-screen`` re-ingest parses it).

screened_articles = Table(
    "screened_articles",
    metadata,
    Column("key", Text, primary_key=True, doc="The article's key: its URL, else sha256 of text."),
    Column("source_id", String, doc="The reader's article id."),
    Column("url", Text),
    Column("origin", Text, doc="Where it was read: a file, a feed."),
    Column("outlet", String),
    Column("title", Text),
    Column("published", Date),
    Column("text_sha256", String(64), nullable=False),
    Column("reason", Text, nullable=False, doc="What the screen found missing."),
    Column("screened_at", DateTime(timezone=True), nullable=False, index=True),
)


# What an incremental rebuild needs to reconcile only what new reports can reach
# (truceline.incremental): each story event's blocking key and the date hull of its
# reports (truceline.resolve.reach), and what the record was built with.

story_spans = Table(
    "story_spans",
    metadata,
    Column("id", String, primary_key=True, doc="The story event's id."),
    Column("type", String(16), nullable=False),
    Column("modality_group", String(16), nullable=False),
    Column("date_class", String(16), nullable=False),
    Column("lo", Integer, nullable=False, doc="First day ordinal its reports' dates reach."),
    Column("hi", Integer, nullable=False, doc="Last day ordinal its reports' dates reach."),
    Column("first_arrival", Integer, nullable=False, doc="Day its first report arrived."),
    Column("last_arrival", Integer, nullable=False, doc="Day its last report arrived."),
    Index("ix_story_spans_key", "type", "modality_group", "date_class", "lo"),
)

derived_basis = Table(
    "derived_basis",
    metadata,
    Column("id", Integer, primary_key=True, doc="Always 1: one record, one basis."),
    Column(
        "basis",
        Text,
        nullable=False,
        doc="JSON: the configuration versions and digest the record was built with.",
    ),
)


# ------------------------------------------------------------------ row classes


class Rows:
    """A table's columns as class attributes; the class stands for its table.

    ``class EventRow(Rows, table=events)`` gives ``EventRow.id`` for
    ``events.c.id``, and ``select``, ``insert``, ``update``, ``delete`` and
    joins take ``EventRow`` for ``events`` (through ``__clause_element__``).
    """

    __table__: ClassVar[Table]
    __tablename__: ClassVar[str]

    def __init_subclass__(cls, *, table: Table, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__table__ = table
        cls.__tablename__ = table.name
        for column in table.columns:
            setattr(cls, column.key, column)

    @classmethod
    def __clause_element__(cls) -> Table:
        return cls.__table__


class ArticleRow(Rows, table=articles):
    """One article, identified by its URL, or by the hash of its text when it has none."""


class ArticleVersionRow(Rows, table=article_versions):
    """One text of an article; a changed text is a new version that supersedes the last."""


class EventRow(Rows, table=events):
    """One extracted event of one article version."""


class EventActorRow(Rows, table=event_actors):
    """Who takes part in an event and how, for actor filters."""


class StoryEventRow(Rows, table=story_events):
    pass


class StoryEventActorRow(Rows, table=story_event_actors):
    pass


class StoryEventReportRow(Rows, table=story_event_reports):
    pass


class ContradictionRow(Rows, table=contradictions):
    pass


class ContradictionReportRow(Rows, table=contradiction_reports):
    pass


class ProcessRow(Rows, table=processes):
    pass


class ProposalRow(Rows, table=proposals):
    pass


class PositionRow(Rows, table=positions):
    pass


class AgreementRow(Rows, table=agreements):
    pass


class LedgerEntryRow(Rows, table=ledger_entries):
    pass


class LedgerTotalRow(Rows, table=ledger_totals):
    pass


class DerivedActorRow(Rows, table=derived_actors):
    """An actor a derived object involves (proposer, party, releaser ...), for actor filters."""


class DerivedStoryEventRow(Rows, table=derived_story_events):
    """A story event a derived object rests on, for type and outlet filters."""


class DerivedOutletRow(Rows, table=derived_outlets):
    """An outlet reporting a story event a derived object rests on, for outlet filters.

    The outlets of ``derived_story_events`` x ``story_event_reports``, kept by
    rebuild: a busy outlet's reports are a fortieth of a large store, and
    joining them to the story links on every call cost more than the page.
    """


class DerivedTypeRow(Rows, table=derived_types):
    """A type of the story events a derived object rests on, for type filters (kept by
    rebuild, as :class:`DerivedOutletRow` is for outlets)."""


class OutletSourcesRow(Rows, table=outlet_sources):
    """Per outlet, how it reports, as of the last rebuild: what ``sources`` shows unfiltered.

    Counting it live means reading every current event (seconds at a hundred
    thousand articles), so rebuild counts once. Adding an article empties
    this table (the counts no longer hold) and the store counts live again.
    """


class SourceCountsRow(Rows, table=source_counts):
    """Per outlet x process x event type x month, how its events are sourced and fare.

    What ``sources`` sums when filtered by process, type, outlet or whole
    months (a few hundred rows instead of hundreds of thousands of events).
    ``month`` is the first day of the month of the event's date, else its
    publication; ``process`` is that of the story event it is merged into.
    Every column adds up across rows except ``articles``: an article with
    events in several cells counts once in each. Kept by rebuild, emptied by
    adding an article, as :class:`OutletSourcesRow`.
    """


class ActorSourceCountsRow(Rows, table=actor_source_counts):
    """:class:`SourceCountsRow` per actor as well: what ``sources --actor`` sums.

    An event counts once under each actor it names (in any role), so rows of
    different actors do not add up; those of one actor do, as the cells do.
    Counting an actor live reads a quarter of a million events at 100,000
    articles (seconds). Kept by rebuild, emptied by adding an article.
    """


class WatchSourceRow(Rows, table=watch_sources):
    """A source ``watch`` polls: when, with which validators, and how it last went."""


class WatchItemRow(Rows, table=watch_items):
    """An item (feed entry, page text, file) ``watch`` has ingested, so it is ingested once."""


class AlertDeliveryRow(Rows, table=alert_deliveries):
    """A change an alert rule has delivered (or found known when the rule began)."""


class AlertSnapshotRow(Rows, table=alert_snapshots):
    """The record alerts last compared: the next delivery says what changed since."""


class ScreenedArticleRow(Rows, table=screened_articles):
    """An article the relevance screen kept from the parser, with the reason."""


class StorySpanRow(Rows, table=story_spans):
    """A story event's blocking key and date hull (:mod:`truceline.resolve.reach`)."""


class DerivedBasisRow(Rows, table=derived_basis):
    """What the derived record was built with (:mod:`truceline.incremental`)."""


class CorrectionRow(Rows, table=corrections):
    """One analyst's correction, keyed on reports' article keys and evidence, not row ids."""


class ProcessSummaryRow(Rows, table=process_summaries):
    """What the summary shows of one process, read once by rebuild (``store.summaries``).

    The summary of a large store read it per call in fifty queries; kept, it is
    one row per process. Replaced whole by every rebuild, full or incremental.
    """


#: Derived tables, in the order they are emptied (links before what they link).
DERIVED_TABLES = (
    ProcessSummaryRow,
    StorySpanRow,
    DerivedBasisRow,
    ActorSourceCountsRow,
    SourceCountsRow,
    OutletSourcesRow,
    DerivedOutletRow,
    DerivedTypeRow,
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


class ConfigVersionRow(Rows, table=config_versions):
    """One version of the store's process or gazetteer files (an empty list: the built-in)."""
