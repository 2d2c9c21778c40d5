"""What new reports can reach: the stored stories an incremental rebuild reconciles again.

Matching (:mod:`.match`) takes reports in arrival order (publication day, then
row id) and each joins the best compatible cluster as the clusters stand then;
ties go to the oldest. So the clusters formed before the first changed report
arrived are what they were, and matching can be *replayed* from that day:
clusters started again from their reports that arrived before it (the
``seeded`` clusters of :func:`.match.cluster_reports`), then every report that
arrived on or after it, in order. Live news arrives last, so the replay is
the last days' reports, whatever the size of the store. What the store keeps
of each story, its :class:`StorySpan` (blocking key, the date hull of its
reports, the days its first and last report arrived), says where to replay
without reading any report:

* **where**: reports of different time islands (:mod:`.partition`) never meet.
  A story's reports are one island on their own (a report joins a story only
  within the type's window of the story's interval, which lies within its
  reports' intervals, :meth:`.match.Cluster.absorb`), so its hull can stand for
  them; islands are cut over the hulls of every stored story (those that lost
  a superseded report with their old hull: a wider hull only joins islands)
  and the new reports' intervals. An island with no new report and no story
  that lost one is kept whole;
* **from when**: in an island that changed, the day its first new or
  superseded report arrived. Stories whose last report arrived before that
  day are as they were, and are read only when a replayed report could join
  one (a hull within the window of its interval, :func:`near_stories`);
  stories with a report from that day on are read and replayed.

An article's parties (:func:`.match.article_parties`) change only with a new
version of it, whose old reports' stories then lost them and whose new reports
are new: both are replayed. The sides (the configured processes) and the
settings must be those the stored record was built with: :mod:`truceline.incremental`
checks that before it comes here.

Contradictions set a story against one of another block (an acceptance and
a rejection, a release and its denial): :func:`near` names the kept
stories a reconciled one may be set against, and :func:`told_of` rebuilds
what contradictions read of them from their reports alone.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from truceline.record import Modality, ReportedEvent, StoryEvent, StorySpan
from truceline.resolve.contradictions import Told
from truceline.resolve.keys import signature
from truceline.resolve.match import Cluster, cluster_reports
from truceline.resolve.merge import arrival, build_story
from truceline.resolve.partition import block_key, islands
from truceline.resolve.settings import ResolveSettings
from truceline.resolve.sides import SideMap

Key = tuple[str, str, str]


def span_of(story: str, reports: Sequence[ReportedEvent], cfg: ResolveSettings) -> StorySpan:
    """The span of a story told by ``reports``: the key of its first, the hull of all,
    the days the first and the last arrived."""
    keyed = [block_key(r, cfg) for r in reports]
    (type_, group, date_class), _, _ = keyed[0]
    days = [arrival(r)[0] for r in reports]
    return StorySpan(
        story,
        type_.value,
        group,
        date_class,
        min(lo for _, lo, _ in keyed),
        max(hi for _, _, hi in keyed),
        min(days),
        max(days),
    )


def spans_of(
    stories: Iterable[StoryEvent], reported: Sequence[ReportedEvent], cfg: ResolveSettings
) -> list[StorySpan]:
    """The spans of stories reconciled from ``reported``."""
    by_id = {r.id: r for r in reported}
    return [span_of(s.id, [by_id[r] for r in s.reports], cfg) for s in stories]


def replayed_stories(
    spans: Sequence[StorySpan],
    broken: Mapping[str, int],
    new: Sequence[ReportedEvent],
    cfg: ResolveSettings,
) -> dict[str, int]:
    """The stored stories matching is replayed over (see the module doc), each with the day
    its island is replayed from: those with a report that arrived on or after it.

    ``broken``: the stories that lost a superseded report, with the day the first of
    those had arrived. The ``new`` reports arrived on or after their island's day.
    """
    by_key: dict[Key, list[tuple[int, int, int]]] = defaultdict(list)
    for n, span in enumerate(spans):
        by_key[span.key].append((span.lo, span.hi, n))
    for n, report in enumerate(new, len(spans)):
        (type_, group, date_class), lo, hi = block_key(report, cfg)
        by_key[(type_.value, group, date_class)].append((lo, hi, n))
    touched: dict[str, int] = {}
    for key, intervals in by_key.items():
        for island in islands(intervals, cfg.window(key[0])):  # type: ignore[arg-type]
            stored = [spans[n] for n in island if n < len(spans)]
            changed = [arrival(new[n - len(spans)])[0] for n in island if n >= len(spans)]
            changed += [broken[s.id] for s in stored if s.id in broken]
            if changed:
                day = min(changed)
                touched |= {s.id: day for s in stored if s.last_arrival >= day}
    return touched


def near_stories(
    replayed: Sequence[ReportedEvent], kept: Sequence[StorySpan], cfg: ResolveSettings
) -> set[str]:
    """The kept stories a replayed report could join: its key, a hull within the type's
    window of its interval (a story's interval lies within its hull)."""
    wanted: dict[Key, list[tuple[int, int]]] = defaultdict(list)
    for report in replayed:
        (type_, group, date_class), lo, hi = block_key(report, cfg)
        wanted[(type_.value, group, date_class)].append((lo, hi))
    return _within(wanted, kept, cfg, lambda key: cfg.window(key[0]))  # type: ignore[arg-type]


def _within(
    wanted: Mapping[Key, list[tuple[int, int]]],
    spans: Sequence[StorySpan],
    cfg: ResolveSettings,
    window: Callable[[Key], int],
) -> set[str]:
    """The spans of a wanted key whose hull is within ``window`` of a wanted interval."""
    by_key: dict[Key, list[StorySpan]] = defaultdict(list)
    for span in spans:
        if span.key in wanted:
            by_key[span.key].append(span)
    found: set[str] = set()
    for key, intervals in wanted.items():
        pad = window(key)
        intervals.sort()
        starts = [lo for lo, _ in intervals]
        reach = list(itertools.accumulate((hi for _, hi in intervals), max))
        for span in by_key[key]:
            # any interval with lo <= span.hi + pad and hi >= span.lo - pad
            upto = bisect.bisect_right(starts, span.hi + pad)
            if upto and reach[upto - 1] >= span.lo - pad:
                found.add(span.id)
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


def replay_matching(
    seeds: Sequence[Sequence[ReportedEvent]],
    replayed: Sequence[ReportedEvent],
    parties: Mapping[int, frozenset[str]],
    sides: SideMap,
    cfg: ResolveSettings,
) -> list[Told]:
    """Matching replayed: clusters started again from the ``seeds`` (their reports that
    arrived before the replay's day), then the ``replayed`` reports taken after them
    (:func:`.match.cluster_reports`); the stories they tell."""
    seeds = [seed for seed in seeds if seed]
    reported = [*(r for seed in seeds for r in seed), *replayed]
    bounds = list(itertools.accumulate((len(seed) for seed in seeds), initial=0))
    seeded = [range(a, b) for a, b in itertools.pairwise(bounds)]
    told = []
    for cluster in cluster_reports(reported, cfg, sides, parties, seeded=seeded):
        reports = [reported[i] for i in cluster.members]
        told.append(Told(story=build_story(reports, cfg), sig=cluster.sig, reports=reports))
    return told


def near(
    reconciled: Sequence[StorySpan], kept: Sequence[StorySpan], cfg: ResolveSettings
) -> set[str]:
    """The kept stories a contradiction may set against a reconciled one: a counterpart's
    key and date class, hulls within the contradiction window."""
    pairs = counterparts(cfg)
    wanted: dict[Key, list[tuple[int, int]]] = defaultdict(list)
    for span in reconciled:
        for type_, group in pairs.get((span.type, span.group), ()):
            wanted[(type_, group, span.date_class)].append((span.lo, span.hi))
    return _within(wanted, kept, cfg, lambda _: cfg.contradiction_window_days)


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
