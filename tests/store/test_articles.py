"""Adding articles: keyed by URL or text, idempotent, versioned, one transaction each."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text

from truceline.extract.screened import ScreenedOut
from truceline.record import ArticleMeta, ExtractionRecord
from truceline.store import AddOutcome, Store
from truceline.store import articles_write as store_articles


def revised(record: ExtractionRecord, text: str) -> ExtractionRecord:
    """The same article (same URL) with a new text and no events of the old one."""
    article = record.article.model_copy(update={"text": text})
    return record.model_copy(update={"article": article, "events": record.events[:1]})


def test_adding_an_article_stores_its_events_as_current(store: Store, records) -> None:
    record = records["harbor-1"]
    assert store.add(record) == AddOutcome.ADDED
    counts = store.counts()
    assert (counts.articles, counts.versions, counts.events) == (1, 1, len(record.events))


def test_reported_events_round_trip_the_extracted_events_exactly(store: Store, records) -> None:
    record = records["valley-1"]
    store.add(record)
    reported = store.reported_events()
    assert [r.event for r in reported] == record.events
    assert {(r.outlet, r.published) for r in reported} == {
        (record.article.outlet, record.article.published)
    }


def test_readding_the_same_url_and_text_changes_nothing(store: Store, records) -> None:
    store.add(records["harbor-1"])
    before = store.reported_events()
    assert store.add(records["harbor-1"]) == AddOutcome.UNCHANGED
    assert store.reported_events() == before
    assert store.counts().versions == 1


def test_readding_the_same_text_without_url_changes_nothing(store: Store, records) -> None:
    record = records["wire-1"]
    assert record.article.url is None
    assert store.add(record) == AddOutcome.ADDED
    assert store.add(record) == AddOutcome.UNCHANGED
    assert store.counts().articles == 1


def test_the_same_text_under_another_id_without_url_is_the_same_article(
    store: Store, records
) -> None:
    record = records["wire-1"]
    store.add(record)
    renamed = record.model_copy(update={"article": record.article.model_copy(update={"id": "x"})})
    assert store.add(renamed) == AddOutcome.UNCHANGED


def test_an_updated_text_of_a_url_replaces_its_events_and_keeps_history(
    store: Store, records
) -> None:
    record = records["harbor-1"]
    store.add(record)
    old_ids = [r.id for r in store.reported_events()]
    update = revised(record, record.article.text + "\nUpdated with a correction.")

    assert store.add(update) == AddOutcome.UPDATED

    current = store.reported_events()
    assert [r.event for r in current] == update.events
    assert not set(old_ids) & {r.id for r in current}
    counts = store.counts()
    assert (counts.articles, counts.versions, counts.events) == (1, 2, 1)
    old_event, old_article = store.reported_event(old_ids[-1])
    assert old_event.event == record.events[-1]
    assert (old_article.version, old_article.superseded) == (1, True)
    assert old_article.text == record.article.text
    assert store.article(old_article.id).version == 2


def test_an_older_text_of_an_updated_article_does_not_bring_it_back(store: Store, records) -> None:
    record = records["harbor-1"]
    store.add(record)
    store.add(revised(record, record.article.text + "\nUpdated."))
    assert store.add(record) == AddOutcome.UNCHANGED
    assert store.article(1).version == 2


def test_a_failure_in_the_middle_of_a_record_leaves_nothing_of_it(
    store: Store, records, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(records["harbor-1"])

    def fail(_event):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(store_articles, "_roles", fail)  # after the article and events rows
    with pytest.raises(RuntimeError):
        store.add(records["valley-1"])
    monkeypatch.undo()

    counts = store.counts()
    kept = len(records["harbor-1"].events)
    assert (counts.articles, counts.versions, counts.events) == (1, 1, kept)
    assert store.add(records["valley-1"]) == AddOutcome.ADDED


def test_a_record_without_text_is_refused(store: Store, records) -> None:
    record = records["harbor-1"]
    bare = record.model_copy(update={"article": ArticleMeta(id="bare", url="https://x.example/")})
    with pytest.raises(ValueError, match="include_text"):
        store.add(bare)
    assert store.counts().articles == 0


def test_text_passed_explicitly_is_stored(store: Store, records) -> None:
    record = records["harbor-1"]
    text = record.article.text
    bare = record.model_copy(update={"article": record.article.model_copy(update={"text": None})})
    store.add(bare, text)
    event_id = store.reported_events()[0].id
    assert store.reported_event(event_id)[1].text == text


# ------------------------------------------------------------------ add_many


def test_add_many_leaves_the_store_as_adding_one_by_one_does(store_url: str, records) -> None:
    updated = revised(records["harbor-1"], "Harbor, updated.")
    batch = [*records.values(), records["wire-1"], updated]
    with Store.open(store_url, write=True) as store:
        outcomes = list(store.add_many(batch, batch=2))
        counts = store.counts()
    assert outcomes == [AddOutcome.ADDED] * 4 + [AddOutcome.UNCHANGED, AddOutcome.UPDATED]
    assert (counts.articles, counts.versions) == (4, 5)


def test_add_many_rolls_back_the_failing_batch_and_keeps_earlier_ones(
    store: Store, records
) -> None:
    good = list(records.values())
    # A lone surrogate cannot be encoded: hashing the text fails inside the transaction.
    bad = good[3].model_copy(
        update={"article": good[3].article.model_copy(update={"text": "\ud800", "url": None})}
    )
    with pytest.raises(UnicodeEncodeError):
        list(store.add_many([good[0], good[1], good[2], bad], batch=2))
    assert store.counts().articles == 2


def test_add_many_refuses_a_record_without_text(store: Store, records) -> None:
    record = records["wire-1"]
    bare = record.model_copy(update={"article": record.article.model_copy(update={"text": None})})
    with pytest.raises(ValueError, match="no text"):
        list(store.add_many([bare]))
    assert store.counts().articles == 0


ROWS = {
    "articles": "SELECT id, key, source_id, url, outlet, title, published, current_version"
    " FROM articles ORDER BY id",
    "versions": "SELECT id, article_id, version, text_sha256, title, superseded,"
    " superseded_at IS NULL, record FROM article_versions ORDER BY id",
    "events": 'SELECT id, version_id, article_id, seq, "current", type, payload'
    " FROM events ORDER BY id",
    "roles": "SELECT event_id, actor_id, role FROM event_actors ORDER BY 1, 2, 3",
    "screened": "SELECT key, source_id, text_sha256, reason FROM screened_articles ORDER BY key",
}


def rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    with Store.open(url) as store, store.engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(sql))] for name, sql in ROWS.items()}


def screened_out(record: ExtractionRecord, url: str | None = None) -> ScreenedOut:
    """``record``'s article as the screen would have dropped it (under ``url`` if given)."""
    meta = record.article
    digest = hashlib.sha256((meta.text or "").encode("utf-8")).hexdigest()
    return ScreenedOut(meta.id, None, url or meta.url, meta.title, meta.outlet, None, digest, "no")


