"""The store's speed: ingest throughput against bare extraction, and report latency at scale.

``make bench-store`` (or ``.venv/bin/python bench/store_bench.py``) measures,
in one run:

* **ingest**: ``truceline.api.ingest`` of N articles (default 600, varied
  from the project's reports by ``extract_bench.build_corpus``) into a fresh
  SQLite store, against bare extraction (``Extractor.extract_many``, no
  store) of the same articles with the same extractor, in interleaved rounds
  (``--repeat``); then ``truceline.api.rebuild`` of that store, timed apart;
* **latency**: every report command of ``truceline.api`` (summary, timeline,
  proposals, positions, ledger, sources, show of a story event and of a
  reported event), unfiltered and with each filter, on an open store of
  100,000 generated articles: p50/p95/max over ``--calls`` calls each,
  interleaved.

The 100,000-article store is generated, not extracted (that would take
hours): a few hundred varied articles are extracted for real, then their
records are copied with new ids and URLs, dates spread over two years,
outlets and processes rotated (``bench/store_bench.yaml``), stored through
``Store.add_many`` (``Store.add``'s code, 1,000 articles per transaction)
and rebuilt with the real reconcile and derive. It is cached under
``.cache/bench/`` keyed by a digest of its inputs, and reused by later runs
(migrated first when this truceline's schema is newer). See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from extract_bench import (
    ROOT,
    _cpu_model,
    _git_state,
    build_corpus,
    read_sources,
    sources_digest,
)
from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, func, select

from truceline import api
from truceline.configuration import store_gazetteer
from truceline.extract.pipeline import ExtractionFailure, Extractor
from truceline.incremental import reconcile_reached, record_basis, refresh
from truceline.ingest import read_inputs
from truceline.negotiation import derive, load_processes
from truceline.record import Article, ExtractionRecord
from truceline.resolve import reconcile
from truceline.store import Filters, Store, paused_gc
from truceline.store.copying import copy_store
from truceline.store.engine import parse_url, shown
from truceline.store.migrate import current_revision, head_revision
from truceline.store.tables import ArticleRow

SETTINGS = Path(__file__).with_name("store_bench.yaml")
CACHE = ROOT / ".cache" / "bench"
GENERATOR = 1
"""Bump when the generation below changes what it writes: it is part of the cache key."""
WARMUP_ARTICLES = 16
INGEST_FLOOR = 0.9  # ingest / bare extraction throughput: the aim
LATENCY_AIM_MS = 100.0  # p95 of every report command: the aim
INCREMENTAL_AIM_S = 5.0  # ingest + incremental rebuild of 10 new articles: the aim
PAGE = 50  # rows a list command is asked for, as `--limit 50`
AS_OF = dt.date(2026, 7, 1)  # the summary's "as of": fixed, so runs compare
BATCH = 1000


# --------------------------------------------------------------------------
# Ingest throughput
# --------------------------------------------------------------------------


def with_own_urls(corpus: Sequence[Article]) -> list[Article]:
    """The corpus with one URL per article: variants share their source's URL, and
    the store keys articles by URL, so without this they would be versions of one."""
    return [a.model_copy(update={"url": f"https://bench.example/{a.id}"}) for a in corpus]


def write_jsonl(articles: Sequence[Article], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(article.model_dump_json(exclude_none=True) + "\n")


@dataclass
class Timed:
    """One configuration's timed passes."""

    label: str
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def bench_ingest(args: argparse.Namespace, console: Console) -> dict[str, Any]:
    sources = read_sources()
    corpus = with_own_urls(build_corpus(sources, args.articles, args.seed))
    extractor = Extractor()  # with text, as ingest needs it
    with tempfile.TemporaryDirectory(prefix="truceline-bench-") as tmp:
        inputs = Path(tmp) / "corpus.jsonl"
        write_jsonl(corpus, inputs)
        # Bare extraction gets exactly the articles ingest reads from that file.
        articles = [a for a in read_inputs([str(inputs)]) if isinstance(a, Article)]
        assert len(articles) == len(corpus), "bench: the corpus file did not read back whole"
        warm = Path(tmp) / "warm.jsonl"
        write_jsonl(corpus[:WARMUP_ARTICLES], warm)

        def bare() -> int:
            return sum(len(_record(r).events) for r in extractor.extract_many(articles))

        def ingest(path: Path, db: Path) -> int:
            events = 0
            for item in api.ingest(
                [path], db=f"sqlite:///{db}", extractor=extractor, rebuild=False
            ):
                if not hasattr(item, "events"):
                    raise RuntimeError(f"bench: ingest reported {item}")
                events += item.events
            return events

        ingest(warm, Path(tmp) / "warm.db")
        list(extractor.extract_many(articles[:WARMUP_ARTICLES]))
        bare_t, ingest_t, rebuild_t = Timed("bare extraction"), Timed("ingest"), Timed("rebuild")
        events: dict[str, int] = {}
        for round_no in range(1, args.repeat + 1):
            console.log(f"ingest round {round_no}/{args.repeat}: {len(articles)} articles")
            start = time.perf_counter()
            events["bare"] = bare()
            bare_t.seconds.append(time.perf_counter() - start)
            db = Path(tmp) / f"round{round_no}.db"
            start = time.perf_counter()
            events["ingest"] = ingest(inputs, db)
            ingest_t.seconds.append(time.perf_counter() - start)
            with Store.open(db, write=True) as store:
                start = time.perf_counter()
                reconciliation, _negotiation = api.rebuild(store)
                rebuild_t.seconds.append(time.perf_counter() - start)
                counts = store.counts()
            for leftover in Path(tmp).glob(f"round{round_no}.db*"):
                leftover.unlink()
    if events["bare"] != events["ingest"]:
        raise RuntimeError(f"bench: bare extraction and ingest disagree on events: {events}")
    n = len(articles)
    return {
        "articles": n,
        "events": events["ingest"],
        "story_events": len(reconciliation.story_events),
        "stored": {"articles": counts.articles, "events": counts.events},
        "repeat": args.repeat,
        "bare": _rates(bare_t, n),
        "ingest": _rates(ingest_t, n),
        "rebuild": {"seconds": round(rebuild_t.median, 3), "runs": _runs(rebuild_t)},
        "ratio": round(bare_t.median / ingest_t.median, 3),
        "ratio_with_rebuild": round(bare_t.median / (ingest_t.median + rebuild_t.median), 3),
    }


