"""``truceline batch ingest``: the records of a batch run into a store, chunk by chunk.

A run's tables are read one Spark partition at a time (every table has
``part``), the records rebuilt from their rows (:func:`.tables.records_from_rows`),
the screened-out articles from theirs, and all stored by
:meth:`~truceline.store.Store.add_many`: the code ``truceline ingest`` stores
with, a chunk at a time (one lookup of the chunk's keys, then every row of it
written in bulk: COPY on PostgreSQL), so keys, versions, ids, history and the
list of screened-out articles come out the same, with one transaction per
chunk. A load that is killed keeps the chunks it committed; run again, it finds
their articles stored (unchanged) and adds the rest. Items are loaded in the
run's order (``n``, the input's order), so a store loaded from a batch run
equals one ``truceline ingest`` builds from the same inputs. Needs pyarrow
only, never Spark.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from truceline.batch.tables import (
    COLUMNS,
    RECORD_TABLES,
    arrow_schema,
    records_from_rows,
    screened_from_row,
)
from truceline.errors import TrucelineError
from truceline.extract.screened import ScreenedOut
from truceline.record import ExtractionRecord
from truceline.store import AddOutcome, Store


class NotBatchOutput(TrucelineError):
    """A folder that does not hold the tables of a ``truceline batch extract`` run."""


@dataclass(frozen=True)
class BatchOutput:
    """The tables of one batch run, read with pyarrow's datasets (local or remote paths)."""

    directory: str

    def table(self, name: str) -> Any:
        import pyarrow.dataset as ds

        path = f"{self.directory.rstrip('/')}/{name}"
        try:
            return ds.dataset(path, format="parquet", schema=arrow_schema(name))
        except (FileNotFoundError, OSError) as exc:
            raise NotBatchOutput(
                f"{self.directory} has no {name} table ({exc}); "
                "give the --output folder of a `truceline batch extract` run"
            ) from None

    def parts(self) -> list[int]:
        """The run's partitions that hold articles or screened-out ones, in order."""
        found: set[int] = set()
        for name in ("articles", "screened"):
            found.update(self.table(name).to_table(columns=["part"]).column("part").to_pylist())
        return sorted(found)

    def records(self, part: int) -> list[ExtractionRecord]:
        """The records of one partition, in input order."""
        import pyarrow.dataset as ds

        rows = {
            name: self.table(name).to_table(filter=ds.field("part") == part).to_pylist()
            for name in RECORD_TABLES
        }
        return records_from_rows(rows)

    def items(self, part: int) -> list[ExtractionRecord | ScreenedOut]:
        """The records and screened-out articles of one partition, in input order.

        A screened row without its text's hash (a run of a truceline that did
        not write it) cannot be keyed as ``ingest`` keys it and is left out.
        """
        import pyarrow.dataset as ds

        numbers = self.table("articles").to_table(columns=["n"], filter=ds.field("part") == part)
        numbered: list[tuple[int, ExtractionRecord | ScreenedOut]] = list(
            zip(sorted(numbers.column("n").to_pylist()), self.records(part), strict=True)
        )
        screened = self.table("screened").to_table(filter=ds.field("part") == part)
        numbered += [
            (row["n"], screened_from_row(row))
            for row in screened.to_pylist()
            if row["text_sha256"] is not None
        ]
        return [item for _, item in sorted(numbered, key=lambda pair: pair[0])]

    def count(self, name: str) -> int:
        return self.table(name).count_rows()


def check_output(directory: str | Path) -> BatchOutput:
    """The batch run in ``directory``, or :class:`NotBatchOutput` naming what is missing."""
    output = BatchOutput(str(directory))
    if "://" not in str(directory):
        missing = [name for name in COLUMNS if not Path(directory, name).is_dir()]
        if missing:
            raise NotBatchOutput(
                f"{directory} has no {', '.join(missing)} table"
                f"{'s' if len(missing) > 1 else ''}; give the --output folder of a "
                "`truceline batch extract` run"
            )
    return output


def load(output: BatchOutput, store: Store, *, chunk: int = 500) -> Iterator[AddOutcome]:
    """Store every record of ``output`` and list its screened-out articles, ``chunk`` items
    per transaction (a chunk may span partitions); yields each item's outcome (added,
    unchanged when a previous load stored it, updated when it revises a stored article,
    screened out)."""
    items = (item for part in output.parts() for item in output.items(part))
    yield from store.add_many(items, batch=chunk)
