"""Past one machine: the mixed news stream through Spark, and the bulk load into PostgreSQL.

``make bench-scale`` (or ``.venv/bin/python bench/scale_bench.py``; not part of
``make test``) builds the stream of ``stream_bench.py`` (one article in twenty
about talks, ``--articles``, 10,000 by default, the same seed), writes it as
JSONL shards, and times, on that same stream:

* ``truceline batch extract`` on ``local[1]`` and on ``local[2]`` (wall time of
  the whole job, Spark's start-up and the Parquet writes included; best of
  ``--repeat`` runs each, in alternating order), and their ratio (aim >= 1.8 on
  two cores). Each job pays about 9 s of Spark start-up whatever its size: on
  1,000 articles (about 50 parsed) that was half of local[2]'s time and the
  ratio read 1.29; an archive is all work, so the default stream is large enough
  for the work to show (10,000: 1.80 on a quiet machine);
* ``truceline extract --jobs 2`` (``api.extract(jobs=2)``, the single-machine
  path), for comparison;

then checks that the three give the same records, and measures the bulk load
into PostgreSQL: the run's records, copied ``--copies`` times under new URLs
(so each copy is new articles), written as a batch run and loaded by
``truceline batch ingest``'s code (``batch.load.load``, ``--chunk`` per
transaction), in articles/s, and the rebuild after it. PostgreSQL is
``$TRUCELINE_BENCH_PG_URL`` or a throwaway cluster (``tests/store/pgserver.py``).
``--only extract`` runs the first part alone; ``--only load`` the second,
with the stream's records extracted (untimed) in one process instead of by
the three paths, so the load can be measured without Spark.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extract_bench import ROOT, read_sources
from stream_bench import build_stream, read_ordinary

from truceline import api
from truceline.batch.load import BatchOutput, check_output, load
from truceline.batch.spark import run_extract
from truceline.batch.tables import COLUMNS, record_rows, write_parquet
from truceline.record import Article, ExtractionRecord
from truceline.store import Store

RATIO_AIM = 1.8
SHARDS = 8
PARTS = ("extract", "load")


def write_stream(stream: Sequence[Article], folder: Path) -> None:
    """The stream as JSONL shards (Spark reads a file whole: shards let it read in parallel)."""
    folder.mkdir(parents=True)
    for shard in range(SHARDS):
        with (folder / f"stream-{shard:02d}.jsonl").open("w", encoding="utf-8") as out:
            for article in stream[shard::SHARDS]:
                fields = article.model_dump(mode="json", exclude_none=True)
                out.write(json.dumps(fields, ensure_ascii=False) + "\n")


def records_of(output: Path) -> list[ExtractionRecord]:
    run = check_output(output)
    return [record for part in run.parts() for record in run.records(part)]


def time_batch(stream_dir: Path, output: Path, master: str, partitions: int) -> dict[str, Any]:
    start = time.perf_counter()
    run = run_extract(str(stream_dir), str(output), master=master, partitions=partitions)
    seconds = time.perf_counter() - start
    print(f"  batch extract {master}: {seconds:.1f} s", file=sys.stderr)
    return {"seconds": round(seconds, 2), "rows": run.rows, "partitions": run.partitions}


def time_masters(
    folder: Path, partitions: int, repeat: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The best of ``repeat`` runs on local[1] and on local[2], taken in alternating order.

    Why: whichever job runs first pays for a cold page cache (the model's files, Python's
    imports in fresh workers); one run of each in a fixed order flattered local[2] (2.38x on
    two cores on a quiet machine, more than the cores explain).
    """
    best: dict[str, dict[str, Any]] = {}
    for turn in range(max(1, repeat)):
        masters = ("local[1]", "local[2]") if turn % 2 == 0 else ("local[2]", "local[1]")
        for master in masters:
            out = folder / f"{master[-2]}-{turn}"
            timed = time_batch(folder / "stream", out, master, partitions)
            timed["output"] = str(out)
            if master not in best or timed["seconds"] < best[master]["seconds"]:
                best[master] = timed
    return best["local[1]"], best["local[2]"]


def time_jobs(stream_dir: Path, jobs: int) -> tuple[dict[str, Any], list[ExtractionRecord]]:
    start = time.perf_counter()
    found = [i for i in api.extract([stream_dir], jobs=jobs) if isinstance(i, ExtractionRecord)]
    seconds = time.perf_counter() - start
    print(f"  extract --jobs {jobs}: {seconds:.1f} s", file=sys.stderr)
    return {"seconds": round(seconds, 2), "records": len(found)}, found


def copied_run(records: Sequence[ExtractionRecord], copies: int, folder: Path) -> int:
    """A batch run of ``copies`` copies of ``records``, each copy under new URLs; its size."""
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in COLUMNS}
    n = 0
    for copy in range(copies):
        for record in records:
            meta = record.article
            url = f"{meta.url or 'https://bench.example/' + meta.id}?copy={copy}"
            article = meta.model_copy(update={"url": url, "id": f"{meta.id}-{copy}"})
            for name, found in record_rows(
                n, copy, record.model_copy(update={"article": article})
            ).items():
                rows[name].extend(found)
            n += 1
    write_parquet(rows, folder)
    return n


