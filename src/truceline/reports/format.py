"""How values read in a table cell: terms, actors, dates, sourcing. One spelling everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from truceline.record import Corroboration, EventType, StoryEvent, Term, TermValue

TYPE_STYLE = {
    "PROPOSE": "cyan",
    "COUNTER": "cyan",
    "DEMAND": "yellow",
    "ACCEPT": "green",
    "REJECT": "red",
    "MEET": "blue",
    "MEDIATE": "blue",
    "AGREE": "bold green",
    "RELEASE": "magenta",
    "CEASEFIRE": "bold magenta",
    "VIOLATE": "bold red",
    "THREATEN": "bold red",
    "ASSESS": "white",
}

STATUS_STYLE = {
    "tabled": "cyan",
    "accepted": "green",
    "rejected": "red",
    "superseded": "dim",
}

STANCE_STYLE = {
    "propose": "cyan",
    "offer": "cyan",
    "counter": "cyan",
    "demand": "yellow",
    "accept": "green",
    "reject": "red",
}


def format_value(value: TermValue, qualifier: str | None = None) -> str:
    """A term value as text: ``3/week`` for rates, the qualifier when there is no number."""
    if isinstance(value, dict):
        return f"{value.get('count')}/{value.get('per')}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return qualifier or "?"
    return str(value)


def format_term(term: Term) -> str:
    """``issue=value`` with the giving party in parentheses: ``hostages_released=33 (HAMAS)``."""
    party = f" ({term.party})" if term.party else ""
    return f"{term.issue}={format_value(term.value, term.qualifier)}{party}"


def format_terms(terms: Iterable[Term]) -> str:
    return "\n".join(format_term(t) for t in terms)


def format_date(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"


def join(ids: Iterable[str]) -> str:
    return ", ".join(ids) or "—"


def event_type(type_: EventType | str, action: str | None = None) -> Text:
    """The event type, with a ceasefire's action, in its colour."""
    label = str(type_) + (f":{action}" if action else "")
    return Text(label, style=TYPE_STYLE.get(str(type_), ""))


def story_actors(event: StoryEvent) -> str:
    """Actors, then ``→ targets`` and ``med. mediators`` on their own lines."""
    parts = [join(event.actor)]
    if event.target:
        parts.append(f"→ {', '.join(event.target)}")
    if event.mediators:
        parts.append(f"med. {', '.join(event.mediators)}")
    return "\n".join(parts)


def corroboration(c: Corroboration) -> str:
    """``2 outlets · 1 named · 1 anon`` -- how well an event is sourced, in one line."""
    parts = [plural(c.outlets, "outlet")]
    if c.named_sources:
        parts.append(f"{c.named_sources} named")
    if c.anonymous_sources:
        parts.append(f"{c.anonymous_sources} anon")
    if c.unattributed:
        parts.append(f"{c.unattributed} unattr.")
    return " · ".join(parts)


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def new_table(title: str | None, *columns: str, wide: str | None = None) -> Table:
    """A report table: left-aligned title, the ``wide`` column taking the spare width."""
    table = Table(title=title, title_justify="left", title_style="bold", expand=False)
    for name in columns:
        table.add_column(name, ratio=3 if name == wide else None, overflow="fold")
    return table


def plural(n: int, noun: str) -> str:
    """``1 release``, ``2 releases``: counts read as English."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
