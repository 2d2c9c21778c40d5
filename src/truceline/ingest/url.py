"""Downloading an article, a feed or a data file over HTTP(S).

The network is the least trustworthy input: servers hang, answer errors,
redirect in circles or send gigabytes. Every such case ends in a
:class:`ReadError` naming what happened, within about twice ``timeout``
seconds and without holding more than ``max_bytes`` in memory.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from truceline import __version__
from truceline.ingest.problems import ReadError, too_large

USER_AGENT = f"truceline/{__version__} (reader of news reports on ceasefire negotiations)"


@dataclass(frozen=True)
class Download:
    """A response body and what the server said about it."""

    url: str
    content: bytes
    content_type: str | None
    charset: str | None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Validators:
    """What a server said identifies its last answer, sent back to ask "changed since?"."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        sent = {}
        if self.etag:
            sent["If-None-Match"] = self.etag
        if self.last_modified:
            sent["If-Modified-Since"] = self.last_modified
        return sent


def is_url(value: str) -> bool:
    """Whether an input names a web address rather than a file."""
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, *, max_bytes: int, timeout: float) -> Download:
    """GET ``url``, following redirects, or raise :class:`ReadError`.

    ``timeout`` bounds every network wait and, checked between chunks, the
    whole download, so a server trickling bytes cannot hold a run forever.
    """
    download = fetch_if_changed(url, None, max_bytes=max_bytes, timeout=timeout)
    assert download is not None  # nothing was asked "since"
    return download


def fetch_if_changed(
    url: str, since: Validators | None, *, max_bytes: int, timeout: float
) -> Download | None:
    """:func:`fetch` as a conditional GET: None when the server answers 304 Not Modified
    to the validators of its last answer (``since``)."""
    headers = {"User-Agent": USER_AGENT, **(since.headers() if since else {})}
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(headers=headers, timeout=timeout, follow_redirects=True) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code == httpx.codes.NOT_MODIFIED and since is not None:
                return None
            response.raise_for_status()
            content = _read_capped(response, max_bytes=max_bytes, deadline=deadline)
            return Download(
                url=str(response.url),
                content=content,
                content_type=response.headers.get("content-type"),
                charset=response.charset_encoding,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
    except httpx.TimeoutException:
        raise ReadError(
            f"timed out after {timeout:g} s; the server is slow or unreachable, "
            "try again later or allow a longer timeout"
        ) from None
    except httpx.HTTPStatusError as error:
        status = error.response
        advice = "try again later" if status.is_server_error else "check the address"
        raise ReadError(
            f"the server answered {status.status_code} {status.reason_phrase}; {advice}"
        ) from None
    except httpx.TooManyRedirects:
        raise ReadError("too many redirects; the address redirects in a loop") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise ReadError(f"is not a valid http(s) address ({error})") from None
    except httpx.HTTPError as error:
        raise ReadError(
            f"could not be downloaded ({error or type(error).__name__}); "
            "check the address and the network connection"
        ) from None


def _read_capped(response: httpx.Response, *, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise ReadError(too_large(int(declared), max_bytes))
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise ReadError(too_large(None, max_bytes))
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("download took too long", request=response.request)
        chunks.append(chunk)
    return b"".join(chunks)
