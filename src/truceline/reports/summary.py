"""The summary: per process, what is on the table, who stands where, clocks and ledger."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from truceline.record import Agreement, Contradiction
from truceline.reports.format import format_date, new_table, plural
from truceline.reports.ledger import totals_table
from truceline.reports.positions import positions_table
from truceline.reports.proposals import proposals_table
from truceline.reports.views import PhaseClock, ProcessSummary, Summary

_STATE_STYLE = {"running": "bold green", "upcoming": "cyan", "ended": "dim", "unknown": "dim"}


def _days_left(clock: PhaseClock) -> Text:
    if clock.days_left is None:
        return Text("—", style="dim")
    style = "bold red" if clock.state == "running" and clock.days_left <= 3 else ""
    return Text(str(clock.days_left), style=style)


def phase_table(clocks: Sequence[PhaseClock], as_of_label: str) -> Table:
    table = new_table(
        "Phase clock",
        "agreement",
        "phase",
        "start",
        "end",
        "days",
        "extended",
        "state",
        f"days left {as_of_label}",
    )
    for clock in clocks:
        table.add_row(
            Text(clock.agreement, style="dim"),
            Text(f"{clock.phase}{' *' if clock.current else ''}"),
            format_date(clock.start),
            format_date(clock.end),
            "—" if clock.duration_days is None else str(clock.duration_days),
            " + ".join(str(d) for d in clock.extensions) or "—",
            Text(clock.state, style=_STATE_STYLE[clock.state]),
            _days_left(clock),
        )
    return table


def rounds_table(agreements: Sequence[Agreement]) -> Table:
    """Each round's deal: when it was reached, took effect and ended, between whom, and
    its type as the ETH-PRIO ceasefire dataset codes it (declared or agreed, scope,
    purpose, who declared it and who answered)."""
    table = new_table(
        "Rounds", "round", "deal", "reached", "took effect", "ended", "type", "parties"
    )
    for a in agreements:
        ended = format_date(a.end)
        if a.collapsed is not None:
            ended = f"{ended} (collapsed)"
        table.add_row(
            "—" if a.round is None else str(a.round),
            Text(a.id + _concludes(a), style="dim"),
            format_date(a.date),
            format_date(a.start),
            ended,
            f"{a.kind}, {a.scope}, {a.purpose}",
            _who(a),
        )
    return table


def _concludes(agreement: Agreement) -> str:
    """ "concludes the Witkoff plan": the proposal by its name, its id where unnamed."""
    if agreement.from_proposal is None:
        return ""
    return f"\nconcludes {agreement.from_proposal_name or agreement.from_proposal}"


def _who(agreement: Agreement) -> str:
    """The parties; for a declaration, who declared it and who accepted or rejected it."""
    if agreement.kind == "agreed":
        return ", ".join(agreement.parties) or "—"
    parts = [f"declared by {', '.join(agreement.declared_by) or '—'}"]
    if agreement.accepted_by:
        parts.append(f"accepted by {', '.join(agreement.accepted_by)}")
    if agreement.rejected_by:
        parts.append(f"rejected by {', '.join(agreement.rejected_by)}")
    return "; ".join(parts)


def _header(part: ProcessSummary) -> Text:
    process = part.process
    text = Text(f"parties {', '.join(process.parties) or '—'}")
    if process.mediators:
        text.append(f" · mediators {', '.join(process.mediators)}")
    counts = part.counts
    text.append(
        "\n"
        + " · ".join(
            [
                f"{plural(counts['story_events'], 'story event')} "
                f"from {plural(counts['reports'], 'report')}",
                plural(counts["proposals"], "proposal"),
                plural(counts["agreements"], "agreement"),
                plural(counts["releases"], "release"),
                plural(counts["contradictions"], "contradiction"),
            ]
        ),
        style="dim",
    )
    return text


def render_contradictions(items: Sequence[Contradiction], console: Console) -> None:
    console.print(Text("Contradictions", style="bold"))
    for item in items:
        line = Text("  • ")
        line.append(item.summary)
        line.append(f"  [{item.kind}, {format_date(item.date)}]", style="dim")
        console.print(line)


def render_process(part: ProcessSummary, as_of: str, console: Console) -> None:
    console.print(Rule(Text(f"{part.process.name} ({part.process.id})", style="bold")))
    console.print(_header(part))
    if part.on_the_table:
        console.print(proposals_table(part.on_the_table, title="On the table"))
    if part.positions:
        console.print(positions_table(part.positions, title="Who stands where"))
    if part.agreements:
        console.print(rounds_table(part.agreements))
        if part.counts["agreements"] > len(part.agreements):
            console.print(
                f"[dim]  the {len(part.agreements)} latest of {part.counts['agreements']} deals, "
                "with the totals of their rounds below (see `truceline agreements`, "
                "`truceline ledger`)[/]"
            )
    if part.phases:
        console.print(phase_table(part.phases, as_of))
    if part.totals:
        console.print(totals_table(part.totals, title="Release ledger"))
    if part.contradictions:
        render_contradictions(part.contradictions, console)
        _more(len(part.contradictions), part.counts["contradictions"], console)
    console.print()


def _more(shown: int, total: int, console: Console) -> None:
    if total > shown:
        console.print(f"[dim]  the {shown} most recent of {total} (see `truceline show`)[/]")


def render_summary(summary: Summary, console: Console) -> None:
    counts = summary.counts
    line = Text(f"As of {summary.as_of.isoformat()} · ", style="bold")
    # Count names are plural nouns ("story_events"): one of them reads singular.
    line.append(", ".join(plural(n, name.replace("_", " ")[:-1]) for name, n in counts.items()))
    console.print(line)
    for part in summary.processes:
        render_process(part, f"({summary.as_of.isoformat()})", console)
    if not summary.processes:
        console.print("No story event belongs to a configured process yet.")
    if summary.unassigned_contradictions:
        render_contradictions(summary.unassigned_contradictions, console)
        _more(
            len(summary.unassigned_contradictions),
            summary.unassigned_contradictions_total,
            console,
        )
    if summary.unassigned_events:
        console.print(
            f"[dim]{plural(summary.unassigned_events, 'story event')} outside any configured "
            "process (see `truceline timeline`).[/]"
        )
