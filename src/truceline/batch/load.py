"""``truceline batch ingest``: the records of a batch run into a store, chunk by chunk.

A run's tables are read one Spark partition at a time (every table has
``part``), the records rebuilt from their rows (:func:`.tables.records_from_rows`)
and stored by :meth:`~truceline.store.Store.add_many`: the same code as one
``truceline ingest`` runs per article, so keys, versions and history come out
the same, with one transaction per chunk. A load that is killed keeps the chunks
it committed; run again, it finds their articles stored (unchanged) and adds the
rest. Articles are loaded in the run's order (``n``, the input's order), so a
store loaded from a batch run equals one ``truceline ingest`` builds from the
same inputs. Needs pyarrow only, never Spark.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from truceline.batch.tables import COLUMNS, RECORD_TABLES, arrow_schema, records_from_rows
from truceline.errors import TrucelineError
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
        """The run's partitions that hold articles, in order."""
        column = self.table("articles").to_table(columns=["part"]).column("part")
        return sorted(set(column.to_pylist()))

    def records(self, part: int) -> list[ExtractionRecord]:
        """The records of one partition, in input order."""
        import pyarrow.dataset as ds

        rows = {
            name: self.table(name).to_table(filter=ds.field("part") == part).to_pylist()
            for name in RECORD_TABLES
        }
        return records_from_rows(rows)

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
    """Store every record of ``output``, ``chunk`` articles per transaction; yields each
    article's outcome (added, or unchanged when a previous load stored it)."""
    for part in output.parts():
        yield from store.add_many(output.records(part), batch=chunk)
