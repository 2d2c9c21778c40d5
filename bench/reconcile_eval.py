"""How well reconciliation merges what it should and keeps apart what it should.

``.venv/bin/python bench/reconcile_eval.py [--corpus corpora/reconcile] [--detail]``
extracts the reconciliation set with the real extractor, reconciles it, and
prints pairwise merge precision / recall / F1 over the reports the gold
clusters (``gold.yaml``), contradiction precision / recall, and with
``--detail`` every wrong or missed merge, every false or missed
contradiction, and the gold members the extractor did not produce (scored
apart: they are the extractor's misses, not reconciliation's).
"""

from __future__ import annotations

import argparse
import sys
import time

from truceline.evaluation.reconciliation import GoldError, evaluate_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="corpora/reconcile")
    parser.add_argument("--detail", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        score, result = evaluate_corpus(args.corpus)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"corpus {args.corpus}: {score.scored_reports} gold-clustered reports scored, "
        f"{score.story_events} story events, {len(result.contradictions)} contradictions "
        f"({time.perf_counter() - started:.1f}s)"
    )
    print(
        f"merge pairs     P {score.merge_precision:.3f}  R {score.merge_recall:.3f}  "
        f"F1 {score.merge_f1:.3f}  (tp {score.merge_tp}, fp {score.merge_fp}, fn {score.merge_fn})"
    )
    print(
        f"contradictions  P {score.contradiction_precision:.3f}  "
        f"R {score.contradiction_recall:.3f}  "
        f"(tp {score.contra_tp}, fp {score.contra_fp}, fn {score.contra_fn})"
    )
    print(f"extractor misses (gold members not extracted): {len(score.extractor_misses)}")
    if args.detail:
        for title, items in (
            ("wrong merges (kept together, gold apart)", score.wrong_merges),
            ("missed merges (kept apart, gold together)", score.missed_merges),
            ("false contradictions", score.false_contradictions),
            ("missed contradictions", score.missed_contradictions),
            ("extractor misses", score.extractor_misses),
        ):
            print(f"\n{title}: {len(items)}")
            for item in items:
                print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