def _record(item: ExtractionRecord | ExtractionFailure) -> ExtractionRecord:
    if isinstance(item, ExtractionFailure):
        raise RuntimeError(f"bench: extraction failed: {item}")
    return item


def _rates(timed: Timed, n: int) -> dict[str, Any]:
    return {
        "seconds": round(timed.median, 3),
        "runs": _runs(timed),
        "articles_per_s": round(n / timed.median, 2),
    }


def _runs(timed: Timed) -> list[float]:
    return [round(s, 3) for s in timed.seconds]


# --------------------------------------------------------------------------
# The generated archive
# --------------------------------------------------------------------------


def settings() -> dict[str, Any]:
    return yaml.safe_load(SETTINGS.read_text(encoding="utf-8"))


def store_key(args: argparse.Namespace, sources: Sequence[Article]) -> str:
    """What the generated store depends on, as a short digest: equal digests, same store."""
    inputs = {
        "generator": GENERATOR,
        "sources": sources_digest(sources),
        "seed": args.seed,
        "templates": args.templates,
        "store_articles": args.store_articles,
        "settings": hashlib.sha256(SETTINGS.read_bytes()).hexdigest(),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]


def cached_store(args: argparse.Namespace, console: Console) -> tuple[Path, dict[str, Any], bool]:
    """The generated store's path and its generation notes; whether it came from the cache."""
    sources = read_sources()
    key = store_key(args, sources)
    path = CACHE / f"store-{args.store_articles}-{key}.db"
    notes_path = path.with_suffix(".json")
    if path.exists() and notes_path.exists() and not args.fresh:
        notes = json.loads(notes_path.read_text(encoding="utf-8"))
        migrated = _migrated(path)
        if migrated:  # the migration fills what it adds: no new generation needed
            console.log(migrated)
            notes["migrated"] = [*notes.get("migrated", []), migrated]
            notes_path.write_text(json.dumps(notes, indent=2) + "\n", encoding="utf-8")
        return path, notes, True
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.db")
    notes = generate(args, sources, partial, console)
    notes["key"] = key
    for suffix in ("-wal", "-shm"):
        if Path(f"{partial}{suffix}").exists():
            raise RuntimeError(f"bench: {partial}{suffix} left behind; the store was not closed")
    os.replace(partial, path)
    notes_path.write_text(json.dumps(notes, indent=2) + "\n", encoding="utf-8")
    return path, notes, False


