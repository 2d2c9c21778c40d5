"""Rich views of extraction records for a person at a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from truceline.record import Claim, Event, ExtractionRecord
from truceline.reports.format import TYPE_STYLE, format_term


def format_claim(claim: Claim) -> str:
    if not claim.source_text:
        return f"[dim]{claim.via or claim.outlet or 'outlet'}[/]"
    who = claim.source_actor or "?"
    anon = " anon" if claim.anonymous else ""
    count = f" x{claim.source_count}" if claim.source_count else ""
    via = f" via {claim.via}" if claim.via else ""
    return f"{who}{anon}{count}{via}\n[dim]{claim.source_text}[/]"


def _actors(event: Event) -> str:
    parts = [", ".join(event.actor) or "[dim]?[/]"]
    if event.target:
        parts.append(f"→ {', '.join(event.target)}")
    if event.mediators:
        parts.append(f"[dim]med. {', '.join(event.mediators)}[/]")
    return "\n".join(parts)


def _type(event: Event) -> Text:
    label = event.type.value
    if event.action:
        label += f":{event.action}"
    if event.polarity:
        label += f" ({'+' if event.polarity == 'positive' else '-'})"
    return Text(label, style=TYPE_STYLE.get(event.type.value, ""))


def render_record(record: ExtractionRecord, console: Console) -> None:
    """One article as a header line and a table of its events."""
    meta = record.article
    header = Text()
    header.append(meta.title or meta.id, style="bold")
    header.append(
        f"\n{meta.outlet or 'unknown outlet'} · {meta.published or 'undated'} · {meta.id}",
        style="dim",
    )
    console.print(header)
    table = Table(show_lines=False, expand=True, pad_edge=False)
    for name, kw in (
        ("type", {"no_wrap": True}),
        ("actors", {}),
        ("terms", {}),
        ("mod.", {"no_wrap": True}),
        ("date", {"no_wrap": True}),
        ("source", {}),
        ("evidence", {"ratio": 3}),
    ):
        table.add_column(name, **kw)
    for event in record.events:
        evidence = event.evidence.text
        if len(evidence) > 160:
            evidence = evidence[:157] + "…"
        table.add_row(
            _type(event),
            _actors(event),
            "\n".join(format_term(t) for t in event.terms),
            event.modality.value,
            str(event.date or ""),
            format_claim(event.claim),
            Text(evidence, style="dim"),
        )
    if record.events:
        console.print(table)
    else:
        console.print("[dim]no negotiation events found[/]")
    console.print()
