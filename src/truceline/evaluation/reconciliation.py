"""Scoring reconciliation against a gold set of story clusters and contradictions.

The gold (``corpora/reconcile/gold.yaml``) names, per real-world event, the
reports that tell it: ``[article id, evidence substring]`` members of a
story of one event type, with an optional third item (an actor id or a term
issue the event must carry) where one sentence tells two events of a type. Scoring extracts the articles with the real
extractor, reconciles, and asks of every pair of extracted events that
match gold members: are they together in one story event exactly when the
gold puts them in one story? That gives pairwise merge precision (what it
merged, it should have), recall (what it should merge, it did) and F1.
Extracted events matching no member are not scored; members no extracted
event matches are extractor misses, listed apart.

A predicted contradiction is right when a gold one has its kind (and issue)
and every gold story it names has a report among the prediction's accounts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import yaml

from truceline.evaluation.extraction import GoldError
from truceline.extract.pipeline import Extractor
from truceline.ingest import ReadProblem, read_inputs
from truceline.negotiation import load_processes
from truceline.record import (
    Contradiction,
    EventType,
    ExtractionRecord,
    Reconciliation,
    ReportedEvent,
)
from truceline.resolve import reconcile


@dataclass(frozen=True)
class GoldStory:
    id: str
    type: EventType
    members: tuple[tuple[str, str, str | None], ...]


@dataclass(frozen=True)
class GoldContradiction:
    kind: str
    stories: tuple[str, ...]
    issue: str | None = None

    def label(self) -> str:
        issue = f" {self.issue}" if self.issue else ""
        return f"{self.kind}{issue}: {' / '.join(self.stories)}"


@dataclass(frozen=True)
class Gold:
    stories: tuple[GoldStory, ...]
    contradictions: tuple[GoldContradiction, ...]


def _member(item: list[str]) -> tuple[str, str, str | None]:
    article, evidence, *rest = item
    return str(article), str(evidence), str(rest[0]) if rest else None


def _fits(report: ReportedEvent, story: GoldStory, evidence: str, marker: str | None) -> bool:
    event = report.event
    if event.type != story.type or evidence not in event.evidence.text:
        return False
    return marker is None or marker in event.actor or any(t.issue == marker for t in event.terms)


def load_gold(path: str | Path) -> Gold:
    """Read a gold file; raise :class:`GoldError` naming the file and what is wrong."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        stories = tuple(
            GoldStory(
                id=name,
                type=EventType(body["type"]),
                members=tuple(_member(m) for m in body["members"]),
            )
            for name, body in data["stories"].items()
        )
        known = {s.id for s in stories}
        contradictions = tuple(
            GoldContradiction(
                kind=item["kind"], stories=tuple(item["stories"]), issue=item.get("issue")
            )
            for item in data.get("contradictions", [])
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"{path}: not a reconciliation gold file ({exc})") from exc
    for item in contradictions:
        unknown = set(item.stories) - known
        if unknown:
            raise GoldError(f"{path}: contradiction names unknown stories {sorted(unknown)}")
    return Gold(stories=stories, contradictions=contradictions)


def reported_events(records: Sequence[ExtractionRecord]) -> list[ReportedEvent]:
    """Records as the store would hand them over: row ids 1.., article ids by position."""
    out: list[ReportedEvent] = []
    for position, record in enumerate(records):
        for event in record.events:
            out.append(
                ReportedEvent(
                    id=len(out) + 1,
                    article_id=position,
                    outlet=record.article.outlet,
                    published=record.article.published,
                    event=event,
                )
            )
    return out


@dataclass
class ReconcileScore:
    """Pairwise merge and contradiction figures, with what went wrong."""

    merge_tp: int = 0
    merge_fp: int = 0
    merge_fn: int = 0
    contra_tp: int = 0
    contra_fp: int = 0
    contra_fn: int = 0
    scored_reports: int = 0
    story_events: int = 0
    wrong_merges: list[str] = field(default_factory=list)
    missed_merges: list[str] = field(default_factory=list)
    false_contradictions: list[str] = field(default_factory=list)
    missed_contradictions: list[str] = field(default_factory=list)
    extractor_misses: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(num: int, den: int) -> float:
        return num / den if den else 1.0

    @property
    def merge_precision(self) -> float:
        return self._ratio(self.merge_tp, self.merge_tp + self.merge_fp)

    @property
    def merge_recall(self) -> float:
        return self._ratio(self.merge_tp, self.merge_tp + self.merge_fn)

    @property
    def merge_f1(self) -> float:
        p, r = self.merge_precision, self.merge_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def contradiction_precision(self) -> float:
        return self._ratio(self.contra_tp, self.contra_tp + self.contra_fp)

    @property
    def contradiction_recall(self) -> float:
        return self._ratio(self.contra_tp, self.contra_tp + self.contra_fn)


