"""From what the user typed to articles: paths, directories, stdin and URLs.

Each input is read on its own and every failure becomes a
:class:`ReadProblem` in the output stream, so that one bad input never
stops the others. This is the funnel: locate -> read bytes -> decode ->
pick the format -> parse.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from truceline.ingest.article import MAX_CHARS, ReadOutcome, Source
from truceline.ingest.decode import decode_bytes, refuse_nul
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
from truceline.ingest.url import Download, fetch, is_url

MAX_BYTES = 20_000_000
"""Bytes read from one input at most (``--max-bytes``)."""

STDIN = "-"
STDIN_ORIGIN = "<stdin>"

Reader = Callable[[str, Source], Iterator[ReadOutcome]]

_LINE_BASED = frozenset({Format.JSONL})
"""Formats read line by line, where a bad line costs only itself."""

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
    max_chars: int
    timeout: float
    exclude: frozenset[Path] = frozenset()

    def source(self, origin: str, id_stem: str, url: str | None = None) -> Source:
        return Source(
            origin=origin,
            id_stem=id_stem,
            url=url,
            default_published=self.published,
            max_chars=self.max_chars,
        )


def read_inputs(
    inputs: Iterable[str],
    *,
    published: date | None = None,
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_CHARS,
    timeout: float = 20.0,
    exclude: Iterable[Path] = (),
) -> Iterator[ReadOutcome]:
    """Yield articles (and problems, in order) from paths, directories, '-' and URLs.

    Directories are read recursively; ``-`` is standard input; http(s)
    addresses are downloaded.

    ``published`` is the publication date of inputs that give none.
    ``max_bytes`` caps what is read from any one input, ``max_chars`` the
    length of an article (longer ones are problems); ``timeout`` (seconds)
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
        max_chars=max_chars,
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


def _read_path(path: Path, options: _Options) -> Iterator[ReadOutcome]:
    if path.is_dir():
        files, unreadable = walk_folder(path)
        if not files and not unreadable:
            known = ", ".join(EXTENSIONS)
            yield ReadProblem(str(path), None, f"directory has no files to read ({known})")
        for file in files:
            if file.resolve() in options.exclude:
                continue
            yield from _guarded(str(file), partial(_read_file, file, options))
        yield from unreadable
    elif path.exists():
        yield from _guarded(str(path), partial(_read_file, path, options))
    else:
        yield ReadProblem(str(path), None, "no such file or directory; check the path")


def walk_folder(directory: Path) -> tuple[list[Path], list[ReadProblem]]:
    """The article files under ``directory`` (sorted), and a problem per path that cannot be read.

    Hidden files and folders are left out. Folders the system refuses to
    list and broken symbolic links are named, never skipped in silence.
    Symbolic links to folders are followed, each real folder once, so a
    link back up the tree cannot loop.
    """
    found: list[Path] = []
    unreadable: list[ReadProblem] = []

    def refused(error: OSError) -> None:
        reason = error.strerror or type(error).__name__
        unreadable.append(
            ReadProblem(
                str(error.filename),
                None,
                f"folder cannot be read ({reason}); its files are skipped",
            )
        )

    seen: set[Path] = set()
    for root, dirs, files in os.walk(directory, onerror=refused, followlinks=True):
        real = Path(root).resolve()
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = Path(root, name)
            if path.is_symlink() and not path.exists():
                target = os.readlink(path)
                unreadable.append(
                    ReadProblem(
                        str(path),
                        None,
                        f"is a broken symbolic link (to {target}); fix or remove it",
                    )
                )
            elif format_for_path(path) is not None:
                found.append(path)
    found.sort(key=lambda file: file.relative_to(directory).parts)
    unreadable.sort(key=lambda problem: Path(problem.origin).relative_to(directory).parts)
    return found, unreadable


def _read_file(path: Path, options: _Options) -> Iterator[ReadOutcome]:
    size = path.stat().st_size
    if size > options.max_bytes:
        raise ReadError(too_large(size, options.max_bytes))
    with path.open("rb") as stream:
        data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise ReadError(too_large(None, options.max_bytes))
    source = options.source(str(path), path.stem)
    yield from _parse(data, source, format_for_path(path))


