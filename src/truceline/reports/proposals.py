"""Proposals and counter-proposals: terms, who answered how, and where each stands."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from truceline.record import Proposal
from truceline.reports.format import (
    STANCE_STYLE,
    STATUS_STYLE,
    format_date,
    format_terms,
    join,
    new_table,
)
from truceline.reports.views import Proposals


def _title(proposal: Proposal) -> Text:
    text = Text(proposal.name or proposal.id, style="bold" if proposal.name else "")
    if proposal.kind == "counter":
        text.append(" (counter)", style="dim")
    if proposal.answers:
        text.append(f"\nanswers {proposal.answers_name or proposal.answers}", style="dim")
    return text


def _responses(proposal: Proposal) -> Text:
    text = Text()
    for i, response in enumerate(proposal.responses):
        if i:
            text.append("\n")
        text.append(f"{response.actor} ")
        text.append(response.stance, style=STANCE_STYLE.get(response.stance, ""))
        if response.date:
            text.append(f" {response.date.isoformat()}", style="dim")
    return text


def proposals_table(proposals: Sequence[Proposal], title: str | None = "Proposals") -> Table:
    """One row per proposal: name, proposer, date, terms, responses, status."""
    table = new_table(title, "proposal", "by", "date", "terms", "responses", "status")
    for proposal in proposals:
        by = join(proposal.proposer)
        if proposal.mediators:
            by += f"\nmed. {', '.join(proposal.mediators)}"
        table.add_row(
            _title(proposal),
            Text(by),
            format_date(proposal.date),
            Text(format_terms(proposal.terms) or "—"),
            _responses(proposal),
            Text(proposal.status, style=STATUS_STYLE.get(proposal.status, "")),
        )
    return table


def render_proposals(view: Proposals, console: Console) -> None:
    if not view.proposals:
        console.print("No proposals match.")
        return
    console.print(proposals_table(view.proposals))
    if view.total > len(view.proposals):
        console.print(f"[dim]{len(view.proposals)} of {view.total} proposals shown[/]")
