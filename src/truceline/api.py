"""truceline's Python API; the command line is a thin layer over it.

>>> from truceline.api import extract
>>> for item in extract(["corpora/demo/articles"]):
...     print(item)            # ExtractionRecord, ReadProblem, ExtractionFailure or Notice

>>> from truceline.api import ingest
>>> for item in ingest(["corpora/demo/articles"], db="sqlite:///truceline.db"):
...     print(item)            # IngestOutcome, ReadProblem, ExtractionFailure or Notice
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from truceline import reports
from truceline.errors import TrucelineError
from truceline.extract.failure import ExtractionFailure
from truceline.extract.screened import ScreenedOut
from truceline.ingest.problems import Notice, ReadProblem
from truceline.record import (
    Article,
    CorrectionNote,
    ExtractionRecord,
    LedgerTotal,
    Negotiation,
    Process,
    Reconciliation,
    ReportedEvent,
    StoryEvent,
)
from truceline.record.summary import SummaryPart
from truceline.reports import build
from truceline.reports.context import evidence_in_context
from truceline.reports.views import ReportBehind
from truceline.store import (
    AddOutcome,
    Filters,
    ScreenedArticle,
    Store,
    StoreCounts,
    StoredArticle,
    paused_gc,
)

if TYPE_CHECKING:
    # Loading spaCy and the readers costs about a second, and the reconciler,
    # the negotiation and the exports a tenth more: a report reads the store
    # and needs none of them, so each is imported by the functions that use it
    # (a report command starts in half the time; tests/test_cli.py holds it).
    import pandas

    from truceline.asof import AsOfRecords
    from truceline.export import Citation, Export
    from truceline.extract.pipeline import Extractor
    from truceline.reextraction import Reextracted
    from truceline.reports.changes import Changes as ChangesView
    from truceline.store.copying import CopyReport

Outcome = ExtractionRecord | ScreenedOut | ReadProblem | ExtractionFailure | Notice
"""A record, an article screened out as about no negotiation, what went wrong (a problem,
a failure), or a warning (a notice)."""


def _articles_and_problems(
    inputs: Iterable[str],
    problems: list[ReadProblem | Notice],
    **options: Any,
) -> Iterator[Article]:
    from truceline.ingest.dispatch import read_inputs

    for item in read_inputs(inputs, **options):
        if isinstance(item, Article):
            yield item
        else:
            problems.append(item)


def extract(
    inputs: Iterable[str | Path],
    *,
    jobs: int = 1,
    published: date | None = None,
    gazetteer: Sequence[str | Path] = (),
    include_text: bool = True,
    extractor: Extractor | None = None,
    exclude: Sequence[str | Path] = (),
    max_bytes: int | None = None,
    max_chars: int | None = None,
    screen: bool = True,
) -> Iterator[Outcome]:
    """Read every input and extract it, yielding records and, in order, what went wrong.

    With ``screen`` (the default) an article about no negotiation is not parsed
    but yielded as a :class:`ScreenedOut` in its place (see
    :mod:`truceline.extract.screen`); a given ``extractor`` keeps its own setting.

    Problems reading an input are yielded as soon as the reader finds them, so
    a caller can report them while the rest of the corpus is still processed.
    ``exclude`` names files a directory walk skips (e.g. the run's own output);
    ``max_bytes`` and ``max_chars`` raise or lower the readers' limits (see
    :func:`truceline.ingest.read_inputs`).
    """
    from truceline.extract.pipeline import Extractor

    extractor = extractor or Extractor(
        [str(g) for g in gazetteer], include_text=include_text, screen=screen
    )
    problems: list[ReadProblem | Notice] = []
    limits = {"max_bytes": max_bytes, "max_chars": max_chars}
    articles = _articles_and_problems(
        (str(i) for i in inputs),
        problems,
        published=published,
        exclude=[Path(p) for p in exclude],
        **{name: value for name, value in limits.items() if value is not None},
    )
    for outcome in extractor.extract_many(articles, jobs=jobs):
        while problems:
            yield problems.pop(0)
        yield outcome
    yield from problems


def extract_text(
    text: str, *, published: date | None = None, article_id: str = "text"
) -> ExtractionRecord:
    """Extract one article given as a string (headline on the first line)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    article = Article(id=article_id, text=text, title=first, published=published)
    from truceline.extract.pipeline import Extractor

    return Extractor().extract(article)


