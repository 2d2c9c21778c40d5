"""Score extraction records against gold annotations, as ``GOLD.md`` defines it.

Each article is read as five sets, compared between prediction and gold:

- ``pairs``: ``(type, actor)`` for every actor of every event;
- ``types``: the event types present;
- ``terms``: ``(issue, value)`` for the scored issues, numbers compared as numbers;
- ``sources``: ``(source_actor, anonymous)`` of every claim that names a source;
- ``actors``: the ids of all event actors.

Gold items marked ``optional`` are taken out of the prediction before counting,
so they are neither required nor penalised. Counts are summed over all gold
articles (micro precision, recall and F1); an article without a prediction
scores as an empty one. The reference implementation is ``eval/score.py`` of
the shared workspace; this module must agree with it number for number.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from truceline.errors import TrucelineError

SET_NAMES: tuple[str, ...] = ("pairs", "types", "terms", "sources", "actors")

SCORED_ISSUES: frozenset[str] = frozenset(
    {
        "ceasefire_days",
        "ceasefire_permanent",
        "phase",
        "extension_days",
        "hostages_released",
        "remains_returned",
        "prisoners_released",
        "exchange_ratio",
        "aid_trucks_per_day",
    }
)

Item = Hashable
ItemSets = dict[str, set[Item]]


class GoldError(TrucelineError):
    """A gold, prediction or reconciliation gold file cannot be read; the message names
    the file (and line where there is one)."""


# --- value normalisation ------------------------------------------------------


def normalise_value(value: Any) -> bool | float | str | None:
    """The comparable form of a term value.

    Booleans stay booleans; numbers, numeric strings ("1,500") and the
    ``count`` of a ``release_rate`` dict become floats rounded to three
    decimals, so ``60``, ``60.0`` and ``"60"`` are one value; other strings
    compare case- and space-insensitively. Anything else becomes ``None``.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return round(float(value), 3)
    if isinstance(value, Mapping) and "count" in value:
        return normalise_value(value["count"])
    if isinstance(value, str):
        try:
            return round(float(value.replace(",", "")), 3)
        except ValueError:
            return value.strip().lower()
    return None


def _scored_term(term: Mapping[str, Any]) -> tuple[str, Item] | None:
    """``(issue, value)`` when the term counts for scoring, else ``None``."""
    if term.get("issue") not in SCORED_ISSUES or term.get("value") is None:
        return None
    return (term["issue"], normalise_value(term["value"]))


def _actors_of(event: Mapping[str, Any]) -> list[str]:
    """An event's actor ids; a bare string is read as a list of one."""
    actor = event.get("actor")
    if actor is None:
        return []
    if isinstance(actor, str):
        return [actor]
    return list(actor)


def _empty_sets() -> ItemSets:
    return {name: set() for name in SET_NAMES}


# --- the five sets of one article ----------------------------------------------


def gold_item_sets(gold: Mapping[str, Any]) -> tuple[ItemSets, ItemSets]:
    """The required and the optional items of one gold annotation.

    An item that is required anywhere (a type used by a required event, a pair
    or term also listed without ``optional``) is required, never optional.
    Actors are always required: they are the gold's top-level ``actors`` list.
    """
    required, optional = _empty_sets(), _empty_sets()
    for event in gold.get("events", []):
        bucket = optional if event.get("optional") else required
        for actor in _actors_of(event):
            bucket["pairs"].add((event["type"], actor))
        bucket["types"].add(event["type"])
    for term in gold.get("terms", []):
        item = _scored_term(term)
        if item is not None:
            (optional if term.get("optional") else required)["terms"].add(item)
    for source in gold.get("sources", []):
        item = (source.get("actor"), bool(source.get("anonymous")))
        (optional if source.get("optional") else required)["sources"].add(item)
    required["actors"] = set(gold.get("actors", []))
    for name in ("pairs", "types", "terms", "sources"):
        optional[name] -= required[name]
    return required, optional


