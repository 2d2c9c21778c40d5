"""``truceline rebuild --spark-master local[2]``: the single-machine record, reconciled on Spark.

Each corpus of the project is ingested into a store (rebuilt on one machine
as ingest does), then rebuilt on Spark; the story events (ids included),
contradictions, the derived negotiation and what the store then holds must
equal the single-machine ones. One Spark session (local[2]) serves the module:
the rebuild uses an active session rather than start its own.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truceline import api, corrections
from truceline.cli import app
from truceline.store import Store

ROOT = Path(__file__).parents[2]
CORPORA = {
    "demo": ROOT / "corpora" / "demo" / "articles",
    "dev": ROOT / "corpora" / "dev" / "articles",
    "reconcile": ROOT / "corpora" / "reconcile" / "articles",
    "store-fixture": ROOT / "tests" / "fixtures" / "store" / "reports.jsonl",
}
CORRECTIONS = ROOT / "tests" / "fixtures" / "corrections" / "reports.jsonl"
MASTER = "local[2]"


def _missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install 'truceline[spark]')"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "Java is not installed (Spark needs Java 17+)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=str(_missing()))


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(MASTER).appName("truceline tests")
    session = builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def stored_record(store: Store) -> tuple[list, list, dict]:
    """What the store holds of the derived record, as the reports read it."""
    summary = api.summary(store)
    return store.story_events(), store.contradictions(), summary.model_dump(mode="json")


def equal_rebuilds(url: str) -> None:
    """Rebuild on one machine, then on Spark; everything the rebuild makes must be equal."""
    with Store.open(url, write=True) as store:
        single = api.rebuild(store)
        single_stored = stored_record(store)
        on_spark = api.rebuild(store, spark_master=MASTER)
        spark_stored = stored_record(store)
    assert single[0].story_events, "the corpus gave no story events: nothing was compared"
    assert [s.id for s in on_spark[0].story_events] == [s.id for s in single[0].story_events]
    assert on_spark[0] == single[0]
    assert on_spark[1] == single[1]
    assert spark_stored == single_stored


def ingested(url: str, path: Path, extractor) -> str:
    outcomes = list(api.ingest([path], db=url, extractor=extractor))
    assert any(isinstance(o, api.IngestOutcome) for o in outcomes), outcomes
    return url


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_spark_rebuild_equals_the_single_machine_rebuild_on_sqlite(
    spark, corpus, tmp_path, extractor
):
    url = ingested(f"sqlite:///{tmp_path / 'store.db'}", CORPORA[corpus], extractor)
    equal_rebuilds(url)


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_spark_rebuild_equals_the_single_machine_rebuild_on_postgresql(spark, store_url, extractor):
    equal_rebuilds(ingested(store_url, CORPORA["demo"], extractor))


def test_spark_rebuild_keeps_an_analysts_merge_across_types_and_split(spark, tmp_path, extractor):
    url = ingested(f"sqlite:///{tmp_path / 'store.db'}", CORRECTIONS, extractor)
    with Store.open(url, write=True) as store:
        corrections.merge_stories(store, ["propose-2", "accept-1"], author="ana")
        corrections.split_story(store, "accept-1", 3, author="ana")
        corrections.merge_stories(store, ["propose-8", "release-5"], author="bo")
    equal_rebuilds(url)
    with Store.open(url) as store:
        grouped = sorted(s.reports for s in store.story_events())
    # propose-2 [2, 4] + accept-1 [1, 3], then 3 set apart; propose-8 [8] + release-5 [5]
    assert grouped == [[1, 2, 4], [3], [5, 8], [6, 7]]


def test_rebuild_command_on_spark_says_what_it_rebuilt(spark, tmp_path, extractor):
    url = ingested(f"sqlite:///{tmp_path / 'store.db'}", CORPORA["store-fixture"], extractor)
    with Store.open(url) as store:
        before = store.story_events()
    done = CliRunner().invoke(app, ["rebuild", "--db", url, "--spark-master", MASTER])
    assert done.exit_code == 0, done.output
    assert done.output.startswith("rebuilt the record of 4 articles: ")
    with Store.open(url) as store:
        assert store.story_events() == before
