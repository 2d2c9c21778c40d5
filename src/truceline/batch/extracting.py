"""One partition of a batch job through the extractor, inside a Spark executor.

Loading spaCy and the lexicons takes a second or more, a partition holds a few
hundred articles, and an executor runs many partitions in the same Python
worker (Spark reuses its workers): the extractor is built once per worker and
setting, on first use, and kept for the partitions that follow (as
:mod:`truceline.extract.pipeline` keeps one per ``--jobs`` process). The
outcomes are those of ``truceline extract``: the same screen, the same
extractor, in the same order, and each becomes rows of the batch tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from truceline.batch.tables import Row, outcome_rows
from truceline.extract.pipeline import Extractor
from truceline.ingest.article import ReadOutcome
from truceline.ingest.problems import Notice
from truceline.record import Article

TableRow = tuple[str, Row]
"""A row and the table it belongs to."""


@dataclass(frozen=True)
class ExtractSettings:
    """How the executors' extractor reads: extra gazetteer files (a path every executor
    reaches) and whether the relevance screen runs."""

    gazetteer: tuple[str, ...] = ()
    screen: bool = True


_extractors: dict[ExtractSettings, Extractor] = {}


def extractor_for(settings: ExtractSettings) -> Extractor:
    """This worker's extractor for ``settings``, built on first use."""
    if settings not in _extractors:
        _extractors[settings] = Extractor(settings.gazetteer, screen=settings.screen)
    return _extractors[settings]


def partition_rows(
    part: int, numbered: Iterable[tuple[int, ReadOutcome]], settings: ExtractSettings
) -> Iterator[TableRow]:
    """The table rows of one partition's outcomes, read in order and numbered ``n``.

    Articles go through the extractor; problems and notices of reading become
    problem rows as they are. A notice the extractor adds (an article read in
    sections) takes the number of the article it is about.
    """
    items = list(numbered)
    articles = [(n, item) for n, item in items if isinstance(item, Article)]
    for n, item in items:
        if not isinstance(item, Article):
            yield from _tagged(outcome_rows(n, part, item))
    if not articles:
        return
    numbers = iter(n for n, _ in articles)
    extracted = extractor_for(settings).extract_many(article for _, article in articles)
    n = next(numbers)
    for outcome in extracted:
        yield from _tagged(outcome_rows(n, part, outcome))
        if not isinstance(outcome, Notice):
            n = next(numbers, -1)


def _tagged(rows: dict[str, list[Row]]) -> Iterator[TableRow]:
    for table, table_rows in rows.items():
        for row in table_rows:
            yield table, row
