"""The names of the export formats, apart from the code that writes them.

The ``export`` command's ``--format`` option is declared with these when the
CLI is imported; :mod:`truceline.export` (pydantic models, the record types)
is imported only when an export runs.
"""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    plover = "plover"
    parquet = "parquet"


BINARY_FORMATS = {ExportFormat.parquet}
"""Formats written to a file, never to standard output."""
