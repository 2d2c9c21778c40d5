"""Inputs a Spark job hands over (file bytes, Parquet rows) as the readers' articles.

Runs inside executors, on what Spark read from any file system it reaches
(local, HDFS, S3): the same readers as ``truceline extract`` make the same
articles, ids and problems from the same bytes. Every outcome carries a sort key
(where it came from, its rank there) so the job can put the archive in input
order before numbering it: a run's output does not depend on how Spark split it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from truceline.ingest.article import MAX_CHARS, ReadOutcome, Source
from truceline.ingest.dispatch import MAX_BYTES, read_file_bytes
from truceline.ingest.formats import EXTENSIONS
from truceline.ingest.jsonl import record_article

SortKey = tuple[tuple[str, ...], int, int]
"""Where an outcome came from: the file (the parts of its path, the order in which
``truceline extract`` walks a folder), the row in it (0 for a whole file), and the outcome's
rank among those of that row or file (a notice comes before its article)."""


@dataclass(frozen=True)
class ReadSettings:
    """What ``truceline extract`` takes as options for reading, the same in a job."""

    published: dt.date | None = None
    max_bytes: int = MAX_BYTES
    max_chars: int = MAX_CHARS


def shown_path(uri: str) -> str:
    """A file Spark names by URI as people name it: ``file:/a/b.md`` is ``/a/b.md``;
    ``hdfs://...`` and ``s3a://...`` stay as they are."""
    parts = urlsplit(uri)
    if parts.scheme == "file":
        return unquote(parts.path)
    return uri


def _parts(uri: str) -> tuple[str, ...]:
    return PurePosixPath(shown_path(uri)).parts


def is_article_file(uri: str) -> bool:
    """A file of a format the readers know, by its extension (hidden files are not)."""
    name = PurePosixPath(urlsplit(uri).path).name
    return not name.startswith(".") and PurePosixPath(name).suffix.lower() in EXTENSIONS


def file_outcomes(
    uri: str, content: bytes, settings: ReadSettings
) -> list[tuple[SortKey, ReadOutcome]]:
    """The articles, problems and notices of one file, each with its sort key."""
    origin = shown_path(uri)
    read = read_file_bytes(
        origin,
        content,
        published=settings.published,
        max_bytes=settings.max_bytes,
        max_chars=settings.max_chars,
    )
    return [((_parts(uri), 0, rank), outcome) for rank, outcome in enumerate(read)]


def row_outcomes(
    uri: str, rank: int, row: Mapping[str, Any], settings: ReadSettings
) -> Iterator[tuple[SortKey, ReadOutcome]]:
    """The article of one Parquet row (the fields of a JSONL record), or why there is none.

    A row without an ``id`` is ``<file stem>:<rank>``, as a JSONL line is
    ``<stem>:<line>``; a date column is read as the date it holds.
    """
    origin = shown_path(uri)
    source = Source(
        origin=origin,
        id_stem=PurePosixPath(urlsplit(uri).path).stem,
        default_published=settings.published,
        max_chars=settings.max_chars,
    )
    value = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
    found = record_article(value, source, fallback_id=f"{source.id_stem}:{rank}", line=rank)
    for i, outcome in enumerate(found):
        yield (_parts(uri), rank, i), outcome