def predicted_item_sets(record: Mapping[str, Any] | None) -> ItemSets:
    """The five sets of one extraction record; ``None`` gives empty sets.

    Terms are read from every event and from a record-level ``terms`` list if
    there is one. A claim counts as a source only when it has ``source_text``:
    a claim without one belongs to the publishing outlet.
    """
    sets = _empty_sets()
    if record is None:
        return sets
    for event in record.get("events", []):
        event_type = event.get("type")
        sets["types"].add(event_type)
        for actor in _actors_of(event):
            sets["pairs"].add((event_type, actor))
            sets["actors"].add(actor)
        sets["terms"].update(_scored_terms(event.get("terms")))
        claim = event.get("claim") or {}
        if claim.get("source_text"):
            sets["sources"].add((claim.get("source_actor"), bool(claim.get("anonymous"))))
    sets["terms"].update(_scored_terms(record.get("terms")))
    return sets


def _scored_terms(terms: Iterable[Mapping[str, Any]] | None) -> Iterator[tuple[str, Item]]:
    for term in terms or ():
        item = _scored_term(term)
        if item is not None:
            yield item


# --- counts and scores -----------------------------------------------------------


@dataclass
class SetScore:
    """True positives, false positives and false negatives of one set, summed."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Scores:
    """Micro-averaged scores of every set, with what each article got wrong.

    ``extras[article_id][set_name]`` lists predicted items the gold does not
    have; ``misses[article_id][set_name]`` lists required gold items the
    prediction lacks. Articles and sets with nothing to list are left out.
    ``by_type`` splits the pairs by event type, so the weakest types show;
    ``matched`` counts the gold articles that had a prediction at all.
    """

    sets: dict[str, SetScore] = field(default_factory=lambda: {n: SetScore() for n in SET_NAMES})
    by_type: dict[str, SetScore] = field(default_factory=dict)
    extras: dict[str, dict[str, list[Item]]] = field(default_factory=dict)
    misses: dict[str, dict[str, list[Item]]] = field(default_factory=dict)
    articles: int = 0
    matched: int = 0

    def __getitem__(self, name: str) -> SetScore:
        return self.sets[name]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: per-set numbers, then per-article extras and misses."""
        return {
            "articles": self.articles,
            "matched": self.matched,
            "sets": {name: score.to_dict() for name, score in self.sets.items()},
            "by_type": {name: score.to_dict() for name, score in sorted(self.by_type.items())},
            "extras": _jsonable_diffs(self.extras),
            "misses": _jsonable_diffs(self.misses),
        }


def _sorted_items(items: set[Item]) -> list[Item]:
    # Items mix None, strings, floats and booleans, so order by their repr.
    return sorted(items, key=repr)


def _jsonable_diffs(diffs: dict[str, dict[str, list[Item]]]) -> dict[str, dict[str, list[Any]]]:
    return {
        article_id: {
            name: [list(item) if isinstance(item, tuple) else item for item in items]
            for name, items in by_set.items()
        }
        for article_id, by_set in diffs.items()
    }


def score(
    predictions: Mapping[str, Mapping[str, Any]], gold: Mapping[str, Mapping[str, Any]]
) -> Scores:
    """Compare predictions with every gold article and sum the counts.

    ``predictions`` maps an article id (or url) to an extraction record in
    the JSON shape of :class:`truceline.record.ExtractionRecord`; ``gold`` maps
    an article id to its gold annotation (see :func:`load_gold`). Predictions
    for articles without gold are ignored.
    """
    scores = Scores()
    for article_id in sorted(gold):
        annotation = gold[article_id]
        required, optional = gold_item_sets(annotation)
        record = _prediction_for(predictions, article_id, annotation.get("url"))
        predicted = predicted_item_sets(record)
        scores.articles += 1
        scores.matched += record is not None
        for name in SET_NAMES:
            counted = predicted[name] - optional[name]
            extra, missed = counted - required[name], required[name] - counted
            tally = scores.sets[name]
            tally.tp += len(counted & required[name])
            tally.fp += len(extra)
            tally.fn += len(missed)
            if extra:
                scores.extras.setdefault(article_id, {})[name] = _sorted_items(extra)
            if missed:
                scores.misses.setdefault(article_id, {})[name] = _sorted_items(missed)
            if name == "pairs":
                _tally_by_type(scores.by_type, counted, required[name])
    return scores


