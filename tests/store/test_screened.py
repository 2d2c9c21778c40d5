"""Screened-out articles are stored: listable with their reason, and re-screenable.

On SQLite and PostgreSQL (``store`` fixture). The texts are written for these tests.
"""

from __future__ import annotations

import datetime as dt

from truceline.extract.screened import ScreenedOut
from truceline.record import Article, ArticleMeta, ExtractionRecord
from truceline.store import Store

WEATHER = Article(
    id="weather",
    text="Storm lashes coast\nHeavy rain and high winds cut power to 20,000 homes.",
    url="https://news.example/storm",
    outlet="Example News",
    title="Storm lashes coast",
    published=dt.date(2025, 3, 2),
)


def dropped(article: Article = WEATHER, reason: str = "no party") -> ScreenedOut:
    return ScreenedOut.of(article, reason)


def test_a_screened_out_article_is_listed_with_its_reason(store: Store) -> None:
    assert store.add_screened(dropped())
    [listed] = store.screened()
    assert (listed.key, listed.source_id, listed.outlet, listed.reason) == (
        "https://news.example/storm",
        "weather",
        "Example News",
        "no party",
    )
    assert listed.published == dt.date(2025, 3, 2)
    assert listed.screened_at.tzinfo is not None
    assert store.count_screened() == 1


def test_the_same_text_screened_out_again_is_kept_once_with_its_first_time(store: Store) -> None:
    store.add_screened(dropped())
    first = store.screened()[0].screened_at
    assert not store.add_screened(dropped())
    assert [s.screened_at for s in store.screened()] == [first]


def test_a_new_text_under_the_same_url_replaces_the_row(store: Store) -> None:
    store.add_screened(dropped())
    changed = WEATHER.model_copy(update={"text": WEATHER.text + "\nSchools will stay shut."})
    assert store.add_screened(dropped(changed, "still no party"))
    assert [s.reason for s in store.screened()] == ["still no party"]


def test_an_article_without_url_is_keyed_by_the_hash_of_its_text(store: Store) -> None:
    store.add_screened(dropped(WEATHER.model_copy(update={"url": None})))
    assert store.screened()[0].key.startswith("sha256:")


def test_since_lists_only_those_screened_out_from_then_on(store: Store) -> None:
    store.add_screened(dropped())
    now = dt.datetime.now(dt.UTC)
    assert len(store.screened(now - dt.timedelta(hours=1))) == 1
    assert store.screened(now + dt.timedelta(hours=1)) == []


def test_storing_the_article_later_takes_it_off_the_list(store: Store) -> None:
    store.add_screened(dropped())
    record = ExtractionRecord(article=ArticleMeta.of(WEATHER), events=[])
    store.add(record)
    assert store.screened() == []
    # And an article stored already is not listed when a screened ingest drops it.
    assert not store.add_screened(dropped())
    assert store.count_screened() == 0


def test_a_store_of_the_previous_revision_is_migrated_to_hold_them(store_url: str) -> None:
    from truceline.store import migrate
    from truceline.store.engine import make_engine, parse_url

    old = make_engine(parse_url(store_url), write=True)
    with old.begin() as conn:
        migrate.upgrade(conn, "0010")
    old.dispose()
    with Store.open(store_url, write=True) as store:
        assert store.migrated and store.migrated.endswith(f"to {migrate.head_revision()}")
        assert store.add_screened(dropped())
        assert store.count_screened() == 1
