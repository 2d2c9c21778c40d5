"""What each make target installs: running truceline needs no test or lint tooling.

`make demo` installs the package with its runtime extra only; `make test`
adds the test tooling and `make lint` the linter. Read from pyproject.toml's
extras and from what make would run (``make -n``), not from a list kept here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
TOOLING = {"pytest", "hypothesis", "ruff", "playwright"}


def _names(requirements: list[str]) -> set[str]:
    return {re.match(r"[A-Za-z0-9_.-]+", r).group(0).lower() for r in requirements}


def _installed_extras(target: str) -> set[str]:
    """The extras every `pip install -e '.[...]'` that `make TARGET` would run names."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry = subprocess.run(
        ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    found = re.findall(r"pip install [^\n]*-e '\.\[([a-z,]+)\]'", dry)
    assert found, dry
    return {extra for group in found for extra in group.split(",")}


def test_running_truceline_needs_no_test_or_lint_tooling():
    extras = PROJECT["optional-dependencies"]
    assert _names(PROJECT["dependencies"] + extras["model"]) & TOOLING == set()


def test_the_test_and_lint_extras_hold_the_tooling():
    extras = PROJECT["optional-dependencies"]
    assert {"pytest", "hypothesis", "playwright", "pandas"} <= _names(extras["test"])
    assert _names(extras["lint"]) == {"ruff"}


def test_make_demo_installs_only_what_running_needs():
    assert _installed_extras("demo") == {"model"}


def test_make_test_and_make_lint_add_their_tooling():
    assert _installed_extras("test") == {"model", "test", "spark"}  # spark: tests/batch
    assert _installed_extras("lint") == {"model", "lint"}
