"""JSON records: one object per line (JSONL) or a JSON object or array.

The fields are those of :class:`~truceline.record.Article` (``id, url,
title, text, published, outlet``), all optional but ``text``. JSONL is how
scraped corpora usually arrive, thousands of lines at a time, so a bad line
is reported with its number and reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from truceline.ingest.article import Source, build_article, with_headline
from truceline.ingest.problems import ReadError, ReadProblem
from truceline.record import Article

_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}


def read_jsonl(text: str, source: Source) -> Iterator[Article | ReadProblem]:
    """One article per non-blank line; a problem, with its line number, per bad line.

    Ids fall back to the record's url, then to ``<stem>:<line>``.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield source.problem(
                f"line is not valid JSON ({error.msg} at column {error.colno}); "
                "fix the line or remove it",
                line=number,
            )
            continue
        yield record_article(value, source, fallback_id=f"{source.id_stem}:{number}", line=number)


def read_json(text: str, source: Source) -> Iterator[Article | ReadProblem]:
    """The article of a JSON object, or the articles of a JSON array of objects.

    A file of several objects one per line is JSONL under the wrong name,
    and is read as such.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            yield from read_jsonl(text, source)
            return
        raise ReadError(
            f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    if not isinstance(value, list):
        yield record_article(value, source, fallback_id=source.id_stem)
        return
    for number, item in enumerate(value, start=1):
        yield record_article(item, source, fallback_id=f"{source.id_stem}:{number}", item=number)


def record_article(
    value: object,
    source: Source,
    *,
    fallback_id: str,
    line: int | None = None,
    item: int | None = None,
) -> Article | ReadProblem:
    """The article a JSON record describes, or why it describes none.

    ``line`` (JSONL) or ``item`` (array index, 1-based) say where the record
    is, for messages.
    """
    where = f"item {item}" if item is not None else "record"
    if not isinstance(value, dict):
        kind = _JSON_TYPES.get(type(value), "a number" if value is not None else "null")
        return source.problem(f'{where} is {kind}, not an object with a "text" field', line=line)
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        return source.problem(
            f'{where} has no usable "text" field (a non-empty string is needed)', line=line
        )
    return build_article(
        source,
        id=value.get("id") or value.get("url") or fallback_id,
        text=with_headline(value.get("title"), text),
        title=value.get("title"),
        url=value.get("url"),
        outlet=value.get("outlet"),
        published=value.get("published"),
        line=line,
    )
