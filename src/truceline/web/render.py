"""Jinja2 for the dashboard: autoescaping on, one spelling of values (the CLI's), URLs checked.

Values are spelled by :mod:`truceline.reports.format`, the functions the
CLI's tables use, so a term or a sourcing line reads the same in both.
Links to articles' own URLs are only ever ``http(s)``: an article's URL is
untrusted input and a ``javascript:`` one must not become a link.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from truceline.reports import format as fmt

TEMPLATES = Path(__file__).parent / "templates"

NAV = (
    ("/", "Overview"),
    ("/timeline", "Timeline"),
    ("/positions", "Positions"),
    ("/proposals", "Proposals"),
    ("/ledger", "Ledger"),
    ("/sources", "Sources"),
    ("/changes", "Changes"),
    ("/articles", "Articles"),
    ("/watch", "Watch"),
)


def http_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL, else None (never a ``javascript:`` link)."""
    if not value:
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value if scheme in ("http", "https") else None


def shown_source(value: str) -> str:
    """A watched source as it may be shown: a URL's user and password left out."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return value
    if parts.scheme in ("http", "https") and "@" in parts.netloc:
        return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()
    return value


def moment(value: dt.datetime | None) -> str:
    """``2025-03-03 12:00 UTC``: a time of the store's, in UTC, to the minute."""
    if value is None:
        return "—"
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from the current parameters with ``changes`` applied; blanks dropped."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else "?"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        date=fmt.format_date,
        term=fmt.format_term,
        value=fmt.format_value,
        corroboration=fmt.corroboration,
        percent=fmt.percent,
        plural=fmt.plural,
        http_url=http_url,
        moment=moment,
        source=shown_source,
    )
    env.globals.update(nav=NAV, query_string=query_string)
    return env


ENV = _environment()


def render(
    request: Request,
    template: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """The page ``template`` rendered with ``context``, the request and its query parameters."""
    params = dict(request.query_params)
    html = ENV.get_template(template).render(
        request=request, path=request.url.path, params=params, **context
    )
    return HTMLResponse(html, status_code=status, headers=headers)


def render_error(
    request: Request, status: int, detail: str, headers: dict[str, str] | None = None
) -> HTMLResponse:
    return render(
        request, "error.html", status, headers, status_code=status, detail=detail, title=str(status)
    )