def test_one_batch_leaves_every_row_and_id_as_adding_one_by_one_does(tmp_path, records) -> None:
    harbor, wire = records["harbor-1"], records["wire-1"]
    items = [
        harbor,
        screened_out(harbor, "https://x.example/s"),
        screened_out(records["valley-1"]),
        revised(harbor, "Harbor, second text."),
        wire,
        revised(harbor, "Harbor, third text."),
        harbor,  # an older text: unchanged
        records["valley-1"],  # parsed now: no longer listed as screened out
        wire,
        screened_out(harbor),  # its text is stored: nothing listed
    ]
    one_by_one, batched = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'batch.db'}"
    with Store.open(one_by_one, write=True) as store:
        first = store.add(records["valley-1"])  # so that the batch also revises a stored article
        singly = [
            store.add(item)
            if isinstance(item, ExtractionRecord)
            else (store.add_screened(item), AddOutcome.SCREENED)[1]
            for item in [*items, revised(records["valley-1"], "Valley, second text.")]
        ]
    with Store.open(batched, write=True) as store:
        assert store.add(records["valley-1"]) == first
        together = list(
            store.add_many([*items, revised(records["valley-1"], "Valley, second text.")], batch=50)
        )
    assert together == singly
    assert singly.count(AddOutcome.UPDATED) == 3
    assert rows(batched) == rows(one_by_one)
