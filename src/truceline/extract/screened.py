"""What the extractor yields for an article the relevance screen kept from the parser.

Kept apart from the screen (which loads the lexicons) so that code which only
counts and lists screened-out articles (the CLI, the API) imports nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from truceline.record import Article


@dataclass(frozen=True)
class ScreenedOut:
    """An article the relevance screen kept from the pipeline: about no negotiation.

    Yielded in the article's place by the extractor, so it is counted and
    listed like a record; ``--no-screen`` extracts it anyway.
    """

    article_id: str
    origin: str | None
    url: str | None
    title: str | None

    @classmethod
    def of(cls, article: Article) -> ScreenedOut:
        return cls(article.id, article.origin, article.url, article.title)

    def as_dict(self) -> dict[str, str | None]:
        """The JSON line of ``--screened-out FILE``."""
        return {"id": self.article_id, "url": self.url, "origin": self.origin, "title": self.title}

    def __str__(self) -> str:
        where = self.origin or self.url or self.article_id
        return f"{where}: screened out (no word of talks, truces or captives)"
