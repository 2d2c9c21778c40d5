"""Shared fixtures: one extractor per test session (loading spaCy takes a second)."""

from __future__ import annotations

from datetime import date

import pytest

from truceline.extract.pipeline import Extractor
from truceline.record import Article, ExtractionRecord


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    """Extract a text (headline on the first line) as an article published on 2025-03-02."""

    def run(
        text: str, published: date | None = date(2025, 3, 2), outlet: str | None = "Test Wire"
    ) -> ExtractionRecord:
        title = text.splitlines()[0] if text else None
        article = Article(id="t", text=text, title=title, published=published, outlet=outlet)
        return extractor.extract(article)

    return run
