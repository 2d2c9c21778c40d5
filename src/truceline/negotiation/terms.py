"""Small readings of term lists that several derivations share."""

from __future__ import annotations

from collections.abc import Sequence

from truceline.record import Term


def merge_terms(into: list[Term], more: Sequence[Term]) -> None:
    """Append the terms of ``more`` that ``into`` lacks (same issue, value, party, qualifier)."""
    seen = {(t.issue, repr(t.value), t.party, t.qualifier) for t in into}
    for t in more:
        key = (t.issue, repr(t.value), t.party, t.qualifier)
        if key not in seen:
            seen.add(key)
            into.append(t)


def int_values(terms: Sequence[Term], issue: str) -> list[int]:
    """The integer values of one issue (booleans are not counts)."""
    return [t.value for t in terms if t.issue == issue and type(t.value) is int]
