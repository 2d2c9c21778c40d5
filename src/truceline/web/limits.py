"""How large a body a ``POST`` takes, and reading (and validating) one no larger than that.

The limit comes from ``truceline serve --max-body-bytes``, else from
``$TRUCELINE_MAX_BODY_BYTES``, else :data:`DEFAULT_MAX_BODY_BYTES`. A body is
read as a stream and refused (413) as soon as it passes the limit -- or at
once when its ``Content-Length`` says it will -- so an oversized body costs
the server at most the limit in memory, never its own size.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from truceline.errors import TrucelineError

MAX_BODY_ENV = "TRUCELINE_MAX_BODY_BYTES"
DEFAULT_MAX_BODY_BYTES = 10_000_000
"""10 MB: 200 articles (the most one POST may carry) of 50 kB each."""


T = TypeVar("T")


class LimitError(TrucelineError):
    """A body limit that is not a positive number of bytes."""


def max_body_bytes(given: int | None) -> int:
    """The limit in force: the option's value, else the environment's, else the default."""
    if given is not None:
        return given
    raw = os.environ.get(MAX_BODY_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BODY_BYTES
    if not raw.isdigit() or int(raw) < 1:
        raise LimitError(f"${MAX_BODY_ENV} must be a positive number of bytes, not {raw!r}")
    return int(raw)


def too_large(limit: int) -> HTTPException:
    return HTTPException(
        status_code=413,
        detail=f"the body is larger than this server takes ({limit} bytes); send fewer "
        f"articles per request, or start the server with --max-body-bytes or ${MAX_BODY_ENV}",
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The request's body, read chunk by chunk; a 413 as soon as it passes ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large(limit)
    return bytes(body)


async def read_valid_body(request: Request, limit: int, validate: Callable[[bytes], T]) -> T:
    """The body read as :func:`read_body` reads it and validated; a 422 naming the body's
    fields, as FastAPI gives for a declared body (routes read theirs only after the token)."""
    body = await read_body(request, limit)
    try:
        return validate(body)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        raise RequestValidationError([e | {"loc": ("body", *e["loc"])} for e in errors]) from None
