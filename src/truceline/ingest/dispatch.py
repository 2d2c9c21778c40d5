"""From what the user typed to articles: paths, directories, stdin and URLs.

Each input is read on its own and every failure becomes a
:class:`ReadProblem` in the output stream, so that one bad input never
stops the others. This is the funnel: locate -> read bytes -> decode ->
pick the format -> parse.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from truceline.ingest.article import Source
from truceline.ingest.decode import decode_bytes
from truceline.ingest.feed import read_feed
from truceline.ingest.formats import (
    EXTENSIONS,
    Format,
    format_for_content_type,
    format_for_path,
    sniff_format,
)
from truceline.ingest.html import read_html
from truceline.ingest.jsonl import read_json, read_jsonl
from truceline.ingest.problems import ReadError, ReadProblem, too_large
from truceline.ingest.text import read_text
from truceline.ingest.url import fetch, is_url
from truceline.record import Article

STDIN = "-"
STDIN_ORIGIN = "<stdin>"

Reader = Callable[[str, Source], Iterator[Article | ReadProblem]]

_READERS: dict[Format, Reader] = {
    Format.TEXT: read_text,
    Format.MARKDOWN: partial(read_text, markdown=True),
    Format.HTML: read_html,
    Format.FEED: read_feed,
    Format.JSON: read_json,
    Format.JSONL: read_jsonl,
}


@dataclass(frozen=True)
class _Options:
    published: date | None
    max_bytes: int
    timeout: float
    exclude: frozenset[Path] = frozenset()


def read_inputs(
    inputs: Iterable[str],
    *,
    published: date | None = None,
    max_bytes: int = 20_000_000,
    timeout: float = 20.0,
    exclude: Iterable[Path] = (),
) -> Iterator[Article | ReadProblem]:
    """Yield articles (and problems, in order) from paths, directories, '-' and URLs.

    Directories are read recursively; ``-`` is standard input; http(s)
    addresses are downloaded.

    ``published`` is the publication date of inputs that give none.
    ``max_bytes`` caps what is read from any one input; ``timeout`` (seconds)
    bounds each download. ``exclude`` names files a directory walk skips
    (the output file of the run that reads the directory). No exception
    escapes for a bad input: it is reported as a :class:`ReadProblem` and
    the next input is read.
    """
    if isinstance(inputs, str):  # one path, not an iterable of one-letter paths
        inputs = [inputs]
    options = _Options(
        published=published,
        max_bytes=max_bytes,
        timeout=timeout,
        exclude=frozenset(Path(p).resolve() for p in exclude),
    )
    for name in inputs:
        if name == STDIN:
            yield from _guarded(STDIN_ORIGIN, partial(_read_stdin, options))
        elif is_url(name):
            yield from _guarded(name, partial(_read_url, name, options))
        else:
            yield from _read_path(Path(name), options)


def _read_path(path: Path, options: _Options) -> Iterator[Article | ReadProblem]:
    if path.is_dir():
        files = article_files(path)
        if not files:
            known = ", ".join(EXTENSIONS)
            yield ReadProblem(str(path), None, f"directory has no files to read ({known})")
        for file in files:
            if file.resolve() in options.exclude:
                continue
            yield from _guarded(str(file), partial(_read_file, file, options))
    elif path.exists():
        yield from _guarded(str(path), partial(_read_file, path, options))
    else:
        yield ReadProblem(str(path), None, "no such file or directory; check the path")


def article_files(directory: Path) -> list[Path]:
    """The readable files under ``directory``, recursively, sorted, hidden ones left out."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(
            Path(root, name)
            for name in files
            if not name.startswith(".") and format_for_path(Path(name)) is not None
        )
    return sorted(found, key=lambda file: file.relative_to(directory).parts)


def _read_file(path: Path, options: _Options) -> Iterator[Article | ReadProblem]:
    size = path.stat().st_size
    if size > options.max_bytes:
        raise ReadError(too_large(size, options.max_bytes))
    with path.open("rb") as stream:
        data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise ReadError(too_large(None, options.max_bytes))
    source = Source(origin=str(path), id_stem=path.stem, default_published=options.published)
    yield from _parse(data, source, format_for_path(path))


def _read_stdin(options: _Options) -> Iterator[Article | ReadProblem]:
    if sys.stdin is None:
        raise ReadError("there is no standard input to read")
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise ReadError(too_large(None, options.max_bytes))
    source = Source(origin=STDIN_ORIGIN, id_stem="stdin", default_published=options.published)
    yield from _parse(data, source, None)


def _read_url(url: str, options: _Options) -> Iterator[Article | ReadProblem]:
    download = fetch(url, max_bytes=options.max_bytes, timeout=options.timeout)
    source = Source(origin=url, id_stem=url, url=download.url, default_published=options.published)
    yield from _parse(
        download.content,
        source,
        format_for_content_type(download.content_type),
        charset=download.charset,
    )


def _parse(
    data: bytes, source: Source, known: Format | None, *, charset: str | None = None
) -> Iterator[Article | ReadProblem]:
    text = decode_bytes(data, declared_charset=charset)
    reader = _READERS[known or sniff_format(text)]
    yield from reader(text, source)


def _guarded(
    origin: str, read: Callable[[], Iterator[Article | ReadProblem]]
) -> Iterator[Article | ReadProblem]:
    """Run one input's reader, turning any failure into a problem naming the input."""
    try:
        yield from read()
    except ReadError as error:
        yield ReadProblem(origin, error.line, error.message)
    except OSError as error:
        yield ReadProblem(origin, None, f"cannot be read ({error.strerror or error})")
    except Exception as error:  # a bug, but one input must not end the run
        yield ReadProblem(
            origin,
            None,
            f"could not be read because of an unexpected {type(error).__name__} ({error}); "
            "please report this as a truceline bug",
        )
