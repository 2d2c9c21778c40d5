"""The store: one object to open, write and query truceline's database.

``Store.open(url)`` opens for reading (and refuses a store whose schema is
older than this truceline's, saying what to run); ``write=True`` opens for
writing and migrates the schema first, recording what it did in
:attr:`Store.migrated` for the caller to tell the user. Every method turns
driver errors into :class:`StoreError` messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self, TypeVar

from pydantic import BaseModel
from sqlalchemy import (
    Connection,
    Engine,
    Text,
    and_,
    cast,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from truceline.bulk import paused_gc
from truceline.model import Event, ExtractionRecord
from truceline.store import migrate, queries
from truceline.store.articles import AddOutcome, add_record
from truceline.store.derived import replace_derived
from truceline.store.engine import explain, make_engine, parse_url, shown, sqlite_path
from truceline.store.errors import StoreError
from truceline.store.filters import Filters
from truceline.store.schema import (
    AgreementRow,
    ArticleRow,
    ArticleVersionRow,
    ContradictionRow,
    EventRow,
    LedgerEntryRow,
    LedgerTotalRow,
    OutletSourcesRow,
    PositionRow,
    ProcessRow,
    ProposalRow,
    SourceCountsRow,
    StoryEventRow,
)
from truceline.story import (
    Agreement,
    Contradiction,
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
)

M = TypeVar("M", bound=BaseModel)
BATCH = 5000

OUTLET_COUNTS = [name for name in queries.SOURCE_COUNTS if name in OutletSources.model_fields]
"""The kept counts an :class:`OutletSources` shows (the rest are per kind of source)."""


class StoredArticle(BaseModel):
    """An article as stored: its metadata, version, and (when asked for) its text."""

    id: int
    key: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    version: int
    versions: int
    superseded: bool = False
    ingested_at: dt.datetime
    text: str | None = None


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

    @property
    def shown_url(self) -> str:
        """The store's URL as it may be printed (password masked)."""
        return shown(self.url)

    def close(self) -> None:
        self.engine.dispose()

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
                    return add_record(conn, record, body)
            except StoreError as exc:
                # Another writer added the same article between our read and insert
                # (PostgreSQL, where writers do not queue): once more sees it.
                if attempt == 2 or not isinstance(exc.__context__, IntegrityError):
                    raise
        raise AssertionError("unreachable")

    def add_many(
        self, records: Iterable[ExtractionRecord], *, batch: int = 500
    ) -> Iterator[AddOutcome]:
        """Store many records, ``batch`` articles per transaction; yields each one's outcome.

        The same code as :meth:`add` runs for every article, so keys, versions
        and history come out exactly as ``add`` one by one would leave them;
        only commits are shared, which is what makes loading a large archive
        fast. A batch is written whole or not at all: an error rolls back the
        articles of its batch (earlier batches stay) and is raised, so running
        the load again adds what is missing and nothing twice. Every record
        must carry its article text.
        """
        chunk: list[tuple[ExtractionRecord, str]] = []
        for record in records:
            if record.article.text is None:
                raise ValueError(f"article {record.article.id}: no text; extract with include_text")
            chunk.append((record, record.article.text))
            if len(chunk) >= batch:
                yield from self._add_batch(chunk)
                chunk = []
        if chunk:
            yield from self._add_batch(chunk)

    def _add_batch(self, chunk: list[tuple[ExtractionRecord, str]]) -> list[AddOutcome]:
        for attempt in (1, 2):
            try:
                with self._writing() as conn:
                    return [add_record(conn, record, body) for record, body in chunk]
            except StoreError as exc:
                # As in add: a concurrent writer's insert of one of these articles.
                if attempt == 2 or not isinstance(exc.__context__, IntegrityError):
                    raise
        raise AssertionError("unreachable")

    def replace_derived(self, reconciliation: Reconciliation, negotiation: Negotiation) -> None:
        """Replace every derived table in one transaction."""
        with self._writing() as conn:
            replace_derived(conn, reconciliation, negotiation)

    # ------------------------------------------------------------------ reported layer

    def reported_events(self) -> list[ReportedEvent]:
        """Every event of the current article versions, in id order, streamed in batches.

        Each payload is validated (it is JSON the store wrote, but a store
        may be older than this truceline's model); the collector is paused
        meanwhile (see :mod:`truceline.bulk`).
        """
        query = (
            select(
                EventRow.id,
                EventRow.article_id,
                EventRow.outlet,
                EventRow.published,
                cast(EventRow.payload, Text),
            )
            .where(EventRow.current.is_(True))
            .order_by(EventRow.id)
        )
        out: list[ReportedEvent] = []
        build, parse = ReportedEvent.model_construct, Event.model_validate_json
        with paused_gc(), self._reading() as conn:
            result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
            for rows in result.partitions():
                out.extend(
                    build(id=i, article_id=a, outlet=o, published=p, event=parse(payload))
                    for i, a, o, p, payload in rows
                )
        return out

    def reported_event(self, event_id: int) -> tuple[ReportedEvent, StoredArticle] | None:
        """One stored event (current or history) and the article version it came from."""
        query = select(
            EventRow.id,
            EventRow.article_id,
            EventRow.outlet,
            EventRow.published,
            EventRow.payload,
            EventRow.version_id,
        ).where(EventRow.id == event_id)
        with self._reading() as conn:
            row = conn.execute(query).first()
            if row is None:
                return None
            article = _article(conn, version_id=row.version_id, with_text=True)
        event = ReportedEvent(
            id=row.id,
            article_id=row.article_id,
            outlet=row.outlet,
            published=row.published,
            event=Event.model_validate(row.payload),
        )
        assert article is not None
        return event, article

    def articles(
        self,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        with_text: bool = False,
    ) -> list[StoredArticle]:
        """Articles at their current version, newest publication first."""
        ids = (
            select(ArticleRow.id)
            .where(*queries.article_conditions(filters))
            .order_by(ArticleRow.published.is_(None), ArticleRow.published.desc(), ArticleRow.id)
            .limit(limit)
            .offset(offset)
        )
        with self._reading() as conn:
            out = []
            for (article_id,) in conn.execute(ids):
                article = _article(conn, article_id=article_id, with_text=with_text)
                if article is not None:
                    out.append(article)
            return out

    def article(self, article_id: int, *, with_text: bool = True) -> StoredArticle | None:
        """One article at its current version."""
        with self._reading() as conn:
            return _article(conn, article_id=article_id, with_text=with_text)

    def counts(self) -> StoreCounts:
        with self._reading() as conn:

            def count(query: Any) -> int:
                return int(conn.execute(query).scalar_one())

            return StoreCounts(
                articles=count(select(func.count()).select_from(ArticleRow)),
                versions=count(select(func.count()).select_from(ArticleVersionRow)),
                # Current events: the per-outlet counts of the last rebuild add up to them
                # (one row per outlet); counted (a scan of the index) once they are emptied.
                events=count(select(func.coalesce(func.sum(OutletSourcesRow.events), 0)))
                or count(select(func.count()).where(EventRow.current.is_(True))),
                story_events=count(select(func.count()).select_from(StoryEventRow)),
                contradictions=count(select(func.count()).select_from(ContradictionRow)),
            )

    def sources(self, filters: Filters | None = None) -> list[OutletSources]:
        """How each outlet reports, busiest first (see :meth:`source_counts`)."""
        return self.source_counts(filters)[0]

    def source_counts(
        self, filters: Filters | None = None
    ) -> tuple[list[OutletSources], list[SourcingKind]]:
        """How each outlet reports, and how claims of each kind of source fare.

        What the last rebuild kept is read unless an article was added since
        (which empties it): unfiltered, the per-outlet counts; filtered by
        process, type, outlet and dates on month edges, the sum of the
        per-outlet x process x type x month cells (``articles`` then counts an
        article once per cell it has events in). An actor or a date range
        inside a month cannot be read from the cells and is counted live
        over the matching events, which reads them all. The kinds of
        source are the outlets' counts summed, so both always agree.
        """
        with self._reading() as conn:
            rows: Any = []
            if not filters:
                t = OutletSourcesRow
                kept = select(*(c for c in t.__table__.columns)).order_by(t.events.desc(), t.outlet)
                rows = conn.execute(kept).mappings().all()
            elif filters.actor is None and queries.whole_months(filters):
                rows = conn.execute(_summed_cells(filters)).mappings().all()
                if not rows and conn.execute(select(SourceCountsRow.row).limit(1)).first():
                    return [], []  # kept, and nothing matches
            if not rows:
                rows = conn.execute(queries.sources_query(filters)).mappings().all()
        outlets = [
            OutletSources(
                outlet=row["outlet"],
                **{name: int(row[name]) for name in OUTLET_COUNTS},
                anonymous_share=(row["anonymous"] / row["events"]) if row["events"] else 0.0,
            )
            for row in rows
        ]
        kinds = [
            SourcingKind(
                sourcing=kind,
                events=sum(int(row[kind]) for row in rows),
                corroborated=sum(int(row[f"corroborated_{kind}"]) for row in rows),
                contradicted=sum(int(row[f"contradicted_{kind}"]) for row in rows),
            )
            for kind in queries.SOURCINGS
        ]
        return outlets, [k for k in kinds if k.events]

    # ------------------------------------------------------------------ derived layer

    def story_events(
        self, filters: Filters | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[StoryEvent]:
        """Story events by date (undated last), then id.

        Dated and undated ones are asked for apart, so that a page is read in
        index order (``date``, or ``process``/``type`` then ``date``) and its
        end stops the reading, rather than every match being sorted first.
        """
        se = StoryEventRow
        return self._dated_first(
            StoryEvent, se, queries.story_conditions(filters), (se.date, se.id), limit, offset
        )

    def count_story_events(self, filters: Filters | None = None) -> int:
        """How many story events ``story_events(filters)`` returns, counted in SQL."""
        query = select(func.count()).select_from(StoryEventRow)
        with self._reading() as conn:
            return int(conn.execute(query.where(*queries.story_conditions(filters))).scalar_one())

    def story_counts(self, filters: Filters | None = None) -> dict[str | None, tuple[int, int]]:
        """Per process (None: unassigned): its story events and the reports behind them.

        What a summary shows of story events, counted in SQL rather than by
        loading every one of them.
        """
        se = StoryEventRow
        query = (
            select(se.process, func.count(), func.coalesce(func.sum(se.reports), 0))
            .where(*queries.story_conditions(filters))
            .group_by(se.process)
        )
        with self._reading() as conn:
            return {p: (int(n), int(r)) for p, n, r in conn.execute(query)}

    def story_event(self, story_id: str) -> StoryEvent | None:
        found = self._models(
            StoryEvent, select(StoryEventRow.payload).where(StoryEventRow.id == story_id), None, 0
        )
        return found[0] if found else None

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
        t = ContradictionRow
        where = queries.derived_conditions("contradiction", t, filters)
        if about is not None:
            where.append(t.row.in_(queries.derived_about("contradiction", about)))
        if unassigned:
            where.append(t.process.is_(None))
        if newest_first:  # a page's keys sorted first, then only its payloads read
            order = (t.date.desc(), t.id.desc())
            return self._dated_first(Contradiction, t, where, order, limit, offset)
        query = select(t.payload).where(*where).order_by(t.date.is_(None), t.date, t.id)
        return self._models(Contradiction, query, limit, offset)

    def count_by_process(self, kind: str, filters: Filters | None = None) -> dict[str | None, int]:
        """How many ``kind`` rows (proposal, agreement, ledger, contradiction) each process has.

        Counted in SQL, so that a summary need not read them all.
        """
        table = _COUNTED[kind]
        query = (
            select(table.process, func.count())
            .where(*queries.derived_conditions(kind, table, filters))
            .group_by(table.process)
        )
        with self._reading() as conn:
            return {p: int(n) for p, n in conn.execute(query)}

    def processes(self, filters: Filters | None = None) -> list[Process]:
        """Configured processes (only ``filters.process`` and ``actor`` narrow them)."""
        found = self._models(Process, select(ProcessRow.payload).order_by(ProcessRow.id), None, 0)
        if filters and filters.process is not None:
            found = [p for p in found if p.id == filters.process]
        if filters and filters.actor is not None:
            actor = filters.actor
            found = [
                p
                for p in found
                if actor in p.parties
                or actor in p.mediators
                or any(actor in side for side in p.sides.values())
            ]
        return found

    def proposals(
        self,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
        standing: bool = False,
    ) -> list[Proposal]:
        """Proposals by date (undated last), then id; ``newest_first``: the dated newest first.

        ``standing``: only those not superseded (what is on the table).
        """
        t = ProposalRow
        where = queries.derived_conditions("proposal", t, filters)
        if standing:
            where.append(t.status != "superseded")
        if newest_first:
            order = (t.date.desc(), t.id.desc())
            return self._dated_first(Proposal, t, where, order, limit, offset)
        query = select(t.payload).where(*where).order_by(t.date.is_(None), t.date, t.id)
        return self._models(Proposal, query, limit, offset)

    def count_proposals(self, filters: Filters | None = None) -> int:
        t = ProposalRow
        query = select(func.count()).select_from(t)
        with self._reading() as conn:
            where = queries.derived_conditions("proposal", t, filters)
            return int(conn.execute(query.where(*where)).scalar_one())

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
        issue) tracks, found in the index, so that a page of tracks does not
        read every point.
        """
        t = PositionRow
        where = queries.derived_conditions("position", t, filters)
        if tracks is not None:
            with self._reading() as conn:
                keys = conn.execute(self._track_keys(where).limit(tracks)).all()
            if not keys:
                return []
            # One indexed lookup per track (an IN over row values would scan the table).
            where = [
                *where,
                or_(*(and_(t.process == p, t.party == q, t.issue == i) for p, q, i in keys)),
            ]
        query = (
            select(t.payload)
            .where(*where)
            .order_by(t.process, t.party, t.issue, t.date.is_(None), t.date, t.row)
        )
        return self._models(PositionPoint, query, limit, offset)

    def position_history(
        self,
        filters: Filters | None = None,
        *,
        tracks: int | None = None,
        offset: int = 0,
        depth: int | None = None,
    ) -> tuple[list[PositionPoint], dict[tuple[str, str, str], int]]:
        """Each track's latest ``depth`` points (all if None), and how many points each has.

        ``tracks``/``offset``: a page of (process, party, issue) tracks in key
        order. Narrowed at most by process and dates, the tracks and their
        sizes come from one pass over the track index, and each track's
        latest points from at most ``2 * depth`` index entries (undated ones
        first, as :func:`~truceline.reports.build.by_date` ranks them
        latest, then the newest dated). Narrowed by actor, type or outlet
        (conditions through link tables), the matching points' keys are read
        once and ranked here. Either way only the kept points' payloads are
        read, so a track with years of history costs ``depth`` of them.
        """
        t = PositionRow
        where = queries.derived_conditions("position", t, filters)
        linked = filters is not None and any(
            v is not None for v in (filters.actor, filters.type, filters.outlet)
        )
        with self._reading() as conn:
            if linked:
                keys, ranked = _ranked_in_python(conn, where, tracks, offset, depth)
            else:
                keys, ranked = _ranked_by_index(conn, filters, tracks, offset, depth)
            rows = [row for track in ranked for row in track]
            payloads: dict[int, Any] = {}
            for start in range(0, len(rows), 500):
                chunk = rows[start : start + 500]
                payloads.update(
                    conn.execute(select(t.row, t.payload).where(t.row.in_(chunk))).all()
                )
        points = [PositionPoint.model_validate(payloads[row]) for row in rows]
        return points, keys

    def count_position_tracks(self, filters: Filters | None = None) -> int:
        """How many (process, party, issue) tracks the position points make."""
        keys = self._track_keys(queries.derived_conditions("position", PositionRow, filters))
        with self._reading() as conn:
            query = select(func.count()).select_from(keys.subquery())
            return int(conn.execute(query).scalar_one())

    @staticmethod
    def _track_keys(where: list[Any]) -> Any:
        t = PositionRow
        return (
            select(t.process, t.party, t.issue)
            .where(*where)
            .group_by(t.process, t.party, t.issue)
            .order_by(t.process, t.party, t.issue)
        )

    def agreements(
        self,
        filters: Filters | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[Agreement]:
        """Agreements by date (undated last), then id; ``newest_first``: the dated newest first."""
        t = AgreementRow
        where = queries.derived_conditions("agreement", t, filters)
        if newest_first:  # a page's keys sorted first, then only its payloads read
            order = (t.date.desc(), t.id.desc())
            return self._dated_first(Agreement, t, where, order, limit, offset)
        query = select(t.payload).where(*where).order_by(t.date.is_(None), t.date, t.id)
        return self._models(Agreement, query, limit, offset)

    def ledger(
        self, filters: Filters | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[LedgerEntry]:
        """Releases by date (undated last), then kind and story event (rows are written so)."""
        t = LedgerEntryRow
        where = queries.derived_conditions("ledger", t, filters)
        return self._dated_first(LedgerEntry, t, where, (t.date, t.row), limit, offset, t.row)

    def count_disputed_releases(self, filters: Filters | None = None) -> int:
        """Ledger entries some outlets give other counts for, counted in SQL."""
        query = queries.disputed_releases(self.engine.dialect.name, filters)
        with self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def ledger_totals(self, filters: Filters | None = None) -> list[LedgerTotal]:
        t = LedgerTotalRow
        query = (
            select(t.payload)
            .where(*queries.total_conditions(filters))
            .order_by(t.process, t.releaser, t.kind)
        )
        return self._models(LedgerTotal, query, None, 0)

    def _dated_first(
        self,
        model: type[M],
        table: Any,
        where: list[Any],
        dated_order: tuple[Any, ...],
        limit: int | None,
        offset: int,
        undated_order: Any = None,
    ) -> list[M]:
        """Payloads of ``table`` in ``dated_order``, then the undated (by id), one page of them.

        Dated and undated rows are asked for apart, so that a page is read in
        the order of an index on ``date`` and its end stops the reading,
        rather than every match being sorted first.
        """
        dated = [*where, table.date.is_not(None)]
        found = self._by_rows(model, table, dated, dated_order, limit, offset)
        if limit is not None and len(found) >= limit:
            return found
        if found or not offset:
            before = offset + len(found)  # every dated match
        else:
            count = select(func.count()).select_from(table).where(*dated)
            with self._reading() as conn:
                before = int(conn.execute(count).scalar_one())
        undated = [*where, table.date.is_(None)]
        order = (table.id if undated_order is None else undated_order,)
        rest = None if limit is None else limit - len(found)
        return found + self._by_rows(model, table, undated, order, rest, max(0, offset - before))

    def _by_rows(
        self,
        model: type[M],
        table: Any,
        where: list[Any],
        order: tuple[Any, ...],
        limit: int | None,
        offset: int,
    ) -> list[M]:
        """The payloads of ``table`` matching ``where`` in ``order``, one page of them.

        A page's rows are ordered and cut first, and only then are their
        payloads read: sorting many matches then moves small keys, not whole
        payloads (which SQLite's sorter would otherwise carry along).
        """
        if limit is None:
            query = select(table.payload).where(*where).order_by(*order)
            return self._models(model, query, None, offset)
        rows = select(table.row).where(*where).order_by(*order).limit(limit).offset(offset or None)
        with self._reading() as conn:
            page = list(conn.execute(rows).scalars())
            if not page:
                return []
            found = dict(
                conn.execute(select(table.row, table.payload).where(table.row.in_(page))).all()
            )
        return [model.model_validate(found[row]) for row in page]

    def _models(self, model: type[M], query: Any, limit: int | None, offset: int) -> list[M]:
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        with self._reading() as conn:
            return [model.model_validate(p) for p in conn.execute(query).scalars()]


def _summed_cells(f: Filters) -> Any:
    t = SourceCountsRow
    where = []
    if f.process is not None:
        where.append(t.process == f.process)
    if f.type is not None:
        where.append(t.type == f.type.value)
    if f.outlet is not None:
        where.append(t.outlet == f.outlet)
    if f.since is not None:
        where.append(t.month >= f.since)
    if f.until is not None:
        where.append(t.month <= f.until)
    sums = [func.sum(getattr(t, name)).label(name) for name in queries.SOURCE_COUNTS]
    events = func.sum(t.events)
    return (
        select(t.outlet.label("outlet"), *sums)
        .where(*where)
        .group_by(t.outlet)
        .order_by(events.desc(), t.outlet)
    )


Track = tuple[str, str, str]

_TRACKS_PER_QUERY = 100
"""Tracks per statement of ``_ranked_by_index``: two selects each, under SQLite's 500."""


def _ranked_by_index(
    conn: Connection, filters: Filters | None, tracks: int | None, offset: int, depth: int | None
) -> tuple[dict[Track, int], list[list[int]]]:
    """Track sizes from the track index, and each track's latest rows, oldest first.

    The latest rows of :data:`_TRACKS_PER_QUERY` tracks are asked for in one
    statement, two index reads per track (undated, then dated newest first),
    written as text: built as expressions, 200 selects cost more to construct
    than to run.
    """
    t = PositionRow
    where = queries.derived_conditions("position", t, filters)
    keys_query = (
        select(t.process, t.party, t.issue, func.count())
        .where(*where)
        .group_by(t.process, t.party, t.issue)
        .order_by(t.process, t.party, t.issue)
        .limit(tracks)
        .offset(offset or None)
    )
    keys = {(p, q, i): int(n) for p, q, i, n in conn.execute(keys_query)}
    shared, params = "", {}
    if filters and filters.since is not None:
        shared, params["since"] = shared + " AND date >= :since", filters.since
    if filters and filters.until is not None:
        shared, params["until"] = shared + " AND date <= :until", filters.until
    limit = "" if depth is None else f" LIMIT {int(depth)}"
    found: dict[int, list[tuple[bool, str, int]]] = {}
    listed = list(keys)
    for start in range(0, len(listed), _TRACKS_PER_QUERY):
        parts, values = [], dict(params)
        for n, (p, q, i) in enumerate(listed[start : start + _TRACKS_PER_QUERY], start):
            values |= {f"p{n}": p, f"q{n}": q, f"i{n}": i}
            mine = f"process = :p{n} AND party = :q{n} AND issue = :i{n}{shared}"
            parts += [
                f"SELECT {n} AS k, row, date FROM (SELECT row, date FROM positions "
                f"WHERE {mine} AND date IS NULL ORDER BY row DESC{limit}) AS u{n}",
                f"SELECT {n} AS k, row, date FROM (SELECT row, date FROM positions "
                f"WHERE {mine} AND date IS NOT NULL ORDER BY date DESC, row DESC{limit}) AS d{n}",
            ]
        for k, row, day in conn.execute(text(" UNION ALL ".join(parts)), values):
            found.setdefault(k, []).append((day is None, str(day or ""), row))
    ranked = []
    for n in range(len(listed)):
        ordered = [row for *_, row in sorted(found.get(n, []))]
        ranked.append(ordered[-depth:] if depth is not None else ordered)
    return keys, ranked


def _ranked_in_python(
    conn: Connection, where: list[Any], tracks: int | None, offset: int, depth: int | None
) -> tuple[dict[Track, int], list[list[int]]]:
    """As :func:`_ranked_by_index`, from one read of every matching point's keys."""
    t = PositionRow
    # The date as text: ISO dates order as their strings, and parsing every one costs.
    query = select(t.row, t.process, t.party, t.issue, cast(t.date, Text)).where(*where)
    grouped: dict[Track, list[tuple[bool, str, int]]] = {}
    for row, p, q, i, day in conn.execute(query):
        grouped.setdefault((p, q, i), []).append((day is None, day or "", row))
    page = sorted(grouped)[offset:]
    if tracks is not None:
        page = page[:tracks]
    keys = {key: len(grouped[key]) for key in page}
    ranked = []
    for key in page:
        ordered = [row for *_, row in sorted(grouped[key])]
        ranked.append(ordered[-depth:] if depth is not None else ordered)
    return keys, ranked


_COUNTED: dict[str, Any] = {
    "proposal": ProposalRow,
    "agreement": AgreementRow,
    "ledger": LedgerEntryRow,
    "contradiction": ContradictionRow,
}


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


def _article(
    conn: Connection,
    *,
    article_id: int | None = None,
    version_id: int | None = None,
    with_text: bool,
) -> StoredArticle | None:
    a, v = ArticleRow, ArticleVersionRow
    columns = [
        a.id,
        a.key,
        a.url,
        v.outlet,
        v.title,
        v.published,
        v.version,
        a.current_version,
        v.superseded,
        v.ingested_at,
    ]
    if with_text:
        columns.append(v.text)
    query = select(*columns).join(v, v.article_id == a.id)
    if version_id is not None:
        query = query.where(v.id == version_id)
    else:
        query = query.where(a.id == article_id, v.version == a.current_version)
    row = conn.execute(query).first()
    if row is None:
        return None
    return StoredArticle(
        id=row.id,
        key=row.key,
        url=row.url,
        outlet=row.outlet,
        title=row.title,
        published=row.published,
        version=row.version,
        versions=row.current_version,
        superseded=row.superseded,
        ingested_at=row.ingested_at,
        text=row.text if with_text else None,
    )


__all__ = ["AddOutcome", "Filters", "Store", "StoreCounts", "StoreError", "StoredArticle"]
