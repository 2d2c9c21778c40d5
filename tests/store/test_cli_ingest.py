"""`truceline ingest` and `truceline migrate`, run for real on temporary databases."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from truceline.api import ingest
from truceline.cli import app
from truceline.reports.format import plural
from truceline.store import Store

from .conftest import REPORTS
from .interrupted import kill_once_stored
from .test_opening import HEAD, at_first_migration


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def tally_line(db: Path, added: int, unchanged: int, updated: int, failed: int) -> str:
    with Store.open(db) as store:
        counts = store.counts()
    total = added + unchanged + updated + failed
    return (
        f"ingested {plural(total, 'article')}: {added} added, {unchanged} unchanged, "
        f"{updated} updated, {failed} failed; {plural(counts.story_events, 'story event')}, "
        f"{plural(counts.contradictions, 'contradiction')}\n"
    )


def test_ingest_stores_the_reports_and_ends_with_a_tally(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", str(REPORTS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout == tally_line(db, 4, 0, 0, 0)
    with Store.open(db) as store:
        assert store.counts().articles == 4


def test_ingesting_the_same_reports_again_changes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    runner.invoke(app, ["ingest", str(REPORTS), "--db", db])
    result = runner.invoke(app, ["ingest", str(REPORTS), "--db", db])
    assert result.exit_code == 0
    assert result.stdout == tally_line(tmp_path / "t.db", 0, 4, 0, 0)


def test_a_bad_input_line_is_named_and_the_rest_is_stored(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    lines = REPORTS.read_text().splitlines()
    bad.write_text(f"{lines[0]}\n{{not json\n{lines[1]}\n")
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(db)])
    assert result.exit_code == 1
    assert f"{bad}:2: line is not valid JSON" in result.stderr
    assert result.stdout == tally_line(db, 2, 0, 0, 1)


def test_an_unreachable_database_is_a_usage_error_before_anything_is_read(
    runner: CliRunner,
) -> None:
    result = runner.invoke(
        app, ["ingest", str(REPORTS), "--db", "postgresql://me:pw@127.0.0.1:1/x"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot reach the database server at 127.0.0.1:1")
    assert "pw@" not in result.stderr


def test_ingest_migrates_an_older_store_and_says_so(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    at_first_migration(f"sqlite:///{db}")
    result = runner.invoke(app, ["ingest", str(REPORTS), "--db", str(db)])
    assert result.exit_code == 0
    assert result.stderr == f"migrated store sqlite:///{db} from schema 0001 to {HEAD}\n"


def test_migrate_brings_an_older_store_up_to_date_once(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    at_first_migration(f"sqlite:///{db}")
    first = runner.invoke(app, ["migrate", "--db", str(db)])
    second = runner.invoke(app, ["migrate", "--db", str(db)])
    assert first.stderr == f"migrated store sqlite:///{db} from schema 0001 to {HEAD}\n"
    assert second.stdout == f"store sqlite:///{db} is up to date\n"


def test_ingest_of_one_article_says_article_not_articles(runner: CliRunner, tmp_path: Path) -> None:
    one = tmp_path / "one.jsonl"
    one.write_text(REPORTS.read_text().splitlines()[0] + "\n")
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", str(one), "--db", str(db)])
    assert result.stdout.startswith("ingested 1 article: 1 added,")
    assert result.stdout == tally_line(db, 1, 0, 0, 0)


def test_ingest_of_a_path_that_does_not_exist_says_so_and_creates_no_store(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "t.db"
    missing = tmp_path / "reprots.jsonl"
    result = runner.invoke(app, ["ingest", str(REPORTS), str(missing), "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {missing} does not exist; nothing was ingested (check the path)\n"
    )
    assert not db.exists()


def test_ingest_options_raise_the_size_and_length_limits(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = runner.invoke(
        app, ["ingest", str(REPORTS), "--db", str(db), "--max-bytes", "100", "--max-chars", "50"]
    )
    assert result.exit_code == 1
    assert "raise it with --max-bytes" in result.stderr
    result = runner.invoke(app, ["ingest", str(REPORTS), "--db", str(db), "--max-chars", "50"])
    assert "raise it with --max-chars" in result.stderr


def test_summary_of_a_store_whose_first_rebuild_never_finished_says_what_to_run(
    runner: CliRunner, tmp_path: Path, records
) -> None:
    db = tmp_path / "t.db"
    list(ingest([REPORTS], db=str(db), rebuild=False))
    # The count extraction gives, not the store's own: the message must report what was stored.
    events = sum(len(r.events) for r in records.values())
    result = runner.invoke(app, ["summary", "--db", str(db)])
    assert result.exit_code == 0
    assert (
        f"The store sqlite:///{db} holds 4 articles with {events} reported events but no "
        "reconciled record: its last rebuild did not finish. Run "
        f"`truceline rebuild --db sqlite:///{db}`."
    ) in result.stderr
    rebuilt = runner.invoke(app, ["rebuild", "--db", str(db)])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert rebuilt.stdout.startswith("rebuilt the record of 4 articles: ")
    result = runner.invoke(app, ["summary", "--db", str(db)])
    assert "rebuild" not in result.stderr


# ----------------------------------------------------------- interrupted ingest


def corpus(path: Path, copies: int) -> Path:
    """Many articles: each test report in ``copies`` versions of varied text and URL."""
    base = [json.loads(line) for line in REPORTS.read_text().splitlines()]
    with path.open("w") as out:
        for n in range(copies):
            for report in base:
                article = dict(report, id=f"{report['id']}-{n}")
                article["text"] = f"{report['text']}\nThe talks resumed for the {n + 2}th time."
                if "url" in article:
                    article["url"] = f"{report['url']}?copy={n}"
                out.write(json.dumps(article) + "\n")
    return path


def ingest_command(inputs: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "truceline.cli", "ingest", str(inputs), "--db", str(db)]


def snapshot(db: Path) -> dict[str, object]:
    """Everything an interrupted-then-resumed ingest must agree on with a clean one."""
    with sqlite3.connect(db) as conn:
        per_article = conn.execute(
            "SELECT a.key, count(DISTINCT v.id), count(e.id) FROM articles a "
            "JOIN article_versions v ON v.article_id = a.id "
            "LEFT JOIN events e ON e.version_id = v.id GROUP BY a.key ORDER BY a.key"
        ).fetchall()
    with Store.open(db) as store:
        return {"counts": store.counts().model_dump(), "per_article": per_article}


def test_an_ingest_killed_midway_resumes_to_what_one_clean_run_stores(tmp_path: Path) -> None:
    inputs = corpus(tmp_path / "corpus.jsonl", copies=20)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    killed_db = tmp_path / "killed.db"
    interrupted_at = kill_once_stored(ingest_command(inputs, killed_db), killed_db, 20)
    assert 20 <= interrupted_at < 80

    resumed = subprocess.run(
        ingest_command(inputs, killed_db), env=env, capture_output=True, text=True, check=True
    )
    clean_db = tmp_path / "clean.db"
    subprocess.run(ingest_command(inputs, clean_db), env=env, capture_output=True, check=True)

    assert resumed.stdout.startswith(
        f"ingested 80 articles: {80 - interrupted_at} added, {interrupted_at} unchanged, "
        "0 updated, 0 failed;"
    )
    assert snapshot(killed_db) == snapshot(clean_db)
