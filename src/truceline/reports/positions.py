"""Who stands where: party x issue, the latest stance and value, and how it moved."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from truceline.reports.format import STANCE_STYLE, format_date, format_value, new_table
from truceline.reports.views import Positions, PositionTrack


def _stand(stance: str, value: object) -> Text:
    text = Text(stance, style=STANCE_STYLE.get(stance, ""))
    if value is not None:
        text.append(f" {format_value(value)}")  # type: ignore[arg-type]
    return text


def _movement(track: PositionTrack) -> Text:
    """``demand 33 (01-10) → accept 34 (02-01)``: each change of stance or value."""
    text = Text()
    previous: tuple[str, str] | None = None
    for point in track.history:
        step = (point.stance, format_value(point.value) if point.value is not None else "")
        if step == previous:
            continue
        if previous is not None:
            text.append(" → ", style="dim")
        text.append_text(_stand(point.stance, point.value))
        if point.date:
            text.append(f" ({point.date.isoformat()[5:]})", style="dim")
        previous = step
    return text


def positions_table(tracks: Sequence[PositionTrack], title: str | None = "Positions") -> Table:
    table = new_table(title, "party", "issue", "stands", "since", "moved", wide="moved")
    for track in tracks:
        table.add_row(
            track.party,
            track.issue,
            _stand(track.stance, track.value),
            format_date(track.date),
            _movement(track) if track.moved else Text("—", style="dim"),
        )
    return table


def render_positions(view: Positions, console: Console) -> None:
    if not view.tracks:
        console.print("No positions match.")
        return
    console.print(positions_table(view.tracks))
    if view.total > len(view.tracks):
        console.print(f"[dim]{len(view.tracks)} of {view.total} positions shown[/]")
    if view.answers:
        console.print(Text("Answers to proposals (their terms are the proposal's)", style="bold"))
        for answer in view.answers:
            when = answer.date.isoformat() if answer.date else "undated"
            console.print(Text(f"  • {when}: {answer.statement}  [{answer.story_event}]"))
