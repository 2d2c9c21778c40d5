"""What the extractor says when one article cannot be processed.

Kept apart from the pipeline so that code which only reports failures (the
CLI, the store's ingest) does not import spaCy to do so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractionFailure:
    """An article the extractor could not process, and why (never a traceback)."""

    article_id: str
    origin: str | None
    message: str

    def __str__(self) -> str:
        where = self.origin or self.article_id
        return f"{where}: extraction failed: {self.message}"