def _tally_by_type(by_type: dict[str, SetScore], predicted: set[Item], gold: set[Item]) -> None:
    """Add one article's (type, actor) pairs to the per-type counts."""
    for items, kind in (
        (predicted & gold, "tp"),
        (predicted - gold, "fp"),
        (gold - predicted, "fn"),
    ):
        for event_type, _actor in items:  # type: ignore[misc]
            tally = by_type.setdefault(str(event_type), SetScore())
            setattr(tally, kind, getattr(tally, kind) + 1)


def _prediction_for(
    predictions: Mapping[str, Mapping[str, Any]], article_id: str, url: str | None
) -> Mapping[str, Any] | None:
    """The record for an article: by id first, then by the gold's url if it has one."""
    record = predictions.get(article_id)
    if not record and url:
        record = predictions.get(url)
    return record or None


# --- files -------------------------------------------------------------------------


def load_gold(directory: Path) -> dict[str, dict[str, Any]]:
    """Every gold annotation in ``directory`` (``*.json``, so ``*.gold.json`` too), by id."""
    directory = Path(directory)
    if not directory.is_dir():
        raise GoldError(f"{directory}: no such gold directory")
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            annotation = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise GoldError(f"{path}:{err.lineno}: invalid JSON ({err.msg})") from err
        if not isinstance(annotation, dict) or not annotation.get("id"):
            raise GoldError(f"{path}: a gold file must be a JSON object with an 'id'")
        article_id = annotation["id"]
        if article_id in gold:
            raise GoldError(f"{path}: gold id {article_id!r} is already used by another file")
        gold[article_id] = annotation
    return gold


def load_predictions(path: Path) -> dict[str, dict[str, Any]]:
    """Extraction records from a JSONL file, keyed by ``article.id`` and by ``article.url``.

    A later record for the same key replaces an earlier one. Blank lines are skipped.
    """
    path = Path(path)
    records: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldError(f"{path}:{number}: invalid JSON ({err.msg})") from err
            if not isinstance(record, dict):
                raise GoldError(f"{path}:{number}: a record must be a JSON object")
            article = record.get("article") or {}
            keys = [k for k in (article.get("id"), article.get("url")) if k]
            if not keys:
                raise GoldError(f"{path}:{number}: record has neither article.id nor article.url")
            for key in keys:
                records[key] = record
    return records


def format_scores(scores: Scores, *, detail: bool = False, by_type: bool = False) -> str:
    """A plain-text table of the scores, one set per line; ``by_type`` adds the pairs
    per event type, ``detail`` per-article diffs."""
    lines = [_score_line(name, s) for name, s in scores.sets.items()]
    if by_type:
        lines.append("pairs by event type:")
        lines += [
            _score_line(f"  {name}", s, width=12) for name, s in sorted(scores.by_type.items())
        ]
    if detail:
        for article_id in sorted(scores.extras.keys() | scores.misses.keys()):
            for name in SET_NAMES:
                extra = scores.extras.get(article_id, {}).get(name, [])
                missed = scores.misses.get(article_id, {}).get(name, [])
                if extra or missed:
                    lines.append(f"{article_id} {name}: extra={extra} missed={missed}")
    return "\n".join(lines)


def _score_line(name: str, s: SetScore, *, width: int = 8) -> str:
    return (
        f"{name:{width}s} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}"
        f"  (tp={s.tp} fp={s.fp} fn={s.fn})"
    )
