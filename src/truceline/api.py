"""truceline's Python API; the command line is a thin layer over it.

>>> from truceline.api import extract
>>> for item in extract(["corpora/demo"]):
...     print(item)            # ExtractionRecord, ReadProblem or ExtractionFailure

>>> from truceline.api import ingest
>>> for item in ingest(["corpora/demo"], db="sqlite:///truceline.db"):
...     print(item)            # IngestOutcome, ReadProblem or ExtractionFailure
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from truceline.extract.pipeline import ExtractionFailure, Extractor
from truceline.ingest import ReadProblem, read_inputs
from truceline.model import Article, ExtractionRecord
from truceline.negotiation import derive, load_processes
from truceline.resolve import reconcile
from truceline.store import AddOutcome, Store
from truceline.story import Negotiation, Process, Reconciliation

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


@dataclass(frozen=True)
class IngestOutcome:
    """What ingesting one article did: added, unchanged (seen before) or updated."""

    article_id: str
    url: str | None
    outcome: AddOutcome
    events: int


IngestItem = IngestOutcome | ReadProblem | ExtractionFailure


def ingest(
    inputs: Iterable[str | Path],
    *,
    db: str | Path | Store | None = None,
    jobs: int = 1,
    published: date | None = None,
    gazetteer: Sequence[str | Path] = (),
    processes: Sequence[str | Path] = (),
    rebuild: bool = True,
    extractor: Extractor | None = None,
) -> Iterator[IngestItem]:
    """Extract every input and store each article as it comes, one transaction each.

    The store is opened (and migrated) and the process files are read before
    anything is extracted, so a bad ``db`` (:class:`~truceline.store.StoreError`)
    or process file (``ValueError`` naming file and line) fails at once, not
    after an hour of extraction. An interrupted ingest leaves every article it
    finished stored and none half-written; running it again skips them. When
    the inputs are done the reconciled record is rebuilt (``rebuild=True``).
    ``db`` may be an open, writable :class:`Store`, which is then left open.
    """
    process_list = load_processes(processes)
    store = db if isinstance(db, Store) else Store.open(db, write=True)
    return _ingest_into(
        store,
        extract(inputs, jobs=jobs, published=published, gazetteer=gazetteer, extractor=extractor),
        process_list if rebuild else None,
        close=store is not db,
    )


def _ingest_into(
    store: Store,
    outcomes: Iterator[Outcome],
    processes: list[Process] | None,
    *,
    close: bool,
) -> Iterator[IngestItem]:
    try:
        for item in outcomes:
            if isinstance(item, ExtractionRecord):
                added = store.add(item)
                yield IngestOutcome(item.article.id, item.article.url, added, len(item.events))
            else:
                yield item
        if processes is not None:
            _rebuild(store, processes)
    finally:
        if close:
            store.close()


def rebuild(
    store: Store, processes: Sequence[str | Path] = ()
) -> tuple[Reconciliation, Negotiation]:
    """Reconcile all current events and derive the negotiation; replace what the store had."""
    return _rebuild(store, load_processes(processes))


def _rebuild(store: Store, processes: Sequence[Process]) -> tuple[Reconciliation, Negotiation]:
    reconciliation = reconcile(store.reported_events())
    negotiation = derive(reconciliation, processes)
    store.replace_derived(reconciliation, negotiation)
    return reconciliation, negotiation
