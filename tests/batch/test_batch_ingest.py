"""`truceline batch ingest` loads a batch run into the store `truceline ingest` would build.

Both stores are made from the same inputs (conftest.py's Spark run): one by
`truceline ingest`, one by `truceline batch ingest` of the run's tables; their
articles, reported events and derived record must be equal, on SQLite and
PostgreSQL. A load that stops midway keeps the chunks it committed and, run
again, adds the rest and nothing twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

from truceline import api
from truceline.asof import stored_record
from truceline.batch import load as batch_load
from truceline.cli import app
from truceline.store import Store


def snapshot(url: str) -> dict[str, Any]:
    """Everything a reader of the store sees, less the times it was written at."""
    with Store.open(url) as store:
        return {
            "articles": [a.model_dump(exclude={"ingested_at"}) for a in store.articles(limit=1000)],
            "reported": [e.model_dump() for e in store.reported_events()],
            "record": stored_record(store).model_dump(mode="json"),
            "counts": store.counts().model_dump(),
        }


def batch_ingest(directory: object, url: str, *extra: str) -> str:
    result = CliRunner().invoke(app, ["batch", "ingest", str(directory), "--db", url, *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(params=["sqlite", "postgresql"])
def two_urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty databases of one kind: SQLite files, or PostgreSQL schemas."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
        return
    base: str = request.getfixturevalue("postgres_url")
    schemas = [f"t_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    with psycopg.connect(base, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    first, second = (f"{base}{separator}options=-csearch_path%3D{s}" for s in schemas)
    yield first, second
    with psycopg.connect(base, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_a_store_loaded_from_batch_output_equals_the_one_truceline_ingest_builds(
    spark_run, two_urls, extractor
) -> None:
    ingested, loaded = two_urls
    outcomes = list(api.ingest([spark_run.inputs], db=ingested, extractor=extractor))
    assert sum(isinstance(o, api.IngestOutcome) for o in outcomes) == 69
    said = batch_ingest(spark_run.output, loaded, "--chunk", "7")
    assert said.startswith("loaded 69 records: 69 added, 0 unchanged, 0 updated;")
    expected = snapshot(ingested)
    assert expected["counts"]["story_events"] > 50
    assert snapshot(loaded) == expected


def test_a_load_stopped_midway_resumes_to_what_one_clean_load_stores(
    spark_run, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    batch_ingest(spark_run.output, clean, "--chunk", "5")

    whole = batch_load.BatchOutput.records
    served = 0

    def stopping(self, part: int):  # the load dies after 23 records were handed over
        nonlocal served
        for record in whole(self, part):
            if served == 23:
                raise KeyboardInterrupt
            served += 1
            yield record

    resumed = f"sqlite:///{tmp_path / 'resumed.db'}"
    monkeypatch.setattr(batch_load.BatchOutput, "records", stopping)
    with pytest.raises(KeyboardInterrupt), Store.open(resumed, write=True) as store:
        list(batch_load.load(batch_load.check_output(spark_run.output), store, chunk=5))
    with Store.open(resumed) as store:
        assert store.count_articles() == 20  # four chunks of five committed, the fifth not
    monkeypatch.setattr(batch_load.BatchOutput, "records", whole)

    said = batch_ingest(spark_run.output, resumed, "--chunk", "5")
    assert said.startswith("loaded 69 records: 49 added, 20 unchanged, 0 updated;")
    assert snapshot(resumed)["counts"] == snapshot(clean)["counts"]
    assert snapshot(resumed)["articles"] == snapshot(clean)["articles"]
    assert snapshot(resumed)["record"] == snapshot(clean)["record"]


def test_batch_ingest_of_a_folder_that_is_no_batch_run_says_what_to_give(tmp_path) -> None:
    result = CliRunner().invoke(
        app, ["batch", "ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 's.db'}"]
    )
    assert result.exit_code == 2
    assert "give the --output folder of a `truceline batch extract` run" in result.output
