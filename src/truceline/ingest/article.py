"""The one place where readers' fields become an :class:`Article`.

Every reader, whatever its format, ends by calling :func:`build_article`, so
that field cleaning, the default publication date and the language check
apply to all inputs alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from truceline.ingest.dates import read_published
from truceline.ingest.language import non_english_reason
from truceline.ingest.problems import Notice, ReadProblem, too_long
from truceline.record import Article

MAX_CHARS = 1_000_000
"""Characters one article may have (``--max-chars``): news reports run to tens of
thousands, a council transcript to a few hundred thousand; beyond a million a text
is a book or a concatenated dump, and extracting it takes minutes."""

_SHOWN_VALUE_CHARS = 40

ReadOutcome = Article | ReadProblem | Notice
"""What reading yields: articles, and in their place or before them what went wrong."""


@dataclass(frozen=True)
class Source:
    """One input as readers see it: where it came from and what to fall back on.

    ``id_stem`` is what ids are made of when the input names none: the file
    stem (the evaluation matches gold files by it), the URL, or ``stdin``.
    ``url`` is set for downloaded inputs. ``default_published`` is the date
    the user gave for inputs that carry none; ``max_chars`` the length of the
    longest article the user wants extracted.
    """

    origin: str
    id_stem: str
    url: str | None = None
    default_published: date | None = None
    max_chars: int = MAX_CHARS

    def problem(self, message: str, *, line: int | None = None) -> ReadProblem:
        return ReadProblem(origin=self.origin, line=line, message=message)

    def notice(self, message: str, *, line: int | None = None) -> Notice:
        return Notice(origin=self.origin, line=line, message=message)


def build_article(
    source: Source,
    *,
    id: object,
    text: str,
    title: object = None,
    url: object = None,
    outlet: object = None,
    published: object = None,
    line: int | None = None,
) -> Iterator[ReadOutcome]:
    """An article from loosely typed fields, or the problem that stops it.

    ``text`` is kept exactly as given: evidence offsets point into it.
    The other fields come from YAML, JSON and feeds, so any type may turn
    up; strings and numbers are used, anything else is treated as missing.
    A publication date that is given but cannot be read is a :class:`Notice`
    before the article; one given to the month only ("2025-05") is kept with
    that precision. ``line`` locates the record in line-oriented inputs.
    """
    if len(text) > source.max_chars:
        yield source.problem(too_long(len(text), source.max_chars), line=line)
        return
    reason = non_english_reason(text)
    if reason is not None:
        yield source.problem(reason, line=line)
        return
    read = read_published(published)
    if read is None and clean_field(published) is not None:
        yield source.notice(_unread_date(published, source.default_published), line=line)
    date, precision = read if read is not None else (source.default_published, "day")
    yield Article(
        id=clean_field(id) or source.id_stem,
        text=text,
        title=clean_field(title),
        url=clean_field(url),
        outlet=clean_field(outlet),
        published=date,
        published_precision="month" if date is not None and precision == "month" else None,
        origin=source.origin if line is None else f"{source.origin}:{line}",
    )


def _unread_date(value: object, default: date | None) -> str:
    shown = str(value)
    if len(shown) > _SHOWN_VALUE_CHARS:
        shown = shown[: _SHOWN_VALUE_CHARS - 3] + "..."
    kept = (
        f"with the default date {default.isoformat()}"
        if default
        else ("without a publication date")
    )
    return f'"published" value {shown!r} is not a date (use YYYY-MM-DD); the article is kept {kept}'


def with_headline(title: object, body: str) -> str:
    """The body with the headline on its first line, unless it already starts with it.

    Headlines often carry the main event ("Hamas frees 13 hostages"), so
    the extractor must read them like any other sentence.
    """
    headline = clean_field(title)
    if headline is None or body.lstrip().startswith(headline):
        return body
    return f"{headline}\n{body}"


def clean_field(value: object) -> str | None:
    """A metadata value as a single-line string, or None if there is nothing usable."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = " ".join(str(value).split())
    return text or None
