"""`truceline batch extract` on Spark gives what `truceline extract` gives on the same inputs.

The run (conftest.py) covers the project's corpora on local[2]; a bad row becomes a
row of the problems table and an article about no negotiation one of screened, and
the job still succeeds.
"""

from __future__ import annotations

from truceline.batch.load import check_output
from truceline.extract.screened import ScreenedOut
from truceline.ingest import ReadProblem
from truceline.record import Article, ExtractionRecord


def batch_records(directory) -> list[ExtractionRecord]:
    output = check_output(directory)
    return [record for part in output.parts() for record in output.records(part)]


def test_batch_extract_gives_the_records_of_truceline_extract_in_the_same_order(
    spark_run, single_run
) -> None:
    single = [item for item in single_run if isinstance(item, ExtractionRecord)]
    assert len(single) == 36 + 32 + 1
    assert batch_records(spark_run.output) == single


def test_the_job_is_cut_into_partitions_and_every_table_is_written(spark_run) -> None:
    output = check_output(spark_run.output)
    assert spark_run.run.partitions >= 2
    assert len(output.parts()) >= 2
    assert spark_run.run.rows["articles"] == output.count("articles") == 69
    assert output.count("claims") == output.count("events") == spark_run.run.rows["events"]


def test_a_bad_row_lands_in_problems_and_the_rest_is_extracted(spark_run, single_run) -> None:
    problems = check_output(spark_run.output).table("problems").to_table().to_pylist()
    read = sorted(
        (p["origin"].rsplit("/", 1)[-1], p["line"]) for p in problems if p["kind"] == "read"
    )
    assert read == [("mixed.jsonl", 2), ("mixed.jsonl", 3)]
    messages = {p["line"]: p["message"] for p in problems}
    single = {item.line: item.message for item in single_run if isinstance(item, ReadProblem)}
    assert {line: messages[line] for line in single} == single
    assert "good-1" in {r.article.id for r in batch_records(spark_run.output)}


def test_an_article_about_no_negotiation_is_recorded_as_screened_out(spark_run, single_run) -> None:
    screened = check_output(spark_run.output).table("screened").to_table().to_pylist()
    single = [item.article_id for item in single_run if isinstance(item, ScreenedOut)]
    assert "weather-1" in single
    assert sorted(row["id"] for row in screened) == sorted(single)


def test_parquet_article_rows_are_read_as_jsonl_records_are(tmp_path, extractor) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    from truceline.batch.spark import run_extract

    source = tmp_path / "archive.parquet"
    pq.write_table(
        pa.table(
            {
                "id": ["p-1", None, "p-3"],
                "title": ["Qatar says Hamas agreed to free 33 hostages", "Untitled", None],
                "published": [dt.date(2025, 1, 15), None, dt.date(2025, 1, 16)],
                "text": [
                    "Qatar said on Wednesday that Hamas had agreed to free 33 hostages in the "
                    "first phase of a ceasefire deal with Israel.",
                    "",
                    "Israel and Hamas exchanged accusations of delaying the truce on Thursday.",
                ],
            }
        ),
        source,
    )
    run_extract(str(source), str(tmp_path / "out"), master="local[2]")
    records = batch_records(tmp_path / "out")
    assert [r.article.id for r in records] == ["p-1", "p-3"]
    assert records[0].article.published == dt.date(2025, 1, 15)
    assert records[0].article.text.startswith("Qatar says Hamas agreed to free 33 hostages\n")
    expected = extractor.extract(
        Article(
            id="p-1",
            title="Qatar says Hamas agreed to free 33 hostages",
            published=dt.date(2025, 1, 15),
            text=records[0].article.text,
        )
    )
    assert records[0] == expected
    problems = check_output(tmp_path / "out").table("problems").to_table().to_pylist()
    assert [(p["kind"], p["line"]) for p in problems] == [("read", 2)]
    assert 'no usable "text" field' in problems[0]["message"]