def _migrated(path: Path) -> str | None:
    """Bring a cached store to this truceline's schema; what was done, if anything."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            current = current_revision(conn)
    finally:
        engine.dispose()
    if current == head_revision():
        return None
    start = time.perf_counter()
    with Store.open(path, write=True) as store:
        done = store.migrated
        if store.summary_parts() is None:  # 0014 adds the table empty: fill it from the record
            store.keep_summaries()
            done = f"{done}, summary parts kept"
    return f"{done} in {time.perf_counter() - start:.0f} s"


def generate(
    args: argparse.Namespace, sources: Sequence[Article], path: Path, console: Console
) -> dict[str, Any]:
    """Extract ``--templates`` articles for real, copy them into ``--store-articles``, rebuild.

    Once every article is stored that is noted beside the partial store, so
    that an interrupted rebuild resumes there instead of storing again.
    """
    stored_notes = path.with_suffix(".stored.json")
    if path.exists() and stored_notes.exists() and not args.fresh:
        notes = json.loads(stored_notes.read_text(encoding="utf-8"))
        console.log(f"resuming at the rebuild: {path} has every article stored")
    else:
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
        notes = _store_copies(args, sources, path, console)
        stored_notes.write_text(json.dumps(notes, indent=2) + "\n", encoding="utf-8")
    with Store.open(path, write=True) as store:
        console.log("rebuilding")
        notes["rebuild"] = timed_rebuild(store, args)
        notes["counts"] = store.counts().model_dump()
    stored_notes.unlink()
    return notes


def _store_copies(
    args: argparse.Namespace, sources: Sequence[Article], path: Path, console: Console
) -> dict[str, Any]:
    started = time.perf_counter()
    conf = settings()
    templates = with_own_urls(build_corpus(sources, args.templates, args.seed + 1))
    console.log(f"generating the store: extracting {len(templates)} template articles")
    records = [_record(r) for r in Extractor().extract_many(templates, jobs=args.jobs)]
    extracted = time.perf_counter() - started

    console.log(f"storing {args.store_articles:,} copies")
    start = time.perf_counter()
    with Store.open(path, write=True) as store:
        copies = replicate(records, args.store_articles, conf, random.Random(args.seed))
        added = sum(1 for _ in store.add_many(copies, batch=BATCH))
        stored = time.perf_counter() - start
        console.log(f"stored {added:,} articles in {stored:.0f} s")
    return {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git": _git_state(),
        "templates": len(records),
        "template_events": sum(len(r.events) for r in records),
        "seconds": {
            "extract_templates": round(extracted, 1),
            "store": round(stored, 1),
        },
        "store_articles_per_s": round(added / stored, 1),
    }


def replicate(
    records: Sequence[ExtractionRecord], count: int, conf: dict[str, Any], rng: random.Random
) -> Iterator[ExtractionRecord]:
    """``count`` copies of ``records`` in turn, each moved in time, outlet and process."""
    start, end = conf["dates"]["start"], conf["dates"]["end"]
    span = (end - start).days + 1
    processes = list(conf["processes"].values())
    weights = [p["weight"] for p in processes]
    outlets = conf["outlets"]
    templates = [r.model_dump(mode="json") for r in records]
    for n in range(count):
        template = templates[n % len(templates)]
        day = start + dt.timedelta(days=rng.randrange(span))
        actors: dict[str, str] = rng.choices(processes, weights)[0]["actors"]
        yield ExtractionRecord.model_validate(
            copy_record(template, n, day, rng.choice(outlets), actors)
        )


def copy_record(
    template: dict[str, Any], n: int, day: dt.date, outlet: str, actors: dict[str, str]
) -> dict[str, Any]:
    """One copy of a record (as JSON data): new id and URL, dates moved to ``day``."""
    article = template["article"]
    published = article.get("published")
    shift = day - (dt.date.fromisoformat(published) if published else day)

    def moved(value: str | None) -> str | None:
        return (dt.date.fromisoformat(value) + shift).isoformat() if value else value

    def renamed(ids: list[str]) -> list[str]:
        return list(dict.fromkeys(actors.get(a, a) for a in ids))

    events = []
    for event in template["events"]:
        claim = event["claim"]
        events.append(
            {
                **event,
                "actor": renamed(event["actor"]),
                "target": renamed(event["target"]),
                "mediators": renamed(event["mediators"]),
                "agent": actors.get(event["agent"], event["agent"]),
                "date": moved(event["date"]),
                "terms": [
                    {**t, "party": actors.get(t["party"], t["party"])} for t in event["terms"]
                ],
                "claim": {**claim, "source_actor": actors.get(claim["source_actor"])}
                if claim["source_actor"] in actors
                else claim,
            }
        )
    return {
        **template,
        "article": {
            **article,
            "id": f"gen-{n:06d}",
            "url": f"https://archive.example/{n:06d}",
            "outlet": outlet,
            "published": day.isoformat(),
        },
        "actors": [{**a, "id": actors.get(a["id"], a["id"])} for a in template["actors"]],
        "events": events,
    }


def timed_rebuild(store: Store, args: argparse.Namespace) -> dict[str, Any]:
    """``api.rebuild``'s steps, timed one by one (seconds, wall clock)."""
    log = Console(stderr=True).log
    with paused_gc():  # as api.rebuild does
        return _timed_steps(store, derive, log)


