"""Throughput of truceline's extractor against bare spaCy, measured in one run.

``make bench`` (or ``.venv/bin/python bench/extract_bench.py``) builds a
corpus of news-length articles from the project's own reports, then times,
on exactly the same texts and after a warm-up each:

* bare spaCy, one process: ``spacy.load(model).pipe(texts, batch_size=32)``,
  the baseline every other figure is read against;
* truceline, one process: ``Extractor(include_text=False).extract_many(articles, jobs=1)``;
* bare spaCy in ``--jobs`` processes (``n_process``), the fair baseline for
  the parallel figures;
* truceline with ``jobs=--jobs``, once cold through the public API (worker
  start-up, model loading and shut-down included) and once on a warm pool
  (the same ``extract_many`` code handed a pool whose workers are already
  initialised, so start-up and shut-down are excluded).

With ``--repeat N`` every configuration runs N times, in interleaved rounds
so that a slow spell of the machine hits all of them alike; the table shows
the median and the spread. See ``bench/README.md`` for how to read it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from datetime import timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any
from unittest import mock

import spacy
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from spacy.language import Language

from truceline.extract import pipeline
from truceline.extract.nlp import installed_model
from truceline.extract.pipeline import ExtractionFailure, Extractor
from truceline.extract.screened import ScreenedOut
from truceline.ingest import read_inputs
from truceline.record import Article, ExtractionRecord

ROOT = Path(__file__).resolve().parent.parent
SOURCE_GLOBS = ("corpora/demo/articles/*.md", "corpora/dev/articles/*.md")
SPACY_BATCH = 32
WARMUP_ARTICLES = 32
TRUCELINE_FLOOR = 0.8  # truceline / bare spaCy, one process: the aim

# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_DATELINE_DATE = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.? \d{1,2}\b")


def read_sources(root: Path = ROOT) -> list[Article]:
    """The project's own reports (demo corpus and dev articles), in a fixed order."""
    paths = sorted(str(path) for pattern in SOURCE_GLOBS for path in root.glob(pattern))
    articles = [item for item in read_inputs(paths) if isinstance(item, Article)]
    if len(articles) < 2:
        raise SystemExit(f"bench: found {len(articles)} source reports under {root}; need 2+")
    return articles


def sources_digest(sources: Sequence[Article]) -> str:
    """A short hash of the source texts: runs are comparable only on equal digests."""
    digest = hashlib.sha256()
    for article in sources:
        digest.update(article.text.encode())
    return digest.hexdigest()[:12]


def build_corpus(sources: Sequence[Article], size: int, seed: int) -> list[Article]:
    """``size`` distinct, realistic articles varied from ``sources``, the same for one seed.

    Article ``i`` is a variant of source ``i mod len(sources)``, so every
    report is equally represented and any slice of the corpus has the same
    mix. Texts that come out identical to an earlier one are drawn again.
    """
    rng = random.Random(seed)
    outlets = sorted({a.outlet for a in sources if a.outlet})
    corpus: list[Article] = []
    seen: set[str] = set()
    for i in range(size):
        base = sources[i % len(sources)]
        for _attempt in range(20):
            variant = vary_article(base, sources, outlets, rng, f"bench-{i:05d}")
            if variant.text not in seen:
                break
        else:
            raise SystemExit(f"bench: could not vary {base.id} into a new text; use fewer articles")
        seen.add(variant.text)
        corpus.append(variant)
    return corpus


