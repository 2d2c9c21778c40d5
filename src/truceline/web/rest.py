"""The REST API under ``/api/``: the record as JSON, filtered and paged, and ingest.

Every listing takes the report filters (:mod:`truceline.web.params`) and
``limit``/``offset``, and answers a :class:`~truceline.web.responses.Page`
with the total before paging. Reports that the CLI prints come from the same
:mod:`truceline.api` functions, so ``/api/summary`` is ``truceline summary
--json``.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from truceline import api
from truceline.ingest import Notice
from truceline.record import Contradiction, Process, Proposal, ReportedEvent, StoryEvent
from truceline.reports import Shown, Sources, Summary
from truceline.reports.build import phase_clocks
from truceline.reports.changes import Changes
from truceline.reports.views import PositionTrack, ReportBehind
from truceline.store import (
    ArticleEvent,
    Filters,
    ScreenedArticle,
    SearchResults,
    Store,
    StoredArticle,
    WatchedSource,
)
from truceline.web.auth import require_token
from truceline.web.limits import read_valid_body
from truceline.web.params import Paging, RowId, as_of_date, report_filters, report_store
from truceline.web.render import shown_source
from truceline.web.responses import (
    AgreementClock,
    IngestedArticle,
    IngestReport,
    LedgerPage,
    Page,
)
from truceline.web.state import WebState, get_store, web_state

router = APIRouter(prefix="/api", tags=["record"])

StoreDep = Annotated[Store, Depends(get_store)]
ReportStoreDep = Annotated[Store, Depends(report_store)]
FiltersDep = Annotated[Filters, Depends(report_filters)]
PagingDep = Annotated[Paging, Depends()]
AsOfDep = Annotated[dt.date | None, Depends(as_of_date)]

T = TypeVar("T")
MAX_ARTICLES = 200
"""Articles one POST may carry: extraction runs inside the request."""


def not_found(what: str, key: object) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {key!r}")


def _page(items: list[T], total: int, paging: Paging) -> Page[T]:
    return Page(total=total, limit=paging.limit, offset=paging.offset, items=items)


@router.get("/summary", response_model=Summary)
def summary(store: ReportStoreDep, filters: FiltersDep, as_of: AsOfDep) -> Summary:
    """Per process: on the table, who stands where, phase clocks, ledger, contradictions."""
    return api.summary(store, filters, as_of)


@router.get("/articles", response_model=Page[StoredArticle])
def articles(store: ReportStoreDep, filters: FiltersDep, paging: PagingDep) -> Page[StoredArticle]:
    """Articles at their current version (no text), newest first."""
    found = store.articles(filters, limit=paging.limit, offset=paging.offset)
    return _page(found, store.count_articles(filters), paging)


class ArticleDetail(BaseModel):
    article: StoredArticle
    events: list[ArticleEvent]


@router.get("/articles/{article_id}", response_model=ArticleDetail)
def article(store: ReportStoreDep, article_id: RowId) -> ArticleDetail:
    """One article with its text and its events (with the story event of each)."""
    found = store.article(article_id, with_text=True)
    if found is None:
        raise not_found("article", article_id)
    return ArticleDetail(article=found, events=store.article_events(article_id))


@router.get("/events", response_model=Page[ReportedEvent])
def events(store: ReportStoreDep, filters: FiltersDep, paging: PagingDep) -> Page[ReportedEvent]:
    """Reported events (one article's event each) with claim and evidence, in id order."""
    total, found = store.reported_events_page(filters, limit=paging.limit, offset=paging.offset)
    return _page(found, total, paging)


@router.get("/events/{event_id}", response_model=ReportBehind)
def event(store: ReportStoreDep, event_id: RowId) -> ReportBehind:
    """One reported event, its claim and evidence, and the evidence's sentence."""
    shown = api.show(store, str(event_id))
    if shown is None or shown.story_event is not None or not shown.reports:
        raise not_found("reported event", event_id)
    return shown.reports[0]


@router.get("/stories", response_model=Page[StoryEvent])
def stories(store: ReportStoreDep, filters: FiltersDep, paging: PagingDep) -> Page[StoryEvent]:
    """Story events (reports of one real-world event merged), by date."""
    found = store.story_events(filters, limit=paging.limit, offset=paging.offset)
    return _page(found, store.count_story_events(filters), paging)


@router.get("/stories/{story_id}", response_model=Shown)
def story(store: ReportStoreDep, story_id: str) -> Shown:
    """A story event with every report behind it and its contradictions (``truceline show``).

    An id no longer in the record answers with where its reports are now: the story event
    a correction made of it (``renamed_by``), or none, its reports marked wrong."""
    shown = api.show(store, story_id)
    if shown is None or (shown.story_event is None and not shown.marked_wrong):
        raise not_found("story event", story_id)
    return shown


@router.get("/contradictions", response_model=Page[Contradiction])
def contradictions(
    store: ReportStoreDep, filters: FiltersDep, paging: PagingDep
) -> Page[Contradiction]:
    found = store.contradictions(filters, limit=paging.limit, offset=paging.offset)
    return _page(found, store.count_contradictions(filters), paging)


@router.get("/processes", response_model=Page[Process])
def processes(store: ReportStoreDep, filters: FiltersDep, paging: PagingDep) -> Page[Process]:
    found = store.processes(filters)
    return _page(paging.slice(found), len(found), paging)


@router.get("/proposals", response_model=Page[Proposal])
def proposals(store: ReportStoreDep, filters: FiltersDep, paging: PagingDep) -> Page[Proposal]:
    """Proposals and counter-proposals, newest first, with responses and status."""
    view = api.proposals(store, filters, paging.limit, offset=paging.offset)
    return _page(view.proposals, view.total, paging)


@router.get("/positions", response_model=Page[PositionTrack])
def positions(store: ReportStoreDep, filters: FiltersDep, paging: PagingDep) -> Page[PositionTrack]:
    """Party x issue tracks: the latest stance and every point before it."""
    view = api.positions(store, filters, paging.limit, offset=paging.offset)
    return _page(view.tracks, view.total, paging)


@router.get("/agreements", response_model=Page[AgreementClock])
def agreements(
    store: ReportStoreDep, filters: FiltersDep, paging: PagingDep, as_of: AsOfDep
) -> Page[AgreementClock]:
    """Agreements with each phase's state and days left as of ``as_of`` (default today)."""
    found = store.agreements(filters, limit=paging.limit, offset=paging.offset)
    items = [
        AgreementClock(agreement=a, phases=phase_clocks([a], as_of or dt.date.today()))
        for a in found
    ]
    return _page(items, store.count_agreements(filters), paging)


@router.get("/ledger", response_model=LedgerPage)
def ledger(store: ReportStoreDep, filters: FiltersDep, paging: PagingDep) -> LedgerPage:
    """Releases by date, and running totals against what was agreed."""
    view = api.ledger(store, filters, paging.limit, offset=paging.offset)
    return LedgerPage(
        total=store.count_ledger_entries(filters),
        limit=paging.limit,
        offset=paging.offset,
        entries=view.entries,
        totals=view.totals,
        disputed=view.disputed,
    )


@router.get("/sources", response_model=Sources)
def sources(store: ReportStoreDep, filters: FiltersDep) -> Sources:
    """Per outlet and per kind of source: events, corroborated, contradicted."""
    return api.sources(store, filters)


@router.get("/changes", response_model=Changes)
def changes(state: Annotated[WebState, Depends(web_state)], filters: FiltersDep) -> Changes:
    """What changed between the record as known on ``since`` and as known on ``until``
    (default today): new proposals and responses, agreements, phases, releases,
    contradictions and position moves, each with its reports. ``process`` and ``actor``
    narrow them."""
    return changes_between(state, filters)


def changes_between(state: WebState, filters: Filters) -> Changes:
    """The changes of the filters' ``since``..``until``, from the app's kept as-of stores."""
    if filters.since is None:
        raise HTTPException(status_code=422, detail="changes needs since, YYYY-MM-DD")
    return api.changes(
        state.store, filters.since, filters.until, filters, kept=state.kept_records()
    )


@router.get("/watch", response_model=list[WatchedSource])
def watched(store: StoreDep) -> list[WatchedSource]:
    """The sources ``truceline watch`` polls: last poll, validators, last error, backoff."""
    return [_without_password(s) for s in store.watched_sources()]


@router.get("/screened", response_model=list[ScreenedArticle])
def screened(
    store: StoreDep,
    since: Annotated[
        dt.date | None, Query(description="Screened out on or after this day (YYYY-MM-DD).")
    ] = None,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = 1000,
) -> list[ScreenedArticle]:
    """The articles ingest and watch screened out as about no negotiation, newest first, and why."""
    return api.screened(store, since, limit=limit)


def _without_password(source: WatchedSource) -> WatchedSource:
    return source.model_copy(update={"source": shown_source(source.source)})


@router.get("/search", response_model=SearchResults)
def search(
    store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)]
) -> SearchResults:
    """Articles and story events holding ``q`` (case-insensitive)."""
    return store.search(q)


