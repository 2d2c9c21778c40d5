"""Re-extraction: read the stored articles again with the store's current configuration.

A gazetteer addition (``truceline config set gazetteer``) used to reach only
the articles ingested after it: the stored ones kept the events their first
extraction found, so an actor added today was missing from years of reports.
:func:`reextract` runs extraction again over the stored text of each chosen
article (the current version; nothing is fetched), with the store's gazetteer,
and makes the new events the article's current ones in one transaction per
article (the old ones stay stored as history). Then the record is rebuilt
once, with the store's processes.

Analysts' corrections key on article key and evidence, not on row ids
(:mod:`truceline.corrections`), so they apply to the events found again; one
whose report the new extraction no longer yields is *orphaned*: kept, and
listed in the result (and by ``truceline correct list``), never dropped.

The articles chosen: all, or those published on or after ``since``, or those
with events in ``process`` (an article that had none there is not chosen).
Each is read whole (the relevance screen is not applied: it let the article
in once). An article whose extraction fails keeps its events and is listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from truceline.record import Article
from truceline.store import Filters, Store

if TYPE_CHECKING:
    from truceline.corrections import ListedCorrection
    from truceline.extract.pipeline import Extractor


@dataclass
class Reextracted:
    """What a re-extraction did."""

    articles: int = 0
    events_before: int = 0
    events_after: int = 0
    failed: list[str] = field(default_factory=list)
    """Articles whose extraction failed (kept as they were), with why."""
    orphaned: list[ListedCorrection] = field(default_factory=list)
    """Corrections whose reports the new extraction no longer yields."""
    story_events: int = 0

    def line(self) -> str:
        """One line a person reads."""
        failed = f", {len(self.failed)} failed" if self.failed else ""
        return (
            f"re-extracted {self.articles} articles: {self.events_before} events before, "
            f"{self.events_after} now{failed}; record rebuilt: {self.story_events} story events"
        )


def chosen_articles(store: Store, since: dt.date | None, process: str | None) -> list[int]:
    """Row ids of the articles to read again, oldest first."""
    filters = store.checked(Filters(since=since, process=process))
    return sorted(a.id for a in store.articles(filters))


def reextract(
    store: Store,
    *,
    since: dt.date | None = None,
    process: str | None = None,
    extractor: Extractor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Reextracted:
    """Extract the chosen stored articles again with the store's gazetteer and rebuild.

    ``extractor`` (tests) keeps its own gazetteer; by default one is built with the
    store's (:func:`truceline.api.new_extractor`). ``progress(done, total)`` is called
    after each article.
    """
    from truceline.api import _rebuild, new_extractor
    from truceline.configuration import store_processes
    from truceline.corrections import listed

    ids = chosen_articles(store, since, process)
    reader = extractor or new_extractor(store)
    done = Reextracted()
    for n, article_id in enumerate(ids, 1):
        article = store.stored_article(article_id)
        if article is not None:
            _one(store, reader, article_id, article, done)
        if progress is not None:
            progress(n, len(ids))
    reconciliation, _ = _rebuild(store, store_processes(store))
    done.story_events = len(reconciliation.story_events)
    done.orphaned = [c for c in listed(store) if c.status == "orphaned"]
    return done


def _one(
    store: Store, reader: Extractor, article_id: int, article: Article, done: Reextracted
) -> None:
    try:
        # The whole article, screened or not: it was let in once (see the module doc).
        record = reader.extract(article)
    except Exception as error:  # one article's failure must not stop the others
        done.failed.append(f"{article.url or article.id}: {error.__class__.__name__}: {error}")
        return
    before = store.replace_events(article_id, record)
    if before is None:
        return
    done.articles += 1
    done.events_before += before
    done.events_after += len(record.events)
