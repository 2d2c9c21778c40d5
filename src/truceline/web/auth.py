"""Who may write: a bearer token from the configuration, else nobody.

The token comes from ``--token-file`` or the ``TRUCELINE_TOKEN`` environment
variable. Without one the API is read-only, and a write says so (403); a
missing or wrong token is a 401. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import os
from pathlib import Path

from fastapi import HTTPException, Request

from truceline.errors import TrucelineError
from truceline.web.state import web_state

TOKEN_ENV = "TRUCELINE_TOKEN"


class TokenError(TrucelineError):
    """A token file that cannot be used, with the reason."""


def load_token(token_file: Path | None = None) -> str | None:
    """The write token: the file's content (stripped) if given, else ``$TRUCELINE_TOKEN``."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise TokenError(f"cannot read token file {token_file}: {exc}") from None
        if not token:
            raise TokenError(f"token file {token_file} is empty")
        return token
    return os.environ.get(TOKEN_ENV, "").strip() or None


def token_matches(request: Request, given: str) -> bool:
    """Whether ``given`` is the configured token (False when none is configured)."""
    expected = web_state(request).token
    return expected is not None and hmac.compare_digest(given.strip().encode(), expected.encode())


def require_token(request: Request) -> None:
    """Let the request through only with ``Authorization: Bearer <the configured token>``."""
    expected = web_state(request).token
    if expected is None:
        raise HTTPException(
            status_code=403,
            detail=f"this server is read-only: start it with {TOKEN_ENV} or --token-file "
            "to accept writes",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), expected.encode()
    ):
        raise HTTPException(
            status_code=401,
            detail="a valid 'Authorization: Bearer <token>' header is needed to write",
            headers={"WWW-Authenticate": "Bearer"},
        )
