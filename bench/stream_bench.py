"""Throughput on a news stream that is mostly not about talks: the relevance screen's gain.

``make bench-extract`` runs this after the extraction bench (or alone:
``.venv/bin/python bench/stream_bench.py``). It builds a stream in which one
article in twenty (``--relevant``) is a variant of a negotiation report (the
demo and dev corpora, as in ``extract_bench.build_corpus``) and the rest are
variants of ordinary news: ``corpora/news`` (written for the project, so the
bench runs on a fresh clone) and, when rebuilt, ``.cache/ordinary`` (real
reports about no negotiation). Then, on exactly the same stream, after a
warm-up each and in interleaved rounds with ``--repeat N``, it times:

* bare spaCy, one process: ``nlp.pipe(texts, batch_size=32)``, the baseline;
* truceline ``--no-screen``, one process: every article parsed;
* truceline with the screen (the default), one process;
* the screen alone (``RelevanceScreen.keeps`` over the stream).

and prints articles/s, the ratio to bare spaCy (aim >= 10x with the screen;
in wall time, and in the process's CPU time, which a machine shared with other
jobs stretches far less: both are printed, with the load average before and after),
how many articles the screen kept, and whether the events extracted with and
without the screen are the same (they must be: the screen may drop only
articles that yield nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from extract_bench import ROOT, SPACY_BATCH, read_sources, vary_article, word_count
from rich.console import Console
from rich.table import Table

from truceline.extract.nlp import installed_model
from truceline.extract.pipeline import Extractor
from truceline.extract.screened import ScreenedOut
from truceline.ingest import read_inputs
from truceline.record import Article, ExtractionRecord

ORDINARY_SOURCES = ("corpora/news/articles", ".cache/ordinary/in.jsonl")
SCREEN_AIM = 10.0  # screened truceline / bare spaCy on the stream
WARMUP = 40


def read_ordinary(root: Path = ROOT) -> tuple[list[Article], list[str]]:
    """Ordinary news: the project's own corpus, and the rebuilt real reports when present."""
    found = [str(root / p) for p in ORDINARY_SOURCES if (root / p).exists()]
    articles = [
        a
        for a in read_inputs(found)
        if isinstance(a, Article) and len([p for p in a.text.split("\n") if p.strip()]) >= 3
    ]
    if len(articles) < 2:
        raise SystemExit(f"bench: found {len(articles)} ordinary reports under {root}; need 2+")
    return articles, [str(Path(p).relative_to(root)) for p in found]


def build_stream(
    relevant: Sequence[Article],
    ordinary: Sequence[Article],
    size: int,
    share: float,
    seed: int,
) -> list[Article]:
    """``size`` varied articles, one in ``1/share`` about talks, evenly spread, the same per seed."""
    rng = random.Random(seed)
    every = max(1, round(1 / share))
    stream: list[Article] = []
    seen: set[str] = set()
    pools = {True: list(relevant), False: list(ordinary)}
    outlets = {k: sorted({a.outlet for a in v if a.outlet}) for k, v in pools.items()}
    counters = {True: 0, False: 0}
    for i in range(size):
        about_talks = i % every == every // 2
        pool = pools[about_talks]
        base = pool[counters[about_talks] % len(pool)]
        counters[about_talks] += 1
        for _attempt in range(20):
            prefix = f"stream-{i:05d}" + ("-talks" if about_talks else "")
            variant = vary_article(base, pool, outlets[about_talks], rng, prefix)
            if variant.text not in seen:
                break
        seen.add(variant.text)
        stream.append(variant)
    return stream


@dataclass
class Pass:
    """What one pass over the stream gave: parsed, screened out, events (by article)."""

    articles: int = 0
    screened: int = 0
    failures: int = 0
    events: dict[str, int] = field(default_factory=dict)


@dataclass
class Configuration:
    key: str
    label: str
    run: Callable[[Sequence[Article]], Pass]
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    outcome: Pass | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_seconds)


def bare_spacy(nlp: spacy.language.Language) -> Callable[[Sequence[Article]], Pass]:
    def run(articles: Sequence[Article]) -> Pass:
        out = Pass()
        for _doc in nlp.pipe((a.text for a in articles), batch_size=SPACY_BATCH):
            out.articles += 1
        return out

    return run


def truceline(extractor: Extractor) -> Callable[[Sequence[Article]], Pass]:
    def run(articles: Sequence[Article]) -> Pass:
        out = Pass()
        for item in extractor.extract_many(articles):
            out.articles += 1
            if isinstance(item, ScreenedOut):
                out.screened += 1
            elif isinstance(item, ExtractionRecord):
                out.events[item.article.id] = len(item.events)
            else:
                out.failures += 1
        return out

    return run


def screen_only(extractor: Extractor) -> Callable[[Sequence[Article]], Pass]:
    screen = extractor.screen
    assert screen is not None

    def run(articles: Sequence[Article]) -> Pass:
        out = Pass()
        for article in articles:
            out.articles += 1
            out.screened += not screen.keeps(article)
        return out

    return run


