"""Bytes to text: the one place that decides how an input is decoded.

Policy, in order:

1. A byte-order mark wins (UTF-8, UTF-16, UTF-32) and is removed.
2. Input with NUL bytes or many control bytes is binary and refused. In
   line-based formats (JSONL) NUL bytes are let through: the reader judges
   each line, so one corrupt line does not cost the file.
3. Otherwise the charset is the one the transport declared (HTTP
   ``Content-Type``), else the one the document declares in its first
   kilobyte (``<meta charset>``, ``<?xml encoding>``), else UTF-8.
4. Decoding is strict. Invalid bytes are reported with their offset, line
   and column instead of being replaced or guessed at: a silent fallback
   would turn a mis-saved file into an article with corrupted names and
   numbers, and the fix (re-save as UTF-8) is one command for the user.
   Declared Latin-1 is read as Windows-1252, as browsers do, because that
   is what such pages really contain; declared ASCII is read as UTF-8, its
   superset, so that mislabelled UTF-8 still reads.
5. Newlines are normalised to ``\\n`` so that character offsets mean the
   same thing on every platform; nothing else is touched.
"""

from __future__ import annotations

import codecs
import re

from truceline.ingest.problems import ReadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 8192
_DECLARATION_BYTES = 1024
_MAX_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_NUL_BYTES = "looks like a binary file (it contains NUL bytes), not text"
_WINDOWS_1252_CODECS = frozenset({"iso8859-1", "cp1252"})
_DECLARATIONS = (
    re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE),
    re.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)", re.IGNORECASE),
)


def decode_bytes(
    data: bytes, *, declared_charset: str | None = None, line_based: bool = False
) -> str:
    """Decode ``data`` to text with LF newlines, or raise :class:`ReadError`.

    ``declared_charset`` is what the transport said (an HTTP header); it
    takes precedence over a declaration inside the document. ``line_based``
    lets NUL bytes through for a reader that judges each line.
    """
    if not data.strip():
        raise ReadError("is empty; there is no text to read")
    encoding, body = _split_bom(data)
    if encoding is None:
        _refuse_binary(body, nul_allowed=line_based)
        encoding = _charset(declared_charset) or _charset(_declared_in_document(body)) or "utf-8"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        if b"\x00" in body[:_SNIFF_BYTES]:
            raise ReadError(_NUL_BYTES) from None
        raise ReadError(_decode_failure(body, encoding, error)) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("is empty; there is no text to read")
    return text


def refuse_nul(text: str) -> None:
    """Raise the binary-file :class:`ReadError` if ``text`` holds a NUL byte.

    For input decoded as ``line_based`` before its format was known (stdin)
    that turned out not to be line-based.
    """
    if "\x00" in text[:_SNIFF_BYTES]:
        raise ReadError(_NUL_BYTES)


def _split_bom(data: bytes) -> tuple[str | None, bytes]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def _refuse_binary(data: bytes, *, nul_allowed: bool) -> None:
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head and not nul_allowed:
        raise ReadError(_NUL_BYTES)
    controls = sum(1 for byte in head if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if controls > _MAX_CONTROL_SHARE * len(head):
        raise ReadError("looks like a binary file (it is mostly control bytes), not text")


def _declared_in_document(data: bytes) -> str | None:
    head = data[:_DECLARATION_BYTES]
    for pattern in _DECLARATIONS:
        match = pattern.search(head)
        if match:
            return match.group(1).decode("ascii")
    return None


def _charset(label: str | None) -> str | None:
    """The Python codec for a charset label, or None if unknown or unusable.

    A UTF-16/32 label without a BOM is a mislabelled ASCII-compatible
    document (the declaration itself was readable as ASCII), so it is read
    as UTF-8, as the HTML standard prescribes; so is ASCII, a subset of it.
    """
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in _WINDOWS_1252_CODECS:
        return "cp1252"
    if name == "ascii" or name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def _decode_failure(data: bytes, encoding: str, error: UnicodeDecodeError) -> str:
    offset = error.start
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    where = f"byte 0x{data[offset]:02X} at offset {offset} (line {line}, column {column})"
    label = "UTF-8" if encoding == "utf-8" else encoding
    advice = (
        "if it is Windows-1252 or Latin-1 text, convert it with `iconv -f WINDOWS-1252 -t UTF-8`"
        if encoding == "utf-8"
        else "re-save it as UTF-8"
    )
    return f"is not valid {label} text: {where} cannot be decoded; {advice}"