def new_extractor(store: Store | None = None) -> Extractor:
    """A loaded extractor (spaCy and the lexicons, about a second), for callers that keep one;
    with ``store``, it reads with the store's gazetteer (:mod:`truceline.configuration`)."""
    from truceline.extract.pipeline import Extractor

    if store is None:
        return Extractor()
    from truceline.configuration import store_gazetteer_paths

    return Extractor(store_gazetteer_paths(store))


@dataclass(frozen=True)
class IngestOutcome:
    """What ingesting one article did: added, unchanged (seen before) or updated."""

    article_id: str
    url: str | None
    outcome: AddOutcome
    events: int


IngestItem = IngestOutcome | ScreenedOut | ReadProblem | ExtractionFailure | Notice


def ingest(
    inputs: Iterable[str | Path],
    *,
    db: str | Path | Store | None = None,
    jobs: int = 1,
    published: date | None = None,
    gazetteer: Sequence[str | Path] = (),
    processes: Sequence[str | Path] = (),
    rebuild: bool = True,
    full: bool = False,
    extractor: Extractor | None = None,
    max_bytes: int | None = None,
    max_chars: int | None = None,
    screen: bool = True,
) -> Iterator[IngestItem]:
    """Extract every input and store each article as it comes, one transaction each.

    The store is opened (and migrated) and the process files are read before
    anything is extracted, so a bad ``db`` (:class:`~truceline.store.StoreError`)
    or process file (an error naming file and line) fails at once, not
    after an hour of extraction. ``processes`` and ``gazetteer`` files are the
    store's configuration (:mod:`truceline.configuration`): none given, the
    store's are used; given on a store with none, they are kept (a notice says
    so); given and different from the store's, a :class:`~truceline.configuration.ConfigError`
    says to run ``truceline config set``. A given ``extractor`` keeps its own gazetteer.
    An interrupted ingest leaves every article it
    finished stored and none half-written; running it again skips them. When
    the inputs are done the reconciled record is rebuilt (``rebuild=True``):
    only what the new articles touch (the same record as a full rebuild,
    :mod:`truceline.incremental`), or all of it with ``full``.
    ``db`` may be an open, writable :class:`Store`, which is then left open.
    An article the screen finds about no negotiation is not parsed: it is
    stored as screened out (:func:`screened` lists them, with the reason) and
    yielded as a :class:`ScreenedOut`; ``screen=False`` parses every article,
    and one screened out earlier is then stored and no longer listed.
    """
    from truceline import configuration

    store = db if isinstance(db, Store) else Store.open(db, write=True)
    try:
        # The store's process and gazetteer files, or these kept as its own (see configuration).
        kept = {
            kind: configuration.adopt(store, kind, given, command="ingest")
            for kind, given in (("processes", processes), ("gazetteer", gazetteer))
        }
    except BaseException:
        if store is not db:
            store.close()
        raise
    notices = [
        Notice(f"--{kind}", None, adopted.notice)
        for kind, adopted in kept.items()
        if adopted.notice
    ]
    outcomes = extract(
        inputs,
        jobs=jobs,
        published=published,
        gazetteer=configuration.gazetteer_paths(kept["gazetteer"].files),
        extractor=extractor,
        max_bytes=max_bytes,
        max_chars=max_chars,
        screen=screen,
    )
    return _ingest_into(
        store,
        itertools.chain(notices, outcomes),
        configuration.processes_of(kept["processes"].files) if rebuild else None,
        close=store is not db,
        full=full,
    )


def ingest_articles(
    articles: Iterable[Article],
    *,
    db: Store,
    extractor: Extractor,
    processes: Sequence[Process] | None = None,
    full: bool = False,
) -> Iterator[IngestItem]:
    """:func:`ingest` of articles already read (``truceline watch`` reads its own sources):
    each extracted and stored in its own transaction, the record rebuilt at the end when
    ``processes`` is given (None: not rebuilt), incrementally unless ``full``."""
    return _ingest_into(db, extractor.extract_many(articles), processes, close=False, full=full)


def _ingest_into(
    store: Store,
    outcomes: Iterator[Outcome],
    processes: Sequence[Process] | None,
    *,
    close: bool,
    full: bool = False,
) -> Iterator[IngestItem]:
    try:
        for item in outcomes:
            if isinstance(item, ExtractionRecord):
                added = store.add(item)
                yield IngestOutcome(item.article.id, item.article.url, added, len(item.events))
            else:
                if isinstance(item, ScreenedOut):  # kept, listable: `truceline screened`
                    store.add_screened(item)
                yield item
        if processes is not None:
            _rebuild(store, processes, full=full)
    finally:
        if close:
            store.close()


