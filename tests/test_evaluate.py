"""The scorer of GOLD.md: small hand-counted cases, file loading, and agreement
with the shared reference implementation when it is present."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from truceline.evaluation.extraction import (
    GoldError,
    format_scores,
    gold_item_sets,
    load_gold,
    load_predictions,
    normalise_value,
    predicted_item_sets,
    score,
)

REPO = Path(__file__).resolve().parents[1]
REFERENCE_SCORER = Path(
    os.environ.get("TRUCELINE_REFERENCE_SCORER", REPO.parent / "shared" / "eval" / "score.py")
)


def event(type_: str, *actors: str, terms: list[dict] | None = None, **claim: Any) -> dict:
    """A predicted event in the ExtractionRecord JSON shape (evidence left out)."""
    return {"type": type_, "actor": list(actors), "terms": terms or [], "claim": claim}


def record(article_id: str, *events: dict, url: str | None = None) -> dict:
    return {"article": {"id": article_id, "url": url}, "events": list(events)}


def counts(scores, name: str) -> tuple[int, int, int]:
    s = scores[name]
    return (s.tp, s.fp, s.fn)


# A gold article in the shape of the seeds, with optional items of every kind.
GOLD = {
    "id": "a1",
    "published": "2025-03-02",
    "events": [
        {"type": "PROPOSE", "actor": ["USA"], "terms": [{"issue": "ceasefire_days", "value": 60}]},
        {"type": "COUNTER", "actor": ["HAMAS"]},
        {"type": "MEDIATE", "actor": ["QAT"], "optional": True},
        {"type": "REJECT", "actor": ["ISR", "USA"]},
        {"type": "ASSESS", "actor": ["ISR"], "optional": True},
    ],
    "terms": [
        {"issue": "ceasefire_days", "value": 60},
        {"issue": "hostages_released", "value": 10},
        {"issue": "hostages_released", "value": 2, "optional": True},
        {"issue": "guarantees", "value": "USA"},
    ],
    "sources": [
        {"actor": "USA", "anonymous": False, "via": None},
        {"actor": "ISR", "anonymous": True, "via": "i24NEWS"},
        {"actor": None, "anonymous": True, "via": None, "optional": True},
    ],
    "actors": ["USA", "HAMAS", "ISR", "QAT"],
}

PREDICTION = record(
    "a1",
    event(
        "PROPOSE",
        "USA",
        terms=[{"issue": "ceasefire_days", "value": "60"}],
        source_text="Witkoff",
        source_actor="USA",
        anonymous=False,
    ),
    event("REJECT", "ISR", source_text="an Israeli official", source_actor="ISR", anonymous=True),
    event("MEDIATE", "QAT"),
    event(
        "MEET",
        "EGY",
        terms=[{"issue": "hostages_released", "value": 2}],
        source_text="a source familiar with the talks",
        source_actor=None,
        anonymous=True,
    ),
    event("ACCEPT", "HAMAS", terms=[{"issue": "hostages_released", "value": 3}]),
)


def test_hand_counted_article_scores_every_set():
    scores = score({"a1": PREDICTION}, {"a1": GOLD})
    # pairs: MEDIATE/QAT is optional; PROPOSE/USA and REJECT/ISR hit,
    # MEET/EGY and ACCEPT/HAMAS are extra, COUNTER/HAMAS and REJECT/USA missed.
    assert counts(scores, "pairs") == (2, 2, 2)
    # types: MEDIATE optional; MEET and ACCEPT extra; COUNTER missed.
    assert counts(scores, "types") == (2, 2, 1)
    # terms: "60" equals 60; optional 2 ignored; 3 extra; 10 missed; guarantees unscored.
    assert counts(scores, "terms") == (1, 1, 1)
    # sources: the optional anonymous source is neither hit nor extra.
    assert counts(scores, "sources") == (2, 0, 0)
    # actors are never optional: EGY is extra even though QAT is only in an optional event.
    assert counts(scores, "actors") == (4, 1, 0)


def test_precision_recall_and_f1_follow_from_counts():
    pairs = score({"a1": PREDICTION}, {"a1": GOLD})["pairs"]
    assert pairs.precision == pytest.approx(0.5)
    assert pairs.recall == pytest.approx(0.5)
    assert pairs.f1 == pytest.approx(0.5)
    types = score({"a1": PREDICTION}, {"a1": GOLD})["types"]
    assert types.precision == pytest.approx(2 / 4)
    assert types.recall == pytest.approx(2 / 3)
    assert types.f1 == pytest.approx(2 * (1 / 2) * (2 / 3) / (1 / 2 + 2 / 3))


def test_gold_against_itself_as_a_prediction_is_perfect():
    prediction = record(
        "a1",
        event("PROPOSE", "USA", terms=[{"issue": "ceasefire_days", "value": 60}]),
        event("COUNTER", "HAMAS", terms=[{"issue": "hostages_released", "value": 10}]),
        event("REJECT", "ISR", "USA", source_text="officials", source_actor="USA"),
        event("MEDIATE", "QAT", source_text="an official", source_actor="ISR", anonymous=True),
    )
    scores = score({"a1": prediction}, {"a1": GOLD})
    for name in ("pairs", "types", "terms", "sources", "actors"):
        assert scores[name].f1 == 1.0, name
    assert scores.extras == {}
    assert scores.misses == {}


def test_missing_prediction_counts_as_empty():
    scores = score({}, {"a1": GOLD})
    assert counts(scores, "pairs") == (0, 0, 4)
    assert counts(scores, "types") == (0, 0, 3)
    assert counts(scores, "terms") == (0, 0, 2)
    assert counts(scores, "sources") == (0, 0, 2)
    assert counts(scores, "actors") == (0, 0, 4)
    assert scores["pairs"].precision == 0.0
    assert scores["pairs"].f1 == 0.0


def test_predictions_without_gold_are_ignored():
    scores = score({"a1": PREDICTION, "zz": record("zz", event("MEET", "RUS"))}, {"a1": GOLD})
    assert scores.articles == 1
    assert "zz" not in scores.extras


def test_counts_are_summed_over_articles_before_dividing():
    gold_b = {"id": "b", "events": [{"type": "MEET", "actor": ["RUS", "UKR"]}], "actors": []}
    pred_b = record("b", event("MEET", "RUS"))
    scores = score({"a1": PREDICTION, "b": pred_b}, {"a1": GOLD, "b": gold_b})
    # a1 gives (2, 2, 2); b gives (1, 0, 1).
    assert counts(scores, "pairs") == (3, 2, 3)
    assert scores["pairs"].precision == pytest.approx(3 / 5)
    # b's gold lists no actors, so its predicted RUS is an extra actor.
    assert counts(scores, "actors") == (4, 2, 0)


def test_type_is_required_when_any_required_event_has_it():
    gold = {
        "id": "c",
        "events": [
            {"type": "ASSESS", "actor": ["ISR"], "optional": True},
            {"type": "ASSESS", "actor": ["USA"]},
        ],
        "actors": ["USA"],
    }
    required, optional = gold_item_sets(gold)
    assert required["types"] == {"ASSESS"}
    assert optional["types"] == set()
    assert optional["pairs"] == {("ASSESS", "ISR")}
    assert counts(score({}, {"c": gold}), "types") == (0, 0, 1)


def test_item_listed_both_required_and_optional_is_required():
    gold = {
        "id": "d",
        "events": [
            {"type": "RELEASE", "actor": ["HAMAS"], "optional": True},
            {"type": "RELEASE", "actor": ["HAMAS"]},
        ],
        "terms": [
            {"issue": "phase", "value": 1, "optional": True},
            {"issue": "phase", "value": 1},
        ],
        "sources": [
            {"actor": "ISR", "anonymous": False, "optional": True},
            {"actor": "ISR", "anonymous": False},
        ],
        "actors": ["HAMAS"],
    }
    scores = score({}, {"d": gold})
    assert counts(scores, "pairs") == (0, 0, 1)
    assert counts(scores, "terms") == (0, 0, 1)
    assert counts(scores, "sources") == (0, 0, 1)


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("60", 60),
        (60.0, 60),
        ("1,500", 1500),
        (" 1500 ", 1500),
        (2.0004, 2),
        ({"count": 3, "per": "week"}, 3),
        (True, True),
    ],
)
def test_term_values_are_compared_as_numbers(predicted, gold):
    assert normalise_value(predicted) == normalise_value(gold)


def test_non_numeric_strings_compare_case_and_space_insensitively():
    assert normalise_value(" Hundreds ") == "hundreds"
    assert normalise_value(["a list"]) is None


def test_scored_terms_match_across_spellings_of_a_number():
    gold = {
        "id": "e",
        "terms": [{"issue": "prisoners_released", "value": 1500}],
        "events": [],
        "actors": [],
    }
    pred = record("e", event("RELEASE", terms=[{"issue": "prisoners_released", "value": "1,500"}]))
    assert counts(score({"e": pred}, {"e": gold}), "terms") == (1, 0, 0)


def test_release_rate_is_not_scored_but_a_dict_value_compares_by_count():
    gold = {
        "id": "f",
        "terms": [
            {"issue": "release_rate", "value": {"count": 3, "per": "week"}},
            {"issue": "hostages_released", "value": 3},
        ],
        "events": [],
        "actors": [],
    }
    pred = record(
        "f",
        event(
            "PROPOSE",
            "ISR",
            terms=[
                {"issue": "release_rate", "value": {"count": 5, "per": "day"}},
                {"issue": "hostages_released", "value": {"count": 3, "per": "week"}},
            ],
        ),
    )
    assert counts(score({"f": pred}, {"f": gold}), "terms") == (1, 0, 0)


def test_unscored_issues_and_null_values_are_ignored():
    gold = {
        "id": "g",
        "terms": [
            {"issue": "prisoners_released", "value": None, "qualifier": "hundreds"},
            {"issue": "withdrawal", "value": "Philadelphi corridor"},
            {"issue": "guarantees", "value": "USA"},
        ],
        "events": [],
        "actors": [],
    }
    pred = record(
        "g",
        event(
            "RELEASE",
            "ISR",
            terms=[
                {"issue": "prisoners_released", "value": None, "qualifier": "hundreds"},
                {"issue": "displaced_return", "value": True},
            ],
        ),
    )
    assert counts(score({"g": pred}, {"g": gold}), "terms") == (0, 0, 0)


def test_record_level_terms_are_counted_with_event_terms():
    gold = {"id": "h", "terms": [{"issue": "phase", "value": 2}], "events": [], "actors": []}
    pred = {"article": {"id": "h"}, "events": [], "terms": [{"issue": "phase", "value": "2"}]}
    assert counts(score({"h": pred}, {"h": gold}), "terms") == (1, 0, 0)


def test_only_claims_with_source_text_are_sources():
    gold = {
        "id": "i",
        "events": [],
        "sources": [{"actor": "EGY", "anonymous": True}],
        "actors": [],
    }
    pred = record(
        "i",
        event(
            "MEDIATE",
            "EGY",
            source_text="two Egyptian security sources",
            source_actor="EGY",
            anonymous=True,
        ),
        event("MEDIATE", "QAT", source_text=None, source_actor="QAT", anonymous=False),
        event("MEET", "QAT", source_text="", source_actor="HAMAS", anonymous=False),
    )
    assert counts(score({"i": pred}, {"i": gold}), "sources") == (1, 0, 0)


def test_anonymity_distinguishes_sources_of_one_actor():
    gold = {
        "id": "j",
        "events": [],
        "sources": [{"actor": "ISR", "anonymous": False}],
        "actors": [],
    }
    pred = record(
        "j",
        event(
            "ASSESS", "ISR", source_text="an Israeli official", source_actor="ISR", anonymous=True
        ),
    )
    assert counts(score({"j": pred}, {"j": gold}), "sources") == (0, 1, 1)


def test_actor_given_as_a_string_is_one_actor():
    sets = predicted_item_sets(record("k", {"type": "MEET", "actor": "RUS"}))
    assert sets["pairs"] == {("MEET", "RUS")}
    assert sets["actors"] == {"RUS"}


def test_event_without_actor_still_counts_its_type():
    sets = predicted_item_sets(record("l", {"type": "CEASEFIRE", "actor": None}))
    assert sets["types"] == {"CEASEFIRE"}
    assert sets["pairs"] == set()


def test_prediction_is_found_by_url_when_ids_differ():
    gold = {**GOLD, "id": "a2", "url": "https://x.example/a"}
    pred = {**PREDICTION, "article": {"id": "other", "url": "https://x.example/a"}}
    by_url = score({"https://x.example/a": pred}, {"a2": gold})
    assert counts(by_url, "pairs") == (2, 2, 2)


def test_extras_and_misses_are_listed_per_article_and_set():
    scores = score({"a1": PREDICTION}, {"a1": GOLD})
    assert scores.extras["a1"]["pairs"] == [("ACCEPT", "HAMAS"), ("MEET", "EGY")]
    assert scores.misses["a1"]["pairs"] == [("COUNTER", "HAMAS"), ("REJECT", "USA")]
    assert scores.misses["a1"]["terms"] == [("hostages_released", 10.0)]
    assert scores.extras["a1"]["actors"] == ["EGY"]
    assert "sources" not in scores.extras["a1"]
    assert "sources" not in scores.misses["a1"]


def test_to_dict_is_json_ready():
    data = score({"a1": PREDICTION}, {"a1": GOLD}).to_dict()
    round_tripped = json.loads(json.dumps(data))
    assert round_tripped["articles"] == 1
    assert round_tripped["sets"]["pairs"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "tp": 2,
        "fp": 2,
        "fn": 2,
    }
    assert round_tripped["misses"]["a1"]["pairs"] == [["COUNTER", "HAMAS"], ["REJECT", "USA"]]


def test_format_scores_prints_one_line_per_set_and_optional_detail():
    text = format_scores(score({"a1": PREDICTION}, {"a1": GOLD}), detail=True)
    lines = text.splitlines()
    assert lines[0] == "pairs    P=0.500 R=0.500 F1=0.500  (tp=2 fp=2 fn=2)"
    assert any(line.startswith("a1 pairs: extra=") for line in lines)


def test_pairs_are_also_counted_per_event_type():
    by_type = score({"a1": PREDICTION}, {"a1": GOLD}).by_type
    # PROPOSE/USA hit; REJECT/ISR hit, REJECT/USA missed; MEET/EGY and ACCEPT/HAMAS extra;
    # COUNTER/HAMAS missed; MEDIATE/QAT optional, so no MEDIATE row at all.
    assert {t: (s.tp, s.fp, s.fn) for t, s in by_type.items()} == {
        "PROPOSE": (1, 0, 0),
        "REJECT": (1, 0, 1),
        "MEET": (0, 1, 0),
        "ACCEPT": (0, 1, 0),
        "COUNTER": (0, 0, 1),
    }


def test_format_scores_by_type_adds_one_line_per_event_type():
    text = format_scores(score({"a1": PREDICTION}, {"a1": GOLD}), by_type=True)
    assert "  REJECT     P=1.000 R=0.500 F1=0.667  (tp=1 fp=0 fn=1)" in text.splitlines()


def test_gold_articles_without_any_prediction_are_not_matched():
    scores = score({"zz": PREDICTION}, {"a1": GOLD})
    assert (scores.articles, scores.matched) == (1, 0)


# --- files ------------------------------------------------------------------------


def test_load_gold_reads_json_and_gold_json_files_by_id(tmp_path):
    (tmp_path / "001_x.gold.json").write_text(json.dumps({"id": "001_x", "events": []}))
    (tmp_path / "002_y.json").write_text(json.dumps({"id": "002_y", "events": []}))
    (tmp_path / "notes.txt").write_text("not gold")
    assert sorted(load_gold(tmp_path)) == ["001_x", "002_y"]


def test_load_gold_names_the_file_and_line_of_bad_json(tmp_path):
    (tmp_path / "bad.gold.json").write_text('{"id": "bad",\n "events": [}\n')
    with pytest.raises(GoldError, match=r"bad\.gold\.json:2: invalid JSON"):
        load_gold(tmp_path)


def test_load_gold_refuses_duplicate_ids(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"id": "same"}))
    (tmp_path / "b.json").write_text(json.dumps({"id": "same"}))
    with pytest.raises(GoldError, match="already used"):
        load_gold(tmp_path)


def test_load_gold_refuses_a_missing_directory(tmp_path):
    with pytest.raises(GoldError, match="no such gold directory"):
        load_gold(tmp_path / "nowhere")


def test_load_predictions_keys_records_by_id_and_url(tmp_path):
    path = tmp_path / "preds.jsonl"
    lines = [
        json.dumps(record("a1", url="https://x.example/a")),
        "",
        json.dumps({"article": {"url": "https://x.example/b"}, "events": []}),
        json.dumps(record("a1", event("MEET", "QAT"))),
    ]
    path.write_text("\n".join(lines) + "\n")
    records = load_predictions(path)
    assert set(records) == {"a1", "https://x.example/a", "https://x.example/b"}
    # the later record for a1 replaces the earlier one
    assert records["a1"]["events"][0]["type"] == "MEET"


def test_load_predictions_names_the_line_of_bad_json(tmp_path):
    path = tmp_path / "preds.jsonl"
    path.write_text(json.dumps(record("a1")) + "\n{oops\n")
    with pytest.raises(GoldError, match=r"preds\.jsonl:2: invalid JSON"):
        load_predictions(path)


# --- the development corpus ---------------------------------------------------------

DEV = REPO / "corpora" / "dev"


@pytest.mark.skipif(not (DEV / "gold").is_dir(), reason="no development gold set")
def test_dev_gold_is_consistent_with_its_articles():
    gold = load_gold(DEV / "gold")
    assert gold, "the development gold set is empty"
    for article_id, annotation in gold.items():
        assert (DEV / "gold" / f"{article_id}.gold.json").is_file(), article_id
        article = (DEV / "articles" / f"{article_id}.md").read_text(encoding="utf-8")
        front = dict(re.findall(r"^(\w+): (.*)$", article.split("---")[1], flags=re.M))
        assert front["id"] == article_id
        assert front["published"] == annotation["published"], article_id
        event_actors = {a for e in annotation["events"] for a in e["actor"]}
        assert event_actors <= set(annotation["actors"]), article_id


# --- agreement with the reference scorer -----------------------------------------

ACTORS = ["ISR", "HAMAS", "USA", "QAT", "EGY", None]
TYPES = ["PROPOSE", "ACCEPT", "REJECT", "MEET", "MEDIATE", "RELEASE", "ASSESS"]
ISSUES = [
    "ceasefire_days",
    "phase",
    "hostages_released",
    "prisoners_released",
    "release_rate",
    "guarantees",
    "ceasefire_permanent",
]
VALUES = [
    60,
    60.0,
    "60",
    1500,
    "1,500",
    2,
    2.0001,
    "three",
    " Three ",
    True,
    None,
    {"count": 3, "per": "week"},
    3,
]


def _random_terms(rng: random.Random) -> list[dict]:
    return [
        {"issue": rng.choice(ISSUES), "value": rng.choice(VALUES)} for _ in range(rng.randint(0, 3))
    ]


def _random_gold(rng: random.Random, article_id: str) -> dict:
    events = [
        {
            "type": rng.choice(TYPES),
            "actor": rng.sample([a for a in ACTORS if a], rng.randint(0, 2)),
            "optional": rng.random() < 0.3,
        }
        for _ in range(rng.randint(0, 6))
    ]
    terms = [{**t, "optional": rng.random() < 0.3} for t in _random_terms(rng)]
    sources = [
        {
            "actor": rng.choice(ACTORS),
            "anonymous": rng.random() < 0.5,
            "optional": rng.random() < 0.3,
        }
        for _ in range(rng.randint(0, 3))
    ]
    actors = rng.sample([a for a in ACTORS if a], rng.randint(0, 4))
    gold = {
        "id": article_id,
        "published": None,
        "events": events,
        "terms": terms,
        "sources": sources,
        "actors": actors,
    }
    if rng.random() < 0.2:
        gold["url"] = f"https://x.example/{article_id}"
    return gold


def _random_prediction(rng: random.Random, article_id: str) -> dict:
    events = []
    for _ in range(rng.randint(0, 6)):
        actors = rng.sample([a for a in ACTORS if a], rng.randint(0, 2))
        claim = {
            "source_text": rng.choice([None, "", "officials", "Hamas"]),
            "source_actor": rng.choice(ACTORS),
            "anonymous": rng.random() < 0.5,
        }
        events.append(
            {
                "type": rng.choice(TYPES),
                "actor": actors[0] if len(actors) == 1 and rng.random() < 0.5 else actors,
                "terms": _random_terms(rng),
                "claim": claim,
            }
        )
    article = {"id": article_id}
    if rng.random() < 0.15:
        article = {"url": f"https://x.example/{article_id}"}
    return {"article": article, "events": events}


def _generated_corpus(tmp_path: Path, seed: int = 7, n: int = 60) -> tuple[Path, Path]:
    rng = random.Random(seed)
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    lines = []
    for i in range(n):
        article_id = f"g{i:03d}"
        (gold_dir / f"{article_id}.gold.json").write_text(json.dumps(_random_gold(rng, article_id)))
        if rng.random() < 0.85:
            lines.append(json.dumps(_random_prediction(rng, article_id)))
    lines.append(json.dumps(_random_prediction(rng, "not-in-gold")))
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text("\n".join(lines) + "\n")
    return gold_dir, predictions


needs_reference = pytest.mark.skipif(
    not REFERENCE_SCORER.is_file(), reason=f"reference scorer not found at {REFERENCE_SCORER}"
)


@needs_reference
@pytest.mark.parametrize("seed", [1, 7, 2025])
def test_totals_agree_with_the_reference_scorer(tmp_path, seed):
    gold_dir, predictions = _generated_corpus(tmp_path, seed=seed)
    completed = subprocess.run(
        [
            sys.executable,
            str(REFERENCE_SCORER),
            str(predictions),
            "--gold",
            str(gold_dir),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    reference = json.loads(completed.stdout)
    ours = score(load_predictions(predictions), load_gold(gold_dir)).to_dict()["sets"]
    assert set(ours) == set(reference)
    for name, expected in reference.items():
        for key in ("tp", "fp", "fn"):
            assert ours[name][key] == expected[key], (name, key)
        for key in ("precision", "recall", "f1"):
            assert ours[name][key] == pytest.approx(expected[key]), (name, key)


@needs_reference
def test_per_article_sets_agree_with_the_reference_scorer(tmp_path):
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE_SCORER)
    assert spec is not None and spec.loader is not None
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    rng = random.Random(11)
    for i in range(200):
        gold = _random_gold(rng, f"r{i}")
        prediction = _random_prediction(rng, f"r{i}")
        assert gold_item_sets(gold) == reference.gold_sets(gold)
        assert predicted_item_sets(prediction) == reference.pred_sets(prediction)
