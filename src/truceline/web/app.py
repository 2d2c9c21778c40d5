"""The web application: REST API, dashboard and static files in one FastAPI app.

Errors never reach a client as a traceback: HTTP errors and bad parameters
answer JSON under ``/api/`` and an HTML page elsewhere; a store error is
logged with its message and answered with a plain 503 (the message names
the database, its path or server, which is the operator's business, not a
client's); anything else is logged here and answered with a plain 500. Every response carries a Content-Security-Policy that allows
scripts, styles and requests only from this server.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from truceline.store import Store, StoreError
from truceline.web import corrections, pages, rest
from truceline.web.limits import DEFAULT_MAX_BODY_BYTES
from truceline.web.render import render_error
from truceline.web.state import WebState

if TYPE_CHECKING:
    from truceline.api import Extractor

log = logging.getLogger("truceline.web")
STATIC = Path(__file__).parent / "static"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
STORE_UNAVAILABLE = "the store cannot answer now; the server log says why"

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@asynccontextmanager
async def _long_lived_objects_frozen(app: FastAPI) -> AsyncIterator[None]:
    """Keep what exists at start-up (modules, templates, the store) out of garbage collection.

    A full collection walks every live object, and the server holds a great
    many: each one stalled whichever request tripped it, and pages that build
    many objects (the ledger, the overview) tripped it often enough to make
    their slowest responses a multiple of their typical one. Frozen objects
    are never walked again; what requests build is collected as before.
    """
    gc.collect()
    gc.freeze()
    yield


def create_app(
    store: Store,
    *,
    token: str | None = None,
    extractor: Extractor | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> FastAPI:
    """The app over an open store. Writes need ``token``; without it the API is read-only.

    ``extractor`` (made on the first write if not given) lets tests share a loaded one;
    ``max_body_bytes`` caps a POST's body (see :mod:`truceline.web.limits`).
    """
    app = FastAPI(
        title="truceline",
        summary="The negotiation record: articles, events, story events, proposals, ledger.",
        version="1",
        docs_url=None,  # the bundled docs page loads its scripts from a CDN
        redoc_url=None,
        lifespan=_long_lived_objects_frozen,
    )
    app.state.web = WebState(
        store=store, token=token, extractor=extractor, max_body_bytes=max_body_bytes
    )
    app.include_router(rest.router)
    app.include_router(corrections.rest)
    app.include_router(corrections.form)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _handle_errors(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, detail: str, headers: dict | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    return render_error(request, status, detail, headers)


def _validation_message(exc: RequestValidationError) -> str:
    """``query limit: Input should be greater than or equal to 1`` -- one line per problem."""
    parts = []
    for error in exc.errors():
        where = " ".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, _validation_message(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.warning("store error on %s: %s", request.url.path, exc)
        return _error(request, 503, STORE_UNAVAILABLE)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error on %s %s", request.method, request.url.path)
        response = _error(request, 500, "internal error; the server log has the details")
        response.headers.update(SECURITY_HEADERS)
        return response
