"""The dashboard's pages: server-rendered, each from the same values the CLI prints.

Every page issues a bounded number of queries: the report functions of
:mod:`truceline.api`, one page of a listing and its count, or one query per
configured process (the overview's latest moves); never one per row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from truceline import api
from truceline.record import Proposal, StoryEvent
from truceline.reports.views import PositionTrack
from truceline.store import ArticleEvent, Filters, Store
from truceline.web import charts
from truceline.web.highlight import Span, highlight
from truceline.web.params import Paging, RowId, as_of_date, report_filters, report_store
from truceline.web.render import render
from truceline.web.rest import changes_between, not_found
from truceline.web.state import WebState, get_store, web_state

router = APIRouter(include_in_schema=False)

StoreDep = Annotated[Store, Depends(get_store)]
ReportStoreDep = Annotated[Store, Depends(report_store)]
AsOfDep = Annotated[dt.date | None, Depends(as_of_date)]
FiltersDep = Annotated[Filters, Depends(report_filters)]
PagingDep = Annotated[Paging, Depends()]

LATEST_MOVES = 5


def _latest_moves(store: Store, filters: Filters, process: str) -> list[StoryEvent]:
    """The process's last few dated story events, newest first (one query)."""
    return store.latest_story_events(replace(filters, process=process), limit=LATEST_MOVES)


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request,
    store: ReportStoreDep,
    filters: FiltersDep,
    as_of: AsOfDep,
) -> HTMLResponse:
    summary = api.summary(store, filters, as_of)
    moves = {p.process.id: _latest_moves(store, filters, p.process.id) for p in summary.processes}
    rounds = {
        p.process.id: charts.rounds_chart(p.agreements, summary.as_of)
        for p in summary.processes
        if any(a.date is not None for a in p.agreements)
    }
    return render(
        request,
        "overview.html",
        summary=summary,
        moves=moves,
        rounds_charts=rounds,
        title="Overview",
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request, store: ReportStoreDep, filters: FiltersDep, paging: PagingDep
) -> HTMLResponse:
    events = store.story_events(filters, limit=paging.limit, offset=paging.offset)
    total = store.count_story_events(filters)
    return render(
        request, "timeline.html", events=events, total=total, paging=paging, title="Timeline"
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, store: ReportStoreDep, story_id: str) -> HTMLResponse:
    shown = api.show(store, story_id)
    if shown is not None and shown.marked_wrong:  # an id the analyst saw: say what became of it
        return render(request, "marked_wrong.html", shown=shown, title=f"Story event {story_id}")
    if shown is None or shown.story_event is None:
        raise not_found("story event", story_id)
    return render(request, "story.html", shown=shown, title=f"Story event {story_id}")


def _party_grid(tracks: list[PositionTrack]) -> dict[str, dict]:
    """Per process: its parties, its issues, and the track of each (party, issue)."""
    grid: dict[str, dict] = defaultdict(lambda: {"parties": [], "issues": [], "cells": {}})
    for track in tracks:
        g = grid[track.process]
        if track.party not in g["parties"]:
            g["parties"].append(track.party)
        if track.issue not in g["issues"]:
            g["issues"].append(track.issue)
        g["cells"][(track.party, track.issue)] = track
    for g in grid.values():
        g["issues"].sort()
    return dict(grid)


@router.get("/positions", response_class=HTMLResponse)
def positions(
    request: Request, store: ReportStoreDep, filters: FiltersDep, paging: PagingDep
) -> HTMLResponse:
    view = api.positions(store, filters, paging.limit, offset=paging.offset)
    return render(
        request,
        "positions.html",
        grid=_party_grid(view.tracks),
        view=view,
        paging=paging,
        title="Positions",
    )


