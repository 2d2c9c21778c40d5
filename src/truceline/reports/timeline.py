"""Story events by date: what happened, who did it, on which terms, and how well sourced."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from truceline.record import StoryEvent
from truceline.reports.format import (
    corroboration,
    event_type,
    format_terms,
    new_table,
    story_actors,
)
from truceline.reports.views import Timeline


def _when(event: StoryEvent) -> Text:
    text = Text(event.date.isoformat() if event.date else "undated")
    if event.date_precision in ("month", "year"):
        text.append(f" ({event.date_precision})", style="dim")
    return text


def _sourcing(event: StoryEvent) -> Text:
    text = Text(corroboration(event.corroboration))
    if event.outlets:
        text.append("\n" + ", ".join(event.outlets), style="dim")
    for note in event.corrections:
        text.append(f"\ncorrected by {note.author} on {note.created_at.date()}", style="magenta")
    return text


def render_timeline(view: Timeline, console: Console) -> None:
    if not view.events:
        console.print("No story events match.")
        return
    table = new_table(
        "Timeline", "date", "type", "actors", "terms", "mod.", "sourcing", "id", wide="sourcing"
    )
    for event in view.events:
        modality = "" if event.modality == "actual" else event.modality.value
        table.add_row(
            _when(event),
            event_type(event.type, event.action),
            Text(story_actors(event)),
            Text(format_terms(event.terms)),
            modality,
            _sourcing(event),
            Text(event.id, style="dim"),
        )
    console.print(table)
    if view.total > len(view.events):
        console.print(f"[dim]{len(view.events)} of {view.total} story events shown[/]")
