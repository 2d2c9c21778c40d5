"""Reads made fast at 100,000 articles give exactly what the slower reads gave.

The corpora (demo, dev, reconciliation set, the store fixtures) make several
processes with proposals, agreements, positions, releases and
contradictions. The summary's parts kept by rebuild: every summary a process
filter or none narrows is read twice, from the kept parts, then, the kept
table emptied, live. Ledger totals narrowed by dates or outlet: summed in SQL,
compared with the releases read one by one and added up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import delete, func, select

from truceline import api
from truceline.record import ExtractionRecord, LedgerEntry
from truceline.store import Filters, Store, migrate
from truceline.store.engine import make_engine
from truceline.store.tables import LedgerEntryRow, ProcessSummaryRow

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [
    ROOT / "corpora" / "demo" / "articles",
    ROOT / "corpora" / "dev" / "articles",
    ROOT / "corpora" / "reconcile" / "articles",
    ROOT / "tests" / "fixtures" / "store" / "reports.jsonl",
]
DAYS = [None, dt.date(2025, 1, 20), dt.date(2025, 6, 1)]


@pytest.fixture(scope="module")
def corpus(extractor) -> list[ExtractionRecord]:
    return [r for r in api.extract(CORPORA, extractor=extractor) if isinstance(r, ExtractionRecord)]


@pytest.fixture
def rebuilt(store_url: str, corpus: list[ExtractionRecord]) -> Iterator[Store]:
    with Store.open(store_url, write=True) as store:
        for record in corpus:
            store.add(record)
        api.rebuild(store)
        yield store


def _kept_rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(ProcessSummaryRow)).scalar_one())


def _forget_parts(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(ProcessSummaryRow))


def _summaries(store: Store) -> dict[str, str]:
    """Every summary the kept parts can answer: whole, and per process, at a few days."""
    found = {}
    processes = [None, *(p.id for p in store.processes()), "gaza"]
    for day in DAYS:
        store.as_of = day
        for process in processes:
            filters = Filters(process=process) if process else None
            found[f"{process} {day}"] = api.summary(store, filters).model_dump_json()
    store.as_of = None
    return found


def test_a_rebuild_keeps_one_part_per_process_with_a_record_and_one_for_none(rebuilt):
    parts = rebuilt.summary_parts()
    assert parts is not None
    shown = [p.process.id for p in api.summary(rebuilt).processes]
    assert [p.process for p in parts] == [*shown, None]
    assert any(p.agreements for p in parts) and any(p.positions for p in parts)
    assert any(p.totals for p in parts) and any(p.proposals for p in parts)


def test_the_summary_from_kept_parts_equals_the_summary_read_live(rebuilt):
    kept = _summaries(rebuilt)
    _forget_parts(rebuilt)
    assert rebuilt.summary_parts() is None
    assert _summaries(rebuilt) == kept


def test_keeping_the_parts_again_gives_the_rows_the_rebuild_wrote(rebuilt):
    with rebuilt.engine.connect() as conn:
        written = conn.execute(select(ProcessSummaryRow.__table__)).all()
    _forget_parts(rebuilt)
    rebuilt.keep_summaries()
    with rebuilt.engine.connect() as conn:
        assert conn.execute(select(ProcessSummaryRow.__table__)).all() == written


def test_a_summary_narrowed_by_more_than_a_process_reads_live(rebuilt, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("kept parts read for a filter they cannot answer")

    monkeypatch.setattr(Store, "summary_parts", refuse)
    for filters in (Filters(actor="HAMAS"), Filters(process="gaza", since="2025-01-01")):
        assert api.summary(rebuilt, filters) is not None


def _added_up(entries: list[LedgerEntry]) -> dict[tuple, tuple[int, dt.date | None]]:
    """The releases summed one by one, as the ledger's totals were before SQL summed them."""
    released: dict[tuple, tuple[int, dt.date | None]] = {}
    for e in entries:
        if not e.releaser or e.count is None:
            continue
        key = (e.process, e.round, e.releaser[0], e.kind)
        count, latest = released.get(key, (0, None))
        day = max((d for d in (latest, e.date) if d is not None), default=None)
        released[key] = (count + e.count, day)
    return released


