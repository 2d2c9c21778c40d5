"""A command imports only what it uses: the cold start of ``--help`` and of a report.

Each check runs the command in a fresh interpreter and reads ``sys.modules``
when it ends: asking for help imports Typer and not the store, the record's
models or Rich; a report reads the store without spaCy, the readers, the web
stack or SQLAlchemy's ORM. A new top-level import that drags one of these into every
command fails here, with the module named.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from truceline import api

FIXTURES = Path(__file__).parent / "fixtures" / "reports"

# What extraction, ingest, exports to Parquet, notebooks and `serve` need, and no report.
NEVER_IN_A_REPORT = {
    "spacy",
    "trafilatura",
    "htmldate",
    "feedparser",
    "dateparser",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "pandas",
    "pyarrow",
    "pyspark",
    "alembic",
    "sqlalchemy.orm",
}
# Help is Typer's: not even the store, the record's types or Rich (Typer itself reads a
# command's options with pydantic, so that one is its business).
NEVER_IN_HELP = NEVER_IN_A_REPORT | {"sqlalchemy", "rich", "yaml", "truceline.record"}

# Runs the CLI with the given arguments, then prints on stderr's last line which of the
# modules asked about were imported.
PROBE = """
import json, sys
asked = json.loads(sys.argv[1])
sys.argv = ["truceline", *sys.argv[2:]]
try:
    from truceline.cli import app
    if len(sys.argv) > 1:
        app()
finally:
    print(json.dumps(sorted(m for m in asked if m in sys.modules)), file=sys.stderr)
"""


def imported(args: list[str], asked: set[str]) -> tuple[list[str], subprocess.CompletedProcess]:
    """Which of ``asked`` running ``truceline ARGS`` (no ARGS: importing the CLI) imports."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(sorted(asked)), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(done.stderr.strip().splitlines()[-1]), done


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'reports.db'}"
    outcomes = list(api.ingest([FIXTURES], db=url, extractor=extractor))
    assert all(isinstance(o, api.IngestOutcome) for o in outcomes), outcomes
    return url


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], ["summary", "--help"], ["batch", "extract", "--help"], ["--version"]],
)
def test_importing_the_cli_and_asking_for_help_import_only_typer(args):
    found, done = imported(args, NEVER_IN_HELP)
    assert done.returncode == 0, done.stderr
    assert found == []


@pytest.mark.parametrize(
    "args",
    [
        ["summary"],
        ["timeline"],
        ["ledger", "--json"],
        ["show", "1"],
        ["export", "--format", "csv"],
    ],
    ids=["summary", "timeline", "ledger", "show", "export"],
)
def test_a_report_reads_the_store_without_extraction_web_or_orm(db, args):
    found, done = imported([*args, "--db", db], NEVER_IN_A_REPORT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()  # the report was printed
    assert found == []


def test_a_report_as_of_a_date_builds_its_record_without_extraction_or_web(db):
    # It migrates a scratch store (Alembic) and reconciles; it never loads spaCy or the web.
    found, done = imported(
        ["summary", "--as-of", "2025-03-20", "--db", db], NEVER_IN_A_REPORT - {"alembic"}
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    assert found == []
