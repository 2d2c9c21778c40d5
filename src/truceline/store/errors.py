"""The one exception the store raises: a message a user can act on."""

from __future__ import annotations

from truceline.errors import TrucelineError


class StoreError(TrucelineError):
    """The store cannot do what was asked; ``str(exc)`` says why and what to do."""
