"""A console that renders to a string, for exact checks of what a report prints."""

from __future__ import annotations

import io

import pytest
from rich.console import Console


@pytest.fixture()
def console() -> Console:
    """A wide, colourless console writing to a string, read back with ``console.file``."""
    return Console(file=io.StringIO(), width=200, color_system=None, force_terminal=False)