class ArticleIn(BaseModel):
    """One article to ingest: the fields of a JSON record for ``truceline ingest``."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    url: str | None = None
    title: str | None = None
    text: str = Field(min_length=1)
    published: dt.date | None = None
    outlet: str | None = None


ArticlesIn = Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_ARTICLES)]
_ARTICLES_IN: TypeAdapter[list[ArticleIn]] = TypeAdapter(ArticlesIn)


async def posted_articles(request: Request) -> list[ArticleIn]:
    """The POSTed articles, read (within the size limit) only once the token has passed.

    FastAPI reads and parses a declared body before any dependency runs; this
    one is read here instead, after :func:`require_token`, so a request
    without the token costs nothing but its headers.
    """
    limit = web_state(request).max_body_bytes
    return await read_valid_body(request, limit, _ARTICLES_IN.validate_json)


@router.post(
    "/articles",
    response_model=IngestReport,
    dependencies=[Depends(require_token)],
    status_code=200,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _ARTICLES_IN.json_schema()}},
        }
    },
)
def ingest_articles(
    state: Annotated[WebState, Depends(web_state)],
    body: Annotated[list[ArticleIn], Depends(posted_articles)],
) -> IngestReport:
    """Extract and store articles as ``truceline ingest`` does, then rebuild the record.

    The body is handed to the ingest readers as a JSON file, so that a
    posted article and a file on disk are read, extracted and stored by the
    same code.
    """
    records = [a.model_dump(mode="json", exclude_none=True) for a in body]
    with state.write_lock, tempfile.TemporaryDirectory(prefix="truceline-post-") as tmp:
        path = Path(tmp) / "body.json"
        path.write_text(json.dumps(records), encoding="utf-8")
        outcomes = list(api.ingest([path], db=state.store, extractor=state.get_extractor()))
        counts = state.store.counts()
    done = [
        IngestedArticle(
            article_id=o.article_id, url=o.url, outcome=o.outcome.value, events=o.events
        )
        for o in outcomes
        if isinstance(o, api.IngestOutcome)
    ]
    said = [o for o in outcomes if not isinstance(o, api.IngestOutcome)]
    return IngestReport(
        articles=done,
        problems=[str(o).replace(str(path), "body") for o in said if not isinstance(o, Notice)],
        warnings=[str(o).replace(str(path), "body") for o in said if isinstance(o, Notice)],
        story_events=counts.story_events,
        contradictions=counts.contradictions,
    )
