"""Queries of the derived record: every query, every filter, on SQLite and PostgreSQL.

The record is written by hand from the stored test reports, so these tests
specify the store alone, whatever resolve and negotiation derive.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, select

from truceline.record import (
    Account,
    Agreement,
    Contradiction,
    Corroboration,
    EventType,
    LedgerEntry,
    LedgerTotal,
    Negotiation,
    PositionPoint,
    Process,
    Proposal,
    Reconciliation,
    Response,
    StoryEvent,
)
from truceline.reports.build import ledger_view, newest_first, position_tracks
from truceline.store import FilterError, Filters, Store, articles, queries
from truceline.store import search as store_search
from truceline.store.tables import (
    ActorSourceCountsRow,
    ArticleVersionRow,
    EventActorRow,
    OutletSourcesRow,
    StoryEventRow,
)

FEB1, FEB3, FEB4 = dt.date(2025, 2, 1), dt.date(2025, 2, 3), dt.date(2025, 2, 4)


def story(id_, type_, actor, date, reports, outlets, target=()) -> StoryEvent:
    return StoryEvent(
        id=id_,
        type=type_,
        actor=list(actor),
        target=list(target),
        date=date,
        reports=reports,
        outlets=outlets,
        corroboration=Corroboration(
            reports=len(reports),
            outlets=len(set(outlets)),
            named_sources=0,
            anonymous_sources=0,
            unattributed=len(reports),
        ),
    )


@pytest.fixture
def record(store: Store, records) -> tuple[Store, dict[str, list[int]]]:
    """The four test reports stored, and a hand-written record derived from them."""
    for record in records.values():
        store.add(record)
    by_article: dict[str, list[int]] = {}
    for reported in store.reported_events():
        by_article.setdefault(reported.outlet, []).append(reported.id)
    harbor, valley = by_article["Harbor Gazette"], by_article["Valley Times"]
    summit, wire = by_article["Summit Post"], by_article["Coastal Wire"]
    releases = [harbor[1], valley[1]]
    stories = [
        story(
            "s-release",
            EventType.RELEASE,
            ["HAMAS"],
            FEB1,
            releases,
            ["Harbor Gazette", "Valley Times"],
            target=["ICRC"],
        ),
        story(
            "s-reject",
            EventType.REJECT,
            ["ISR"],
            FEB3,
            [summit[0]],
            ["Summit Post"],
            target=["HAMAS"],
        ),
        story("s-propose", EventType.PROPOSE, ["USA"], FEB4, wire, ["Coastal Wire"]),
    ]
    contradiction = Contradiction(
        id="c-count",
        kind="term_value",
        story_events=["s-release"],
        issue="hostages_released",
        summary="3 or 4 hostages",
        date=FEB1,
        process="isr-ham",
        accounts=[Account(value=3, reports=[harbor[1]]), Account(value=4, reports=[valley[1]])],
    )
    negotiation = Negotiation(
        processes=[
            Process(
                id="isr-ham",
                name="Israel-Hamas",
                parties=["ISR", "HAMAS"],
                mediators=["QAT", "EGY", "USA"],
            ),
            Process(id="rus-ukr", name="Russia-Ukraine", parties=["RUS", "UKR"]),
        ],
        proposals=[
            Proposal(
                id="p-usa",
                process="isr-ham",
                proposer=["USA"],
                date=FEB4,
                story_events=["s-propose"],
            ),
            Proposal(
                id="p-egy",
                process="isr-ham",
                proposer=["EGY"],
                date=FEB1,
                responses=[Response(actor="HAMAS", stance="accept", story_event="s-release")],
            ),
        ],
        positions=[
            PositionPoint(
                process="isr-ham",
                party="ISR",
                issue="withdrawal",
                stance="reject",
                date=FEB3,
                story_event="s-reject",
            ),
            PositionPoint(
                process="isr-ham",
                party="HAMAS",
                issue="withdrawal",
                stance="demand",
                date=FEB3,
                story_event="s-reject",
            ),
        ],
        agreements=[
            Agreement(
                id="a-jan", process="isr-ham", parties=["ISR", "HAMAS"], date=dt.date(2025, 1, 15)
            )
        ],
        ledger=[
            LedgerEntry(
                process="isr-ham",
                date=FEB1,
                releaser=["HAMAS"],
                kind="hostages_released",
                count=3,
                story_event="s-release",
            ),
            LedgerEntry(
                process="isr-ham",
                date=FEB1,
                releaser=["ISR"],
                kind="prisoners_released",
                count=183,
                story_event="s-release",
            ),
        ],
        totals=[
            LedgerTotal(
                process="isr-ham",
                releaser="HAMAS",
                kind="hostages_released",
                released=3,
                agreed=33,
                as_of=FEB1,
            ),
            LedgerTotal(
                process="isr-ham",
                releaser="ISR",
                kind="prisoners_released",
                released=183,
                as_of=FEB1,
            ),
        ],
        story_process={"s-release": "isr-ham", "s-reject": "isr-ham", "s-propose": "isr-ham"},
    )
    store.replace_derived(
        Reconciliation(story_events=stories, contradictions=[contradiction]), negotiation
    )
    return store, by_article


def ids(items) -> list[str]:
    return [item.id for item in items]


def test_story_events_come_by_date_with_the_process_the_negotiation_gave(record) -> None:
    store, _ = record
    found = store.story_events()
    assert ids(found) == ["s-release", "s-reject", "s-propose"]
    assert {s.process for s in found} == {"isr-ham"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(type="release"), ["s-release"]),
        (Filters(actor="HAMAS"), ["s-release", "s-reject"]),
        (Filters(actor="ICRC"), ["s-release"]),
        (Filters(since=FEB3), ["s-reject", "s-propose"]),
        (Filters(until=FEB3), ["s-release", "s-reject"]),
        (Filters(since=FEB3, until=FEB3), ["s-reject"]),
        (Filters(outlet="Valley Times"), ["s-release"]),
        (Filters(process="isr-ham", actor="USA"), ["s-propose"]),
        (Filters(process="rus-ukr"), []),
    ],
)
def test_story_event_filters(record, filters: Filters, expected: list[str]) -> None:
    store, _ = record
    assert ids(store.story_events(filters)) == expected


def test_story_events_page_with_limit_and_offset(record) -> None:
    store, _ = record
    assert ids(store.story_events(limit=1, offset=1)) == ["s-reject"]


def test_one_story_event_by_id(record) -> None:
    store, by_article = record
    found = store.story_event("s-release")
    assert found.reports == [by_article["Harbor Gazette"][1], by_article["Valley Times"][1]]
    assert store.story_event("nope") is None


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (None, ["c-count"]),
        (Filters(actor="HAMAS", type=EventType.RELEASE, outlet="Harbor Gazette"), ["c-count"]),
        (Filters(type="REJECT"), []),
        (Filters(outlet="Summit Post"), []),
        (Filters(since=FEB3), []),
    ],
)
def test_contradiction_filters(record, filters, expected) -> None:
    store, _ = record
    assert ids(store.contradictions(filters)) == expected


def test_processes_narrow_by_id_and_actor(record) -> None:
    store, _ = record
    assert ids(store.processes()) == ["isr-ham", "rus-ukr"]
    assert ids(store.processes(Filters(actor="QAT"))) == ["isr-ham"]
    assert ids(store.processes(Filters(process="rus-ukr"))) == ["rus-ukr"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (None, ["p-egy", "p-usa"]),
        (Filters(actor="HAMAS"), ["p-egy"]),
        (Filters(type="PROPOSE"), ["p-usa"]),
        (Filters(outlet="Coastal Wire"), ["p-usa"]),
        (Filters(until=FEB3), ["p-egy"]),
        (Filters(process="rus-ukr"), []),
    ],
)
def test_proposal_filters(record, filters, expected) -> None:
    store, _ = record
    assert ids(store.proposals(filters)) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (None, ["HAMAS", "ISR"]),
        (Filters(actor="ISR"), ["ISR"]),
        (Filters(type="REJECT", outlet="Summit Post"), ["HAMAS", "ISR"]),
        (Filters(type="RELEASE"), []),
        (Filters(until=FEB1), []),
    ],
)
def test_position_filters(record, filters, expected) -> None:
    store, _ = record
    assert [p.party for p in store.positions(filters)] == expected


def test_agreement_filters(record) -> None:
    store, _ = record
    assert ids(store.agreements()) == ["a-jan"]
    assert ids(store.agreements(Filters(actor="HAMAS", until=dt.date(2025, 1, 31)))) == ["a-jan"]
    assert ids(store.agreements(Filters(since=FEB1))) == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (None, [3, 183]),
        (Filters(actor="ISR"), [183]),
        (Filters(outlet="Valley Times", type="RELEASE"), [3, 183]),
        (Filters(outlet="Summit Post"), []),
        (Filters(since=FEB3), []),
    ],
)
def test_ledger_filters(record, filters, expected) -> None:
    store, _ = record
    assert [e.count for e in store.ledger(filters)] == expected


def test_ledger_totals_narrow_by_process_and_releaser(record) -> None:
    store, _ = record
    assert [t.released for t in store.ledger_totals()] == [3, 183]
    assert [t.agreed for t in store.ledger_totals(Filters(actor="HAMAS"))] == [33]
    assert store.ledger_totals(Filters(type="REJECT")) == []
    assert store.ledger_totals(Filters(process="rus-ukr")) == []


def test_sources_count_each_outlets_events_corroborated_and_contradicted(record) -> None:
    store, by_article = record
    sources = {s.outlet: s for s in store.sources()}
    harbor = sources["Harbor Gazette"]
    assert (harbor.events, harbor.articles) == (len(by_article["Harbor Gazette"]), 1)
    assert (harbor.corroborated, harbor.contradicted) == (1, 1)
    assert sources["Summit Post"].corroborated == 0
    assert harbor.named + harbor.anonymous + harbor.unattributed == harbor.events


def test_sources_narrow_by_filters(record) -> None:
    store, _ = record
    assert [s.outlet for s in store.sources(Filters(outlet="Summit Post"))] == ["Summit Post"]
    only_releases = store.sources(Filters(type="RELEASE", outlet="Valley Times"))
    assert [s.events for s in only_releases] == [3]
    assert store.sources(Filters(actor="USA", outlet="Harbor Gazette")) == []


def test_articles_narrow_by_outlet_actor_and_date(record) -> None:
    store, _ = record
    assert [a.outlet for a in store.articles(Filters(actor="USA"))] == ["Coastal Wire"]
    assert {a.outlet for a in store.articles(Filters(until=FEB1))} == {
        "Harbor Gazette",
        "Valley Times",
    }
    assert [a.text for a in store.articles(limit=1)] == [None]


def test_reported_event_comes_with_its_article_text(record, records) -> None:
    store, by_article = record
    event, article = store.reported_event(by_article["Summit Post"][0])
    assert article.url == records["summit-1"].article.url
    assert article.text == records["summit-1"].article.text
    assert event.event == records["summit-1"].events[0]
    assert store.reported_event(10**6) is None


def test_counts(record) -> None:
    store, by_article = record
    counts = store.counts()
    events = sum(len(v) for v in by_article.values())
    assert counts.model_dump() == {
        "articles": 4,
        "versions": 4,
        "events": events,
        "story_events": 3,
        "contradictions": 1,
    }


def test_replacing_the_derived_record_drops_what_the_last_one_had(record) -> None:
    store, _ = record
    store.replace_derived(Reconciliation(), Negotiation())
    assert store.story_events() == []
    assert store.proposals() == [] and store.ledger() == [] and store.processes() == []
    assert [s.corroborated for s in store.sources()] == [0, 0, 0, 0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"since": "2025-02-04", "until": "2025-02-01"}, "since 2025-02-04 is after until"),
        ({"type": "SURRENDER"}, "filter type 'SURRENDER' is not an event type"),
        ({"since": "last week"}, "filter since 'last week' is not a date"),
        ({"actor": " "}, "filter actor must be a non-empty string"),
    ],
)
def test_bad_filters_are_refused_with_a_message_naming_the_field(kwargs, message) -> None:
    with pytest.raises(FilterError, match=message):
        Filters(**kwargs)


def test_sources_kept_by_the_rebuild_are_those_counted_live(record) -> None:
    store, _ = record
    with store.engine.connect() as conn:
        kept = conn.execute(select(func.count()).select_from(OutletSourcesRow)).scalar_one()
        live = conn.execute(queries.sources_query(None)).mappings().all()
    assert kept == 4
    assert [(s.outlet, s.events, s.corroborated, s.contradicted) for s in store.sources()] == [
        (r["outlet"], r["events"], r["corroborated"], r["contradicted"]) for r in live
    ]


def test_adding_an_article_after_the_rebuild_counts_sources_live_again(record, records) -> None:
    store, by_article = record
    revised = records["summit-1"].model_copy(
        update={"article": records["summit-1"].article.model_copy(update={"text": "Changed."})}
    )
    store.add(revised.model_copy(update={"events": revised.events[:1]}))
    summit = {s.outlet: s for s in store.sources()}["Summit Post"]
    assert len(by_article["Summit Post"]) > 1
    assert summit.events == 1


def test_story_counts_per_process_with_their_reports(record) -> None:
    store, _ = record
    counts = store.story_counts()
    stories = store.story_events()
    assert counts == {"isr-ham": (3, sum(len(s.reports) for s in stories))}
    assert store.story_counts(Filters(type="RELEASE")) == {"isr-ham": (1, 2)}
    assert store.story_counts(Filters(process="rus-ukr")) == {}


def test_count_story_events_counts_what_the_query_returns(record) -> None:
    store, _ = record
    for filters in (None, Filters(type="RELEASE"), Filters(actor="USA"), Filters(until=FEB1)):
        assert store.count_story_events(filters) == len(store.story_events(filters))


def test_pages_of_story_events_run_on_from_dated_to_undated(record) -> None:
    store, by_article = record
    report = by_article["Summit Post"][:1]
    stories = [
        story(name, EventType.MEET, ["USA"], day, report, ["Summit Post"])
        for name, day in [("u-b", None), ("d-2", FEB3), ("u-a", None), ("d-1", FEB1), ("d-0", FEB1)]
    ]
    store.replace_derived(Reconciliation(story_events=stories), Negotiation())
    everything = ids(store.story_events())
    assert everything == ["d-0", "d-1", "d-2", "u-a", "u-b"]
    for limit in (1, 2, 3, 6):
        for offset in range(7):
            page = store.story_events(limit=limit, offset=offset)
            assert ids(page) == everything[offset : offset + limit], (limit, offset)
    assert ids(store.story_events(offset=4)) == ["u-b"]


def test_proposals_newest_first_page_as_the_report_orders_them(record) -> None:
    store, _ = record
    everything = newest_first(store.proposals())
    assert len(everything) >= 2
    assert store.count_proposals() == len(everything)
    for limit in range(1, len(everything) + 2):
        for offset in range(len(everything) + 1):
            page = store.proposals(limit=limit, offset=offset, newest_first=True)
            assert ids(page) == ids(everything[offset : offset + limit])


def test_positions_of_the_first_tracks_are_those_tracks_whole(record) -> None:
    store, _ = record
    everything = position_tracks(store.positions())
    assert store.count_position_tracks() == len(everything) >= 2
    for n in range(1, len(everything) + 2):
        assert position_tracks(store.positions(tracks=n)) == everything[:n]
    assert store.count_position_tracks(Filters(process="rus-ukr")) == 0


def test_ledger_pages_in_the_reports_order_and_counts_disputed_releases(record) -> None:
    store, _ = record
    entries = store.ledger()
    entries[-1] = entries[-1].model_copy(update={"disputed_counts": [34]})
    stories = Reconciliation(story_events=store.story_events())
    store.replace_derived(stories, Negotiation(ledger=entries[::-1]))
    for filters in (None, Filters(process="isr-ham"), Filters(process="rus-ukr")):
        view = ledger_view(store.ledger(filters), [])
        assert store.count_disputed_releases(filters) == view.disputed
        for limit in (1, 2, 3):
            for offset in range(4):
                page = store.ledger(filters, limit=limit, offset=offset)
                assert page == view.entries[offset : offset + limit]
    assert store.count_disputed_releases() == 1


def test_contradictions_about_a_story_event_are_those_naming_it(record) -> None:
    store, _ = record
    for story in store.story_events():
        expected = [c for c in store.contradictions() if story.id in c.story_events]
        assert store.contradictions(about=story.id) == expected
    assert len(store.contradictions(about="s-release")) == 1
    assert store.contradictions(about="no-such-story") == []


def test_latest_points_of_each_track_are_the_tail_of_the_whole_track(record) -> None:
    store, by_article = record
    report = by_article["Summit Post"][:1]
    stories = [story("s-talk", EventType.MEET, ["USA"], FEB1, report, ["Summit Post"])]
    days = [FEB3, None, FEB1, FEB4, FEB1, None, FEB3]
    points = [
        PositionPoint(
            process="isr-ham",
            party=party,
            issue="hostages_released",
            stance="demand",
            value=n,
            date=day,
            story_event="s-talk",
        )
        for party in ("HAMAS", "ISR")
        for n, day in enumerate(days if party == "HAMAS" else days[:3])
    ]
    store.replace_derived(
        Reconciliation(story_events=stories), Negotiation(positions=points, processes=[])
    )
    whole = position_tracks(store.positions())
    assert [len(t.history) for t in whole] == [7, 3]
    for filters in (None, Filters(process="isr-ham"), Filters(outlet="Summit Post")):
        for depth in (1, 2, 5, 8, None):
            found, totals = store.position_history(filters, depth=depth)
            tails = [t.history[-depth:] if depth else t.history for t in whole]
            assert found == [p for tail in tails for p in tail], (filters, depth)
            assert totals == {
                ("isr-ham", "HAMAS", "hostages_released"): 7,
                ("isr-ham", "ISR", "hostages_released"): 3,
            }
    found, totals = store.position_history(tracks=1, offset=1, depth=2)
    assert found == whole[1].history[-2:]
    assert totals == {("isr-ham", "ISR", "hostages_released"): 3}
    dated = Filters(since=FEB3.isoformat())
    kept = position_tracks(store.positions(dated))
    for depth in (1, 2, None):
        found, _ = store.position_history(dated, depth=depth)
        assert found == [p for t in kept for p in (t.history[-depth:] if depth else t.history)]


@pytest.mark.parametrize(
    "filters",
    [
        Filters(process="isr-ham"),
        Filters(type="RELEASE"),
        Filters(outlet="Valley Times"),
        Filters(since=dt.date(2025, 1, 1), until=dt.date(2025, 2, 28)),
        Filters(since=dt.date(2025, 2, 1)),
        Filters(process="isr-ham", type="REJECT", until=dt.date(2025, 1, 31)),
    ],
)
def test_filtered_sources_summed_from_kept_cells_are_those_counted_live(record, filters) -> None:
    store, _ = record
    with store.engine.connect() as conn:
        live = conn.execute(queries.sources_query(filters)).mappings().all()
    counted = ("outlet", "events", "named", "anonymous", "unattributed", "corroborated")
    assert [
        tuple(getattr(s, c) for c in (*counted, "contradicted")) for s in store.sources(filters)
    ] == [tuple(r[c] for c in (*counted, "contradicted")) for r in live]


def test_sources_of_each_actor_summed_from_kept_cells_are_those_counted_live(record) -> None:
    store, _ = record
    with store.engine.connect() as conn:
        actors = conn.execute(select(EventActorRow.actor_id).distinct()).scalars().all()
        kept = conn.execute(select(func.count()).select_from(ActorSourceCountsRow)).scalar_one()
    assert len(actors) >= 2 and kept > 0
    counted = ("outlet", "events", "named", "anonymous", "unattributed", "corroborated")
    for actor in [*actors, "NOBODY"]:
        for filters in (
            Filters(actor=actor),
            Filters(actor=actor, type="RELEASE"),
            Filters(actor=actor, process="isr-ham", until=dt.date(2025, 2, 28)),
        ):
            with store.engine.connect() as conn:
                live = conn.execute(queries.sources_query(filters)).mappings().all()
            assert [
                tuple(getattr(s, c) for c in (*counted, "contradicted"))
                for s in store.sources(filters)
            ] == [tuple(r[c] for c in (*counted, "contradicted")) for r in live], filters


def test_after_an_article_is_added_filtered_sources_are_counted_live_until_the_rebuild(
    record, records
) -> None:
    """The kept cells stay (the next rebuild counts again only where events moved),
    but they no longer hold: filtered sources are counted over the events as they are."""
    store, _ = record
    summit = records["summit-1"]
    revised = summit.article.model_copy(update={"text": "Changed."})
    store.add(summit.model_copy(update={"article": revised, "events": []}))
    with store.engine.connect() as conn:
        actors = conn.execute(select(EventActorRow.actor_id).distinct()).scalars().all()
    for filters in (
        Filters(type="RELEASE"),
        Filters(process="isr-ham"),
        *(Filters(actor=actor) for actor in actors),
    ):
        with store.engine.connect() as conn:
            live = conn.execute(queries.sources_query(filters)).mappings().all()
        assert [(s.outlet, s.events, s.corroborated) for s in store.sources(filters)] == [
            (r["outlet"], r["events"], r["corroborated"]) for r in live
        ], filters


def test_sources_within_a_month_are_counted_live(record) -> None:
    store, _ = record
    filters = Filters(since=FEB3)
    assert not queries.whole_months(filters)
    with store.engine.connect() as conn:
        live = conn.execute(queries.sources_query(filters)).mappings().all()
    assert [(s.outlet, s.events, s.articles) for s in store.sources(filters)] == [
        (r["outlet"], r["events"], r["articles"]) for r in live
    ]


@pytest.mark.parametrize(
    "filters",
    [None, Filters(process="isr-ham"), Filters(type="RELEASE"), Filters(since=FEB3)],
)
def test_kinds_of_source_count_the_claims_resting_on_each_and_how_they_fare(
    record, filters
) -> None:
    store, _ = record
    with store.engine.connect() as conn:
        live = conn.execute(queries.sources_query(filters)).mappings().all()
    expected = [
        (
            kind,
            sum(r[kind] for r in live),
            sum(r[f"corroborated_{kind}"] for r in live),
            sum(r[f"contradicted_{kind}"] for r in live),
        )
        for kind in queries.SOURCINGS
    ]
    outlets, kinds = store.source_counts(filters)
    assert [(k.sourcing, k.events, k.corroborated, k.contradicted) for k in kinds] == [
        e for e in expected if e[1]
    ]
    assert sum(k.events for k in kinds) == sum(o.events for o in outlets)
    assert sum(k.contradicted for k in kinds) == sum(o.contradicted for o in outlets)


def test_kinds_of_source_follow_each_events_sourcing(record) -> None:
    store, _ = record
    reported = store.reported_events()
    sourcing = Counter(articles.sourcing(r.event) for r in reported)
    corroborated = {
        e for s in store.story_events() if s.corroboration.outlets >= 2 for e in s.reports
    }
    _, kinds = store.source_counts()
    assert {k.sourcing: k.events for k in kinds} == dict(sourcing)
    assert {k.sourcing: k.corroborated for k in kinds} == {
        kind: sum(
            1 for r in reported if r.id in corroborated and articles.sourcing(r.event) == kind
        )
        for kind in sourcing
    }


# ------------------------------------------------------------------------ search


def found(store: Store, q: str) -> tuple[list[str | None], list[str]]:
    """Outlets of the articles and ids of the story events a search finds."""
    results = store.search(q)
    return [a.outlet for a in results.articles], ids(results.story_events)


@pytest.mark.parametrize(
    ("q", "outlets"),
    [
        ("hostages", ["Summit Post", "Harbor Gazette", "Valley Times"]),  # newest first, then id
        ("Egyptian PRISONERS", ["Harbor Gazette", "Valley Times"]),  # every word, any case
        ("hostage free", ["Harbor Gazette", "Valley Times"]),  # a word may start a longer one
        ("egyptian official anonymity", ["Harbor Gazette"]),
        ("Summit Post", ["Summit Post"]),  # the outlet is searched too
        ("hostages doha", []),  # no article holds both
        ("ostages", []),  # words, not substrings
        ('% _ " * OR', []),  # no word, and nothing read as search syntax
    ],
)
def test_search_finds_articles_holding_every_word(record, q, outlets) -> None:
    store, _ = record
    assert found(store, q)[0] == outlets


def test_search_finds_story_events_by_the_words_of_their_record(record) -> None:
    store, _ = record
    assert found(store, "hamas")[1] == ["s-release", "s-reject"]
    assert found(store, "Coastal Wire")[1] == ["s-propose"]
    store.replace_derived(Reconciliation(), Negotiation())
    assert found(store, "hamas")[1] == []


def test_search_reads_the_current_text(record, records) -> None:
    store, _ = record
    summit = records["summit-1"]
    revised = summit.model_copy(
        update={
            "article": summit.article.model_copy(
                update={"title": "Doha", "text": "Médiation à Doha."}
            )
        }
    )
    store.add(revised)
    assert found(store, "withdrawal")[0] == []  # only its old version said so
    assert found(store, "médiation doha")[0] == ["Summit Post"]
    (hit,) = store.search("MÉDIATION").articles
    assert hit.snippet == "Médiation à Doha."


def test_search_finds_the_same_whether_sqlite_starts_from_matches_or_dates(
    record, monkeypatch
) -> None:
    store, _ = record
    few = [found(store, q) for q in ("hostages", "hamas", "qatar phase")]
    monkeypatch.setattr(store_search, "FEW_MATCHES", 0)
    assert [found(store, q) for q in ("hostages", "hamas", "qatar phase")] == few


def test_the_ledger_chart_sums_each_days_releases_per_first_releaser(record) -> None:
    store, _ = record
    assert store.daily_releases(None) == [
        ("isr-ham", FEB1, "HAMAS", "hostages_released", 3),
        ("isr-ham", FEB1, "ISR", "prisoners_released", 183),
    ]
    assert store.daily_releases(Filters(actor="ISR"))[0].count == 183


def test_search_is_answered_from_the_word_indexes(store: Store) -> None:
    with store.engine.connect() as conn:
        plans = []
        for query in (
            select(ArticleVersionRow.id).where(store_search.articles_matching(conn, ["hostages"])),
            select(StoryEventRow.row).where(store_search.story_events_matching(conn, ["hamas"])),
        ):
            sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table is read whole
                plans.append(" ".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {sql}")))
            else:
                plans.append(
                    " ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
                )
    if store.engine.dialect.name == "postgresql":
        assert "ix_article_versions_words" in plans[0] and "ix_story_events_words" in plans[1]
    else:
        assert "article_words VIRTUAL TABLE" in plans[0]
        assert "story_event_words VIRTUAL TABLE" in plans[1]


def test_ledger_totals_of_one_releaser_and_kind_come_by_round_whatever_the_row_order(
    store: Store,
) -> None:
    def total(round_: int, released: int) -> LedgerTotal:
        return LedgerTotal(
            process="isr-ham",
            releaser="HAMAS",
            kind="hostages_released",
            released=released,
            round=round_,
        )

    # Written newest round first, as an incremental rebuild may leave them.
    store.replace_derived(Reconciliation(), Negotiation(totals=[total(2, 33), total(1, 105)]))
    assert [(t.round, t.released) for t in store.ledger_totals()] == [(1, 105), (2, 33)]
