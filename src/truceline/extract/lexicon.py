"""Word lists the extraction components read from ``truceline/data``.

Lexicons are data, not code: a linguist can extend them without touching the
components. Each file is read once per process.
"""

from __future__ import annotations

from functools import cache

from truceline.data.loader import load_data


@cache
def word_set(name: str, key: str) -> frozenset[str]:
    """A list from a data file as a set of lower-case words, for membership tests."""
    return frozenset(str(w).lower() for w in load_data(name).get(key, []))