def _side_by_side(proposals: list[Proposal]) -> dict[str, dict]:
    """Per process: proposals oldest first, the union of their issues, and who answered."""
    grouped: dict[str, list[Proposal]] = defaultdict(list)
    for p in proposals:
        grouped[p.process].append(p)
    out = {}
    for process, mine in grouped.items():
        mine = mine[::-1]  # api.proposals gives newest first; a comparison reads left to right
        issues = sorted({t.issue for p in mine for t in p.terms})
        parties = sorted({r.actor for p in mine for r in p.responses})
        out[process] = {"proposals": mine, "issues": issues, "parties": parties}
    return out


@router.get("/proposals", response_class=HTMLResponse)
def proposals(
    request: Request, store: ReportStoreDep, filters: FiltersDep, paging: PagingDep
) -> HTMLResponse:
    """One page of proposals, newest first (read as such), compared oldest first."""
    view = api.proposals(store, filters, paging.limit, offset=paging.offset)
    return render(
        request,
        "proposals.html",
        groups=_side_by_side(view.proposals),
        total=view.total,
        paging=paging,
        title="Proposals",
    )


@router.get("/ledger", response_class=HTMLResponse)
def ledger(
    request: Request, store: ReportStoreDep, filters: FiltersDep, paging: PagingDep
) -> HTMLResponse:
    """The chart of every release (summed per day), the totals, and one page of releases."""
    view = api.ledger(store, filters, paging.limit, offset=paging.offset)
    chart = charts.ledger_chart(store.daily_releases(filters), view.totals)
    return render(
        request,
        "ledger.html",
        ledger=view,
        total=store.count_ledger_entries(filters),
        paging=paging,
        ledger_chart=chart,
        title="Ledger",
    )


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, store: ReportStoreDep, filters: FiltersDep) -> HTMLResponse:
    view = api.sources(store, filters)
    return render(
        request,
        "sources.html",
        outlets=view.outlets,
        kinds=view.kinds,
        outlet_chart=charts.fate_chart(view.outlets, "outlet", "outlet"),
        kind_chart=charts.fate_chart(view.kinds, "sourcing", "kind of source"),
        title="Sources",
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request, store: ReportStoreDep, filters: FiltersDep, paging: PagingDep
) -> HTMLResponse:
    found = store.articles(filters, limit=paging.limit, offset=paging.offset)
    total = store.count_articles(filters)
    return render(
        request, "articles.html", articles=found, total=total, paging=paging, title="Articles"
    )


def _evidence_spans(events: list[ArticleEvent]) -> list[Span]:
    spans = []
    for e in events:
        evidence, key = e.reported.event.evidence, str(e.reported.id)
        label = f"{e.reported.event.type} #{key}"
        spans.append(Span(evidence.start, evidence.end, key, label))
    return spans


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, store: ReportStoreDep, article_id: RowId) -> HTMLResponse:
    found = store.article(article_id, with_text=True)
    if found is None:
        raise not_found("article", article_id)
    events = store.article_events(article_id)
    text = highlight(found.text or "", _evidence_spans(events))
    return render(request, "article.html", article=found, events=events, text=text, title="Article")


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    results = store.search(q.strip()) if q.strip() else None
    return render(request, "search.html", q=q, results=results, title="Search")


@router.get("/changes", response_class=HTMLResponse)
def changes(
    request: Request, state: Annotated[WebState, Depends(web_state)], filters: FiltersDep
) -> HTMLResponse:
    """What changed between two dates (``since``, ``until``: the filter form's dates)."""
    view = changes_between(state, filters) if filters.since is not None else None
    return render(request, "changes.html", view=view, title="Changes")


@router.get("/watch", response_class=HTMLResponse)
def watch(request: Request, store: StoreDep) -> HTMLResponse:
    """The sources ``truceline watch`` polls: when each was last polled, and its last error;
    how many articles ingest and watch screened out (listed by ``/api/screened``)."""
    return render(
        request,
        "watch.html",
        sources=store.watched_sources(),
        screened=store.count_screened(),
        now=dt.datetime.now(dt.UTC),
        title="Watch",
    )
