"""Long articles in sections, with every evidence offset still exact.

spaCy refuses a text longer than ``nlp.max_length`` (a million characters:
error E088), parsing needs memory in proportion to the text, and some of
truceline's components grow faster than the text does. So an article longer
than :data:`SECTION_CHARS` is extracted in sections cut at line breaks (else
after a sentence's full stop, else at a space), one ``Doc`` each, and the
sections' records are joined into the article's one record with their
offsets moved by where each section starts. Paragraphs rarely refer across
a line break, so little is lost at the cuts.
"""

from __future__ import annotations

from collections.abc import Sequence

from truceline.record import Actor, Article, ArticleMeta, Evidence, ExtractionRecord

SECTION_CHARS = 100_000
"""Characters of one section at most: the longest news reports fit in one."""

Section = tuple[int, int]
"""A section as ``(start, end)`` character offsets into the article text."""


def split_sections(text: str, bound: int) -> list[Section]:
    """Contiguous sections of at most ``bound`` characters that together are ``text``.

    Each cut is after the last line break within the bound, else after the
    last ". ", else after the last whitespace, else at the bound itself.
    """
    sections: list[Section] = []
    start = 0
    while len(text) - start > bound:
        end = start + _cut(text[start : start + bound])
        sections.append((start, end))
        start = end
    sections.append((start, len(text)))
    return sections


def _cut(window: str) -> int:
    newline = window.rfind("\n")
    if newline >= 0:
        return newline + 1
    full_stop = window.rfind(". ")
    if full_stop >= 0:
        return full_stop + 2
    for i in range(len(window) - 1, 0, -1):
        if window[i].isspace():
            return i + 1
    return len(window)


def section_article(article: Article, section: Section) -> Article:
    """The article with only one section's text (same id, metadata and origin)."""
    start, end = section
    return article.model_copy(update={"text": article.text[start:end]})


def join_records(
    article: Article,
    parts: Sequence[tuple[Section, ExtractionRecord]],
    *,
    include_text: bool,
) -> ExtractionRecord:
    """One record of ``article`` from the records of its sections, offsets made whole-text.

    Actors are listed once, in order of first appearance, with every word any
    section used for them.
    """
    actors: dict[str, Actor] = {}
    record = ExtractionRecord(article=ArticleMeta.of(article, include_text=include_text))
    for (start, _), part in parts:
        _shift(part.evidence_items(), start)
        record.events.extend(part.events)
        record.terms.extend(part.terms)
        for actor in part.actors:
            known = actors.setdefault(actor.id, actor.model_copy(update={"mentions": []}))
            known.mentions.extend(m for m in actor.mentions if m not in known.mentions)
    record.actors = list(actors.values())
    record.check_offsets(article.text)
    return record


def _shift(spans: list[Evidence], offset: int) -> None:
    # A span may be shared (a term both on an event and listed again): move it once.
    moved: set[int] = set()
    for span in spans:
        if id(span) not in moved:
            moved.add(id(span))
            span.start += offset
            span.end += offset


def sections_note(article: Article, sections: int, bound: int) -> str:
    """What was done to a long article, for the warning line."""
    return (
        f"article is {len(article.text):,} characters long: extracted in {sections} sections "
        f"of at most {bound:,} characters, split at line breaks"
    )