def screened(
    db: str | Path | Store | None = None, since: date | None = None, *, limit: int | None = None
) -> list[ScreenedArticle]:
    """The articles ingest and watch screened out as about no negotiation, newest first.

    ``since``: those screened out on or after that day (UTC). Each says why;
    ``ingest --no-screen`` of the same input parses and stores it, and it leaves the list.
    """
    after = datetime.combine(since, time(), tzinfo=UTC) if since else None
    with _opened(db) as store:
        return store.screened(after, limit=limit)


def rebuild(
    store: Store, processes: Sequence[str | Path] = (), *, spark_master: str | None = None
) -> tuple[Reconciliation, Negotiation]:
    """Reconcile all current events and derive the negotiation; replace what the store had.

    With the store's processes; ``processes`` files are taken as :func:`ingest` takes them.
    ``spark_master`` (``local[2]``, ``spark://host:7077``) reconciles on Spark
    (:mod:`truceline.batch.reconcile`, the ``spark`` extra): the same record, its
    blocks in parallel.
    """
    from truceline import configuration

    kept = configuration.adopt(store, "processes", processes, command="rebuild")
    return _rebuild(store, configuration.processes_of(kept.files), spark_master=spark_master)


def _rebuild(
    store: Store,
    processes: Sequence[Process],
    *,
    full: bool = True,
    spark_master: str | None = None,
) -> tuple[Reconciliation, Negotiation]:
    """The one way the derived record is rebuilt: reconcile every current event, then
    derive and write everything (``full``), or only what changed (:mod:`truceline.incremental`,
    the same record; its negotiation then holds the derived rows of the changed processes only).

    With analysts' corrections in force the rebuild is always full: a correction changes a
    story without changing its reports, which is what the incremental rebuild compares; so
    is one whose basis (configuration versions, processes, settings) is not the stored
    record's (:func:`truceline.incremental.record_basis`). An incremental rebuild reads and
    reconciles only what new reports reach (:func:`truceline.incremental.reconcile_reached`);
    on a store with no basis yet, everything, once.
    ``spark_master`` reconciles on Spark (:func:`_reconciler`): the same record.
    """
    from truceline import incremental
    from truceline.configuration import store_gazetteer
    from truceline.corrections import applied_to
    from truceline.negotiation import derive
    from truceline.resolve.reach import spans_of
    from truceline.resolve.settings import settings
    from truceline.store.spans import SpanWrite

    # Names (a term's party, a proposal's owner) are read in the store's gazetteer.
    gazetteer = store_gazetteer(store)
    reconcile = _reconciler(spark_master)
    # A rebuild builds objects for every event of the store at once: see truceline.store.bulk.
    with paused_gc():
        # Analysts' corrections, applied at every rebuild (truceline.corrections); None if none.
        corrected = applied_to(store)
        basis = incremental.record_basis(store, processes, corrected=corrected is not None)
        stored = store.derived_basis() if corrected is None and not full else None
        if stored == basis:
            reached = incremental.reconcile_reached(store, processes)
            negotiation, _ = incremental.refresh(
                store, reached.reconciliation, processes, gazetteer, reached=reached, basis=basis
            )
            return reached.reconciliation, negotiation
        if corrected is None:
            reported = store.reported_events()
            reconciliation = reconcile(reported, processes)
            if not full and stored is None:
                return reconciliation, incremental.refresh(
                    store, reconciliation, processes, gazetteer, reported=reported, basis=basis
                )[0]
            negotiation = derive(reconciliation, processes, gazetteer=gazetteer)
        else:
            reported = corrected.reported
            reconciliation = reconcile(reported, processes, corrected.constraints)
            pinned = corrected.annotate(reconciliation)
            negotiation = derive(reconciliation, processes, pinned, gazetteer=gazetteer)
        spans = spans_of(reconciliation.story_events, reported, settings())
        store.replace_derived(reconciliation, negotiation, SpanWrite(spans, None, basis))
    return reconciliation, negotiation


