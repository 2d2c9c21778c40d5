"""End to end: the reconciliation set, extracted for real, scored against its gold."""

from __future__ import annotations

from pathlib import Path

from truceline.evaluation.reconciliation import evaluate_corpus

CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "reconcile"


def test_reconciliation_set_merges_and_contradicts_as_well_as_measured(extractor):
    score, _ = evaluate_corpus(CORPUS, extractor)
    assert score.merge_precision >= 0.90
    assert score.merge_recall >= 0.85
    assert score.contradiction_precision >= 0.99
    assert score.contradiction_recall >= 0.99
