"""truceline's Python API; the command line is a thin layer over it.

>>> from truceline.api import extract
>>> for item in extract(["corpora/demo"]):
...     print(item)            # ExtractionRecord, ReadProblem or ExtractionFailure
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from truceline.extract.pipeline import ExtractionFailure, Extractor
from truceline.ingest import ReadProblem, read_inputs
from truceline.model import Article, ExtractionRecord

Outcome = ExtractionRecord | ReadProblem | ExtractionFailure


def _articles_and_problems(
    inputs: Iterable[str],
    published: date | None,
    problems: list[ReadProblem],
    exclude: Sequence[Path],
) -> Iterator[Article]:
    for item in read_inputs(inputs, published=published, exclude=exclude):
        if isinstance(item, ReadProblem):
            problems.append(item)
        else:
            yield item


def extract(
    inputs: Iterable[str | Path],
    *,
    jobs: int = 1,
    published: date | None = None,
    gazetteer: Sequence[str | Path] = (),
    include_text: bool = True,
    extractor: Extractor | None = None,
    exclude: Sequence[str | Path] = (),
) -> Iterator[Outcome]:
    """Read every input and extract it, yielding records and, in order, what went wrong.

    Problems reading an input are yielded as soon as the reader finds them, so
    a caller can report them while the rest of the corpus is still processed.
    ``exclude`` names files a directory walk skips (e.g. the run's own output).
    """
    extractor = extractor or Extractor([str(g) for g in gazetteer], include_text=include_text)
    problems: list[ReadProblem] = []
    articles = _articles_and_problems(
        (str(i) for i in inputs), published, problems, [Path(p) for p in exclude]
    )
    for outcome in extractor.extract_many(articles, jobs=jobs):
        while problems:
            yield problems.pop(0)
        yield outcome
    yield from problems


def extract_text(
    text: str, *, published: date | None = None, article_id: str = "text"
) -> ExtractionRecord:
    """Extract one article given as a string (headline on the first line)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    article = Article(id=article_id, text=text, title=first, published=published)
    return Extractor().extract(article)