def measure(
    stream: Sequence[Article], repeat: int, nlp: spacy.language.Language | None = None
) -> dict[str, Any]:
    """Every configuration on ``stream``, warmed up, ``repeat`` interleaved rounds; the figures."""
    nlp = nlp or spacy.load(installed_model())
    screened = Extractor(include_text=False)
    unscreened = Extractor(include_text=False, screen=False)
    configurations = [
        Configuration("bare", "bare spaCy", bare_spacy(nlp)),
        Configuration("no_screen", "truceline --no-screen", truceline(unscreened)),
        Configuration("screen", "truceline (screen)", truceline(screened)),
        Configuration("screen_only", "the screen alone", screen_only(screened)),
    ]
    for config in configurations:
        config.run(stream[:WARMUP])
    for _round in range(repeat):
        for config in configurations:
            start, cpu = time.perf_counter(), time.process_time()
            config.outcome = config.run(stream)
            config.seconds.append(time.perf_counter() - start)
            config.cpu_seconds.append(time.process_time() - cpu)
    return figures(configurations, stream)


def figures(configurations: Sequence[Configuration], stream: Sequence[Article]) -> dict[str, Any]:
    by_key = {c.key: c for c in configurations}
    bare, bare_cpu = by_key["bare"].median, by_key["bare"].cpu_median
    rows = {
        c.key: {
            "label": c.label,
            "seconds": round(c.median, 3),
            "runs": [round(s, 3) for s in c.seconds],
            "articles_per_s": round(len(stream) / c.median, 1),
            "over_bare": round(bare / c.median, 2),
            "cpu_seconds": round(c.cpu_median, 3),
            "cpu_over_bare": round(bare_cpu / c.cpu_median, 2),
            "screened_out": c.outcome.screened if c.outcome else None,
            "failures": c.outcome.failures if c.outcome else None,
        }
        for c in configurations
    }
    with_screen, without = by_key["screen"].outcome, by_key["no_screen"].outcome
    assert with_screen is not None and without is not None
    lost = sorted(a for a, n in without.events.items() if n and a not in with_screen.events)
    relevant = sum(1 for a in stream if "-talks-" in a.id)
    return {
        "configurations": rows,
        "stream": {
            "articles": len(stream),
            "about_talks": relevant,
            "words": word_count(a.text for a in stream),
            "kept_by_screen": len(stream) - with_screen.screened,
            "with_events_unscreened": sum(1 for n in without.events.values() if n),
            "with_events_lost_by_screen": lost,
            "same_events": all(
                with_screen.events.get(a, 0) == n for a, n in without.events.items()
            ),
        },
    }


def render(console: Console, results: dict[str, Any]) -> None:
    s = results["stream"]
    console.print("[bold]a news stream mostly not about talks[/] (the relevance screen)")
    console.print(
        f"stream:   {s['articles']} articles ({s['about_talks']} varied from negotiation "
        f"reports, the rest from ordinary news: {', '.join(results['ordinary_sources'])}); "
        f"{s['words']:,} words, seed {results['seed']}"
    )
    table = Table(show_edge=False, pad_edge=False)
    columns = ("configuration", "seconds", "articles/s", "vs bare spaCy", "CPU s", "CPU vs bare")
    for name in (*columns, "screened out"):
        table.add_column(name, justify="left" if name == "configuration" else "right")
    for row in results["configurations"].values():
        screened = "-" if row["screened_out"] is None else str(row["screened_out"])
        table.add_row(
            row["label"],
            f"{row['seconds']:.2f}",
            f"{row['articles_per_s']:,.1f}",
            f"{row['over_bare']:.2f}",
            f"{row['cpu_seconds']:.2f}",
            f"{row['cpu_over_bare']:.2f}",
            screened if row["label"] != "bare spaCy" else "-",
        )
    console.print(table)
    ratio = results["configurations"]["screen"]["over_bare"]
    verdict = "[green]ok[/]" if ratio >= SCREEN_AIM else "[red]below aim[/]"
    console.print(
        f"  truceline with the screen / bare spaCy:  {ratio:.2f}   aim >= {SCREEN_AIM:.0f}  {verdict}"
        f"   (CPU time: {results['configurations']['screen']['cpu_over_bare']:.2f}; load "
        f"{results['load'][0]:.1f} before, {results['load'][1]:.1f} after)"
    )
    console.print(
        f"  kept by the screen: {s['kept_by_screen']} of {s['articles']}; articles with events "
        f"(--no-screen): {s['with_events_unscreened']}, lost by the screen: "
        f"{len(s['with_events_lost_by_screen'])}; same events with and without: {s['same_events']}"
    )
    if s["with_events_lost_by_screen"]:
        console.print(
            f"[bold red]warning:[/] screened out with events: {s['with_events_lost_by_screen'][:5]}"
        )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="stream_bench.py", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="stream size (default 1000)")
    parser.add_argument(
        "--relevant", type=float, default=0.05, help="share about talks (default 0.05)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="timed runs each; median shown")
    parser.add_argument("--seed", type=int, default=20250119)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.articles < WARMUP or not 0 < args.relevant <= 1 or args.repeat < 1:
        parser.error(f"need --articles >= {WARMUP}, 0 < --relevant <= 1, --repeat >= 1")
    return args


def run(articles: int, relevant: float, repeat: int, seed: int, nlp: Any = None) -> dict[str, Any]:
    ordinary, ordinary_sources = read_ordinary()
    stream = build_stream(read_sources(), ordinary, articles, relevant, seed)
    before = os.getloadavg()[0]
    results = measure(stream, repeat, nlp)
    results.update(
        {
            "seed": seed,
            "repeat": repeat,
            "ordinary_sources": ordinary_sources,
            "load": [before, os.getloadavg()[0]],
        }
    )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    results = run(args.articles, args.relevant, args.repeat, args.seed)
    render(Console(width=None if sys.stdout.isatty() else 120), results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
