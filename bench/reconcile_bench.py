"""Reconciliation speed on a generated store-sized input (default 1,000,000 reports).

``.venv/bin/python bench/reconcile_bench.py [--reports N] [--seed S]`` builds
reported events the way 100,000 articles of about ten events each would
give them: real-world events (releases, talks, agreements, acceptances ...
among the parties of six conflicts, spread over three years) each told by
one to twenty reports from forty outlets, with the noise extraction brings
(missing actors, undated reports, counts off by one, future and denied
versions). Then it times ``reconcile`` alone, on one core.

``--spark-master local[1] --spark-master local[2]`` then times the same
reconciliation on Spark (:mod:`truceline.batch.reconcile`, the ``spark``
extra and Java 17+) at each master: the session start apart, then reconcile
(ship the reports keyed by block, reconcile each partition's blocks, collect,
contradictions on the driver). Each Spark result is checked equal to the
single-machine one. ``--json FILE`` writes every figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time

from truceline.record import Claim, Event, EventType, Evidence, Modality, ReportedEvent, Term
from truceline.resolve import reconcile

SIDES = [
    ("ISR", "HAMAS"),
    ("ISR", "HEZBOLLAH"),
    ("RUS", "UKR"),
    ("SDN", "RSF"),
    ("COD", "M23"),
    ("ARM", "AZE"),
]
MEDIATORS = ["QAT", "EGY", "USA", "TUR", "SAU", "ARE", "FRA"]
TYPES = list(EventType)
EVIDENCE = Evidence(start=0, end=4, text="text")


def _real_events(rng: random.Random, count: int, start: dt.date) -> list[dict]:
    events = []
    for _ in range(count):
        a, b = rng.choice(SIDES)
        etype = rng.choice(TYPES)
        day = start + dt.timedelta(days=rng.randrange(3 * 365))
        actors = [a, b] if etype in (EventType.MEET, EventType.AGREE) else [rng.choice((a, b))]
        terms = {}
        if etype == EventType.RELEASE:
            issue = (
                "hostages_released"
                if actors[0] in ("HAMAS", "HEZBOLLAH")
                else ("prisoners_released")
            )
            terms[issue] = rng.choice((3, 4, 6, 33, 90, 183, 369, 390, 620))
        events.append({"type": etype, "actor": actors, "day": day, "terms": terms})
    return events


def _report(rng: random.Random, rid: int, real: dict, outlets: list[str]) -> ReportedEvent:
    published = real["day"] + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2)))
    dated = rng.random() < 0.6
    actor = real["actor"] if rng.random() < 0.8 else real["actor"][:1] if rng.random() < 0.5 else []
    terms = [
        Term.model_construct(issue=k, value=v + (1 if rng.random() < 0.05 else 0))
        for k, v in real["terms"].items()
        if rng.random() < 0.8
    ]
    roll = rng.random()
    modality = (
        Modality.ACTUAL
        if roll < 0.85
        else Modality.FUTURE
        if roll < 0.95
        else (Modality.NEGATED if roll < 0.98 else Modality.POSSIBLE)
    )
    if modality == Modality.FUTURE:
        published = real["day"] - dt.timedelta(days=rng.randrange(1, 5))
    claim = Claim.model_construct(
        source_text="officials" if rng.random() < 0.5 else None,
        anonymous=rng.random() < 0.3,
        via="Reuters" if rng.random() < 0.1 else None,
    )
    event = Event.model_construct(
        type=real["type"],
        actor=actor,
        target=[],
        mediators=[rng.choice(MEDIATORS)],
        terms=terms,
        modality=modality,
        polarity=None,
        action=None,
        date=real["day"] if dated else None,
        date_precision="day" if dated else None,
        location=None,
        claim=claim,
        evidence=EVIDENCE,
    )
    return ReportedEvent.model_construct(
        id=rid, article_id=rid // 10, outlet=rng.choice(outlets), published=published, event=event
    )


def build(reports: int, seed: int) -> list[ReportedEvent]:
    """``reports`` reported events telling about reports/5 real-world events."""
    rng = random.Random(seed)
    outlets = [f"Outlet {i}" for i in range(40)]
    reals = _real_events(rng, max(1, reports // 5), dt.date(2023, 1, 1))
    out: list[ReportedEvent] = []
    while len(out) < reports:
        real = rng.choice(reals)
        for _ in range(min(rng.randint(1, 9), reports - len(out))):
            out.append(_report(rng, len(out) + 1, real, outlets))
    return out


def spark_run(reported: list[ReportedEvent], master: str, single: object) -> dict[str, object]:
    """Reconcile on Spark at ``master``: session start and reconcile timed apart, result checked."""
    from pyspark.sql import SparkSession

    from truceline.batch.reconcile import reconcile_on_spark

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    started = time.perf_counter()
    builder = SparkSession.builder.master(master).appName("reconcile bench")
    spark = builder.config("spark.driver.memory", "6g").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    session = time.perf_counter() - started
    try:
        started = time.perf_counter()
        result = reconcile_on_spark(reported)
        took = time.perf_counter() - started
    finally:
        spark.stop()
    return {
        "master": master,
        "session_s": round(session, 1),
        "reconcile_s": round(took, 1),
        "reports_per_s": round(len(reported) / took),
        "same_as_single": result == single,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--spark-master", action="append", default=[], metavar="MASTER")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    reported = build(args.reports, args.seed)
    built = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    result = reconcile(reported)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{len(reported):,} reports generated in {built:.1f}s")
    print(
        f"reconcile: {took:.1f}s wall, {cpu:.1f}s CPU (one core) -> {len(result.story_events):,} story events, "
        f"{len(result.contradictions):,} contradictions ({len(reported) / cpu:,.0f} reports per CPU second)"
    )
    figures: dict[str, object] = {
        "reports": len(reported),
        "single": {"wall_s": round(took, 1), "cpu_s": round(cpu, 1)},
        "story_events": len(result.story_events),
        "contradictions": len(result.contradictions),
        "spark": [],
    }
    for master in args.spark_master:
        run = spark_run(reported, master, result)
        figures["spark"].append(run)  # type: ignore[union-attr]
        print(
            f"spark {master}: session {run['session_s']}s, reconcile {run['reconcile_s']}s wall "
            f"({run['reports_per_s']:,} reports/s), same record as one machine: {run['same_as_single']}",
            flush=True,
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