def vary_article(
    base: Article,
    sources: Sequence[Article],
    outlets: Sequence[str],
    rng: random.Random,
    id_prefix: str,
) -> Article:
    """One variant of ``base``: its body reordered, and some of outlet, date, length changed.

    The headline and the lead (the dateline paragraph) stay first, as in any
    report; the later paragraphs are shuffled, sometimes joined by one or two
    paragraphs of another report, sometimes one shorter.
    """
    headline, lead, *body = _paragraphs(base.text)
    rng.shuffle(body)
    if rng.random() < 0.4:
        donor = _paragraphs(rng.choice([a for a in sources if a is not base]).text)[2:]
        for paragraph in rng.sample(donor, k=min(len(donor), rng.randint(1, 2))):
            body.insert(rng.randint(0, len(body)), paragraph)
    if len(body) > 4 and rng.random() < 0.3:
        body.pop(rng.randrange(len(body)))
    text = "\n".join([headline, lead, *body])
    outlet = base.outlet
    if outlet and rng.random() < 0.7:
        outlet = rng.choice([o for o in outlets if o != base.outlet] or [outlet])
        text = text.replace(base.outlet or "", outlet)
    published = base.published
    if published and rng.random() < 0.7:
        shift = rng.randint(-60, 60) or 1
        published += timedelta(days=shift)
        text = _shift_dates(text, shift, f"{published:%b} {published.day}")
    return Article(
        id=f"{id_prefix}-{base.id}",
        text=text,
        title=headline,
        url=base.url,
        outlet=outlet,
        published=published,
        origin=base.origin,
    )


def _paragraphs(text: str) -> list[str]:
    """The non-empty lines of a report: headline, lead, then one paragraph a line."""
    return [line for line in text.split("\n") if line.strip()]


def _shift_dates(text: str, days: int, dateline_date: str) -> str:
    """Weekday names moved by ``days``, and the dateline's date (if any) replaced.

    Moving every weekday by the same shift keeps "on Sunday ... on Tuesday"
    consistent with the new publication date.
    """
    text = _WEEKDAY.sub(lambda m: _WEEKDAYS[(_WEEKDAYS.index(m[1]) + days) % 7], text)
    lead_start = text.find("\n") + 1
    match = _DATELINE_DATE.search(text, lead_start, lead_start + 60)
    if match:
        text = text[: match.start()] + dateline_date + text[match.end() :]
    return text


def word_count(texts: Iterable[str]) -> int:
    """Words as the table counts them: whitespace-separated tokens."""
    return sum(len(text.split()) for text in texts)


# --------------------------------------------------------------------------
# The configurations
# --------------------------------------------------------------------------

Advance = Callable[[int], None]


@dataclass
class Outcome:
    """What one pass over the corpus produced, to check configurations agree."""

    articles: int = 0
    events: int = 0
    failures: int = 0
    first_failure: str | None = None


@dataclass
class Configuration:
    """One way of processing the corpus, and the timings of its passes."""

    key: str
    label: str
    processes: int
    run: Callable[[Sequence[Article], Advance], Outcome]
    seconds: list[float] = field(default_factory=list)
    outcome: Outcome | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def count_docs(docs: Iterable[object], advance: Advance) -> Outcome:
    outcome = Outcome()
    for _doc in docs:
        outcome.articles += 1
        advance(1)
    return outcome


def count_records(
    records: Iterable[ExtractionRecord | ExtractionFailure | ScreenedOut], advance: Advance
) -> Outcome:
    outcome = Outcome()
    for record in records:
        outcome.articles += 1
        if isinstance(record, ExtractionRecord):
            outcome.events += len(record.events)
        elif isinstance(record, ScreenedOut):
            pass  # a report the screen found about no negotiation (none here, they all are)
        else:
            outcome.failures += 1
            outcome.first_failure = outcome.first_failure or str(record)
        advance(1)
    return outcome


def bare_spacy(nlp: Language, processes: int) -> Callable[[Sequence[Article], Advance], Outcome]:
    def run(articles: Sequence[Article], advance: Advance) -> Outcome:
        texts = (a.text for a in articles)
        return count_docs(nlp.pipe(texts, batch_size=SPACY_BATCH, n_process=processes), advance)

    return run


def truceline(extractor: Extractor, jobs: int) -> Callable[[Sequence[Article], Advance], Outcome]:
    def run(articles: Sequence[Article], advance: Advance) -> Outcome:
        return count_records(extractor.extract_many(articles, jobs=jobs), advance)

    return run


