"""Readers: what users give truceline (files, directories, stdin, URLs) as articles.

Formats: plain text and Markdown (with optional YAML front matter), HTML
pages, RSS/Atom feeds, JSON and JSONL records. Bad inputs never raise; they
come out of :func:`read_inputs` as :class:`ReadProblem` values, in order,
between the articles that did read.
"""

from truceline.ingest.dispatch import read_inputs
from truceline.ingest.problems import ReadProblem

__all__ = ["ReadProblem", "read_inputs"]