def reextract(
    db: str | Path | Store | None,
    *,
    since: date | None = None,
    process: str | None = None,
    extractor: Extractor | None = None,
) -> Reextracted:
    """Extract the stored articles (published since ``since``, with events in ``process``)
    again with the store's gazetteer, keep the corrections applying, and rebuild the
    record (:mod:`truceline.reextraction`)."""
    from truceline.reextraction import reextract as again

    store = db if isinstance(db, Store) else Store.open(db, write=True)
    try:
        return again(store, since=since, process=process, extractor=extractor)
    finally:
        if store is not db:
            store.close()


def _reconciler(spark_master: str | None) -> Callable[..., Reconciliation]:
    """The single-machine ``reconcile``, or the same on Spark (one per-block function under both)."""
    from truceline.resolve import reconcile

    if spark_master is None:
        return reconcile
    from truceline.batch.reconcile import reconcile_on_spark

    return partial(reconcile_on_spark, master=spark_master)


# ---------------------------------------------------------------- reports over the store
# Each asks the store (a URL or path opened read-only, or an open Store left
# open) and builds the view the CLI renders or prints as JSON; the shapes are
# documented in truceline.reports.views.


@contextmanager
def _opened(db: str | Path | Store | None) -> Iterator[Store]:
    if isinstance(db, Store):
        yield db
        return
    with Store.open(db) as store:
        yield store


@contextmanager
def _reading(db: str | Path | Store | None, as_of: date | None = None) -> Iterator[Store]:
    """The store to answer from: ``db``, or with ``as_of`` the record as known from the
    reports published on or before that day (:mod:`truceline.asof`; a store already as
    of that day is used as it is)."""
    with _opened(db) as store:
        if as_of is None or store.as_of == as_of:
            yield store
            return
        from truceline.asof import store_as_of

        with store_as_of(store, as_of) as past:
            yield past


def copy_store(
    db: str | Path | None, to: str, log: Callable[[str], object] = lambda _: None
) -> CopyReport:
    """Copy the whole store at ``db`` (ids kept) into the empty PostgreSQL database ``to``.

    For an archive that outgrows one machine's SQLite file: the copy is a bulk
    load (:mod:`truceline.store.copying`), and the copied store answers every
    report as the first did. ``to`` is created and migrated first; a database
    with articles is refused.
    """
    from truceline.store.engine import parse_url
    from truceline.store.errors import StoreError

    if parse_url(to).get_backend_name() != "postgresql":
        raise StoreError(f"--to {to!r}: a store is copied into PostgreSQL (postgresql://...)")
    with Store.open(db) as source, Store.open(to, write=True) as target:
        return source.copy_into(target, log)


def _ledger_totals(store: Store, filters: Filters | None) -> list[LedgerTotal]:
    """The totals of the releases ``filters`` keep (:mod:`truceline.reports.totals`)."""
    from truceline.reports.totals import totals_of

    totals = store.ledger_totals(filters)
    if filters is not None and (filters.since or filters.until or filters.outlet):
        return totals_of(totals, store.released_sums(filters), filters.since, filters.until)
    return totals


def _checked(store: Store, filters: Filters | None) -> Filters | None:
    """The filters with their actor and process as the store's ids; a misspelt one is a
    :class:`~truceline.store.FilterError` naming the nearest, never an empty report."""
    return store.checked(filters) if filters else filters


def summary(
    db: str | Path | Store | None = None, filters: Filters | None = None, as_of: date | None = None
) -> reports.Summary:
    """Per process: what is on the table, who stands where, phase clocks, ledger, disputes.

    ``as_of``: the record as known from the reports published by that day, with
    the phase clocks at that day (else today's clocks over every report).
    Bounded whatever the store's size (see :func:`truceline.reports.build.summarize`):
    narrowed by no more than a process, it reads the parts the last rebuild kept
    (:mod:`truceline.store.summaries`); otherwise each part is read with a LIMIT per
    process, and everything else is counted in SQL.
    """
    with _reading(db, as_of) as store:
        filters = _checked(store, filters)
        day = as_of or store.as_of or date.today()
        kept = None
        if not filters or replace(filters, process=None) == Filters():
            kept = store.summary_parts(filters.process if filters else None)
        if kept is not None:
            return _kept_summary(store, filters, kept, day)
        return _live_summary(store, filters, day)


