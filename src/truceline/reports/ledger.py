"""The release ledger: who released how many, when, and totals against what was agreed."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from truceline.record import LedgerEntry, LedgerTotal
from truceline.reports.format import format_date, join, new_table, plural
from truceline.reports.views import Ledger


def _count(entry: LedgerEntry) -> Text:
    text = Text("?" if entry.count is None else str(entry.count))
    if entry.disputed_counts:
        others = ", ".join(str(c) for c in entry.disputed_counts)
        text.append(f" (also {others})", style="yellow")
    return text


def entries_table(entries: Sequence[LedgerEntry]) -> Table:
    table = new_table("Releases", "date", "released by", "kind", "count", "reports", "event")
    for entry in entries:
        table.add_row(
            format_date(entry.date),
            join(entry.releaser),
            entry.kind,
            _count(entry),
            str(len(entry.reports)),
            Text(entry.story_event, style="dim"),
        )
    return table


def _progress(total: LedgerTotal) -> Text:
    if total.agreed is None:
        return Text("no agreed figure", style="dim")
    style = "green" if total.released >= total.agreed else "yellow"
    return Text(f"{total.released}/{total.agreed}", style=style)


def _stated(total: LedgerTotal) -> Text:
    """The running total reports state, flagged when the batches do not add up to it."""
    if total.stated is None:
        return Text("—", style="dim")
    return Text(str(total.stated), style="" if total.stated == total.released else "yellow")


def totals_table(totals: Sequence[LedgerTotal], title: str | None = "Totals") -> Table:
    table = new_table(
        title,
        "round",
        "released by",
        "kind",
        "released",
        "reports say",
        "agreed",
        "progress",
        "as of",
    )
    for total in totals:
        table.add_row(
            "—" if total.round is None else str(total.round),
            total.releaser,
            total.kind,
            str(total.released),
            _stated(total),
            "—" if total.agreed is None else str(total.agreed),
            _progress(total),
            format_date(total.as_of),
        )
    return table


def render_ledger(view: Ledger, console: Console) -> None:
    if not view.entries and not view.totals:
        console.print("No releases match.")
        return
    if view.entries:
        console.print(entries_table(view.entries))
    if view.totals:
        console.print(totals_table(view.totals))
    if view.disputed:
        console.print(
            f"[yellow]{plural(view.disputed, 'release')} with counts outlets disagree on[/]"
        )
