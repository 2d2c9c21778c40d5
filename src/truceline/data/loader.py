"""Reading ``truceline/data/*.yaml``: each file parsed once per process.

Lexicons and settings are data, not code: a linguist or an analyst can
extend them without touching the components that read them.
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
