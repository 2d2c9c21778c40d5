"""One event and every report behind it, with the evidence highlighted in its sentence."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from truceline.record import StoryEvent
from truceline.reports.format import (
    corroboration,
    event_type,
    format_date,
    format_terms,
    story_actors,
)
from truceline.reports.views import ReportBehind, Shown


def _story_header(event: StoryEvent) -> Text:
    text = Text()
    text.append_text(event_type(event.type, event.action))
    text.append(f"  {event.id}", style="dim")
    text.append(f"\n{story_actors(event).replace(chr(10), '  ')}")
    text.append(f"\ndate {format_date(event.date)}")
    if event.modality != "actual":
        text.append(f" · {event.modality.value}")
    if event.location:
        text.append(f" · {event.location}")
    if event.process:
        text.append(f" · process {event.process}")
    if event.terms:
        text.append("\nterms " + format_terms(event.terms).replace("\n", "; "))
    text.append(f"\n{corroboration(event.corroboration)}", style="dim")
    for note in event.corrections:
        text.append(f"\n{note.line()}", style="magenta")
        if note.note:
            text.append(f": {note.note}", style="magenta")
    return text


def _claim(report: ReportBehind) -> str:
    claim = report.reported.event.claim
    if not claim.source_text:
        return "in the outlet's own voice"
    who = f"{claim.source_text}"
    if claim.anonymous:
        who += " (anonymous)"
    if claim.via:
        who += f" via {claim.via}"
    if claim.verb:
        who += f", {claim.verb}"
    return who


def render_report(report: ReportBehind, console: Console, *, every_note: bool = False) -> None:
    """One report, its claim and evidence, and its corrections: the one that marked it wrong,
    or (``every_note``: shown on its own, not under its story event's header) all of them."""
    reported = report.reported
    head = Text(f"#{reported.id} ", style="bold")
    head.append(reported.outlet or "unknown outlet")
    head.append(f" · {format_date(reported.published)}")
    if report.title:
        head.append(f" · {report.title}", style="italic")
    console.print(head)
    event = reported.event
    detail = Text(f"  {event.type.value} {', '.join(event.actor) or '?'}", style="dim")
    if event.terms:
        detail.append(" · " + format_terms(event.terms).replace("\n", "; "), style="dim")
    detail.append(f" · claim: {_claim(report)}", style="dim")
    console.print(detail)
    quote = Text("  ")
    if report.context is None:
        quote.append(event.evidence.text, style="bold yellow")
    else:
        quote.append(report.context.before)
        quote.append(report.context.evidence, style="bold yellow")
        quote.append(report.context.after)
    console.print(quote)
    if report.url:
        console.print(Text(f"  {report.url}", style="dim"))
    for note in report.corrections:
        if every_note or note.kind == "wrong":
            console.print(Text(f"  {note.said()}", style="bold magenta"))


def _traced(view: Shown) -> Text | None:
    """What became of an id no longer in the record: "accept-1 is now reject-1", or that
    its reports were marked wrong."""
    if view.story_event is not None and view.story_event.id != view.id:
        text = Text(f"{view.id} is now {view.story_event.id}", style="magenta")
    elif view.story_event is None and view.renamed_by:
        text = Text(f"{view.id} is in the record no more", style="magenta")
    else:
        return None
    for note in view.renamed_by:
        text.append(f"\n  {note.said()}", style="magenta")
    return text


def render_show(view: Shown, console: Console) -> None:
    traced = _traced(view)
    if traced is not None:
        console.print(traced)
    if view.story_event is not None:
        console.print(_story_header(view.story_event))
    for item in view.contradictions:
        console.print(Text(f"contradiction: {item.summary}", style="yellow"))
    for link in view.links:
        console.print(Text(f"{link.kind}: {link.statement}", style="cyan"))
    console.print()
    for report in view.reports:
        render_report(report, console, every_note=view.story_event is None)
        console.print()
