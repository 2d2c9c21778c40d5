"""The one place where readers' fields become an :class:`Article`.

Every reader, whatever its format, ends by calling :func:`build_article`, so
that field cleaning, the default publication date and the language check
apply to all inputs alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from truceline.ingest.dates import parse_published
from truceline.ingest.language import non_english_reason
from truceline.ingest.problems import ReadProblem
from truceline.record import Article


@dataclass(frozen=True)
class Source:
    """One input as readers see it: where it came from and what to fall back on.

    ``id_stem`` is what ids are made of when the input names none: the file
    stem (the evaluation matches gold files by it), the URL, or ``stdin``.
    ``url`` is set for downloaded inputs. ``default_published`` is the date
    the user gave for inputs that carry none.
    """

    origin: str
    id_stem: str
    url: str | None = None
    default_published: date | None = None

    def problem(self, message: str, *, line: int | None = None) -> ReadProblem:
        return ReadProblem(origin=self.origin, line=line, message=message)


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
) -> Article | ReadProblem:
    """An article from loosely typed fields, or the problem that stops it.

    ``text`` is kept exactly as given: evidence offsets point into it.
    The other fields come from YAML, JSON and feeds, so any type may turn
    up; strings and numbers are used, anything else is treated as missing.
    ``line`` locates the record in line-oriented inputs.
    """
    reason = non_english_reason(text)
    if reason is not None:
        return source.problem(reason, line=line)
    return Article(
        id=clean_field(id) or source.id_stem,
        text=text,
        title=clean_field(title),
        url=clean_field(url),
        outlet=clean_field(outlet),
        published=parse_published(published) or source.default_published,
        origin=source.origin if line is None else f"{source.origin}:{line}",
    )


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