def time_load(run: BatchOutput, url: str, chunk: int, articles: int) -> dict[str, Any]:
    with Store.open(url, write=True) as store:
        start = time.perf_counter()
        stored = sum(1 for _ in load(run, store, chunk=chunk))
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        api.rebuild(store)
        rebuilt = time.perf_counter() - start
    assert stored == articles, (stored, articles)
    print(f"  bulk load: {articles} in {loaded:.1f} s, rebuild {rebuilt:.1f} s", file=sys.stderr)
    return {
        "articles": articles,
        "chunk": chunk,
        "load_seconds": round(loaded, 2),
        "articles_per_s": round(articles / loaded, 1),
        "rebuild_seconds": round(rebuilt, 2),
    }


def time_extraction(results: dict[str, Any], folder: Path) -> list[ExtractionRecord]:
    """The three extraction paths on the stream in ``folder``; the single-machine records."""
    one, two = time_masters(folder, results["partitions"], results["repeat"])
    jobs, single = time_jobs(folder / "stream", 2)
    same = records_of(Path(one.pop("output"))) == records_of(Path(two.pop("output"))) == single
    results.update(
        {
            "batch_local_1": one,
            "batch_local_2": two,
            "local_2_over_local_1": round(one["seconds"] / two["seconds"], 2),
            "extract_jobs_2": jobs,
            "local_2_over_jobs_2": round(jobs["seconds"] / two["seconds"], 2),
            "same_records": same,
        }
    )
    return single


def postgres_url() -> tuple[str, Any]:
    given = os.environ.get("TRUCELINE_BENCH_PG_URL")
    if given:
        return given, None
    sys.path.insert(0, str(ROOT / "tests"))
    from store.pgserver import start

    server = start()
    return server.url, server


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scale_bench.py", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000, help="stream size (default 10000)")
    parser.add_argument("--relevant", type=float, default=0.05, help="share about talks")
    parser.add_argument("--partitions", type=int, default=8, help="Spark partitions (default 8)")
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs per master, alternating order; best kept"
    )
    parser.add_argument("--copies", type=int, default=50, help="copies of the records loaded")
    parser.add_argument("--chunk", type=int, default=500, help="articles per transaction")
    parser.add_argument("--seed", type=int, default=20250119)
    parser.add_argument(
        "--only",
        choices=PARTS,
        help="run one part: extract (the three extraction paths) or load (the bulk load "
        "of the stream's records, extracted untimed in one process)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    ordinary, _ = read_ordinary()
    stream = build_stream(read_sources(), ordinary, args.articles, args.relevant, args.seed)
    results: dict[str, Any] = {
        "articles": len(stream),
        "partitions": args.partitions,
        "repeat": args.repeat,
        "load_average_start": os.getloadavg(),
    }
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
        folder = Path(tmp)
        write_stream(stream, folder / "stream")
        if args.only == "load":
            single = [
                i for i in api.extract([folder / "stream"]) if isinstance(i, ExtractionRecord)
            ]
        else:
            single = time_extraction(results, folder)
        if args.only != "extract":
            copies = copied_run(single, args.copies, folder / "copies")
            url, server = postgres_url()
            try:
                results["bulk_load_postgresql"] = time_load(
                    BatchOutput(str(folder / "copies")), url, args.chunk, copies
                )
            finally:
                if server is not None:
                    server.stop()
    results["load_average_end"] = os.getloadavg()
    render(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def render(r: dict[str, Any]) -> None:
    n = r["articles"]
    print(f"stream: {n} articles (stream_bench.py's, seed as given)")
    if "batch_local_1" in r:
        render_extraction(r)
    if "bulk_load_postgresql" in r:
        render_load(r["bulk_load_postgresql"])
    start, end = r["load_average_start"], r["load_average_end"]
    print(f"load average at start {start[0]:.1f}, at end {end[0]:.1f}")


def render_extraction(r: dict[str, Any]) -> None:
    n = r["articles"]
    for key, label in (
        ("batch_local_1", "batch extract local[1]"),
        ("batch_local_2", "batch extract local[2]"),
        ("extract_jobs_2", "truceline extract --jobs 2"),
    ):
        seconds = r[key]["seconds"]
        print(f"  {label:28} {seconds:8.1f} s  {n / seconds:7.1f} articles/s")
    ratio = r["local_2_over_local_1"]
    print(
        f"  local[2] / local[1]: {ratio:.2f}  aim >= {RATIO_AIM}  {'ok' if ratio >= RATIO_AIM else 'below aim'}"
    )
    print(f"  local[2] / extract --jobs 2: {r['local_2_over_jobs_2']:.2f}")
    print(f"  same records in all three: {r['same_records']}")


def render_load(load: dict[str, Any]) -> None:
    print(
        f"bulk load into PostgreSQL: {load['articles']} articles in {load['load_seconds']:.1f} s "
        f"({load['articles_per_s']:.1f} articles/s, chunk {load['chunk']}); "
        f"rebuild {load['rebuild_seconds']:.1f} s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
