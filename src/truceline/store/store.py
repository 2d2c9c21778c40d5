"""The store: one object to open, write and query truceline's database.

``Store.open(url)`` opens for reading (and refuses a store whose schema is
older than this truceline's, saying what to run); ``write=True`` opens for
writing and migrates the schema first, recording what it did in
:attr:`Store.migrated` for the caller to tell the user. Every method turns
driver errors into :class:`StoreError` messages.

The class is a facade: each read opens a connection and hands it to the
module that holds the SQL (:mod:`.articles`, :mod:`.reported`,
:mod:`.derived_reads`, :mod:`.positions`, :mod:`.search`); writes go to
:mod:`.articles_write` and :mod:`.derived`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel
from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from truceline.extract.screened import ScreenedOut
from truceline.record import (
    Agreement,
    Article,
    ArticleName,
    Contradiction,
    Correction,
    ExtractionRecord,
    LedgerEntry,
    LedgerTotal,
    Negotiation,
    OutletSources,
    PositionPoint,
    Process,
    Proposal,
    Reconciliation,
    ReportedEvent,
    SourcingKind,
    StoryEvent,
    StorySpan,
)
from truceline.record.derived import DerivedRecord
from truceline.record.summary import SummaryPart
from truceline.store import (
    alerting,
    articles,
    config,
    copying,
    corrections,
    derived_reads,
    migrate,
    names,
    positions,
    reported,
    screened,
    search,
    subset,
    summaries,
    watching,
)
from truceline.store import spans as spans_module
from truceline.store.articles import AddOutcome, StoredArticle
from truceline.store.articles_write import add_records, replace_events
from truceline.store.config import ConfigFile, ConfigVersion
from truceline.store.copying import CopyReport
from truceline.store.derived import (
    DerivedState,
    analyze_derived,
    derived_state,
    replace_derived,
    update_derived,
)
from truceline.store.derived_reads import DailyReleases
from truceline.store.engine import explain, make_engine, parse_url, shown, sqlite_path
from truceline.store.errors import StoreError
from truceline.store.filters import Filters
from truceline.store.reported import ArticleEvent
from truceline.store.screened import ScreenedArticle
from truceline.store.search import SearchResults
from truceline.store.spans import Loose, SpanWrite
from truceline.store.tables import (
    MAX_ROW_ID,
    ArticleRow,
    ArticleVersionRow,
    ContradictionRow,
    EventRow,
    OutletSourcesRow,
    StoryEventRow,
)
from truceline.store.watching import WatchedSource


class StoreCounts(BaseModel):
    """How much the store holds (events: of current article versions)."""

    articles: int
    versions: int
    events: int
    story_events: int
    contradictions: int


class Store:
    """truceline's database: articles and events in, the reconciled record out."""

    def __init__(self, engine: Engine, url: URL, *, write: bool, migrated: str | None) -> None:
        self.engine = engine
        self.url = url
        self.write = write
        #: What opening did to the schema ("migrated ... from 0001 to 0002"), else None.
        self.migrated = migrated
        #: The day its record is as of (a store of the reports published by then, see
        #: :mod:`truceline.asof`); None for a store of every report.
        self.as_of: dt.date | None = None
        self._scratch: tempfile.TemporaryDirectory[str] | None = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, url: str | Path | None = None, *, write: bool = False) -> Store:
        """Open the store at ``url`` (default ``sqlite:///truceline.db``, or a file path)."""
        parsed = parse_url(url)
        path = sqlite_path(parsed)
        if path is not None and not write and not path.exists():
            raise StoreError(
                f"no truceline store at {path}: run `truceline ingest PATH --db {shown(parsed)}`"
            )
        engine = make_engine(parsed, write=write)
        try:
            migrated = _prepare(engine, parsed, write=write)
        except DBAPIError as exc:
            engine.dispose()
            raise explain(exc, parsed, connecting=True) from None
        except StoreError:
            engine.dispose()
            raise
        return cls(engine, parsed, write=write, migrated=migrated)

    @classmethod
    def scratch(cls) -> Store:
        """A new empty store in a temporary directory, removed when it is closed.

        A file rather than ``:memory:``: the dashboard reads it from several
        threads, each on its own connection, which one in-memory database cannot serve.
        """
        directory = tempfile.TemporaryDirectory(prefix="truceline-")
        store = cls.open(Path(directory.name) / "scratch.db", write=True)
        store._scratch = directory
        return store

    @property
    def shown_url(self) -> str:
        """The store's URL as it may be printed (password masked)."""
        return shown(self.url)

    def close(self) -> None:
        self.engine.dispose()
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise explain(exc, self.url) from None

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        if not self.write:
            raise StoreError(f"store {self.shown_url} was opened read-only")
        try:
            with self.engine.begin() as conn:
                yield conn
        except DBAPIError as exc:
            raise explain(exc, self.url) from None

    # ------------------------------------------------------------------ writing

    def add(self, record: ExtractionRecord, text: str | None = None) -> AddOutcome:
        """Store one article's record in one transaction; nothing of it on failure.

        ``text`` defaults to the record's own article text (extract with
        ``include_text``); without either there is nothing to key or keep.
        """
        body = text if text is not None else record.article.text
        if body is None:
            raise ValueError(
                f"article {record.article.id}: no text; extract with include_text or pass text"
            )
        for attempt in (1, 2):
            try:
                with self._writing() as conn:
                    return add_records(conn, [(record, body)])[0]
            except StoreError as exc:
                # Another writer added the same article between our read and insert
                # (PostgreSQL, where writers do not queue): once more sees it.
                if attempt == 2 or not isinstance(exc.__context__, IntegrityError):
                    raise
        raise AssertionError("unreachable")

    def add_many(
        self, items: Iterable[ExtractionRecord | ScreenedOut], *, batch: int = 500
    ) -> Iterator[AddOutcome]:
        """Store many records, and list screened-out articles, ``batch`` items per
        transaction; yields each one's outcome (:attr:`AddOutcome.SCREENED` for the latter).

        A batch is stored by the code that stores one record
        (:func:`.articles_write.add_records`) and lists one screened-out article
        (:func:`.screened.add_screened`), each run of the one kind at once, in
        the items' order: keys, versions, ids and history come out exactly as
        ``add`` and ``add_screened`` one by one would leave them, in a few
        statements per batch instead of several per article, which is what
        makes loading a large archive fast. A batch is written whole or not
        at all: an error rolls back the items of its batch (earlier batches
        stay) and is raised, so running the load again adds what is missing
        and nothing twice. Every record must carry its article text.
        """
        chunk: list[ExtractionRecord | ScreenedOut] = []
        for item in items:
            if isinstance(item, ExtractionRecord) and item.article.text is None:
                raise ValueError(f"article {item.article.id}: no text; extract with include_text")
            chunk.append(item)
            if len(chunk) >= batch:
                yield from self._add_batch(chunk)
                chunk = []
        if chunk:
            yield from self._add_batch(chunk)

    def _add_batch(self, chunk: list[ExtractionRecord | ScreenedOut]) -> list[AddOutcome]:
        for attempt in (1, 2):
            try:
                with self._writing() as conn:
                    return _add_in_runs(conn, chunk)
            except StoreError as exc:
                # As in add: a concurrent writer's insert of one of these articles.
                if attempt == 2 or not isinstance(exc.__context__, IntegrityError):
                    raise
        raise AssertionError("unreachable")

    def copy_published(self, source: Store, day: dt.date) -> int:
        """Copy into this empty store the reports of ``source`` published on or before
        ``day``, with their row ids (:func:`.subset.copy_published`); returns the articles."""
        with source._reading() as read, self._writing() as write:
            return subset.copy_published(read, write, day)

    def copy_into(self, target: Store, log: Callable[[str], object] = print) -> CopyReport:
        """Copy this whole store, ids kept, into ``target``, an empty PostgreSQL store at
        the same schema, as a bulk load (:func:`.copying.copy_store`)."""
        if not target.write:
            raise StoreError(f"store {target.shown_url} was opened read-only")
        try:
            return copying.copy_store(self.engine, target.engine, log)
        except DBAPIError as exc:
            raise explain(exc, target.url) from None

    def reported_state(self) -> str:
        """A digest that moves whenever what an as-of record reads moves (:mod:`.subset`)."""
        with self._reading() as conn:
            return subset.reported_state(conn)

    def replace_derived(
        self,
        reconciliation: Reconciliation,
        negotiation: Negotiation,
        spans: SpanWrite | None = None,
    ) -> None:
        """Replace every derived table in one transaction (with the story ``spans`` and
        basis an incremental rebuild reads, :mod:`.spans`; none given, none kept)."""
        with self._writing() as conn:
            replace_derived(conn, reconciliation, negotiation)
            if spans is not None:
                spans_module.keep_spans(conn, spans)
        with self._reading() as conn:
            analyze_derived(conn.execution_options(isolation_level="AUTOCOMMIT"))

    def keep_summaries(self) -> None:
        """Read the summary's parts again from the derived tables and keep them
        (:mod:`.summaries`): what every rebuild does at its end, for a store migrated
        from before the parts were kept, which otherwise reads them live until then."""
        with self._writing() as conn:
            summaries.fill_summaries(conn)

    # ------------------------------------------------------------------ corrections

    def add_correction(self, correction: Correction) -> Correction:
        """Store an analyst's correction; returned with the id the store gave it."""
        with self._writing() as conn:
            return corrections.add_correction(conn, correction)

    def corrections(self, *, undone: bool = False) -> list[Correction]:
        """Corrections in force, in the order made (``undone``: with those undone)."""
        with self._reading() as conn:
            return corrections.corrections(conn, undone=undone)

    def correction(self, correction_id: int) -> Correction | None:
        if not 0 <= correction_id <= MAX_ROW_ID:
            return None
        with self._reading() as conn:
            return corrections.correction(conn, correction_id)

    def undo_correction(self, correction_id: int, when: dt.datetime) -> bool:
        """Mark a correction undone (kept as history); False if none such is in force."""
        if not 0 <= correction_id <= MAX_ROW_ID:
            return False
        with self._writing() as conn:
            return corrections.undo_correction(conn, correction_id, when)

    def article_keys(self, article_ids: list[int] | None = None) -> dict[int, str]:
        """Article row id -> stable key (URL, else text hash): what corrections are keyed on."""
        with self._reading() as conn:
            return corrections.article_keys(conn, article_ids)

    # ------------------------------------------------------------------ incremental rebuild

    def derived_state(self, around: set[str] | None = None) -> DerivedState:
        """The stored story events (ids, processes, reports), processes and contradictions:
        what an incremental rebuild compares the new record with; the reports and
        contradictions of the story events ``around`` only, when given
        (:func:`truceline.store.derived.derived_state`)."""
        with self._reading() as conn:
            return derived_state(conn, around)

    def update_derived(
        self,
        reconciliation: Reconciliation,
        negotiation: Negotiation,
        *,
        stale: Iterable[str],
        fresh: Sequence[StoryEvent],
        processes: set[str],
        around: set[str] | None = None,
        spans: SpanWrite | None = None,
    ) -> None:
        """Replace the stale story events by the fresh ones, the rows of ``processes`` and the
        contradictions about the story events ``around`` (None: all), in one transaction
        (:func:`truceline.store.derived.update_derived`), with ``spans``."""
        with self._writing() as conn:
            update_derived(
                conn,
                reconciliation,
                negotiation,
                stale=stale,
                fresh=fresh,
                processes=processes,
                around=around,
            )
            if spans is not None:
                spans_module.keep_spans(conn, spans)
            else:  # the spans no longer describe the record: the next rebuild keeps them anew
                spans_module.forget_basis(conn)

    def derived_basis(self) -> str | None:
        """What the stored record was built with (:func:`.spans.derived_basis`)."""
        with self._reading() as conn:
            return spans_module.derived_basis(conn)

    def story_spans(self) -> list[StorySpan]:
        """Every stored story event's blocking key and date hull."""
        with self._reading() as conn:
            return spans_module.story_spans(conn)

    def loose_reports(self) -> Loose:
        """Current events in no story, stories holding a superseded event (:mod:`.spans`)."""
        with self._reading() as conn:
            return spans_module.loose_reports(conn)

    def reports_by_id(self, ids: Iterable[int]) -> list[ReportedEvent]:
        """The current reported events of these ids, in id order."""
        with self._reading() as conn:
            return spans_module.reports_by_id(conn, ids)

    def story_reports(self, story_ids: Iterable[str]) -> dict[str, set[int]]:
        """Story id -> the event ids it holds, for these stored story events."""
        with self._reading() as conn:
            return spans_module.story_reports(conn, story_ids)

    def article_names(self, article_ids: Iterable[int]) -> list[ArticleName]:
        """Who the current events of these articles name, and whether as mediators."""
        with self._reading() as conn:
            return spans_module.article_names(conn, article_ids)

    def kept_story_events(self, leave_out: set[str]) -> list[StoryEvent]:
        """The stored story events but ``leave_out``, as reconciliation gave them."""
        with self._reading() as conn:
            return spans_module.kept_story_events(conn, leave_out)

    def stored_contradictions(self) -> list[Contradiction]:
        """The stored contradictions as reconciliation gave them."""
        with self._reading() as conn:
            return spans_module.stored_contradictions(conn)

    # ------------------------------------------------------------------ watch state

    def watched_sources(self) -> list[WatchedSource]:
        """Every source ``watch`` has polled, with its last poll and error."""
        with self._reading() as conn:
            return watching.watched_sources(conn)

    def watched_source(self, source: str) -> WatchedSource | None:
        with self._reading() as conn:
            return watching.watched_source(conn, source)

    def save_watched_source(self, state: WatchedSource) -> None:
        with self._writing() as conn:
            watching.save_source(conn, state)

    def seen_items(self, source: str, keys: Iterable[str]) -> dict[str, str]:
        """Of ``keys``, the items ``source`` has taken, with their digests."""
        with self._reading() as conn:
            return watching.seen_digests(conn, source, keys)

    def mark_seen(self, source: str, key: str, digest: str) -> None:
        with self._writing() as conn:
            watching.mark_seen(conn, source, key, digest)

    # ------------------------------------------------------------------ screened out

    def add_screened(self, item: ScreenedOut) -> bool:
        """Keep ``item`` as screened out (:func:`.screened.add_screened`); False if known."""
        with self._writing() as conn:
            return screened.add_screened(conn, [item], dt.datetime.now(dt.UTC))[0]

    def screened(
        self, since: dt.datetime | None = None, *, limit: int | None = None
    ) -> list[ScreenedArticle]:
        """The articles the screen kept from the parser, newest first (since ``since``)."""
        with self._reading() as conn:
            return screened.screened_articles(conn, since, limit=limit)

    def count_screened(self) -> int:
        with self._reading() as conn:
            return screened.count_screened(conn)

    # ------------------------------------------------------------------ alerts

    def delivered_alerts(self, rule: str, keys: Iterable[str]) -> set[str]:
        """Of the change ``keys``, those alert ``rule`` has delivered (or took as known)."""
        with self._reading() as conn:
            return alerting.delivered_keys(conn, rule, keys)

    def record_alerts(self, rule: str, keys: Iterable[str], how: str = "delivered") -> None:
        """Record the change ``keys`` as delivered by ``rule`` (``how``: or baseline)."""
        with self._writing() as conn:
            alerting.record_delivered(conn, rule, keys, how)

    def story_firsts(self) -> dict[str, tuple[str, str, str]]:
        """Story event id -> (type, article key, evidence) of its first report."""
        with self._reading() as conn:
            return alerting.story_firsts(conn)

    def alert_state(self) -> str:
        """A digest that moves when the derived record may have (:func:`.alerting.alert_state`)."""
        with self._reading() as conn:
            return alerting.alert_state(conn)

    def alert_snapshot_state(self) -> str | None:
        """The state the record alerts last compared was taken at; None: never taken."""
        with self._reading() as conn:
            return alerting.snapshot_state(conn, "record")

    def alert_snapshot(self) -> tuple[str, DerivedRecord] | None:
        """The record alerts last compared, with its state; None: never taken."""
        with self._reading() as conn:
            found = alerting.snapshot(conn, "record")
        return None if found is None else (found[0], DerivedRecord.model_validate_json(found[1]))

    def keep_alert_snapshot(self, state: str, record: DerivedRecord) -> None:
        """Keep ``record`` (taken at ``state``) as the one the next delivery compares with."""
        with self._writing() as conn:
            alerting.keep_snapshot(conn, "record", state, record.model_dump_json())

    # ------------------------------------------------------------------ configuration

    def config_history(self, kind: str | None = None) -> list[ConfigVersion]:
        """Every version of the store's configuration (of ``kind``), oldest first per kind."""
        with self._reading() as conn:
            return config.config_history(conn, kind)

    def current_config(self, kind: str) -> ConfigVersion | None:
        """The configuration of ``kind`` in use, or None when none was ever set."""
        with self._reading() as conn:
            return config.current_config(conn, kind)

    def add_config_version(
        self,
        kind: str,
        files: list[ConfigFile],
        *,
        author: str | None = None,
        comment: str | None = None,
    ) -> ConfigVersion:
        """Keep ``files`` as the next version of ``kind`` (see :mod:`truceline.store.config`)."""
        with self._writing() as conn:
            return config.add_config_version(conn, kind, files, author=author, comment=comment)

    # ------------------------------------------------------------------ reading

    def reported_events(self) -> list[ReportedEvent]:
        """Every event of the current article versions, in id order (what a rebuild reads)."""
        with self._reading() as conn:
            return reported.all_reported_events(conn)

    def reported_event(self, event_id: int) -> tuple[ReportedEvent, StoredArticle] | None:
        """One stored event (current or history) and the article version it came from."""
        if not 0 <= event_id <= MAX_ROW_ID:
            return None
        with self._reading() as conn:
            return reported.reported_event(conn, event_id)

    def reported_events_page(
        self, filters: Filters | None = None, *, limit: int, offset: int = 0
    ) -> tuple[int, list[ReportedEvent]]:
        """A page of current reported events in id order, and how many match in all."""
        with self._reading() as conn:
            return reported.reported_events_page(conn, filters, limit=limit, offset=offset)

    def article_events(self, article_id: int) -> list[ArticleEvent]:
        """The current events of one article, in text order, with their story event ids."""
        with self._reading() as conn:
            return reported.article_events(conn, article_id)

    def articles(
        self, filters: Filters | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[StoredArticle]:
        """Articles at their current version (no text), newest publication first."""
        with self._reading() as conn:
            return articles.articles(conn, filters, limit=limit, offset=offset)

    def count_articles(self, filters: Filters | None = None) -> int:
        with self._reading() as conn:
            return articles.count_articles(conn, filters)

    def stored_article(self, article_id: int) -> Article | None:
        """The current version of an article as read (metadata and text), to extract again."""
        if not 0 <= article_id <= MAX_ROW_ID:
            return None
        with self._reading() as conn:
            return articles.stored_article(conn, article_id)

    def replace_events(self, article_id: int, record: ExtractionRecord) -> int | None:
        """Re-extraction: ``record``'s events become the article's current events, in one
        transaction (the old ones kept as history); how many it had, None: no such article."""
        with self._writing() as conn:
            return replace_events(conn, article_id, record)

    def article(self, article_id: int, *, with_text: bool = True) -> StoredArticle | None:
        """One article at its current version."""
        if not 0 <= article_id <= MAX_ROW_ID:
            return None
        with self._reading() as conn:
            return articles.read_article(conn, article_id=article_id, with_text=with_text)

    def search(self, q: str, *, limit: int = 50) -> SearchResults:
        """Articles and story events holding every word of ``q`` (:func:`.search.search`)."""
        with self._reading() as conn:
            return search.search(conn, q, limit=limit)

    def counts(self) -> StoreCounts:
        """How many articles, versions, current events, story events and contradictions.

        One statement (scalar subqueries): on PostgreSQL each statement is a round trip.
        """
        with self._reading() as conn:
            articles, versions, events, story_events, contradictions = conn.execute(
                select(
                    _counted(ArticleRow),
                    _counted(ArticleVersionRow),
                    _kept_events(),
                    _counted(StoryEventRow),
                    _counted(ContradictionRow),
                )
            ).one()
            return StoreCounts(
                articles=articles,
                versions=versions,
                events=events or _current_events(conn),
                story_events=story_events,
                contradictions=contradictions,
            )

    def reported_counts(self) -> tuple[int, int]:
        """How many articles and current events: what a summary from kept parts still
        counts (its story events and contradictions are kept with the parts)."""
        with self._reading() as conn:
            articles, events = conn.execute(select(_counted(ArticleRow), _kept_events())).one()
            return articles, events or _current_events(conn)

    def sources(self, filters: Filters | None = None) -> list[OutletSources]:
        """How each outlet reports, busiest first (see :meth:`source_counts`)."""
        return self.source_counts(filters)[0]

    def source_counts(
        self, filters: Filters | None = None
    ) -> tuple[list[OutletSources], list[SourcingKind]]:
        """How each outlet reports, and how claims of each kind of source fare
        (:func:`.derived_reads.source_counts`)."""
        with self._reading() as conn:
            return derived_reads.source_counts(conn, filters)

    # ------------------------------------------------------------------ derived layer

    def story_events(
        self, filters: Filters | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[StoryEvent]:
        """Story events by date (undated last), then id."""
        with self._reading() as conn:
            return derived_reads.story_events(conn, filters, limit=limit, offset=offset)

    def count_story_events(self, filters: Filters | None = None) -> int:
        """How many story events ``story_events(filters)`` returns, counted in SQL."""
        with self._reading() as conn:
            return derived_reads.count_story_events(conn, filters)

    def story_counts(self, filters: Filters | None = None) -> dict[str | None, tuple[int, int]]:
        """Per process (None: unassigned): its story events and the reports behind them.

        What a summary shows of story events, counted in SQL rather than by
        loading every one of them.
        """
        with self._reading() as conn:
            return derived_reads.story_counts(conn, filters)

    def story_event(self, story_id: str) -> StoryEvent | None:
        with self._reading() as conn:
            return derived_reads.story_event(conn, story_id)

    def latest_story_events(self, filters: Filters | None, *, limit: int) -> list[StoryEvent]:
        """The newest dated story events matching ``filters``, newest first."""
        with self._reading() as conn:
            return derived_reads.latest_story_events(conn, filters, limit=limit)

    def contradictions(
        self,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        about: str | None = None,
        newest_first: bool = False,
        unassigned: bool = False,
    ) -> list[Contradiction]:
        """Contradictions by date (undated last); ``about``: only those about that story event.

        ``newest_first``: the dated newest first; ``unassigned``: only those
        outside any process.
        """
        with self._reading() as conn:
            return derived_reads.contradictions(
                conn,
                filters,
                limit=limit,
                offset=offset,
                about=about,
                newest_first=newest_first,
                unassigned=unassigned,
            )

    def count_contradictions(self, filters: Filters | None = None) -> int:
        with self._reading() as conn:
            return derived_reads.count_contradictions(conn, filters)

    def summary_parts(self, process: str | None = None) -> list[SummaryPart] | None:
        """What the summary shows of each process (of ``process`` alone when given) and of
        none, as the last rebuild read it; None when nothing is kept (read live)."""
        with self._reading() as conn:
            return summaries.summary_parts(conn, process)

    def count_by_process(self, kind: str, filters: Filters | None = None) -> dict[str | None, int]:
        """How many ``kind`` rows (proposal, agreement, ledger, contradiction) each process has.

        Counted in SQL, so that a summary need not read them all.
        """
        with self._reading() as conn:
            return derived_reads.count_by_process(conn, kind, filters)

    def checked(self, filters: Filters) -> Filters:
        """``filters`` with actor and process as ids the store knows (any case), else a
        :class:`FilterError` naming the nearest (see :mod:`truceline.store.names`)."""
        if filters.actor is None and filters.process is None:
            return filters
        with self._reading() as conn:
            return names.checked(conn, filters)

    def processes(self, filters: Filters | None = None) -> list[Process]:
        """Configured processes (only ``filters.process`` and ``actor`` narrow them)."""
        with self._reading() as conn:
            return derived_reads.processes(conn, filters)

    def proposals(
        self,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
        standing: bool = False,
        about: str | None = None,
    ) -> list[Proposal]:
        """Proposals by date (undated last), then id; ``newest_first``: the dated newest first.

        ``standing``: only those not superseded (what is on the table); ``about``:
        only those that story event tables or answers.
        """
        with self._reading() as conn:
            return derived_reads.proposals(
                conn,
                filters,
                limit=limit,
                offset=offset,
                newest_first=newest_first,
                standing=standing,
                about=about,
            )

    def count_proposals(self, filters: Filters | None = None) -> int:
        with self._reading() as conn:
            return derived_reads.count_proposals(conn, filters)

    def positions(
        self,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        tracks: int | None = None,
    ) -> list[PositionPoint]:
        """Position points by process, party, issue, then date (undated last).

        ``tracks``: only the points of the first that many (process, party,
        issue) tracks.
        """
        with self._reading() as conn:
            return positions.positions(conn, filters, limit=limit, offset=offset, tracks=tracks)

    def position_history(
        self,
        filters: Filters | None = None,
        *,
        tracks: int | None = None,
        offset: int = 0,
        depth: int | None = None,
    ) -> tuple[list[PositionPoint], dict[tuple[str, str, str], int]]:
        """Each track's latest ``depth`` points (all if None), and how many points each has;
        ``tracks``/``offset``: a page of tracks in key order (see :mod:`.positions`)."""
        with self._reading() as conn:
            return positions.position_history(
                conn, filters, tracks=tracks, offset=offset, depth=depth
            )

    def count_position_tracks(self, filters: Filters | None = None) -> int:
        """How many (process, party, issue) tracks the position points make."""
        with self._reading() as conn:
            return positions.count_position_tracks(conn, filters)

    def agreements(
        self,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
        about: str | None = None,
    ) -> list[Agreement]:
        """Agreements by date (undated last), then id; ``newest_first``: the dated newest first.

        ``about``: only those that story event concludes, amends or runs the clock of.
        """
        with self._reading() as conn:
            return derived_reads.agreements(
                conn, filters, limit=limit, offset=offset, newest_first=newest_first, about=about
            )

    def count_agreements(self, filters: Filters | None = None) -> int:
        with self._reading() as conn:
            return derived_reads.count_agreements(conn, filters)

    def ledger(
        self, filters: Filters | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[LedgerEntry]:
        """Releases by date (undated last), then kind and story event (rows are written so)."""
        with self._reading() as conn:
            return derived_reads.ledger(conn, filters, limit=limit, offset=offset)

    def count_ledger_entries(self, filters: Filters | None = None) -> int:
        with self._reading() as conn:
            return derived_reads.count_ledger_entries(conn, filters)

    def count_disputed_releases(self, filters: Filters | None = None) -> int:
        """Ledger entries some outlets give other counts for, counted in SQL."""
        with self._reading() as conn:
            return derived_reads.count_disputed_releases(conn, filters)

    def ledger_totals(self, filters: Filters | None = None) -> list[LedgerTotal]:
        with self._reading() as conn:
            return derived_reads.ledger_totals(conn, filters)

    def released_sums(
        self, filters: Filters | None = None
    ) -> dict[tuple[str, int | None, str, str], tuple[int, dt.date | None]]:
        """Per (process, round, releaser, kind): how many the releases ``filters`` keep
        freed, and their latest date (:func:`.derived_reads.released_sums`)."""
        with self._reading() as conn:
            return derived_reads.released_sums(conn, filters)

    def daily_releases(self, filters: Filters | None = None) -> list[DailyReleases]:
        """The dated ledger summed per day, process, first releaser and kind."""
        with self._reading() as conn:
            return derived_reads.daily_releases(conn, filters)


def _add_in_runs(conn: Connection, items: list[ExtractionRecord | ScreenedOut]) -> list[AddOutcome]:
    """Each run of records, and of screened-out articles, stored at once, in order."""
    outcomes: list[AddOutcome] = []
    now = dt.datetime.now(dt.UTC)
    for is_record, run in groupby(items, key=lambda item: isinstance(item, ExtractionRecord)):
        if is_record:
            records = [item for item in run if isinstance(item, ExtractionRecord)]
            outcomes += add_records(conn, [(r, r.article.text or "") for r in records])
        else:
            screened_out = [item for item in run if isinstance(item, ScreenedOut)]
            screened.add_screened(conn, screened_out, now)
            outcomes += [AddOutcome.SCREENED] * len(screened_out)
    return outcomes


def _prepare(engine: Engine, url: URL, *, write: bool) -> str | None:
    """Check (read) or bring (write) the schema to this truceline's; say what was done."""
    head = migrate.head_revision()
    with engine.connect() as conn:
        current = migrate.current_revision(conn)
    if current is not None and current not in migrate.known_revisions():
        raise StoreError(
            f"store {shown(url)} has schema {current}, newer than this truceline knows "
            f"(up to {head}): upgrade truceline"
        )
    if current == head:
        return None
    if not write:
        if current is None:
            raise StoreError(
                f"no truceline store in {shown(url)}: run `truceline ingest PATH --db {shown(url)}`"
            )
        raise StoreError(
            f"store {shown(url)} has schema {current}, older than this truceline's {head}: "
            f"run `truceline migrate --db {shown(url)}`"
        )
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two writers opening an old store at once migrate it once.
            conn.execute(text("SELECT pg_advisory_xact_lock(7261434)"))
        current = migrate.current_revision(conn)
        if current == head:
            return None
        migrate.upgrade(conn)
    if current is None:
        return None
    return f"migrated store {shown(url)} from schema {current} to {head}"


__all__ = ["AddOutcome", "Filters", "Store", "StoreCounts", "StoreError", "StoredArticle"]


def _counted(row: Any) -> Any:
    return select(func.count()).select_from(row).scalar_subquery()


def _kept_events() -> Any:
    """Current events as the per-outlet counts of the last rebuild add them up (one row
    per outlet); 0 once an add emptied them (then :func:`_current_events` counts)."""
    return select(func.coalesce(func.sum(OutletSourcesRow.events), 0)).scalar_subquery()


def _current_events(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).where(EventRow.current.is_(True))).scalar_one())
