"""Blocking: find the few candidates a report could match without all-pairs.

Candidates live in buckets keyed by (type, modality group, date class, day,
actor). A report looks only in the days its interval covers (plus the
window) and under the actors it names; a report that names no one looks
under ``ALL`` (everything of that type that day), and a candidate that names
no one is also filed under ``NOBODY`` so that reports naming someone find
it. Work per report is a handful of dictionary look-ups, so a million
reports reconcile in seconds rather than in 10^12 comparisons.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from truceline.resolve.keys import Signature, day_buckets, role_keys

ALL = "\x00all"
BlockKey = tuple[str, str, str, int, str | None]


class BlockIndex:
    """Buckets of candidate ids (clusters or story events) for matching."""

    def __init__(self, participant_types: frozenset[str]) -> None:
        self._buckets: dict[BlockKey, list[int]] = defaultdict(list)
        self._participant_types = participant_types
        self._filed: dict[int, tuple[frozenset[int], frozenset[str | None]]] = {}

    def _names(self, sig: Signature) -> frozenset[str | None]:
        return role_keys(sig, sig.type in self._participant_types)

    def file(self, ident: int, sig: Signature) -> None:
        """File (or re-file, after the signature grew) a candidate under its buckets.

        Only buckets not filed before are added; stale ones stay and merely
        cost a comparison that fails.
        """
        days = day_buckets(sig, 0)
        keys = self._names(sig) | {ALL}
        old_days, old_keys = self._filed.get(ident, (frozenset(), frozenset()))
        head = (sig.type, sig.group, sig.date_class)
        for day in days:
            for key in keys if day not in old_days else keys - old_keys:
                self._buckets[(*head, day, key)].append(ident)
        self._filed[ident] = (old_days | frozenset(days), keys | old_keys)

    def candidates(
        self, sig: Signature, pad: int, *, type_: str | None = None, group: str | None = None
    ) -> list[int]:
        """Ids filed where ``sig`` could match (by default: same type and group), in filing order."""
        names = self._names(sig)
        keys: Iterable[str | None] = (ALL,) if None in names else (*names, None)
        head = (type_ or sig.type, group or sig.group, sig.date_class)
        seen: set[int] = set()
        found: list[int] = []
        for day in day_buckets(sig, pad):
            for key in keys:
                for ident in self._buckets.get((*head, day, key), ()):
                    if ident not in seen:
                        seen.add(ident)
                        found.append(ident)
        return found
