"""Reconciliation speed on a generated store-sized input (default 1,000,000 reports).

``.venv/bin/python bench/reconcile_bench.py [--reports N] [--seed S]`` builds
reported events the way 100,000 articles of about ten events each would
give them: real-world events (releases, talks, agreements, acceptances ...
among the parties of six conflicts, spread over three years) each told by
one to twenty reports from forty outlets, with the noise extraction brings
(missing actors, undated reports, counts off by one, future and denied
versions). Then it times ``reconcile`` alone, on one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
