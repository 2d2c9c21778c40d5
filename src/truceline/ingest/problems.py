"""What readers say when an input cannot become an article.

Reading never stops at the first bad input: every failure becomes a
:class:`ReadProblem` in the stream of results, next to the articles that did
read, so that one corrupt file in a directory of hundreds costs one line of
output, not the run.
"""

from __future__ import annotations

from dataclasses import dataclass

from truceline.errors import TrucelineError


@dataclass(frozen=True)
class ReadProblem:
    """One input (or one line of it) that could not be read, and why.

    ``message`` is a single sentence a user can act on; ``line`` is set only
    for line-oriented formats (JSONL), where it points at the offending line.
    """

    origin: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.origin}: {self.message}"
        return f"{self.origin}:{self.line}: {self.message}"


class ReadError(TrucelineError):
    """Raised inside readers when a whole input cannot be read.

    The dispatcher turns it into a :class:`ReadProblem` naming the input, so
    readers can stop with a plain ``raise`` wherever they discover the
    failure and never need to know where their text came from.
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def too_large(size: int | None, max_bytes: int) -> str:
    """The message for an input over the size limit (``size`` None when not known yet)."""
    actual = f"is {byte_size(size)}, over" if size is not None else "is over"
    return f"{actual} the {byte_size(max_bytes)} size limit; raise the limit to read it"


def byte_size(size: int) -> str:
    """A byte count as users read it in messages: 512 bytes, 12.5 kB, 20.0 MB."""
    if size < 1_000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"
