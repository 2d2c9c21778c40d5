"""``truceline batch``: archives on Apache Spark, and their bulk load into a store.

A thin layer over :mod:`truceline.batch`. Kept apart from ``cli.py``, as
``cli_config.py`` is, and built with ``cli.py``'s options and store opener
(:func:`batch_commands`), so this module does not import it. Nothing heavy is
imported until a command runs: ``extract`` imports pyspark, ``ingest`` pyarrow
and the store. No ``from __future__ import annotations``: Typer reads the
commands' annotations, which name the options given to the factory.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from truceline.store import Store

MasterOption = Annotated[
    str | None,
    typer.Option(
        "--master",
        help="Spark master: local[N] (N cores here), spark://host:7077, yarn... "
        "Default: spark-submit's, else local[*].",
    ),
]
PartitionsOption = Annotated[
    int | None,
    typer.Option(
        "--partitions",
        min=1,
        help="Partitions the archive is cut into (default: one per 500 articles, "
        "at least Spark's parallelism); each is one chunk of every output table.",
    ),
]
ChunkOption = Annotated[
    int, typer.Option("--chunk", min=1, help="Articles stored per transaction.")
]


def batch_commands(
    options: dict[str, Any],
    open_store: Callable[..., "Store"],
    say: Callable[[object], None],
    date_option: Callable[[str, str | None], Any],
) -> typer.Typer:
    """The ``batch`` group, with ``cli.py``'s shared options (by name), store opener,
    warning printer and date parser."""
    batch_app = typer.Typer(
        help="Extract an archive on Apache Spark into Parquet; bulk-load that into a store.",
        no_args_is_help=True,
    )
    DbOption = options["db"]
    PublishedOption = options["published"]
    GazetteerOption = options["gazetteer"]
    NoScreenOption = options["no_screen"]
    MaxBytesOption = options["max_bytes"]
    MaxCharsOption = options["max_chars"]
    ProcessesOption = options["processes"]

    @batch_app.command("extract")
    def batch_extract(
        source: Annotated[
            str,
            typer.Argument(
                metavar="INPUT",
                help="A file or folder of articles (text, HTML, feeds, JSON, JSONL) or of "
                "Parquet article rows, on any path Spark reads (hdfs://, s3a://...).",
            ),
        ],
        output: Annotated[
            str, typer.Option("--output", "-o", help="Folder the Parquet tables are written to.")
        ],
        master: MasterOption = None,
        partitions: PartitionsOption = None,
        published: PublishedOption = None,
        gazetteer: GazetteerOption = None,
        max_bytes: MaxBytesOption = None,
        max_chars: MaxCharsOption = None,
        no_screen: NoScreenOption = False,
    ) -> None:
        """Extract an archive on Spark: the records as Parquet tables, plus problems.

        The same readers, screen and extractor as `truceline extract`, the model
        loaded once per executor. A row or article that cannot be read or
        extracted is a row of the problems table, never a failed job.
        """
        from truceline.batch.extracting import ExtractSettings
        from truceline.batch.reading import ReadSettings
        from truceline.batch.spark import run_extract

        limits = {"max_bytes": max_bytes, "max_chars": max_chars}
        read = ReadSettings(
            published=date_option("--published", published),
            **{name: value for name, value in limits.items() if value is not None},
        )
        run = run_extract(
            source,
            output,
            master=master,
            partitions=partitions,
            read=read,
            extract=ExtractSettings(tuple(str(g) for g in gazetteer or []), not no_screen),
        )
        rows = run.rows
        typer.echo(
            f"extracted {rows['articles']} records ({rows['events']} events), "
            f"{rows['screened']} articles screened out, {rows['problems']} problems, "
            f"in {run.partitions} partitions; tables in {run.output}"
        )
        if rows["problems"]:
            say(f"{rows['problems']} problems (rows, articles or warnings): see {output}/problems")

    @batch_app.command("ingest")
    def batch_ingest(
        directory: Annotated[
            str,
            typer.Argument(metavar="DIR", help="The --output folder of `truceline batch extract`."),
        ],
        db: DbOption = None,
        chunk: ChunkOption = 500,
        processes: ProcessesOption = None,
    ) -> None:
        """Bulk-load a batch run into the store, then rebuild the record.

        One transaction per chunk, its rows written in bulk: a load that is
        killed keeps what it committed, and running it again skips the
        articles already stored. Screened-out articles are listed as
        `truceline ingest` lists them (`truceline screened`).
        """
        from truceline import api
        from truceline.batch.load import check_output, load
        from truceline.store import AddOutcome

        output = check_output(directory)
        store = open_store(db, write=True)
        tally = dict.fromkeys(AddOutcome, 0)
        with store:
            for outcome in load(output, store, chunk=chunk):
                tally[outcome] += 1
            api.rebuild(store, processes or [])
            counts = store.counts()
        records = sum(tally.values()) - tally[AddOutcome.SCREENED]
        typer.echo(
            f"loaded {records} records: {tally[AddOutcome.ADDED]} added, "
            f"{tally[AddOutcome.UNCHANGED]} unchanged, {tally[AddOutcome.UPDATED]} updated; "
            f"{tally[AddOutcome.SCREENED]} screened out; "
            f"{counts.story_events} story events, {counts.contradictions} contradictions"
        )

    return batch_app