def _timed_steps(store: Store, derive_with: Callable[..., Any], log: Any) -> dict[str, Any]:
    times: dict[str, float] = {}
    start = time.perf_counter()
    reported = store.reported_events()
    times["read_reported_events"] = time.perf_counter() - start
    log(f"rebuild: read {len(reported):,} events in {times['read_reported_events']:.0f} s")
    start = time.perf_counter()
    reconciliation = reconcile(reported)
    times["reconcile"] = time.perf_counter() - start
    log(f"rebuild: reconciled in {times['reconcile']:.0f} s")
    start = time.perf_counter()
    negotiation = derive_with(reconciliation, load_processes())
    times["derive"] = time.perf_counter() - start
    log(f"rebuild: derived in {times['derive']:.0f} s")
    start = time.perf_counter()
    store.replace_derived(reconciliation, negotiation)
    times["replace_derived"] = time.perf_counter() - start
    times["total"] = sum(times.values())
    out: dict[str, Any] = {k: round(v, 2) for k, v in times.items()}
    out["reported_events"] = len(reported)
    out["story_events"] = len(reconciliation.story_events)
    return out


# --------------------------------------------------------------------------
# The same store on another database
# --------------------------------------------------------------------------


def store_on(url: str, source: Path, console: Console) -> dict[str, Any]:
    """The store at ``url`` holding the generated store: copied there first if it is empty.

    The copy is the store's own (:func:`truceline.store.copying.copy_store`):
    every table row for row, ids included, so both databases answer the same
    queries over the same rows; the store's schema there comes from its
    migrations, as for any store. A store there with other articles is refused.
    """
    with Store.open(url, write=True):
        pass  # created and migrated
    target = create_engine(parse_url(url))
    reading = create_engine(f"sqlite:///{source}")
    try:
        with target.connect() as conn:
            held = conn.execute(select(func.count()).select_from(ArticleRow)).scalar_one()
        with Store.open(source) as store:
            wanted = store.counts().articles
        if held == wanted:
            console.log(f"{shown(url)} holds the generated store already ({held:,} articles)")
            with Store.open(url, write=True) as store:
                if store.summary_parts() is None:  # migrated past 0014 since it was copied
                    store.keep_summaries()
            return {"url": shown(url), "copied": False}
        copied = copy_store(reading, target, console.log)
    finally:
        target.dispose()
        reading.dispose()
    return {
        "url": shown(url),
        "copied": True,
        "copy_seconds": copied.seconds,
        "copy_steps": {
            "load": copied.load_seconds,
            "indexes": copied.index_seconds,
            "vacuum_analyze": copied.vacuum_seconds,
        },
        "copy_rows": sum(copied.rows.values()),
    }


