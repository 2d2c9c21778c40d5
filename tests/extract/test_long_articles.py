"""Long articles are extracted in sections, and one failing article never stops its batch."""

from __future__ import annotations

from datetime import date

import pytest

from truceline.extract import sections, terms
from truceline.extract.failure import ExtractionFailure
from truceline.extract.pipeline import Extractor
from truceline.ingest.problems import Notice
from truceline.record import Article, ExtractionRecord

FILLER = "The weather was mild and the markets were quiet for most of the long week.\n"
SWAP = "Russia and Ukraine exchanged 150 prisoners of war each on Friday, officials said.\n"
TALKS = "Hamas rejected the Israeli proposal on Sunday, Egyptian officials said.\n"


def article(article_id: str, text: str) -> Article:
    return Article(
        id=article_id, text=text, title=text.split("\n", 1)[0], published=date(2025, 3, 2)
    )


@pytest.fixture
def small_sections(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> Extractor:
    """The session extractor with spaCy's length limit (and so sections) at 2,000 characters."""
    monkeypatch.setattr(extractor.nlp, "max_length", 2_000)
    return extractor


def long_text() -> str:
    return SWAP + FILLER * 40 + TALKS + FILLER * 40 + SWAP


def test_article_over_spacys_length_limit_is_extracted_in_sections(
    small_sections: Extractor,
) -> None:
    text = long_text()
    assert len(text) > 3 * small_sections.nlp.max_length

    notice, record = small_sections.extract_many([article("long", text)])

    assert isinstance(record, ExtractionRecord)
    record.check_offsets(text)
    starts = [(e.type.value, e.evidence.start) for e in record.events]
    assert starts == [
        ("RELEASE", 0),
        ("REJECT", text.index(TALKS)),
        ("PROPOSE", text.index(TALKS)),
        ("RELEASE", text.rindex(SWAP)),
    ]
    assert notice == Notice(
        "long",
        None,
        f"article is {len(text):,} characters long: extracted in 4 sections of at most "
        "2,000 characters, split at line breaks",
    )


def test_sections_split_at_line_breaks_and_cover_the_text_exactly() -> None:
    text = "ab\ncd\n\nef gh. ij\n" * 3

    spans = sections.split_sections(text, 8)

    assert "".join(text[start:end] for start, end in spans) == text
    assert all(end - start <= 8 for start, end in spans)
    assert [text[start:end] for start, end in spans][:3] == ["ab\ncd\n\n", "ef gh. ", "ij\nab\n"]


def test_a_line_without_a_break_is_cut_at_a_space_then_anywhere() -> None:
    assert sections.split_sections("abcd efghijklmnop", 6) == [(0, 5), (5, 11), (11, 17)]


def test_single_extract_of_a_long_article_gives_one_record(small_sections: Extractor) -> None:
    text = long_text()

    record = small_sections.extract(article("long", text))

    assert [e.type.value for e in record.events] == ["RELEASE", "REJECT", "PROPOSE", "RELEASE"]
    record.check_offsets(text)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_that_fails_does_not_take_down_its_batch(
    monkeypatch: pytest.MonkeyPatch, extractor: Extractor, jobs: int
) -> None:
    find_terms = terms.find_terms

    def fragile(doc, lexicon):
        if "Cairo" in doc.text:
            raise RuntimeError("component broke")
        return find_terms(doc, lexicon)

    monkeypatch.setattr(terms, "find_terms", fragile)
    articles = [
        article("a", SWAP),
        article("b", "Israeli negotiators met in Cairo on Monday.\n"),
        article("c", TALKS),
    ]

    results = list(extractor.extract_many(articles, jobs=jobs))

    assert [type(r).__name__ for r in results] == [
        "ExtractionRecord",
        "ExtractionFailure",
        "ExtractionRecord",
    ]
    assert results[1] == ExtractionFailure("b", None, "RuntimeError: component broke")
