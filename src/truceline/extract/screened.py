"""What the extractor yields for an article the relevance screen kept from the parser.

Kept apart from the screen (which loads the lexicons) so that code which only
counts, lists and stores screened-out articles (the CLI, the API, the store)
imports nothing else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from truceline.record import Article


@dataclass(frozen=True)
class ScreenedOut:
    """An article the relevance screen kept from the pipeline: about no negotiation.

    Yielded in the article's place by the extractor, so it is counted and
    listed like a record; ``ingest`` and ``watch`` store it (``truceline
    screened`` lists what was dropped, and why); ``--no-screen`` extracts it
    anyway. It carries what the store keys an article by (its URL, else the
    sha256 of its text), never the text itself.
    """

    article_id: str
    origin: str | None
    url: str | None
    title: str | None
    outlet: str | None = None
    published: dt.date | None = None
    text_sha256: str = ""
    reason: str = ""

    @classmethod
    def of(cls, article: Article, reason: str) -> ScreenedOut:
        return cls(
            article.id,
            article.origin,
            article.url,
            article.title,
            article.outlet,
            article.published,
            hashlib.sha256(article.text.encode("utf-8")).hexdigest(),
            reason,
        )

    def as_dict(self) -> dict[str, str | None]:
        """The JSON line of ``--screened-out FILE``."""
        return {
            "id": self.article_id,
            "url": self.url,
            "origin": self.origin,
            "title": self.title,
            "reason": self.reason,
        }

    def __str__(self) -> str:
        where = self.origin or self.url or self.article_id
        return f"{where}: screened out ({self.reason or 'no word of talks, truces or captives'})"
