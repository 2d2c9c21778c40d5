"""What changed between two dates: the view ``truceline changes`` prints and ``/changes`` shows."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field
from rich.console import Console
from rich.text import Text

from truceline.record.derived import Change
from truceline.reports.format import format_date, new_table, plural


class Changes(BaseModel):
    """Every change between the record as of ``since`` and as of ``until``."""

    since: dt.date
    until: dt.date
    changes: list[Change] = Field(default_factory=list)


def render_changes(view: Changes, console: Console) -> None:
    line = f"Changes from {view.since.isoformat()} to {view.until.isoformat()}: "
    console.print(Text(line + plural(len(view.changes), "change"), style="bold"))
    if not view.changes:
        return
    table = new_table(None, "date", "kind", "process", "what", "reports", wide="what")
    for change in view.changes:
        table.add_row(
            format_date(change.date),
            change.kind,
            change.process or "—",
            change.text,
            ", ".join(str(r) for r in change.reports) or "—",
        )
    console.print(table)
