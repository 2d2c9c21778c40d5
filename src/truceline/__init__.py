"""truceline: news reports about ceasefire and exchange talks, as a sourced record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from truceline.record import (
        Article,
        Claim,
        Event,
        EventType,
        ExtractionRecord,
        Modality,
        Term,
    )

__all__ = ["Article", "Claim", "Event", "EventType", "ExtractionRecord", "Modality", "Term"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The record's types are imported when first asked for, not with every
    # submodule: building their pydantic models is a third of the CLI's start.
    if name in __all__:
        from truceline import record

        return getattr(record, name)
    raise AttributeError(f"module 'truceline' has no attribute {name!r}")