def gold_of_reports(
    gold: Gold, records: Sequence[ExtractionRecord], reported: Sequence[ReportedEvent]
) -> tuple[dict[int, str], list[str]]:
    """Report id -> gold story id, and the members no extracted event matches."""
    by_article: dict[str, list[ReportedEvent]] = {}
    for report in reported:
        by_article.setdefault(records[report.article_id].article.id, []).append(report)
    assigned: dict[int, str] = {}
    misses: list[str] = []
    for story in gold.stories:
        for article, evidence, marker in story.members:
            hits = [r for r in by_article.get(article, []) if _fits(r, story, evidence, marker)]
            if not hits:
                misses.append(f"{story.id}: no {story.type.value} in {article} at {evidence!r}")
            for hit in hits:
                assigned.setdefault(hit.id, story.id)
    return assigned, misses


def _describe(report: ReportedEvent, records: Sequence[ExtractionRecord]) -> str:
    article = records[report.article_id].article.id
    return f"{article} {report.event.type.value} {report.event.evidence.text[:60]!r}"


def _score_merges(
    score: ReconcileScore,
    assigned: dict[int, str],
    story_of: dict[int, str],
    reports: dict[int, ReportedEvent],
    records: Sequence[ExtractionRecord],
) -> None:
    for a, b in combinations(sorted(assigned), 2):
        same_gold = assigned[a] == assigned[b]
        same_story = story_of[a] == story_of[b]
        pair = f"{_describe(reports[a], records)} + {_describe(reports[b], records)}"
        if same_gold and same_story:
            score.merge_tp += 1
        elif same_story:
            score.merge_fp += 1
            score.wrong_merges.append(f"[{assigned[a]} / {assigned[b]}] {pair}")
        elif same_gold:
            score.merge_fn += 1
            score.missed_merges.append(f"[{assigned[a]}] {pair}")


def _touches(found: Contradiction, assigned: dict[int, str]) -> set[str]:
    return {assigned[r] for acc in found.accounts for r in acc.reports if r in assigned}


def _score_contradictions(
    score: ReconcileScore, gold: Gold, found: Iterable[Contradiction], assigned: dict[int, str]
) -> None:
    matched: set[GoldContradiction] = set()
    for item in found:
        touched = _touches(item, assigned)
        hits = [
            g
            for g in gold.contradictions
            if g.kind == item.kind
            and (g.issue is None or g.issue == item.issue)
            and set(g.stories) <= touched
        ]
        if hits:
            score.contra_tp += 1
            matched.update(hits)
        else:
            score.contra_fp += 1
            score.false_contradictions.append(f"{item.id}: {item.summary}")
    for g in gold.contradictions:
        if g not in matched:
            score.contra_fn += 1
            score.missed_contradictions.append(g.label())


def score_reconciliation(
    gold: Gold,
    records: Sequence[ExtractionRecord],
    reported: Sequence[ReportedEvent],
    result: Reconciliation,
) -> ReconcileScore:
    """Compare a reconciliation of ``reported`` (from ``records``) with the gold."""
    assigned, misses = gold_of_reports(gold, records, reported)
    story_of = {rid: story.id for story in result.story_events for rid in story.reports}
    reports = {r.id: r for r in reported}
    score = ReconcileScore(
        scored_reports=len(assigned),
        story_events=len(result.story_events),
        extractor_misses=misses,
    )
    _score_merges(score, assigned, story_of, reports, records)
    _score_contradictions(score, gold, result.contradictions, assigned)
    return score


def evaluate_corpus(
    corpus: str | Path, extractor: Extractor | None = None
) -> tuple[ReconcileScore, Reconciliation]:
    """Extract ``corpus/articles``, reconcile, and score against ``corpus/gold.yaml``."""
    corpus = Path(corpus)
    gold = load_gold(corpus / "gold.yaml")
    extractor = extractor or Extractor()
    records: list[ExtractionRecord] = []
    for item in read_inputs([str(corpus / "articles")]):
        if isinstance(item, ReadProblem):
            raise GoldError(f"{corpus}: cannot read an article: {item}")
        records.append(extractor.extract(item))
    reported = reported_events(records)
    result = reconcile(reported, load_processes())  # as a rebuild reconciles them
    return score_reconciliation(gold, records, reported, result), result