class WarmPool:
    """A pool of extraction workers started once and lent to ``extract_many``.

    ``extract_many`` opens its own ``ProcessPoolExecutor`` in a ``with``
    block; during a warm pass that name in the pipeline module is patched to
    hand back this pool, already initialised, and the end of the block no
    longer shuts it down. Everything else is ``extract_many``'s own code.
    """

    def __init__(self, extractor: Extractor, jobs: int, warmup: Sequence[Article]) -> None:
        self.jobs = jobs
        self.pool = ProcessPoolExecutor(
            max_workers=jobs,
            initializer=pipeline._init_worker,
            initargs=(
                extractor.gazetteer_paths,
                extractor.include_text,
                extractor.screen is not None,
            ),
        )
        self._warm_every_worker(list(warmup))

    def _warm_every_worker(self, warmup: list[Article]) -> None:
        per_task = max(1, len(warmup) // self.jobs)
        tasks = [warmup[i : i + per_task] for i in range(0, len(warmup), per_task)]
        workers: set[int] = set()
        for _round in range(10):
            workers.update(f.result() for f in [self.pool.submit(_warm_worker, t) for t in tasks])
            if len(workers) >= self.jobs:
                return
        raise RuntimeError(f"bench: only {len(workers)} of {self.jobs} workers ever took work")

    def lend(self) -> AbstractContextManager[object]:
        def executor(**options: Any) -> AbstractContextManager[ProcessPoolExecutor]:
            if options.get("max_workers") != self.jobs:
                raise RuntimeError(f"bench: warm pool has {self.jobs} workers, asked {options}")
            return nullcontext(self.pool)

        return mock.patch.object(pipeline, "ProcessPoolExecutor", executor)

    def run(self, extractor: Extractor) -> Callable[[Sequence[Article], Advance], Outcome]:
        def run(articles: Sequence[Article], advance: Advance) -> Outcome:
            with self.lend():
                return count_records(extractor.extract_many(articles, jobs=self.jobs), advance)

        return run

    def close(self) -> None:
        self.pool.shutdown()


def _warm_worker(batch: list[Article]) -> int:
    """Extract a batch in a pool worker and say which worker it was."""
    pipeline._work(batch)
    return os.getpid()


# --------------------------------------------------------------------------
# Running and reporting
# --------------------------------------------------------------------------


def time_rounds(
    configurations: Sequence[Configuration],
    articles: Sequence[Article],
    repeat: int,
    progress: Progress | None,
) -> None:
    """Every configuration once per round, ``repeat`` rounds, timings appended."""
    for round_no in range(1, repeat + 1):
        for config in configurations:
            advance = _advancer(progress, f"{round_no}/{repeat} {config.label}", len(articles))
            start = time.perf_counter()
            outcome = config.run(articles, advance)
            config.seconds.append(time.perf_counter() - start)
            if outcome.articles != len(articles):
                raise RuntimeError(
                    f"bench: {config.label} returned {outcome.articles} of {len(articles)}"
                )
            config.outcome = outcome


def _advancer(progress: Progress | None, description: str, total: int) -> Advance:
    if progress is None:
        return lambda _n: None
    task = progress.add_task(description, total=total)
    return lambda n: progress.advance(task, n)


def machine_facts(model: str, nlp: Language) -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": _cpu_model(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": f"{model} {nlp.meta.get('version', '?')}",
        "truceline": version("truceline"),
        "git": _git_state(),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _git_state() -> str:
    """The commit measured, marked ``+dirty`` when the working tree has changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "src"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}+dirty" if head and dirty else head or "unknown"


def figures(
    configurations: Sequence[Configuration], articles: int, words: int, jobs: int
) -> dict[str, Any]:
    """The results as plain data: per configuration, and the ratios to read."""
    by_key = {c.key: c for c in configurations}
    rows = {
        c.key: {
            "label": c.label,
            "processes": c.processes,
            "seconds": round(c.median, 3),
            "runs": [round(s, 3) for s in c.seconds],
            "articles_per_s": round(articles / c.median, 2),
            "words_per_s": round(words / c.median, 1),
            "events": c.outcome.events if c.outcome else None,
            "failures": c.outcome.failures if c.outcome else None,
            "first_failure": c.outcome.first_failure if c.outcome else None,
        }
        for c in configurations
    }

    def ratio(numerator: str, denominator: str) -> float:
        return round(by_key[denominator].median / by_key[numerator].median, 3)

    ratios = {
        "truceline_over_bare": ratio("truceline_1", "bare_1"),
        f"truceline_jobs{jobs}_over_jobs1": ratio("truceline_n", "truceline_1"),
        f"truceline_jobs{jobs}_warm_over_jobs1": ratio("truceline_n_warm", "truceline_1"),
        f"bare_n{jobs}_over_bare_1": ratio("bare_n", "bare_1"),
        f"truceline_jobs{jobs}_over_bare_n{jobs}": ratio("truceline_n", "bare_n"),
        f"truceline_jobs{jobs}_warm_over_bare_n{jobs}": ratio("truceline_n_warm", "bare_n"),
    }
    return {"configurations": rows, "ratios": ratios}


def render(
    console: Console,
    results: dict[str, Any],
    jobs: int,
) -> None:
    machine, corpus, rows = results["machine"], results["corpus"], results["configurations"]
    console.print("[bold]truceline extraction throughput[/]")
    console.print(
        f"machine:  {machine['cpu']}, {machine['cores']} cores "
        f"({machine['usable_cores']} usable), {machine['platform']}"
    )
    console.print(
        f"software: Python {machine['python']}, spaCy {machine['spacy']}, "
        f"model {machine['model']}, truceline {machine['truceline']} @ {machine['git']}"
    )
    console.print(
        f"corpus:   {corpus['articles']} articles ({corpus['distinct_texts']} distinct texts) "
        f"varied from {corpus['sources']} reports (digest {corpus['sources_digest']}, "
        f"seed {corpus['seed']}); {corpus['words']:,} words, "
        f"{corpus['words_per_article']:.0f} per article"
    )
    console.print(
        f"timing:   warm-up on {WARMUP_ARTICLES} articles per configuration, then "
        f"{results['repeat']} timed run(s) each in interleaved rounds; median shown"
    )
    table = Table(show_edge=False, pad_edge=False)
    for name, justify in [
        ("configuration", "left"),
        ("proc", "right"),
        ("seconds", "right"),
        ("articles/s", "right"),
        ("words/s", "right"),
        ("vs bare 1 proc", "right"),
        ("spread", "right"),
        ("events", "right"),
    ]:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    baseline = rows["bare_1"]["seconds"]
    for row in rows.values():
        runs = row["runs"]
        spread = f"±{(max(runs) - min(runs)) / 2 / row['seconds']:.1%}" if len(runs) > 1 else "-"
        events = "-" if row["events"] is None or row["label"].startswith("bare") else row["events"]
        if row["failures"]:
            events = f"{events} ({row['failures']} failed)"
        table.add_row(
            row["label"],
            str(row["processes"]),
            f"{row['seconds']:.1f}",
            f"{row['articles_per_s']:.1f}",
            f"{row['words_per_s']:,.0f}",
            f"{baseline / row['seconds']:.2f}",
            spread,
            str(events),
        )
    console.print(table)
    r = results["ratios"]
    console.print("[bold]ratios[/] (throughput over throughput)")
    console.print(
        f"  truceline / bare spaCy, 1 process:        {r['truceline_over_bare']:.2f}"
        f"   aim >= {TRUCELINE_FLOOR:.2f}  {_verdict(r['truceline_over_bare'] >= TRUCELINE_FLOOR)}"
    )
    cold, warm = r[f"truceline_jobs{jobs}_over_jobs1"], r[f"truceline_jobs{jobs}_warm_over_jobs1"]
    console.print(
        f"  truceline jobs={jobs} / jobs=1, cold:          {cold:.2f}   aim close to {jobs:.1f}"
        f" (start-up and shut-down included)"
    )
    console.print(
        f"  truceline jobs={jobs} / jobs=1, warm pool:     {warm:.2f}   (start-up excluded)"
    )
    console.print(
        f"  bare spaCy n_process={jobs} / 1 process:      {r[f'bare_n{jobs}_over_bare_1']:.2f}"
        f"   what {jobs} processes give on this machine"
    )
    console.print(
        f"  truceline jobs={jobs} / bare n_process={jobs}:    "
        f"{r[f'truceline_jobs{jobs}_over_bare_n{jobs}']:.2f} cold, "
        f"{r[f'truceline_jobs{jobs}_warm_over_bare_n{jobs}']:.2f} warm"
    )
    console.print(
        f"model load: bare spaCy {results['load_seconds']['bare']:.2f} s, "
        f"Extractor {results['load_seconds']['extractor']:.2f} s; "
        f"whole bench {results['total_seconds']:.0f} s"
    )
    event_counts = {row["events"] for row in rows.values() if not row["label"].startswith("bare")}
    if len(event_counts) > 1:
        console.print("[bold red]warning:[/] truceline configurations extracted different events")
    failure = next((row["first_failure"] for row in rows.values() if row["first_failure"]), None)
    if failure:
        console.print(f"[bold red]warning:[/] some articles failed extraction, e.g. {failure}")


def _verdict(ok: bool) -> str:
    return "[green]ok[/]" if ok else "[red]below aim[/]"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="extract_bench.py",
        description="Throughput of truceline's extractor against bare spaCy (see bench/README.md).",
    )
    parser.add_argument("--articles", type=int, default=1200, help="corpus size (default 1200)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="timed runs per configuration; median shown"
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="processes of the parallel figures (default 2)"
    )
    parser.add_argument("--seed", type=int, default=20250119, help="seed of the corpus variations")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.articles < WARMUP_ARTICLES or args.repeat < 1 or args.jobs < 2:
        parser.error(f"need --articles >= {WARMUP_ARTICLES}, --repeat >= 1 and --jobs >= 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    sources = read_sources()
    corpus = build_corpus(sources, args.articles, args.seed)
    words = word_count(a.text for a in corpus)
    warmup = corpus[:WARMUP_ARTICLES]

    model = installed_model()
    load_start = time.perf_counter()
    nlp = spacy.load(model)
    bare_load = time.perf_counter() - load_start
    load_start = time.perf_counter()
    extractor = Extractor(include_text=False)
    extractor_load = time.perf_counter() - load_start

    with ExitStack() as stack:
        warm_pool = WarmPool(extractor, args.jobs, warmup)
        stack.callback(warm_pool.close)
        configurations = [
            Configuration("bare_1", "bare spaCy", 1, bare_spacy(nlp, 1)),
            Configuration("truceline_1", "truceline jobs=1", 1, truceline(extractor, 1)),
            Configuration(
                "bare_n", f"bare spaCy n_process={args.jobs}", args.jobs, bare_spacy(nlp, args.jobs)
            ),
            Configuration(
                "truceline_n",
                f"truceline jobs={args.jobs} (cold)",
                args.jobs,
                truceline(extractor, args.jobs),
            ),
            Configuration(
                "truceline_n_warm",
                f"truceline jobs={args.jobs} (warm pool)",
                args.jobs,
                warm_pool.run(extractor),
            ),
        ]
        progress = _progress(stack)
        time_rounds(configurations, warmup, 1, progress)  # warm-up, not recorded below
        for config in configurations:
            config.seconds.clear()
        time_rounds(configurations, corpus, args.repeat, progress)

    results: dict[str, Any] = {
        "machine": machine_facts(model, nlp),
        "corpus": {
            "articles": len(corpus),
            "distinct_texts": len({a.text for a in corpus}),
            "sources": len(sources),
            "sources_digest": sources_digest(sources),
            "seed": args.seed,
            "words": words,
            "words_per_article": words / len(corpus),
        },
        "repeat": args.repeat,
        "jobs": args.jobs,
        "load_seconds": {"bare": round(bare_load, 3), "extractor": round(extractor_load, 3)},
        **figures(configurations, len(corpus), words, args.jobs),
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    render(_stdout_console(), results, args.jobs)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def _progress(stack: ExitStack) -> Progress | None:
    """A progress display on stderr when it is a terminal, else none at all."""
    if not sys.stderr.isatty():
        return None
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    return stack.enter_context(progress)


def _stdout_console() -> Console:
    return Console(width=None if sys.stdout.isatty() else 120)


if __name__ == "__main__":
    raise SystemExit(main())
