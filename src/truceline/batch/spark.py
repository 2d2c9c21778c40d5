"""``truceline batch extract`` as a Spark job: read, order, extract per partition, write Parquet.

The job is the single-machine pipeline cut where Spark can spread it: Spark
reads the inputs from any path it reaches (``file:``, ``hdfs://``, ``s3a://``),
executors turn them into articles with truceline's readers
(:mod:`truceline.batch.reading`), the archive is sorted into input order and
numbered (so output never depends on how Spark split the work), each partition
goes through the extractor, built once per executor worker
(:mod:`truceline.batch.extracting`), and every table of
:mod:`truceline.batch.tables` is written from the same cached rows. Nothing an
article does stops the job: it becomes a row of ``problems``.

This is the only module that imports pyspark, and only inside :func:`session` (which\n:mod:`truceline.batch.reconcile` uses too) and the job's functions.
"""

from __future__ import annotations

import math
import os
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from truceline.batch.extracting import ExtractSettings, TableRow, partition_rows
from truceline.batch.reading import (
    ReadSettings,
    SortKey,
    file_outcomes,
    is_article_file,
    row_outcomes,
)
from truceline.batch.tables import COLUMNS, spark_schema
from truceline.errors import TrucelineError
from truceline.ingest.article import ReadOutcome

ARTICLES_PER_PARTITION = 500
"""How many articles one partition holds when ``--partitions`` is not given: enough that
loading the model once per worker is cheap beside them, few enough that a loader holds one
partition of every table in memory (``truceline batch ingest`` loads a partition at a time)."""


class SparkUnavailable(TrucelineError):
    """pyspark (the ``spark`` extra) or the Java it runs on is missing."""


@dataclass(frozen=True)
class BatchRun:
    """What a run wrote: rows per table, and the partitions the archive was cut into."""

    output: str
    rows: dict[str, int]
    partitions: int


def run_extract(
    source: str,
    output: str,
    *,
    master: str | None = None,
    partitions: int | None = None,
    read: ReadSettings | None = None,
    extract: ExtractSettings | None = None,
) -> BatchRun:
    """Extract every article under ``source`` into Parquet tables under ``output``.

    ``source`` is a file or folder of files the readers know (text, Markdown,
    HTML, feeds, JSON, JSONL), or Parquet of article rows (a path ending in
    ``.parquet``, or a local folder of ``.parquet`` files) with the fields of a
    JSONL record. ``master`` is Spark's (``local[2]``, ``spark://host:7077``);
    None leaves it to ``spark-submit`` or Spark's default. Existing tables under
    ``output`` are replaced.
    """
    spark, owned = session(master, "truceline batch extract")
    try:
        with warnings.catch_warnings():
            # pyspark checks pandas' version as it converts rows; batch jobs never use pandas.
            warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas")
            counted, written = _run(spark, source, output, partitions, read, extract)
    finally:
        if owned:
            spark.stop()
    return BatchRun(output, {table: counted.get(table, 0) for table in COLUMNS}, written)


def _run(
    spark: Any,
    source: str,
    output: str,
    partitions: int | None,
    read: ReadSettings | None,
    extract: ExtractSettings | None,
) -> tuple[dict[str, int], int]:
    outcomes = _read(spark, source, read or ReadSettings())
    outcomes.persist(_storage(spark))
    total = outcomes.count()
    wanted = partitions or max(
        spark.sparkContext.defaultParallelism, math.ceil(total / ARTICLES_PER_PARTITION)
    )
    rows = _extracted(outcomes, max(1, wanted), extract or ExtractSettings())
    rows.persist(_storage(spark))
    for table in COLUMNS:
        frame = spark.createDataFrame(
            rows.filter(lambda row, t=table: row[0] == t).map(lambda row: row[1]),
            schema=spark_schema(table),
        )
        frame.write.mode("overwrite").parquet(f"{output.rstrip('/')}/{table}")
    counted = dict(rows.map(lambda row: row[0]).countByValue())
    written = rows.getNumPartitions()
    rows.unpersist()
    outcomes.unpersist()
    return counted, written


def session(master: str | None, app: str) -> tuple[Any, bool]:
    """The Spark session (one already active in this process, else a new one named ``app``)
    and whether this call owns it (and so stops it when done).

    A session already running (``spark-submit``, a notebook, the tests) is used as it is and
    left running, so one JVM serves every job of a process.
    """
    try:
        with warnings.catch_warnings():
            # pyspark checks pandas' version as it loads; batch jobs never use pandas.
            warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas")
            from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable(
            "truceline on Spark needs pyspark: pip install 'truceline[spark]' (and Java 17+)"
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName(app).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    if (master or "local").startswith("local"):
        # Local executors run this interpreter, where truceline and its model are installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: no Java, or a bad master
        raise SparkUnavailable(f"Spark could not start ({' '.join(str(exc).split())})") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark, True


def _storage(spark: Any) -> Any:
    from pyspark import StorageLevel

    return StorageLevel.MEMORY_AND_DISK


def _is_parquet(source: str) -> bool:
    if source.rstrip("/").endswith(".parquet"):
        return True
    folder = Path(source)
    return "://" not in source and folder.is_dir() and any(folder.glob("*.parquet"))


def _read(spark: Any, source: str, settings: ReadSettings) -> Any:
    """The articles, problems and notices of ``source``, each keyed by where it came from."""
    if _is_parquet(source):
        from pyspark.sql.functions import input_file_name

        frame = spark.read.parquet(source).withColumn("_file", input_file_name())

        def rows(pair: tuple[Any, int]) -> Iterator[tuple[SortKey, ReadOutcome]]:
            row, index = pair
            fields = row.asDict()
            uri = fields.pop("_file")
            return row_outcomes(uri, index + 1, fields, settings)

        return frame.rdd.zipWithIndex().flatMap(rows)
    files = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(source)
        .select("path", "content")
    )
    return files.rdd.flatMap(
        lambda row: (
            file_outcomes(row.path, bytes(row.content), settings)
            if is_article_file(row.path)
            else []
        )
    )


def _extracted(outcomes: Any, partitions: int, settings: ExtractSettings) -> Any:
    """The table rows of every outcome, in input order, cut into ``partitions``."""
    ordered = outcomes.sortBy(lambda pair: pair[0], numPartitions=partitions)

    def extract(
        part: int, pairs: Iterator[tuple[tuple[SortKey, ReadOutcome], int]]
    ) -> Iterator[TableRow]:
        numbered = ((n, outcome) for (_, outcome), n in pairs)
        return partition_rows(part, numbered, settings)

    return ordered.zipWithIndex().mapPartitionsWithIndex(extract)