def _kept_summary(
    store: Store, filters: Filters | None, parts: list[SummaryPart], day: date
) -> reports.Summary:
    """The summary from the parts the last rebuild kept: what :func:`_live_summary` reads."""
    kept = next((p.store_counts for p in parts if p.process is None and p.store_counts), None)
    if kept is None:  # kept before the parts held the store's counts
        counts = _summary_counts(store.counts())
    else:
        articles, events = store.reported_counts()
        counts = {
            "articles": articles,
            "reported_events": events,
            "story_events": kept["story_events"],
            "contradictions": kept["contradictions"],
        }
    process_counts = {
        name: {p.process: p.counts[kind] for p in parts if kind in p.counts}
        for name, kind in _PART_COUNTS.items()
    }
    return build.summarize(
        as_of=day,
        processes=store.processes(filters),
        story_counts={p.process: (p.story_events, p.reports) for p in parts},
        proposals=[x for p in parts for x in p.proposals],
        positions=[x for p in parts for x in p.positions],
        agreements=[x for p in parts for x in p.agreements],
        ledger=[],
        totals=[x for p in parts for x in p.totals],
        contradictions=[x for p in parts for x in p.contradictions],
        counts=counts,
        process_counts=process_counts,
        track_points={(t.process, t.party, t.issue): t.points for p in parts for t in p.tracks},
    )


_PART_COUNTS = {
    "proposals": "proposal",
    "agreements": "agreement",
    "releases": "ledger",
    "contradictions": "contradiction",
}
"""The summary's count names -> the kinds of row a :class:`SummaryPart` counts."""


def _summary_counts(counts: StoreCounts) -> dict[str, int]:
    return {
        "articles": counts.articles,
        "reported_events": counts.events,
        "story_events": counts.story_events,
        "contradictions": counts.contradictions,
    }


def _live_summary(store: Store, filters: Filters | None, day: date) -> reports.Summary:
    """The summary read from the derived tables, a LIMIT per process."""
    counts = store.counts()
    processes = store.processes(filters)
    process_counts = {
        name: store.count_by_process(kind, filters) for name, kind in _PART_COUNTS.items()
    }
    proposals, agreements, contradictions = [], [], []
    for process in processes:
        # Only where there is something to read: of the configured processes, a store
        # often holds a few, and each listing costs a query or two even when empty.
        mine = replace(filters or Filters(), process=process.id)
        if process_counts["proposals"].get(process.id):
            proposals += store.proposals(
                mine, limit=build.TABLE_DEPTH, newest_first=True, standing=True
            )
        if process_counts["agreements"].get(process.id):
            agreements += store.agreements(mine, limit=build.SUMMARY_ROUNDS, newest_first=True)
        if process_counts["contradictions"].get(process.id):
            contradictions += store.contradictions(
                mine, limit=build.SUMMARY_CONTRADICTIONS, newest_first=True
            )
    if not (filters and filters.process):
        contradictions += store.contradictions(
            filters, limit=build.SUMMARY_CONTRADICTIONS, newest_first=True, unassigned=True
        )
    points, track_points = store.position_history(filters, depth=build.SUMMARY_HISTORY)
    return build.summarize(
        as_of=day,
        processes=processes,
        story_counts=store.story_counts(filters),
        proposals=proposals,
        positions=points,
        agreements=agreements,
        ledger=[],
        totals=_ledger_totals(store, filters),
        contradictions=contradictions,
        counts=_summary_counts(counts),
        process_counts=process_counts,
        track_points=track_points,
    )


def timeline(
    db: str | Path | Store | None = None,
    filters: Filters | None = None,
    limit: int | None = None,
    *,
    offset: int = 0,
    as_of: date | None = None,
) -> reports.Timeline:
    """Story events by date (undated last)."""
    with _reading(db, as_of) as store:
        filters = _checked(store, filters)
        # Only the page asked for is read; the total is counted in SQL.
        events = store.story_events(filters, limit=limit, offset=offset)
        total = store.count_story_events(filters) if limit or offset else len(events)
    return reports.Timeline(total=total, events=events)


def proposals(
    db: str | Path | Store | None = None,
    filters: Filters | None = None,
    limit: int | None = None,
    *,
    offset: int = 0,
    as_of: date | None = None,
) -> reports.Proposals:
    """Proposals and counter-proposals, newest first."""
    with _reading(db, as_of) as store:
        filters = _checked(store, filters)
        # Only the page asked for is read, newest first; the total is counted in SQL.
        found = store.proposals(filters, limit=limit, offset=offset, newest_first=True)
        total = store.count_proposals(filters) if limit or offset else len(found)
    return reports.Proposals(total=total, proposals=found)