def _read_stdin(options: _Options) -> Iterator[ReadOutcome]:
    if sys.stdin is None:
        raise ReadError("there is no standard input to read")
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise ReadError(too_large(None, options.max_bytes))
    source = options.source(STDIN_ORIGIN, "stdin")
    yield from _parse(data, source, None)


def _read_url(url: str, options: _Options) -> Iterator[ReadOutcome]:
    download = fetch(url, max_bytes=options.max_bytes, timeout=options.timeout)
    yield from _read_download(url, download, options)


def read_download(
    origin: str,
    download: Download,
    *,
    published: date | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[ReadOutcome]:
    """The articles (and problems) of a response already downloaded from ``origin``: what
    reading a URL does once the bytes are in (``truceline watch`` fetches them itself)."""
    options = _Options(
        published=published, max_bytes=len(download.content), max_chars=max_chars, timeout=0
    )
    yield from _guarded(origin, partial(_read_download, origin, download, options))


def read_file_bytes(
    origin: str,
    data: bytes,
    *,
    published: date | None = None,
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_CHARS,
) -> Iterator[ReadOutcome]:
    """The articles (and problems) of a file whose bytes are already in, named by ``origin``
    (its path or URL): what reading a file does once it is read (``truceline batch extract``
    has Spark read the files, on whatever file system holds them)."""
    options = _Options(published=published, max_bytes=max_bytes, max_chars=max_chars, timeout=0)
    name = PurePosixPath(urlsplit(origin).path if "://" in origin else origin)

    def parse() -> Iterator[ReadOutcome]:
        if len(data) > max_bytes:
            raise ReadError(too_large(len(data), max_bytes))
        yield from _parse(data, options.source(origin, name.stem), format_for_path(Path(name)))

    yield from _guarded(origin, parse)


def _read_download(url: str, download: Download, options: _Options) -> Iterator[ReadOutcome]:
    source = options.source(url, url, url=download.url)
    yield from _parse(
        download.content,
        source,
        format_for_content_type(download.content_type),
        charset=download.charset,
    )


def _parse(
    data: bytes, source: Source, known: Format | None, *, charset: str | None = None
) -> Iterator[ReadOutcome]:
    # NUL bytes are judged per line in line-based formats; an input whose
    # format is not known yet is decoded as if it were one, then judged.
    line_based = known is None or known in _LINE_BASED
    text = decode_bytes(data, declared_charset=charset, line_based=line_based)
    format = known or sniff_format(text)
    if format not in _LINE_BASED:
        refuse_nul(text)
    yield from _READERS[format](text, source)


def _guarded(origin: str, read: Callable[[], Iterator[ReadOutcome]]) -> Iterator[ReadOutcome]:
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


def missing_paths(inputs: Iterable[str]) -> list[str]:
    """The inputs that name local paths which do not exist (not ``-``, not URLs)."""
    return [name for name in inputs if name != STDIN and not is_url(name) and not _exists(name)]


def _exists(name: str) -> bool:
    try:
        return Path(name).exists()
    except OSError:  # a name too long, or a folder on the way that cannot be searched
        return False


def estimate_articles(inputs: Iterable[str]) -> int | None:
    """About how many articles the inputs hold, for a progress bar; None if unknowable.

    Cheap next to extraction: files are counted, not parsed (non-blank lines
    of JSONL, items of a JSON array, entries of a feed). Standard input and
    URLs cannot be looked at in advance.
    """
    total = 0
    for name in inputs:
        if name == STDIN or is_url(name):
            return None
        path = Path(name)
        files = walk_folder(path)[0] if path.is_dir() else [path] if path.is_file() else []
        total += sum(_articles_in(file) for file in files)
    return total


def _articles_in(path: Path) -> int:
    try:
        if path.stat().st_size > MAX_BYTES:
            return 1
        data = path.read_bytes()
    except OSError:
        return 1
    known = format_for_path(path)
    lines = max(1, sum(1 for line in data.split(b"\n") if line.strip()))
    if known == Format.JSONL:
        return lines
    if known == Format.JSON:
        try:
            value = json.loads(data)
        except ValueError:  # one object per line, read as JSONL; or a problem, one line
            return lines
        return len(value) if isinstance(value, list) else 1
    if known == Format.FEED:
        return max(1, data.count(b"<item") + data.count(b"<entry"))
    return 1