# --------------------------------------------------------------------------
# Report latency
# --------------------------------------------------------------------------


@dataclass
class Case:
    label: str
    call: Callable[[Store], object]
    ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    """This process's CPU time per call: on a machine shared with other work, what the
    call cost here (on SQLite the whole query; on PostgreSQL without the server's share)."""


def cases(store: Store) -> list[Case]:
    """Every report command, unfiltered and with each kind of filter, as the API serves them."""
    outlet = store.sources()[0].outlet  # the busiest
    filters = {
        "": None,
        " --process gaza": Filters(process="gaza"),
        " --actor HAMAS": Filters(actor="HAMAS"),
        " --type RELEASE": Filters(type="RELEASE"),
        " --since 2025-01-01 --until 2025-03-31": Filters(since="2025-01-01", until="2025-03-31"),
        f" --outlet {outlet!r}": Filters(outlet=outlet),
    }
    found: list[Case] = [
        Case("summary", lambda s: api.summary(s, as_of=AS_OF)),
        Case("summary --process gaza", lambda s: api.summary(s, Filters(process="gaza"), AS_OF)),
    ]
    for name, command in [
        ("timeline", api.timeline),
        ("proposals", api.proposals),
        ("positions", api.positions),
        ("ledger", api.ledger),
        ("sources", api.sources),
    ]:
        for suffix, f in filters.items():
            found.append(
                Case(f"{name}{suffix} --limit {PAGE}", _bound(command, f))  # type: ignore[arg-type]
            )
    story = _typical_story(store)
    found.append(
        Case(f"show STORY ({len(story.reports)} reports)", lambda s: api.show(s, story.id))
    )
    reported = str(story.reports[0])
    found.append(Case("show REPORTED-EVENT", lambda s: api.show(s, reported)))
    return found


def _bound(command: Callable[..., object], f: Filters | None) -> Callable[[Store], object]:
    return lambda s: command(s, f, PAGE)


