"""Per outlet: how much it reports, how it sources it, and how its reports fare."""

from __future__ import annotations

from rich.console import Console

from truceline.reports.format import new_table, percent
from truceline.reports.views import Sources


def render_sources(view: Sources, console: Console) -> None:
    if not view.outlets:
        console.print("No outlets match.")
        return
    table = new_table(
        "Sources",
        "outlet",
        "articles",
        "events",
        "named",
        "anonymous",
        "unattributed",
        "anon. share",
        "corroborated",
        "contradicted",
    )
    for o in view.outlets:
        table.add_row(
            o.outlet,
            str(o.articles),
            str(o.events),
            str(o.named),
            str(o.anonymous),
            str(o.unattributed),
            percent(o.anonymous_share),
            str(o.corroborated),
            str(o.contradicted),
        )
    console.print(table)
    if view.kinds:
        kinds = new_table("Kinds of source", "source", "events", "corroborated", "contradicted")
        for k in view.kinds:
            kinds.add_row(k.sourcing, str(k.events), str(k.corroborated), str(k.contradicted))
        console.print(kinds)
