"""What new reports can reach: the stored stories an incremental rebuild reconciles again.

Reconciling a union of whole independent blocks (:mod:`.partition`) gives
exactly the stories reconciling everything gives there, and every other story
stays as it was: its block holds the same reports, matched in the same order
against the same clusters (ties go to the oldest, :mod:`.match`). So after new
or changed articles only the time islands they touch are reconciled again.
They are found from what the store keeps of each story, its :class:`StorySpan`
(blocking key and the date hull of its reports), without reading its reports:

* a story's reports are one island on their own: a report joins a story
  only within the type's window of the story's interval, which lies within
  its reports' intervals (:meth:`.match.Cluster.absorb`), so each story's
  reports are chained within the window, and its hull can stand for them;
* the islands are cut over the hulls of *every* stored story (those that lost
  a superseded report with their old hull) and the new reports' intervals.
  A hull wider than its current reports only joins islands, never cuts one,
  so each island found is a union of whole islands of the current reports;
  and an old island that lost a report lies within one island found, since
  all its stories' hulls are there;
* the islands to reconcile again are those holding a new report or a story
  that lost one (``broken``); the stories in the others are kept as stored.

An article's parties (:func:`.match.article_parties`) change only with a new
version of it, whose old reports' stories are then broken and whose new
reports are new: no kept story holds a report of it. The sides (the
configured processes) and the settings must be those the stored record was
built with: :mod:`truceline.incremental` checks that before it comes here.

Contradictions set a story against one of another block (an acceptance and
a rejection, a release and its denial): :func:`counterparts` names the kept
stories a reconciled one may be set against, and :func:`told_of` rebuilds
what contradictions read of them from their reports alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from truceline.record import Modality, ReportedEvent, StoryEvent
from truceline.resolve.contradictions import Told
from truceline.resolve.keys import signature
from truceline.resolve.match import Cluster
from truceline.resolve.merge import arrival, build_story
from truceline.resolve.partition import block_key, islands
from truceline.resolve.settings import ResolveSettings
from truceline.resolve.sides import SideMap
from truceline.store.spans import StorySpan

Key = tuple[str, str, str]


def span_of(story: str, reports: Sequence[ReportedEvent], cfg: ResolveSettings) -> StorySpan:
    """The span of a story told by ``reports``: the key of its first, the hull of all."""
    keyed = [block_key(r, cfg) for r in reports]
    (type_, group, date_class), _, _ = keyed[0]
    return StorySpan(
        story,
        type_.value,
        group,
        date_class,
        min(lo for _, lo, _ in keyed),
        max(hi for _, _, hi in keyed),
    )


def spans_of(
    stories: Iterable[StoryEvent], reported: Sequence[ReportedEvent], cfg: ResolveSettings
) -> list[StorySpan]:
    """The spans of stories reconciled from ``reported``."""
    by_id = {r.id: r for r in reported}
    return [span_of(s.id, [by_id[r] for r in s.reports], cfg) for s in stories]


def reached_stories(
    spans: Sequence[StorySpan],
    broken: set[str],
    new: Sequence[ReportedEvent],
    cfg: ResolveSettings,
) -> set[str]:
    """The ids of the stored stories in the islands of the ``new`` reports and of the
    ``broken`` stories (those holding a superseded report): see the module doc."""
    by_key: dict[Key, list[tuple[int, int, int]]] = defaultdict(list)
    items: list[str | None] = []  # a story id, or None for a new report
    for span in spans:
        by_key[span.key].append((span.lo, span.hi, len(items)))
        items.append(span.id)
    for report in new:
        (type_, group, date_class), lo, hi = block_key(report, cfg)
        by_key[(type_.value, group, date_class)].append((lo, hi, len(items)))
        items.append(None)
    found: set[str] = set()
    for key, intervals in by_key.items():
        for island in islands(intervals, cfg.window(key[0])):  # type: ignore[arg-type]
            ids = [items[i] for i in island]
            if any(i is None or i in broken for i in ids):
                found.update(i for i in ids if i is not None)
    return found


def counterparts(cfg: ResolveSettings) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(type, modality group) -> those of the stories a contradiction may set it against:
    an acceptance and a rejection, an event done and its denial."""
    done = cfg.modality_groups[Modality.ACTUAL]
    pairs = [((cfg.accept_type.value, done), (cfg.reject_type.value, done))]
    pairs += [
        ((kind.value, done), (kind.value, cfg.modality_groups[Modality.NEGATED]))
        for kind in cfg.denials
    ]
    found: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for a, b in pairs:
        found[a].add(b)
        found[b].add(a)
    return found


def near(
    reconciled: Sequence[StorySpan], kept: Sequence[StorySpan], cfg: ResolveSettings
) -> set[str]:
    """The kept stories a contradiction may set against a reconciled one: a counterpart's
    key and date class, hulls within the contradiction window."""
    pairs = counterparts(cfg)
    window = cfg.contradiction_window_days
    wanted: dict[Key, list[tuple[int, int]]] = defaultdict(list)
    for span in reconciled:
        for type_, group in pairs.get((span.type, span.group), ()):
            wanted[(type_, group, span.date_class)].append((span.lo, span.hi))
    return {
        span.id
        for span in kept
        if any(
            span.lo - window <= hi and lo <= span.hi + window for lo, hi in wanted.get(span.key, ())
        )
    }


def told_of(reports: Sequence[ReportedEvent], cfg: ResolveSettings, sides: SideMap) -> Told:
    """A kept story as contradictions read it: built from its reports, and the signature
    its cluster ended with (its reports absorbed in arrival order, as matching did)."""
    ordered = sorted(reports, key=arrival)
    first = signature(ordered[0], cfg, sides)
    cluster = Cluster(
        sig=first, members=[0], precise=[(first.lo, first.hi)] if first.precise else []
    )
    for n, report in enumerate(ordered[1:], 1):
        cluster.absorb(n, signature(report, cfg, sides))
    return Told(story=build_story(ordered, cfg), sig=cluster.sig, reports=ordered)