def positions(
    db: str | Path | Store | None = None,
    filters: Filters | None = None,
    limit: int | None = None,
    history: int | None = build.POSITIONS_HISTORY,
    *,
    offset: int = 0,
    as_of: date | None = None,
) -> reports.Positions:
    """Party x issue: the latest stance and value and how it moved.

    ``limit`` tracks (all if None) from the ``offset``-th, each with its latest ``history`` points
    (all if None) and the count of all of them, ranked and counted in SQL.
    """
    with _reading(db, as_of) as store:
        filters = _checked(store, filters)
        points, totals = store.position_history(filters, tracks=limit, offset=offset, depth=history)
        # Answers to proposals: by the filtered actor, to anyone's proposals.
        about = replace(filters, actor=None) if filters else None
        answered = store.proposals(about, limit=build.POSITIONS_ANSWERED, newest_first=True)
        actor = filters.actor if filters else None
        view = build.positions_view(points, totals=totals, proposals=answered, actor=actor)
        if limit or offset:  # only a page of tracks was read: count them all in SQL
            view.total = store.count_position_tracks(filters)
        return view


def ledger(
    db: str | Path | Store | None = None,
    filters: Filters | None = None,
    limit: int | None = None,
    *,
    offset: int = 0,
    as_of: date | None = None,
) -> reports.Ledger:
    """Releases by date and totals against what was agreed."""
    with _reading(db, as_of) as store:
        filters = _checked(store, filters)
        entries = store.ledger(filters, limit=limit, offset=offset)
        view = build.ledger_view(entries, _ledger_totals(store, filters))
        if limit or offset:  # only a page was read: count the disputed ones of all in SQL
            view.disputed = store.count_disputed_releases(filters)
    return view


def sources(
    db: str | Path | Store | None = None,
    filters: Filters | None = None,
    limit: int | None = None,
    *,
    as_of: date | None = None,
) -> reports.Sources:
    """Per outlet (busiest first) and per kind of source: events, corroborated, contradicted.

    ``limit`` cuts the outlets, not the kinds, which count every outlet.
    """
    with _reading(db, as_of) as store:
        filters = _checked(store, filters)
        outlets, kinds = store.source_counts(filters)
    return reports.Sources(outlets=outlets[:limit] if limit else outlets, kinds=kinds)


def show(
    db: str | Path | Store | None, event_id: str, *, as_of: date | None = None
) -> reports.Shown | None:
    """A story event (by id) or a reported event (by number) with every report behind it.

    Returns None when the store knows no such id.
    """
    from truceline.corrections import notes_on, trace_story

    renamed: list[CorrectionNote] = []
    with _reading(db, as_of) as store:
        story = store.story_event(event_id)
        if story is None and not event_id.isdigit():
            # An id of the past: its reports corrected into another story, or marked wrong.
            traced = trace_story(store, event_id)
            if traced is None:
                return None
            story = store.story_event(traced.story) if traced.story else None
            renamed = traced.notes
            ids = story.reports if story is not None else traced.reports
        else:
            ids = story.reports if story is not None else [int(event_id)]
        # Not narrowed by process: a contradiction may belong to none.
        disputes = store.contradictions(about=story.id) if story is not None else []
        links = _links(store, story) if story is not None else []
        found = [f for i in ids if (f := store.reported_event(i))]
        corrections = store.corrections() if found else []
        notes: dict[int, list[CorrectionNote]] = {}
        for article in {a.id: a for _, a in found}.values() if corrections else []:
            events = [e.reported for e in store.article_events(article.id)]
            notes |= notes_on(corrections, events, article.key)
        behind = [
            _report_behind(f).model_copy(update={"corrections": notes.get(f[0].id, [])})
            for f in found
        ]
    if story is None and not behind:
        return None
    return reports.Shown(
        id=event_id,
        story_event=story,
        contradictions=disputes,
        links=links,
        reports=behind,
        renamed_by=renamed,
    )


