"""Time travel: the record as of a day is the record of the reports published by that day.

The reports (tests/fixtures/asof/reports.jsonl, written for these tests) tell a
proposal, its rejection, a deal with a phase, releases two outlets count
differently, and an undated article. Every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from truceline import api
from truceline.asof import AsOfRecords, store_as_of, stored_record
from truceline.record import EventType, ExtractionRecord
from truceline.store import Filters, Store

REPORTS = Path(__file__).parents[1] / "fixtures" / "asof" / "reports.jsonl"
STORY_ID = re.compile(r"\b(" + "|".join(t.value.lower() for t in EventType) + r")-(\d+)\b")


@pytest.fixture(scope="module")
def reports(extractor) -> list[ExtractionRecord]:
    found = [r for r in api.extract([REPORTS], extractor=extractor)]
    assert all(isinstance(r, ExtractionRecord) for r in found), found
    return found


@pytest.fixture(params=["sqlite", "postgresql"])
def new_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes an empty database of one kind per call: a SQLite file or a PostgreSQL schema."""
    schemas: list[str] = []
    if request.param == "sqlite":
        yield lambda: f"sqlite:///{tmp_path / uuid.uuid4().hex}.db"
        return
    base: str = request.getfixturevalue("postgres_url")

    def make() -> str:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        separator = "&" if "?" in base else "?"
        return f"{base}{separator}options=-csearch_path%3D{schema}"

    yield make
    with psycopg.connect(base, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def filled(url: str, records: list[ExtractionRecord]) -> Store:
    store = Store.open(url, write=True)
    for record in records:
        store.add(record)
    api.rebuild(store)
    return store


def dated(record: ExtractionRecord, day: dt.date | None) -> ExtractionRecord:
    article = record.article.model_copy(update={"published": day})
    return record.model_copy(update={"article": article})


def canonical(store: Store) -> dict[str, Any]:
    """The store's derived record with every report id as (article URL, rank of the event
    in its article): two stores that numbered the same reports differently compare equal."""
    urls = {a.id: a.url for a in store.articles()}
    ranks: dict[int, tuple[str, int]] = {}
    for e in store.reported_events():  # in id order
        url = urls[e.article_id] or ""
        ranks[e.id] = (url, sum(1 for k in ranks.values() if k[0] == url))

    def named(n: int) -> str:
        return "{}#{}".format(*ranks[n])

    def walk(value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            return {walk(k): walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            if key == "reports" and all(isinstance(v, int) for v in value):
                return [named(v) for v in value]
            return [walk(v) for v in value]
        if isinstance(value, str):
            return STORY_ID.sub(lambda m: f"{m.group(1)}-{named(int(m.group(2)))}", value)
        return value

    record = walk(stored_record(store).model_dump(mode="json", exclude={"as_of"}))
    # Reads order ties by id text ("release-13" before "release-9"), which numbering moves:
    # each part is compared as a collection.
    for part in record.values():
        for name, items in part.items():
            if isinstance(items, list):
                part[name] = sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return record


def test_a_record_as_of_a_day_knows_nothing_published_later(new_url, reports) -> None:
    with filled(new_url(), reports) as full, store_as_of(full, dt.date(2025, 1, 10)) as past:
        record = stored_record(past)
        assert past.as_of == dt.date(2025, 1, 10)
        assert {a.url for a in past.articles()} == {
            "https://cedar-ledger.example/2025/01/06/egypt-plan",
            "https://pine-herald.example/news/hamas-rejects",
        }
        # The proposal is rejected already; the deal of 15 January and its releases are not known.
        assert [p.status for p in record.negotiation.proposals] == ["rejected"]
        assert record.negotiation.agreements == []
        assert record.negotiation.ledger == [] and record.negotiation.totals == []


def test_an_undated_article_is_in_the_whole_record_and_in_no_record_as_of_a_day(
    new_url, reports
) -> None:
    undated = "https://birch-courier.example/a/undated"
    with filled(new_url(), reports) as full, store_as_of(full, dt.date(2030, 1, 1)) as past:
        assert undated in {a.url for a in full.articles()}
        assert undated not in {a.url for a in past.articles()}
        assert {s.type for s in full.story_events() if s.date is None} == {
            EventType.DEMAND,
            EventType.REJECT,
        }
        assert all(s.date is not None for s in past.story_events())


def test_totals_as_of_a_day_add_up_the_releases_known_then(new_url, reports) -> None:
    with filled(new_url(), reports) as full:
        before = {(t.releaser, t.kind): t.released for t in api.ledger(full).totals}
        then = api.ledger(full, as_of=dt.date(2025, 1, 20)).totals
    assert before[("HAMAS", "hostages_released")] == 7
    assert {(t.releaser, t.kind): t.released for t in then} == {
        ("HAMAS", "hostages_released"): 3,
        ("ISR", "prisoners_released"): 90,
    }


def test_kept_records_build_once_per_day_and_again_when_the_store_moves(new_url, reports) -> None:
    with filled(new_url(), reports[:3]) as full:
        kept = AsOfRecords(full)
        first = kept.at(dt.date(2025, 1, 20))
        assert kept.at(dt.date(2025, 1, 20)) is first
        full.add(reports[3])
        api.rebuild(full)
        again = kept.at(dt.date(2025, 1, 20))
        assert again is not first
        assert len(again.articles()) == 4
        kept.close()


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    order=st.permutations(range(7)),
    day=st.dates(dt.date(2025, 1, 4), dt.date(2025, 1, 27)),
    undated=st.sets(st.integers(0, 6), max_size=2),
)
def test_the_record_as_of_a_day_is_the_record_of_a_store_of_the_reports_published_by_then(
    new_url, reports, order, day, undated
) -> None:
    records = [
        dated(reports[i], None if i in undated else reports[i].article.published) for i in order
    ]
    known = [r for r in records if r.article.published and r.article.published <= day]
    with (
        filled(new_url(), records) as full,
        filled(new_url(), known) as only_then,
        store_as_of(full, day) as past,
    ):
        assert canonical(past) == canonical(only_then)


def test_until_narrows_the_ledger_totals_as_it_narrows_the_releases(new_url, reports) -> None:
    with filled(new_url(), reports) as full:
        view = api.ledger(full, Filters(until=dt.date(2025, 1, 20)))
        later = api.ledger(full, Filters(since=dt.date(2025, 1, 21)))
        summary = api.summary(full, Filters(until=dt.date(2025, 1, 20)))
    assert [(e.kind, e.count) for e in view.entries] == [
        ("hostages_released", 3),
        ("prisoners_released", 90),
    ]
    assert {(t.releaser, t.released, t.agreed) for t in view.totals} == {
        ("HAMAS", 3, 33),
        ("ISR", 90, None),
    }
    assert {(t.releaser, t.released) for t in later.totals} == {("HAMAS", 4), ("ISR", 200)}
    (gaza,) = summary.processes
    assert {(t.releaser, t.released) for t in gaza.totals} == {("HAMAS", 3), ("ISR", 90)}
