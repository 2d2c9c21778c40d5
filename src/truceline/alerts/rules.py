"""Alert rules: which changes a person wants to hear of, and where to send them.

An alerts file (YAML) lists rules; each rule picks changes of
:func:`truceline.changes.changes` by process, actor, kind and corroboration,
and names where they go::

    rules:
      - name: hamas-deals            # unique: deliveries are recorded per rule
        process: israel-hamas        # optional: only this process
        actors: [HAMAS]              # optional: any of these actor codes
        kinds: [agreement, release]  # optional: change kinds, or position_moved
        min_outlets: 2               # optional: independent outlets behind it
        to:
          - stdout                   # a JSON line on standard output
          - webhook: https://example.org/hook   # a JSON POST, retried with backoff
            retries: 3
            backoff: 1.0
          - command: [notify-send, truceline]   # the change as JSON on stdin

``contradiction`` is the "new contradiction" kind; ``position_moved`` picks
position changes of a party that had stated another stance on the issue
before (``position`` picks every new stance). A bad file fails before any
poll with :class:`AlertsFileError`, naming the file, the line and the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from truceline.data import DataFileError, read_text
from truceline.data.lines import compose, line_of
from truceline.errors import TrucelineError
from truceline.record.derived import ChangeKind

RuleKind = Literal[ChangeKind, "position_moved"]
"""What a rule may pick: a change kind, or a position that moved (from another stance)."""


class AlertsFileError(TrucelineError):
    """An alerts file that cannot be used: the file, the line and what is wrong."""


class Target(BaseModel):
    """Where a rule's changes go: exactly one of stdout, a webhook or a command."""

    model_config = ConfigDict(extra="forbid")

    stdout: bool = False
    webhook: str | None = Field(default=None, description="http(s) address to POST to.")
    command: list[str] | None = Field(default=None, description="Program and arguments.")
    retries: int = Field(default=3, ge=0, le=10, description="Webhook: tries after the first.")
    backoff: float = Field(default=1.0, ge=0, description="Webhook: seconds, doubled each try.")
    timeout: float = Field(default=10.0, gt=0, description="Seconds a POST or command may take.")

    @model_validator(mode="before")
    @classmethod
    def _bare_stdout(cls, value: object) -> object:
        return {"stdout": True} if value == "stdout" else value

    @model_validator(mode="after")
    def _exactly_one(self) -> Target:
        chosen = [self.stdout, self.webhook is not None, self.command is not None]
        if sum(chosen) != 1:
            raise ValueError("give exactly one of stdout, webhook or command")
        if self.webhook is not None and not self.webhook.startswith(("http://", "https://")):
            raise ValueError("webhook must be an http:// or https:// address")
        if self.command is not None and not self.command:
            raise ValueError("command must name a program")
        return self


class Rule(BaseModel):
    """One rule: the changes it picks and where they go."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    process: str | None = None
    actors: list[str] = Field(default_factory=list)
    kinds: list[RuleKind] = Field(default_factory=list)
    min_outlets: int = Field(default=0, ge=0)
    to: list[Target] = Field(min_length=1)


class AlertsFile(BaseModel):
    """An alerts file: its rules, each named once."""

    model_config = ConfigDict(extra="forbid")

    rules: list[Rule] = Field(min_length=1)

    @field_validator("rules")
    @classmethod
    def _names_once(cls, rules: list[Rule]) -> list[Rule]:
        names = [r.name for r in rules]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"rule names must be unique: {', '.join(twice)}")
        return rules


def load_rules(path: str | Path) -> AlertsFile:
    """The rules of the alerts file at ``path``; :class:`AlertsFileError` names file:line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise AlertsFileError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return read_text(text, AlertsFile, str(path))
    except DataFileError as error:
        line = next((n for p in error.paths if (n := line_of(compose(text), p))), None)
        message = str(error)
        if line is not None and message.startswith(f"{path}: "):
            message = f"{path}:{line}: " + message.removeprefix(f"{path}: ")
        raise AlertsFileError(message) from None
