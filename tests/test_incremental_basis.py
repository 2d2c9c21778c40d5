"""Which rebuild an ingest does: incremental only on the basis the stored record was built on.

An incremental rebuild reconciles only the islands new reports reach and keeps
the rest of the record as stored, so the stored record must have been built with
what a rebuild now uses: a ``config set`` of the gazetteer or the processes since
the last rebuild makes the next one full (every process then reads the new names),
and a store upgraded from before spans were kept is reconciled whole once.
Which way was taken is seen through the two steps of the incremental path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete

from truceline import api, incremental
from truceline.configuration import set_config
from truceline.store import Store
from truceline.store.spans import keep_spans
from truceline.store.tables import DerivedBasisRow, StorySpanRow

DEMO = sorted((Path(__file__).resolve().parents[1] / "corpora" / "demo" / "articles").glob("*.md"))

GAZETTEER = """\
actors:
  - id: WAK
    kind: state
    name: Wakanda
    aliases: [Wakanda]
"""


@pytest.fixture
def paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records which incremental step each rebuild went through."""
    taken: list[str] = []
    reached, refresh = incremental.reconcile_reached, incremental.refresh

    def spy_reached(*args, **kwargs):  # type: ignore[no-untyped-def]
        taken.append("reached")
        return reached(*args, **kwargs)

    def spy_refresh(*args, **kwargs):  # type: ignore[no-untyped-def]
        taken.append("refresh" if kwargs.get("reached") is None else "refresh reached")
        return refresh(*args, **kwargs)

    monkeypatch.setattr(incremental, "reconcile_reached", spy_reached)
    monkeypatch.setattr(incremental, "refresh", spy_refresh)
    return taken


def ingest(store: Store, files: list[Path], extractor) -> None:  # type: ignore[no-untyped-def]
    for _ in api.ingest([str(f) for f in files], db=store, extractor=extractor):
        pass


def test_an_ingest_into_a_store_built_on_the_same_basis_reconciles_what_it_reaches(
    tmp_path, extractor, paths
) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}", write=True) as store:
        ingest(store, DEMO[:-1], extractor)
        paths.clear()
        ingest(store, DEMO[-1:], extractor)
        spans = {s.id for s in store.story_spans()}
        stories = set(store.derived_state().stories)
    assert paths == ["reached", "refresh reached"]
    assert spans == stories


def test_a_gazetteer_set_since_the_last_rebuild_makes_the_next_ingest_rebuild_in_full(
    tmp_path, extractor, paths
) -> None:
    gazetteer = tmp_path / "gazetteer.yaml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}", write=True) as store:
        ingest(store, DEMO[:-2], extractor)
        version, _ = set_config(store, "gazetteer", [gazetteer])
        paths.clear()
        ingest(store, DEMO[-2:-1], extractor)
        assert paths == []  # neither incremental step: a full rebuild
        assert f'"gazetteer": {version.version}' in (store.derived_basis() or "")
        ingest(store, DEMO[-1:], extractor)
    assert paths == ["reached", "refresh reached"]  # the basis is the new one again


def test_a_store_with_no_basis_is_reconciled_whole_once_and_keeps_every_span(
    tmp_path, extractor, paths
) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}", write=True) as store:
        ingest(store, DEMO[:-2], extractor)
        with store.engine.begin() as conn:  # as a store upgraded from before spans were kept
            conn.execute(delete(StorySpanRow))
            conn.execute(delete(DerivedBasisRow))
        paths.clear()
        ingest(store, DEMO[-2:-1], extractor)
        assert paths == ["refresh"]
        assert {s.id for s in store.story_spans()} == set(store.derived_state().stories)
        ingest(store, DEMO[-1:], extractor)
    assert paths == ["refresh", "reached", "refresh reached"]


def test_spans_written_with_a_record_replace_those_of_the_stories_dropped(tmp_path) -> None:
    from truceline.record import StorySpan
    from truceline.store.spans import SpanWrite

    with Store.open(f"sqlite:///{tmp_path / 'store.db'}", write=True) as store:
        one, two = (
            StorySpan("a-1", "AGREE", "occurred", "fine", 1, 2, 1, 1),
            StorySpan("a-2", "AGREE", "occurred", "fine", 5, 6, 5, 7),
        )
        with store.engine.begin() as conn:
            keep_spans(conn, SpanWrite([one, two], None, "b1"))
            keep_spans(conn, SpanWrite([one._replace(hi=3)], {"a-1"}, "b2"))
        assert sorted(store.story_spans()) == [one._replace(hi=3), two]
        assert store.derived_basis() == "b2"
