"""Which reader an input needs: by file extension, by content type, by sniffing.

The extension (or a URL's content type) is trusted first because it is what
the user chose; sniffing the text is the fallback for stdin, unknown
extensions and servers that say ``text/plain`` for everything.
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path


class Format(StrEnum):
    """The input formats truceline reads."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    FEED = "feed"
    JSON = "json"
    JSONL = "jsonl"


EXTENSIONS: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xml": Format.FEED,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
}

_CONTENT_TYPES: dict[str, Format] = {
    "text/html": Format.HTML,
    "application/xhtml+xml": Format.HTML,
    "application/rss+xml": Format.FEED,
    "application/atom+xml": Format.FEED,
    "application/rdf+xml": Format.FEED,
    "application/xml": Format.FEED,
    "text/xml": Format.FEED,
    "application/json": Format.JSON,
    "application/x-ndjson": Format.JSONL,
    "application/jsonl": Format.JSONL,
    "application/x-jsonlines": Format.JSONL,
    "text/markdown": Format.MARKDOWN,
}

_SNIFF_CHARS = 2048
_FEED_START = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(r"<(!doctype\s+html|html|head|body|article|p|div)[\s>]", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]")


def format_for_path(path: Path) -> Format | None:
    """The format a file's extension names, or None if it names none."""
    return EXTENSIONS.get(path.suffix.lower())


def format_for_content_type(content_type: str | None) -> Format | None:
    """The format an HTTP media type names, or None for generic types (text/plain)."""
    if not content_type:
        return None
    media_type = content_type.split(";", 1)[0].strip().lower()
    return _CONTENT_TYPES.get(media_type)


def sniff_format(text: str) -> Format:
    """Guess the format from the text itself; plain text when nothing else fits."""
    stripped = text.lstrip()
    head = stripped[:_SNIFF_CHARS]
    if head.startswith("["):
        return Format.JSON
    if head.startswith("{"):
        return Format.JSONL if _first_line_is_json(stripped) else Format.JSON
    if head.startswith("<"):
        if _FEED_START.search(head):
            return Format.FEED
        if _HTML_START.search(head) or head.startswith("<?xml"):
            return Format.HTML
    if _MARKDOWN_HEADING.match(head):
        return Format.MARKDOWN
    return Format.TEXT


def _first_line_is_json(text: str) -> bool:
    """A JSON object that ends on its first line means one object per line."""
    try:
        json.loads(text.split("\n", 1)[0])
    except ValueError:
        return False
    return True