def test_released_sums_equal_the_releases_added_up_one_by_one(rebuilt):
    outlets = [o.outlet for o in rebuilt.sources()[:3]]
    cases = [
        None,
        Filters(since="2025-01-01", until="2025-01-31"),
        Filters(since="2025-02-01"),
        Filters(until="2025-01-25"),
        *(Filters(outlet=o) for o in outlets),
        Filters(process="gaza", outlet=outlets[0], since="2025-01-19"),
    ]
    summed = 0
    for filters in cases:
        expected = _added_up(rebuilt.ledger(filters))
        assert rebuilt.released_sums(filters) == expected, filters
        summed += sum(n for n, _ in expected.values())
    assert summed > 0


def test_ledger_totals_narrowed_by_dates_count_only_the_releases_in_the_window(rebuilt):
    whole = {(t.process, t.round, t.releaser, t.kind): t for t in api.ledger(rebuilt).totals}
    window = api.ledger(rebuilt, Filters(since="2025-01-19", until="2025-01-31"))
    assert window.totals
    for total in window.totals:
        key = (total.process, total.round, total.releaser, total.kind)
        assert total.released <= whole[key].released
        assert total.agreed == whole[key].agreed


def _ledger_columns(store: Store) -> list[tuple]:
    t = LedgerEntryRow
    with store.engine.connect() as conn:
        return conn.execute(select(t.row, t.round, t.disputed).order_by(t.row)).all()


def test_a_release_keeps_its_round_and_disputed_counts_beside_its_payload(rebuilt):
    entries = {e.story_event: e for e in rebuilt.ledger()}
    assert any(e.disputed_counts for e in entries.values())
    with rebuilt.engine.connect() as conn:
        t = LedgerEntryRow
        rows = conn.execute(select(t.round, t.disputed, t.payload)).all()
    for round_, disputed, payload in rows:
        entry = entries[payload["story_event"]]
        assert (round_, disputed) == (entry.round, len(entry.disputed_counts))
    assert api.ledger(rebuilt, limit=2).disputed == sum(
        1 for e in entries.values() if e.disputed_counts
    )


def test_a_store_migrated_from_0012_fills_the_columns_and_keeps_its_summary(rebuilt):
    columns, summaries = _ledger_columns(rebuilt), _summaries(rebuilt)
    url = rebuilt.url
    rebuilt.close()
    old = make_engine(url, write=True)
    with old.begin() as conn:
        command.downgrade(migrate._config(conn), "0012")
    old.dispose()
    with Store.open(url, write=True) as store:
        assert store.migrated is not None
        assert _ledger_columns(store) == columns
        assert store.summary_parts() is None  # read live until kept again
        assert _summaries(store) == summaries
        store.keep_summaries()
        assert store.summary_parts() and _summaries(store) == summaries


def test_timelines_narrowed_by_outlet_or_actor_list_and_count_what_their_reports_name(rebuilt):
    outlet_of = {e.id: e.outlet for e in rebuilt.reported_events()}
    stories = rebuilt.story_events()  # by date (undated last), then id
    busiest = rebuilt.sources()[0].outlet
    actor = "HAMAS"

    def by_outlet(s) -> bool:
        return busiest in {outlet_of.get(r) for r in s.reports}

    def by_actor(s) -> bool:
        return actor in {*s.actor, *s.target, *s.mediators}

    cases = [
        (Filters(outlet=busiest), by_outlet),
        (Filters(actor=actor), by_actor),
        (Filters(outlet=busiest, actor=actor), lambda s: by_outlet(s) and by_actor(s)),
        (Filters(process="gaza", outlet=busiest), lambda s: s.process == "gaza" and by_outlet(s)),
    ]
    for filters, keeps in cases:
        expected = [s.id for s in stories if keeps(s)]
        assert len(expected) > 3, filters
        first = api.timeline(rebuilt, filters, limit=3)
        rest = api.timeline(rebuilt, filters, limit=1000, offset=3)
        assert first.total == len(expected), filters
        assert [s.id for s in first.events + rest.events] == expected, filters
