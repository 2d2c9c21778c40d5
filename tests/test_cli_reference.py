"""The README is the CLI's reference: every command and every option is in it.

Each command has a synopsis line (``truceline NAME ...``) in a ``sh`` block of
the README; the section (``## ...``) holding that line must name each of the
command's option flags, short forms included. A synopsis naming a flag the
command does not have is stale and fails too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from truceline.cli import app

README = Path(__file__).parents[1] / "README.md"
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def _flags(command) -> set[str]:
    """The command's option flags; a group's (``config``) with its subcommands'."""
    own = {
        flag
        for param in command.params
        if param.param_type_name == "option"
        for flag in (*param.opts, *param.secondary_opts)
    }
    for sub in getattr(command, "commands", {}).values():
        own |= _flags(sub)
    return own


def _sections() -> list[str]:
    return re.split(r"^## ", README.read_text(encoding="utf-8"), flags=re.M)


def _synopses(name: str) -> list[str]:
    """The lines of ``sh`` blocks that show ``truceline NAME``, with their continuations."""
    found = []
    for block in re.findall(r"^```sh\n(.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if re.match(rf"truceline {name}\b", line):
                shown = [line]
                for following in lines[i + 1 :]:
                    if not following.startswith(" "):
                        break
                    shown.append(following)
                found.append("\n".join(ln.split("#", 1)[0] for ln in shown))
    return found


def _names(flag: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


def test_the_cli_has_the_commands_the_reference_is_checked_against():
    assert {"extract", "ingest", "summary", "export", "serve", "evaluate"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_a_synopsis_in_the_readme(name):
    assert _synopses(name), f"README.md shows no `truceline {name} ...` line in a sh block"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_of_a_command_is_in_the_readme_section_that_shows_it(name):
    sections = [s for s in _sections() if re.search(rf"^truceline {name}\b", s, re.M)]
    missing = {f for f in _flags(COMMANDS[name]) if not any(_names(f, s) for s in sections)}
    assert missing == set(), f"README.md does not document {sorted(missing)} of `{name}`"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_synopsis_names_only_options_the_command_has(name):
    shown = {f for line in _synopses(name) for f in re.findall(r"(?<![\w-])--?[a-z][\w-]*", line)}
    assert shown - _flags(COMMANDS[name]) == set()
