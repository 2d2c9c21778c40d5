"""Reports written for the tests, read as `ingest` would: one outlet, each with its date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from truceline.extract.pipeline import Extractor
from truceline.negotiation import derive, load_processes
from truceline.record import Article, Negotiation, ReportedEvent
from truceline.resolve import reconcile


def reported_events(
    extractor: Extractor, folder: Path, published: dict[str, dt.date]
) -> list[ReportedEvent]:
    """The events of the named reports in ``folder``, in name order, as the store holds them."""
    reported: list[ReportedEvent] = []
    for n, (name, day) in enumerate(sorted(published.items()), 1):
        text = (folder / name).read_text(encoding="utf-8")
        article = Article(
            id=name, text=text, title=text.splitlines()[0], published=day, outlet="Test Wire"
        )
        for event in extractor.extract(article).events:
            reported.append(
                ReportedEvent(
                    id=len(reported) + 1,
                    article_id=n,
                    outlet="Test Wire",
                    published=day,
                    event=event,
                )
            )
    return reported


def derived_record(reported: list[ReportedEvent]) -> Negotiation:
    """The negotiation derived from those events; story events keep their reports' evidence,
    from which proposal names are read."""
    reconciliation = reconcile(reported)
    texts = {r.id: r.event.evidence.text for r in reported}
    for s in reconciliation.story_events:
        s.evidence = s.evidence or [texts[i] for i in s.reports]
    return derive(reconciliation, load_processes())
