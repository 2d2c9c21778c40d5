"""How well a story event is sourced: reports, independent outlets, kinds of source.

Independence rule: an article relays another outlet's reporting when one of
its reports of the story credits that outlet (``claim.via``: "..., two
sources told Reuters"). For that story the article counts as the credited
outlet, not as its publisher, so three papers running the same Reuters copy
add one independent outlet (Reuters), not three. Otherwise an article counts
as its publisher. Names of one newsroom ("AFP", "Agence France-Presse") are
one outlet (``independence.same_newsroom`` in ``resolve.yaml``). Articles
with neither an outlet nor a credit count as nothing.

Sources, per report: *named* when the claim names its source and does not
mark it anonymous, *anonymous* when it does ("a senior official"),
*unattributed* when the outlet says it in its own voice.
"""

from __future__ import annotations

from collections.abc import Sequence

from truceline.record import Corroboration, ReportedEvent
from truceline.resolve.settings import ResolveSettings


def article_origins(
    reports: Sequence[ReportedEvent], cfg: ResolveSettings
) -> dict[int, str | None]:
    """Per article: the outlet whose reporting it carries for this story."""
    origins: dict[int, str | None] = {}
    for report in reports:
        via = report.event.claim.via if cfg.relayed_via_counts_as_source else None
        if via:
            origins[report.article_id] = cfg.origin(via)
        elif report.article_id not in origins:
            origins[report.article_id] = cfg.origin(report.outlet) if report.outlet else None
    return origins


def corroboration(reports: Sequence[ReportedEvent], cfg: ResolveSettings) -> Corroboration:
    """Count the reports, independent outlets and kinds of source behind one story event."""
    origins = {o for o in article_origins(reports, cfg).values() if o is not None}
    anonymous = sum(1 for r in reports if r.event.claim.anonymous)
    named = sum(
        1 for r in reports if r.event.claim.source_text is not None and not r.event.claim.anonymous
    )
    return Corroboration(
        reports=len(reports),
        outlets=len(origins),
        named_sources=named,
        anonymous_sources=anonymous,
        unattributed=len(reports) - named - anonymous,
    )
