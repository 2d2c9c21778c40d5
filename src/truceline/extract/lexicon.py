"""Word lists the extraction components read from ``truceline/data``.

Lexicons are data, not code: a linguist can extend them without touching the
components. Each file is read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_data(name: str) -> dict[str, Any]:
    """The parsed YAML data file ``truceline/data/<name>``."""
    text = (resources.files("truceline") / "data" / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"truceline/data/{name}: expected a mapping at the top level")
    return data


@cache
def word_set(name: str, key: str) -> frozenset[str]:
    """A list from a data file as a set of lower-case words, for membership tests."""
    return frozenset(str(w).lower() for w in load_data(name).get(key, []))
