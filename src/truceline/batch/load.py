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

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
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
    """The tables of one batch run, read with pyarrow's datasets (local or remote paths).

    A run of a large archive has thousands of parts, each a file of every
    table: reading a part by filtering the whole table would open every file
    for every part. The files are indexed by the parts they hold once (their
    ``part`` column only), and a group of parts reads just its files.
    """

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

    @cached_property
    def _files(self) -> dict[str, tuple[Any, dict[int, list[str]]]]:
        """Each table read here: its dataset, and the files holding each part."""
        import pyarrow.compute as pc

        files: dict[str, tuple[Any, dict[int, list[str]]]] = {}
        for name in (*RECORD_TABLES, "screened"):
            dataset = self.table(name)
            by_part: dict[int, list[str]] = defaultdict(list)
            for fragment in dataset.get_fragments():
                held = fragment.to_table(columns=["part"]).column("part")
                for part in pc.unique(held).to_pylist():
                    by_part[part].append(fragment.path)
            files[name] = (dataset, by_part)
        return files

    @cached_property
    def _sizes(self) -> dict[int, int]:
        """Items (articles and screened-out ones) per part."""
        sizes: Counter[int] = Counter()
        for name in ("articles", "screened"):
            sizes.update(self.table(name).to_table(columns=["part"]).column("part").to_pylist())
        return dict(sorted(sizes.items()))

    def parts(self) -> list[int]:
        """The run's partitions that hold articles or screened-out ones, in order."""
        return list(self._sizes)

    def groups(self, size: int) -> Iterator[list[int]]:
        """The parts in order, gathered until a group holds ``size`` items or more (the
        last may hold fewer): one read of each table serves at least one chunk."""
        group: list[int] = []
        held = 0
        for part, items in self._sizes.items():
            group.append(part)
            held += items
            if held >= size:
                yield group
                group, held = [], 0
        if group:
            yield group

    def _rows(self, name: str, parts: list[int]) -> list[dict[str, Any]]:
        """The rows of table ``name`` in ``parts``, reading only the files that hold them."""
        import pyarrow.dataset as ds

        dataset, by_part = self._files[name]
        paths = sorted({path for part in parts for path in by_part.get(part, [])})
        if not paths:
            return []
        found = ds.dataset(
            paths, format="parquet", schema=arrow_schema(name), filesystem=dataset.filesystem
        )
        return found.to_table(filter=ds.field("part").isin(parts)).to_pylist()

    def records(self, part: int) -> list[ExtractionRecord]:
        """The records of one partition, in input order."""
        return records_from_rows({name: self._rows(name, [part]) for name in RECORD_TABLES})

    def items(self, parts: list[int]) -> list[ExtractionRecord | ScreenedOut]:
        """The records and screened-out articles of ``parts``, in input order.

        A screened row without its text's hash (a run of a truceline that did
        not write it) cannot be keyed as ``ingest`` keys it and is left out.
        """
        rows = {name: self._rows(name, parts) for name in RECORD_TABLES}
        numbers = sorted(row["n"] for row in rows["articles"])
        numbered: list[tuple[int, ExtractionRecord | ScreenedOut]] = list(
            zip(numbers, records_from_rows(rows), strict=True)
        )
        numbered += [
            (row["n"], screened_from_row(row))
            for row in self._rows("screened", parts)
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
    items = (item for group in output.groups(chunk) for item in output.items(group))
    yield from store.add_many(items, batch=chunk)