def _typical_story(store: Store) -> Any:
    """A Gaza release told by several reports: the median by reports among the first 200."""
    found = store.story_events(Filters(process="gaza", type="RELEASE"), limit=200)
    told = sorted((s for s in found if len(s.reports) >= 2), key=lambda s: len(s.reports))
    if not told:
        raise RuntimeError("bench: the generated store has no Gaza release with 2+ reports")
    return told[len(told) // 2]


def bench_latency(
    db: str | Path, args: argparse.Namespace, console: Console
) -> list[dict[str, Any]]:
    with Store.open(db) as store:
        # Every generated article is published before AS_OF: the store is its own record as
        # of that day, so the summary reads it as it is (no as-of store built per call).
        store.as_of = AS_OF
        measured = cases(store)
        for case in measured:  # warm-up: caches, the first connection
            case.call(store)
        # As `truceline serve` does at start-up (web/app.py): what lives now is never walked
        # by a full collection again. Without it, each full collection (a few per hundred
        # calls) added ~120 ms of CPU to whichever call tripped it: the p95 outliers.
        gc.collect()
        gc.freeze()
        for round_no in range(1, args.calls + 1):
            if round_no % 10 == 0:
                console.log(f"latency round {round_no}/{args.calls}")
            for case in measured:
                if sum(case.ms) > args.budget * 1000 and len(case.ms) >= 5:
                    continue  # slow enough already: fewer calls, said in the table
                start, cpu = time.perf_counter(), time.process_time()
                case.call(store)
                case.ms.append((time.perf_counter() - start) * 1000)
                case.cpu_ms.append((time.process_time() - cpu) * 1000)
    return [
        {
            "command": c.label,
            "calls": len(c.ms),
            "p50_ms": round(statistics.median(c.ms), 1),
            "p95_ms": round(_percentile(c.ms, 95), 1),
            "max_ms": round(max(c.ms), 1),
            "cpu_p50_ms": round(statistics.median(c.cpu_ms), 1),
            "cpu_p95_ms": round(_percentile(c.cpu_ms, 95), 1),
        }
        for c in measured
    ]


def _percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (with 30 calls, p95 is the second slowest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
        "git": _git_state(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
    }


def render(console: Console, results: dict[str, Any]) -> None:
    m = results["machine"]
    console.print("[bold]truceline store: ingest throughput and report latency[/]")
    console.print(
        f"machine:  {m['cpu']}, {m['cores']} cores, {m['platform']}; Python {m['python']}, "
        f"SQLite {m['sqlite']}; truceline @ {m['git']}"
    )
    console.print(
        f"load:     {' / '.join(map(str, m['load_before']))} (1/5/15 min) before, "
        f"{' / '.join(map(str, m['load_after']))} after"
    )
    if "ingest" in results:
        i = results["ingest"]
        console.print(
            f"[bold]ingest[/] {i['articles']} articles ({i['events']} events) into a fresh "
            f"SQLite store, {i['repeat']} interleaved round(s), median shown"
        )
        for key in ("bare", "ingest"):
            r = i[key]
            label = "bare extraction (extract_many)" if key == "bare" else "api.ingest (no rebuild)"
            console.print(
                f"  {label:34} {r['seconds']:7.1f} s  {r['articles_per_s']:6.1f} articles/s"
                f"  runs {r['runs']}"
            )
        console.print(
            f"  {'api.rebuild after it':34} {i['rebuild']['seconds']:7.1f} s"
            f"  ({i['story_events']} story events)"
        )
        console.print(
            f"  ingest / bare: {i['ratio']:.3f}   aim >= {INGEST_FLOOR}  "
            f"{_verdict(i['ratio'] >= INGEST_FLOOR)}; with the rebuild: {i['ratio_with_rebuild']:.3f}"
        )
    if "latency" in results:
        g, counts = results["store"], results["store"]["counts"]
        where = "reused from the cache" if g["cached"] else "generated now"
        console.print(
            f"[bold]latency[/] on {counts['articles']:,} articles, {counts['events']:,} events, "
            f"{counts['story_events']:,} story events, {counts['contradictions']:,} contradictions"
        )
        console.print(f"  store {where}: {g['path']}, generated {g['generated_at']} @ {g['git']}")
        if "measured_on" in g:
            on = g["measured_on"]
            copied = f", copied there in {on['copy_seconds']:.0f} s" if on["copied"] else ""
            console.print(f"  measured on {on['url']}{copied}")
        rb, took = g["rebuild"], g["seconds"]
        console.print(
            f"  generation took {took['extract_templates'] + took['store'] + rb['total']:.0f} s: "
            f"extracting {g['templates']} templates {took['extract_templates']:.0f} s, "
            f"add_many {took['store']:.0f} s ({g['store_articles_per_s']:.0f} articles/s), "
            f"rebuild {rb['total']:.0f} s"
        )
        console.print(
            f"  rebuild at this size{' (now)' if rb.get('now') else ' (at generation)'}: "
            f"{rb['total']:.1f} s = read events {rb['read_reported_events']:.1f} + reconcile "
            f"{rb['reconcile']:.1f} + derive {rb['derive']:.1f} + write {rb['replace_derived']:.1f}"
            + (" (derive with bench/derive_workaround.py)" if rb.get("derive_workaround") else "")
        )
        table = Table(show_edge=False, pad_edge=False)
        for name, justify in [
            ("command (Python API, open store)", "left"),
            ("calls", "right"),
            ("p50 ms", "right"),
            ("p95 ms", "right"),
            ("max ms", "right"),
            ("cpu p50", "right"),
            ("cpu p95", "right"),
            ("", "left"),
        ]:
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        for row in results["latency"]:
            table.add_row(
                row["command"],
                str(row["calls"]),
                f"{row['p50_ms']:.1f}",
                f"{row['p95_ms']:.1f}",
                f"{row['max_ms']:.1f}",
                f"{row['cpu_p50_ms']:.1f}",
                f"{row.get('cpu_p95_ms', float('nan')):.1f}",
                _verdict(row["p95_ms"] < LATENCY_AIM_MS),
            )
        console.print(table)
        slow = [r for r in results["latency"] if r["p95_ms"] >= LATENCY_AIM_MS]
        console.print(
            f"  p95 < {LATENCY_AIM_MS:.0f} ms: {len(results['latency']) - len(slow)} of "
            f"{len(results['latency'])} commands"
        )
    if "incremental" in results:
        n = results["incremental"]
        console.print(
            f"incremental: {n['articles']} new articles into {n['store_articles']:,}: "
            f"ingest {n['add_seconds']:.1f} s + rebuild {n['rebuild_seconds']:.1f} s "
            f"(read + reconcile {n['read_and_reconcile_seconds']:.1f} s, "
            + ", ".join(f"{k} {v:.1f} s" for k, v in n["steps_seconds"].items())
            + ") = "
            f"{n['total_seconds']:.1f} s, {_verdict(n['total_seconds'] < INCREMENTAL_AIM_S)} "
            f"(aim < {INCREMENTAL_AIM_S:.0f} s); {n['fresh_story_events']} story events, "
            f"processes {', '.join(n['processes_rewritten']) or 'none'} rewritten; "
            f"full rebuild of the same store {n['full_rebuild_seconds']:.1f} s"
        )
    console.print(f"whole bench {results['total_seconds']:.0f} s")


def _verdict(ok: bool) -> str:
    return "[green]ok[/]" if ok else "[red]above aim[/]"


def bench_incremental(
    args: argparse.Namespace, sources: Sequence[Article], path: Path, console: Console
) -> dict[str, Any]:
    """``--incremental`` new articles ingested into a copy of the generated store, then the
    incremental rebuild (``api._rebuild(full=False)``), timed apart; and, on the same copy,
    a full rebuild after it, which must leave the same record (the figure it is set beside)."""
    conf = settings()
    templates = with_own_urls(build_corpus(sources, args.incremental, args.seed + 2))
    records = [_record(r) for r in Extractor().extract_many(templates)]
    rng = random.Random(args.seed + 2)
    end = conf["dates"]["end"]
    outlets, processes = conf["outlets"], list(conf["processes"].values())
    new = [
        ExtractionRecord.model_validate(
            copy_record(
                r.model_dump(mode="json"),
                args.store_articles + n,
                end - dt.timedelta(days=rng.randrange(3)),
                rng.choice(outlets),
                rng.choices(processes, [p["weight"] for p in processes])[0]["actors"],
            )
        )
        for n, r in enumerate(records)
    ]
    scratch = Path(tempfile.mkdtemp(prefix="truceline-bench-", dir=CACHE))
    try:  # on a copy: the cached store stays as generated
        copy = scratch / path.name
        shutil.copyfile(path, copy)
        with Store.open(copy, write=True) as store:
            configured = load_processes()
            basis = record_basis(store, configured, corrected=False)
            spans = 0.0
            if store.derived_basis() != basis:  # generated stores keep no spans: a rebuild does
                start = time.perf_counter()
                api._rebuild(store, configured, full=False)
                spans = time.perf_counter() - start
                console.log(f"incremental: spans kept by a first rebuild in {spans:.0f} s")
            start = time.perf_counter()
            for record in new:
                store.add(record)
            added = time.perf_counter() - start
            with paused_gc():
                start = time.perf_counter()
                reached = reconcile_reached(store, configured)
                _, plan = refresh(
                    store,
                    reached.reconciliation,
                    configured,
                    store_gazetteer(store),
                    reached=reached,
                    basis=basis,
                )
            rebuilt = time.perf_counter() - start
            reconciled = plan.seconds["read"] + plan.seconds["reconcile"]
            console.log(
                f"incremental: {len(new)} articles added in {added:.1f} s, rebuilt in "
                f"{rebuilt:.1f} s ({reconciled:.1f} s reading and reconciling "
                f"{reached.reports:,} reports of {len(reached.reconciled):,} stories); "
                f"{len(plan.fresh)} story events and {len(plan.processes)} processes rewritten"
            )
            start = time.perf_counter()
            api.rebuild(store)
            full = time.perf_counter() - start
    finally:
        shutil.rmtree(scratch)
    return {
        "articles": len(new),
        "store_articles": args.store_articles,
        "add_seconds": round(added, 2),
        "rebuild_seconds": round(rebuilt, 2),
        "read_and_reconcile_seconds": round(reconciled, 2),
        "reports_reconciled": reached.reports,
        "first_rebuild_keeping_spans_seconds": round(spans, 2),
        "total_seconds": round(added + rebuilt, 2),
        "steps_seconds": {k: round(v, 2) for k, v in plan.seconds.items()},
        "fresh_story_events": len(plan.fresh),
        "stale_story_events": len(plan.stale),
        "processes_rewritten": sorted(plan.processes),
        "full_rebuild_seconds": round(full, 2),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="store_bench.py",
        description="Ingest throughput and report latency of truceline's store (bench/README.md).",
    )
    parser.add_argument("--articles", type=int, default=600, help="ingest corpus (default 600)")
    parser.add_argument("--repeat", type=int, default=1, help="ingest rounds; median shown")
    parser.add_argument(
        "--store-articles", type=int, default=100_000, help="generated store (default 100000)"
    )
    parser.add_argument(
        "--templates", type=int, default=300, help="articles extracted for real (default 300)"
    )
    parser.add_argument("--calls", type=int, default=30, help="calls per command (default 30)")
    parser.add_argument(
        "--budget", type=float, default=20.0, help="seconds per command before fewer calls"
    )
    parser.add_argument("--jobs", type=int, default=1, help="processes extracting templates")
    parser.add_argument("--seed", type=int, default=20250119, help="seed of the variations")
    parser.add_argument("--fresh", action="store_true", help="generate the store even if cached")
    parser.add_argument(
        "--rebuild", action="store_true", help="time a rebuild of the (cached) store again"
    )
    parser.add_argument(
        "--incremental",
        type=int,
        default=10,
        help="new articles ingested into the generated store, rebuilt incrementally (default 10)",
    )
    parser.add_argument("--only", choices=["ingest", "latency"], help="run one part only")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="measure latency on this store (e.g. postgresql://...), filled with a copy of "
        "the generated store when it has no articles",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.articles < WARMUP_ARTICLES or args.repeat < 1 or args.calls < 1:
        parser.error(f"need --articles >= {WARMUP_ARTICLES}, --repeat >= 1, --calls >= 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    log = Console(stderr=True)
    results: dict[str, Any] = {"machine": machine()}
    if args.only != "latency":
        results["ingest"] = bench_ingest(args, log)
    if args.only != "ingest":
        path, notes, cached = cached_store(args, log)
        if cached:
            log.log(f"reusing the generated store {path}")
        if args.rebuild:
            scratch = Path(tempfile.mkdtemp(prefix="truceline-bench-", dir=CACHE))
            try:  # on a copy: the cached store stays as generated
                copy = scratch / path.name
                shutil.copyfile(path, copy)
                with Store.open(copy, write=True) as store:
                    notes["rebuild"] = {**timed_rebuild(store, args), "now": True}
            finally:
                shutil.rmtree(scratch)
        results["store"] = {**notes, "path": str(path.relative_to(ROOT)), "cached": cached}
        if args.db:
            results["store"]["measured_on"] = store_on(args.db, path, log)
        results["latency"] = bench_latency(args.db or path, args, log)
        if args.incremental:
            sources = read_sources()
            results["incremental"] = bench_incremental(args, sources, path, log)
    results["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    render(Console(width=None if sys.stdout.isatty() else 120), results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