def changes(
    db: str | Path | Store | None,
    since: date,
    until: date | None = None,
    filters: Filters | None = None,
    *,
    kept: AsOfRecords | None = None,
) -> ChangesView:
    """What changed between the record as known on ``since`` and as known on ``until``
    (default today): :func:`truceline.changes.changes` of the two as-of records.

    ``filters`` keep the changes of their process and actor; ``kept`` reuses the as-of
    stores of a cache (the dashboard's) instead of building both here.
    """
    from truceline.asof import store_as_of, stored_record
    from truceline.changes import changes as diff
    from truceline.reports.changes import Changes

    until = until or date.today()
    if since > until:
        raise ValueError(f"since {since.isoformat()} is after until {until.isoformat()}")
    with _opened(db) as store:
        filters = _checked(store, filters)
        if kept is not None:
            before, after = stored_record(kept.at(since)), stored_record(kept.at(until))
        else:
            with store_as_of(store, since) as old, store_as_of(store, until) as new:
                before, after = stored_record(old), stored_record(new)
    found = diff(before, after)
    if filters and filters.process:
        found = [c for c in found if c.process == filters.process]
    if filters and filters.actor:
        found = [c for c in found if filters.actor in c.actors]
    return Changes(since=since, until=until, changes=found)


def _links(store: Store, story: StoryEvent) -> list[reports.Link]:
    """The story's links (:func:`.reports.build.links_of`), with the deal that concludes a
    proposal it answers and the proposal that a deal it is part of concludes."""
    agreements = store.agreements(about=story.id)
    proposals = store.proposals(about=story.id)
    if story.process is None or not (agreements or proposals):
        return []
    mine = Filters(process=story.process)
    answered = {p.id for p in proposals}
    agreements += [
        a for a in store.agreements(mine) if a.from_proposal in answered and a not in agreements
    ]
    concluded = {a.from_proposal for a in agreements} - answered
    if concluded:
        proposals += [p for p in store.proposals(mine) if p.id in concluded]
    return build.links_of(story.id, proposals, agreements)


def _report_behind(found: tuple[ReportedEvent, StoredArticle]) -> ReportBehind:
    reported, article = found
    evidence = reported.event.evidence
    return ReportBehind(
        reported=reported,
        title=article.title,
        url=article.url,
        context=(
            evidence_in_context(article.text, evidence.start, evidence.end)
            if article.text is not None
            else None
        ),
    )


def export_events(
    db: str | Path | Store | None = None,
    filters: Filters | None = None,
    *,
    reported: bool = False,
    as_of: date | None = None,
) -> Export:
    """What ``truceline export`` writes: story events, or with ``reported`` every stored event,
    with the citation (article URL, headline, outlet, date, evidence) of every report.

    Reported events are the current article versions' events; ``filters`` narrow
    story events only (a reported event has no process or reconciled date).
    """
    from truceline.export import Export

    with _reading(db, as_of) as store:
        filters = _checked(store, filters)
        events = store.reported_events()
        articles = {a.id: a for a in store.articles()}
        items = events if reported else store.story_events(filters)
    citations = {e.id: _citation(e, articles.get(e.article_id)) for e in events}
    return Export(items, citations, reports=reported)


def _citation(reported: ReportedEvent, article: StoredArticle | None) -> Citation:
    from truceline.export import Citation

    evidence = reported.event.evidence
    return Citation(
        report=reported.id,
        article_id=reported.article_id,
        url=article.url if article else None,
        headline=article.title if article else None,
        outlet=reported.outlet,
        published=reported.published,
        evidence_start=evidence.start,
        evidence_end=evidence.end,
        evidence=evidence.text,
    )


def to_frame(
    db: str | Path | Store | None = None,
    filters: Filters | None = None,
    *,
    reported: bool = False,
    as_of: date | None = None,
) -> pandas.DataFrame:
    """The export as a pandas DataFrame: one row per story event and report behind it (or,
    with ``reported``, per reported event), the columns of ``truceline export -f csv``, typed.

    >>> from truceline.api import to_frame
    >>> events = to_frame("demo.db")

    Needs pandas: ``pip install 'truceline[frames]'``.
    """
    try:
        import pandas  # noqa: F401 - only to say what is missing before the store is read
    except ImportError:
        raise FramesUnavailable(
            "to_frame needs pandas, which is not installed: pip install 'truceline[frames]'"
        ) from None
    from truceline.export import table

    return table(export_events(db, filters, reported=reported, as_of=as_of)).to_pandas()


class FramesUnavailable(TrucelineError):
    """pandas is missing: data frames are an optional extra."""


def is_empty(db: str | Path | Store | None = None) -> bool:
    """Whether the store holds no article yet (to tell "empty" from "nothing matches")."""
    with _opened(db) as store:
        return not store.articles(limit=1)
