"""Plain-text and Markdown articles, with optional YAML front matter.

The text after the front matter is the article text exactly as written
(only newlines are normalised, by :mod:`truceline.ingest.decode`), because
gold annotations and evidence spans are character offsets into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from truceline.ingest.article import ReadOutcome, Source, build_article
from truceline.ingest.problems import ReadError

_OPENING = re.compile(r"---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.MULTILINE)
# libyaml's safe loader when PyYAML was built with it: the same documents, read about ten
# times faster than the pure-Python one (a third of a millisecond per article otherwise).
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(text: str, source: Source, *, markdown: bool = False) -> Iterator[ReadOutcome]:
    """The one article in a text or Markdown file.

    The id is the front matter's ``id``, else the file stem; the title is
    the front matter's ``title``, else the first non-empty line (without
    Markdown's leading ``#``).
    """
    meta, body = split_front_matter(text)
    if not body.strip():
        raise ReadError("has front matter but no article text after it")
    yield from build_article(
        source,
        id=meta.get("id") or source.id_stem,
        text=body,
        title=meta.get("title") or headline(body, markdown=markdown),
        url=meta.get("url") or source.url,
        outlet=meta.get("outlet"),
        published=meta.get("published"),
    )


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter as a mapping, and the text after its closing line.

    Without an opening ``---`` line there is no front matter and the whole
    text is the body.
    """
    opening = _OPENING.match(text)
    if opening is None:
        return {}, text
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise ReadError(
            "front matter opened by '---' on line 1 is never closed; add a '---' line after it"
        )
    meta = _load_front_matter(text[opening.end() : closing.start()])
    return meta, text[closing.end() :]


def headline(body: str, *, markdown: bool) -> str | None:
    """The first non-empty line, which is where articles put their headline."""
    for line in body.split("\n"):
        title = line.strip()
        if markdown:
            title = title.lstrip("#").strip()
        if title:
            return title
    return None


def _load_front_matter(block: str) -> dict[str, Any]:
    try:
        meta = yaml.load(block, Loader=_SAFE_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" on line {mark.line + 2}" if mark is not None else ""
        what = getattr(error, "problem", None) or "syntax error"
        raise ReadError(
            f"front matter is not valid YAML{where} ({what}); fix it or remove it"
        ) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ReadError("front matter must be YAML 'key: value' lines (id, title, url, ...)")
    return meta
