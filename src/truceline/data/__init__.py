"""The data files of ``truceline/data`` and the one way to read them.

Rules are data: word lists, triggers, mappings and settings live in YAML so
a linguist can extend them without touching code. Every file has a pydantic
model in :mod:`truceline.data.files` that forbids unknown keys, so a typo
(``intransitve: true``) fails on first use, naming the file and the key,
instead of being ignored. Each file documents the keys it may use in its
header comment; a test checks that header and model agree.

This package sits below ``extract``, ``resolve`` and ``negotiation`` so every
layer reads data the same way.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from truceline.data.files import DataFile
from truceline.errors import TrucelineError

__all__ = ["DataFileError", "bundled_models", "bundled_path", "load", "parse", "read_text"]

M = TypeVar("M", bound=BaseModel)


class DataFileError(TrucelineError):
    """A data file that does not fit its model: the file, the key path and what is wrong.

    ``paths`` holds the key path of each problem, for callers that point at its line.
    """

    def __init__(self, message: str, paths: list[tuple[int | str, ...]] | None = None) -> None:
        super().__init__(message)
        self.paths = paths or []


def _key_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def parse(data: Any, model: type[M], where: str) -> M:
    """Validate parsed YAML against ``model``; raise :class:`DataFileError` naming each bad key."""
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        problems, paths = [], []
        for error in exc.errors():
            loc = error["loc"]
            # A tagged union adds its tag to the path; the reader wants the file's keys only.
            parts = tuple(p for p in loc if not str(p).startswith("function-"))
            paths.append(parts)
            key = _key_path(parts)
            if error["type"] == "extra_forbidden":
                problems.append(f"{key}: unknown key (is it misspelt? see the file's header)")
            else:
                problems.append(f"{key}: {error['msg']}")
        raise DataFileError(f"{where}: " + "; ".join(problems), paths) from None


def read_text(text: str, model: type[M], where: str) -> M:
    """Parse YAML ``text`` read from ``where`` (a path or a name) and validate it."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise DataFileError(f"{where}{line}: not valid YAML ({exc.__class__.__name__})") from None
    return parse(data, model, where)


def bundled_path(name: str) -> Path:
    """The path of a bundled data file, for messages and for readers of raw text."""
    return Path(str(resources.files("truceline") / "data" / name))


@cache
def load(model: type[M]) -> M:
    """The bundled data file of ``model`` (its ``FILE``), validated once per process."""
    name = model.FILE  # type: ignore[attr-defined]
    text = (resources.files("truceline") / "data" / name).read_text(encoding="utf-8")
    return read_text(text, model, f"truceline/data/{name}")


def bundled_models() -> dict[str, type[DataFile]]:
    """Every bundled YAML file by name, with its model."""
    return {m.FILE: m for m in DataFile.__subclasses__()}
