"""Readers: what users give truceline (files, directories, stdin, URLs) as articles.

Formats: plain text and Markdown (with optional YAML front matter), HTML
pages, RSS/Atom feeds, JSON and JSONL records. Bad inputs never raise; they
come out of :func:`read_inputs` as :class:`ReadProblem` values, in order,
between the articles that did read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from truceline.ingest.problems import ReadProblem

if TYPE_CHECKING:
    from truceline.ingest.dispatch import read_inputs

__all__ = ["ReadProblem", "read_inputs"]


def __getattr__(name: str) -> Any:
    # The readers pull in trafilatura, htmldate and feedparser, slow to import:
    # commands that only query the store never pay for them.
    if name == "read_inputs":
        from truceline.ingest.dispatch import read_inputs

        return read_inputs
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
