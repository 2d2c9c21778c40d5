"""`truceline batch ingest` loads a batch run into the store `truceline ingest` would build.

Both stores are made from the same inputs (conftest.py's Spark run): one by
`truceline ingest`, one by `truceline batch ingest` of the run's tables; their
articles, versions, reported events and roles (row ids included), screened-out
list and derived record must be equal, on SQLite and PostgreSQL, after a first
load and after a second one that revises articles (a revision within one chunk
included). A load killed midway keeps the chunks it committed and, run again,
adds the rest and nothing twice.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from store.interrupted import kill_once_stored
from truceline import api
from truceline.asof import stored_record
from truceline.cli import app
from truceline.extract.screened import ScreenedOut
from truceline.record import ExtractionRecord
from truceline.store import Store

from .conftest import write_run

HISTORY = {
    "versions": "SELECT v.id, v.article_id, a.key, v.version, v.text_sha256, v.superseded,"
    " v.title, v.outlet, v.published, v.record FROM article_versions v"
    " JOIN articles a ON a.id = v.article_id ORDER BY v.id",
    "events": 'SELECT id, version_id, article_id, seq, "current", type, date, modality,'
    " sourcing, source_actor, source_text, outlet, published, payload FROM events ORDER BY id",
    "roles": "SELECT event_id, actor_id, role FROM event_actors ORDER BY event_id, actor_id, role",
}
"""Every row of the reported layer, superseded ones included, with its id."""


SEARCHES = ("hostages", "talks resume cairo", "rain coast")
"""Words of many articles, of the revised ones only, of the screened-out one only (none)."""


def snapshot(url: str) -> dict[str, Any]:
    """Everything a reader of the store sees, and every reported row with its id, less the
    times it was written at."""
    with Store.open(url) as store:
        with store.engine.connect() as conn:
            history = {
                name: [tuple(row) for row in conn.execute(text(sql))]
                for name, sql in HISTORY.items()
            }
        return {
            "articles": [a.model_dump(exclude={"ingested_at"}) for a in store.articles(limit=1000)],
            "reported": [e.model_dump() for e in store.reported_events()],
            "screened": sorted(
                (s.model_dump(exclude={"screened_at"}) for s in store.screened()),
                key=lambda s: s["key"],
            ),
            "history": history,
            "search": [store.search(q, limit=500).model_dump(mode="json") for q in SEARCHES],
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
    assert said.startswith("loaded 69 records: 69 added, 0 unchanged, 0 updated; 1 screened out;")
    expected = snapshot(ingested)
    assert expected["counts"]["story_events"] > 50
    assert [s["source_id"] for s in expected["screened"]] == ["weather-1"]
    assert snapshot(loaded) == expected


REVISED = "\nTalks were due to resume in Cairo on Monday, two officials said.\n"
"""A paragraph added to articles of the first load: their second version."""


def revised_inputs(first: Path, folder: Path) -> Path:
    """The first load's inputs with three articles revised, the screened-out one rewritten,
    and one article revised twice more at the end (in one chunk of a large ``--chunk``)."""
    shutil.copytree(first, folder)
    dev = sorted((folder / "dev").iterdir())
    for path in dev[:3]:
        path.write_text(path.read_text(encoding="utf-8") + REVISED, encoding="utf-8")
    mixed = folder / "mixed.jsonl"
    mixed.write_text(
        mixed.read_text(encoding="utf-8").replace("eight degrees", "seven degrees"),
        encoding="utf-8",
    )
    meta, body = dev[0].read_text(encoding="utf-8").split("\n---\n", 1)
    url = next(line[5:] for line in meta.splitlines() if line.startswith("url: "))
    later = [
        {"id": f"late-{i}", "url": url, "published": "2025-03-0" + str(i), "text": body + extra}
        for i, extra in enumerate(("Officials declined to comment.", "Nothing was signed."), 1)
    ]
    (folder / "zz-late.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in later), encoding="utf-8"
    )
    return folder


def test_a_second_load_that_revises_articles_leaves_the_store_a_second_ingest_leaves(
    spark_run, two_urls, extractor, tmp_path
) -> None:
    ingested, loaded = two_urls
    second = revised_inputs(spark_run.inputs, tmp_path / "second")
    list(api.ingest([spark_run.inputs], db=ingested, extractor=extractor))
    list(api.ingest([second], db=ingested, extractor=extractor))
    items = [
        item
        for item in api.extract([second], extractor=extractor)
        if isinstance(item, ExtractionRecord | ScreenedOut)
    ]
    run = write_run(items, tmp_path / "second-run", per_part=1000)

    batch_ingest(spark_run.output, loaded, "--chunk", "7")
    said = batch_ingest(run, loaded, "--chunk", "1000")

    assert said.startswith("loaded 71 records: 0 added, 66 unchanged, 5 updated; 1 screened out;")
    expected = snapshot(ingested)
    assert expected["counts"]["versions"] == 69 + 5
    assert snapshot(loaded) == expected


def copies(items: list[object], times: int) -> list[object]:
    """``items`` ``times`` over, each copy under new URLs (so each is new articles)."""
    copied: list[object] = []
    for copy in range(times):
        for item in items:
            if isinstance(item, ExtractionRecord):
                meta = item.article
                url = f"{meta.url or 'https://copies.example/' + meta.id}?copy={copy}"
                article = meta.model_copy(update={"url": url, "id": f"{meta.id}-{copy}"})
                copied.append(item.model_copy(update={"article": article}))
            elif isinstance(item, ScreenedOut):
                url = f"{item.url or 'https://copies.example/' + item.article_id}?copy={copy}"
                copied.append(dataclasses.replace(item, url=url))
    return copied


def test_a_load_killed_midway_resumes_to_what_one_clean_load_stores(
    single_run, tmp_path: Path
) -> None:
    items = copies(list(single_run), 6)
    records = sum(isinstance(item, ExtractionRecord) for item in items)
    run = write_run(items, tmp_path / "run")
    killed = tmp_path / "killed.db"
    command = [sys.executable, "-m", "truceline.cli", "batch", "ingest", str(run)]
    stopped_at = kill_once_stored(
        [*command, "--db", f"sqlite:///{killed}", "--chunk", "3"], killed, 30
    )
    assert 30 <= stopped_at < records, "the kill did not land in the middle of the load"

    said = batch_ingest(run, f"sqlite:///{killed}", "--chunk", "3")
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    batch_ingest(run, clean, "--chunk", "50")

    assert said.startswith(
        f"loaded {records} records: {records - stopped_at} added, {stopped_at} unchanged, "
        "0 updated;"
    )
    assert snapshot(f"sqlite:///{killed}") == snapshot(clean)


def test_batch_ingest_of_a_folder_that_is_no_batch_run_says_what_to_give(tmp_path) -> None:
    result = CliRunner().invoke(
        app, ["batch", "ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 's.db'}"]
    )
    assert result.exit_code == 2
    assert "give the --output folder of a `truceline batch extract` run" in result.output
