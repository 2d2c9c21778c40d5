"""One Spark run shared by the batch tests: the project's corpora plus rows written to fail.

Starting Spark and loading the model in its workers costs tens of seconds, so
the run over ``inputs`` (corpora/dev and corpora/demo, a JSONL file of a good
report, a report about no negotiation, a line that is not JSON and a record
without text) is made once per session, on ``local[2]`` as CI runs it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from truceline.batch.spark import BatchRun, run_extract

CORPORA = Path(__file__).parents[2] / "corpora"

MIXED_LINES = [
    json.dumps(
        {
            "id": "good-1",
            "url": "https://harbour-post.example/2025/02/04/talks",
            "outlet": "Harbour Post",
            "published": "2025-02-04",
            "title": "Mediators say both sides accepted a 30-day truce",
            "text": "Egyptian mediators said on Tuesday that Israel and Hamas had accepted "
            "a 30-day truce, under which 12 hostages would be freed in exchange for 120 "
            "Palestinian prisoners.",
        }
    ),
    "{this line is not JSON",
    json.dumps({"id": "no-text", "title": "A record with a title and nothing else"}),
    json.dumps(
        {
            "id": "weather-1",
            "published": "2025-02-04",
            "title": "Rain expected over the weekend",
            "text": "Forecasters expect heavy rain over the coast this weekend, with "
            "temperatures falling to eight degrees by Sunday evening.",
        }
    ),
]


@dataclass(frozen=True)
class SparkRun:
    inputs: Path
    output: Path
    run: BatchRun


@pytest.fixture(scope="session")
def spark_run(tmp_path_factory: pytest.TempPathFactory) -> SparkRun:
    root = tmp_path_factory.mktemp("batch")
    inputs = root / "inputs"
    shutil.copytree(CORPORA / "dev" / "articles", inputs / "dev")
    shutil.copytree(CORPORA / "demo" / "articles", inputs / "demo")
    (inputs / "mixed.jsonl").write_text("\n".join(MIXED_LINES) + "\n", encoding="utf-8")
    output = root / "output"
    run = run_extract(str(inputs), str(output), master="local[2]")
    return SparkRun(inputs, output, run)


@pytest.fixture(scope="session")
def single_run(spark_run: SparkRun, extractor) -> list[object]:
    """What `truceline extract` yields on the same inputs (records, screened out, problems)."""
    from truceline import api

    return list(api.extract([spark_run.inputs], extractor=extractor))


def write_run(items: list[object], folder: Path, *, per_part: int = 50) -> Path:
    """A batch run of ``items`` (records and screened-out articles, in input order) written
    as `truceline batch extract` writes one, without Spark: ``per_part`` items per part."""
    from truceline.batch.tables import COLUMNS, outcome_rows, write_parquet

    rows: dict[str, list[tuple[object, ...]]] = {name: [] for name in COLUMNS}
    for n, item in enumerate(items):
        for name, found in outcome_rows(n, n // per_part, item).items():  # type: ignore[arg-type]
            rows[name].extend(found)
    write_parquet(rows, folder)
    return folder
