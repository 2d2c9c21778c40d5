"""The dashboard's page latency and the REST API under load, over 100,000 articles.

``make bench-web`` (or ``.venv/bin/python bench/web_bench.py``) starts the
real server, ``truceline serve`` (Uvicorn, read-only, no token), in a
subprocess on a free loopback port over the generated 100,000-article store
of ``bench/store_bench.py`` (the same cache under ``.cache/bench/``,
generated first if missing), and measures from this process:

* **pages**: every dashboard page (overview, timeline with and without
  filters, positions, proposals, ledger, sources, articles, a story event,
  an article, search), ``--calls`` requests each in interleaved rounds after
  one warm-up request; p50/p95/max against the aim (p95 < 200 ms);
* **load**: ``--clients`` concurrent clients (httpx, asyncio) for
  ``--seconds`` seconds over a fixed mix of ``/api/`` requests with filters
  and pagination; requests/s, errors (any status but 200; the aim is none)
  and p50/p95/p99.

Latency is wall clock at the client: HTTP on loopback, the request, the
rendering and the JSON or HTML transfer. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import store_bench
from extract_bench import ROOT
from rich.console import Console
from rich.table import Table

from truceline.store import Store

PAGE_AIM_MS = 200.0  # p95 of every page: the aim
STARTUP_SECONDS = 60.0
AS_OF = store_bench.AS_OF.isoformat()  # the overview's "as of": fixed, so runs compare


# --------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(db: Path, log: Console) -> Iterator[str]:
    """``truceline serve`` over ``db`` (read-only) in a subprocess; yields its base URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TRUCELINE_TOKEN"}  # read-only
    command = [
        str(Path(sys.executable).with_name("truceline")),
        "serve",
        "--db",
        f"sqlite:///{db}",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile(mode="w+") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_up(url, server, out)
            log.log(f"serving {db.name} at {url} (pid {server.pid})")
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_up(url: str, server: subprocess.Popen[bytes], out: Any) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            out.seek(0)
            raise RuntimeError(f"bench: the server exited: {out.read()[-2000:]}")
        try:
            if httpx.get(f"{url}/api/processes", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"bench: the server did not answer within {STARTUP_SECONDS:.0f} s")


# --------------------------------------------------------------------------
# What to ask for
# --------------------------------------------------------------------------


@dataclass
class Subjects:
    """Ids and values from the store that the requests name."""

    outlet: str
    story: str
    reported: int
    article: int
    word: str = "ceasefire"


def subjects(db: Path) -> Subjects:
    with Store.open(db) as store:
        story = store_bench._typical_story(store)
        reported = int(story.reports[0])
        found = store.reported_event(reported)
        assert found is not None, "bench: the typical story's first report is missing"
        return Subjects(
            outlet=store.sources()[0].outlet,  # the busiest
            story=story.id,
            reported=reported,
            article=found[1].id,
        )


def _q(path: str, **params: object) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def pages(s: Subjects) -> list[str]:
    """Every dashboard page, the list pages unfiltered and filtered."""
    return [
        _q("/", as_of=AS_OF),
        _q("/", process="gaza", as_of=AS_OF),
        "/timeline",
        _q("/timeline", process="gaza"),
        _q("/timeline", actor="HAMAS", type="RELEASE"),
        _q("/timeline", since="2025-01-01", until="2025-03-31"),
        _q("/timeline", outlet=s.outlet),
        _q("/timeline", process="gaza", offset=1000),
        "/positions",
        _q("/positions", process="gaza"),
        "/proposals",
        _q("/proposals", process="gaza"),
        "/ledger",
        _q("/ledger", process="gaza"),
        "/sources",
        _q("/sources", process="gaza"),
        "/articles",
        _q("/articles", outlet=s.outlet, offset=500),
        f"/stories/{s.story}",
        f"/articles/{s.article}",
        _q("/search", q=s.word),
        _q("/search", q="no such words anywhere"),
    ]


def api_mix(s: Subjects) -> list[str]:
    """The load test's requests, taken in turn: listings with filters and pages, and ids.

    The whole-record reports (summary, positions, sources) are left out: the
    page latency measures them, and at seconds a call they would make the
    load test a measure of them alone.
    """
    return [
        _q("/api/stories", limit=50),
        _q("/api/stories", process="gaza", type="RELEASE", limit=20, offset=40),
        _q("/api/stories", since="2025-01-01", until="2025-03-31", limit=50),
        _q("/api/events", actor="HAMAS", limit=20),
        _q("/api/events", process="lebanon", limit=50, offset=200),
        _q("/api/articles", limit=50),
        _q("/api/articles", outlet=s.outlet, limit=20, offset=100),
        _q("/api/contradictions", process="gaza", limit=20),
        _q("/api/proposals", process="gaza", limit=10),
        _q("/api/ledger", process="gaza", limit=50),
        _q("/api/agreements", as_of=AS_OF),
        "/api/processes",
        f"/api/stories/{s.story}",
        f"/api/events/{s.reported}",
        f"/api/articles/{s.article}",
        _q("/api/search", q="hostages"),
    ]


# --------------------------------------------------------------------------
# Page latency
# --------------------------------------------------------------------------


@dataclass
class Case:
    path: str
    ms: list[float] = field(default_factory=list)
    bytes: int = 0


def bench_pages(url: str, paths: Sequence[str], args: argparse.Namespace, log: Console) -> list:
    measured = [Case(p) for p in paths]
    with httpx.Client(base_url=url, timeout=120) as client:
        for case in measured:  # warm-up: the page cache, templates, connections
            response = client.get(case.path)
            if response.status_code != 200:
                raise RuntimeError(f"bench: {case.path} answered {response.status_code}")
            case.bytes = len(response.content)
        for round_no in range(1, args.calls + 1):
            if round_no % 10 == 0:
                log.log(f"page round {round_no}/{args.calls}")
            for case in measured:
                if sum(case.ms) > args.budget * 1000 and len(case.ms) >= 5:
                    continue  # slow enough already: fewer calls, said in the table
                start = time.perf_counter()
                response = client.get(case.path)
                case.ms.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"bench: {case.path} answered {response.status_code}")
    return [
        {
            "page": c.path,
            "calls": len(c.ms),
            "p50_ms": round(statistics.median(c.ms), 1),
            "p95_ms": round(store_bench._percentile(c.ms, 95), 1),
            "max_ms": round(max(c.ms), 1),
            "kb": round(c.bytes / 1024, 1),
        }
        for c in measured
    ]


# --------------------------------------------------------------------------
# API load
# --------------------------------------------------------------------------


async def _load(url: str, mix: Sequence[str], clients: int, seconds: float) -> dict[str, Any]:
    ms: list[float] = []
    by_path: dict[str, list[float]] = {p: [] for p in mix}
    errors: dict[str, int] = {}
    deadline = time.perf_counter() + seconds

    async def client(n: int) -> None:
        limits = httpx.Limits(max_connections=1)  # one connection per client, kept alive
        async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
            turn = n  # clients start at different places in the mix
            while time.perf_counter() < deadline:
                path = mix[turn % len(mix)]
                turn += 1
                start = time.perf_counter()
                try:
                    response = await http.get(path)
                    status = str(response.status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                ms.append((time.perf_counter() - start) * 1000)
                by_path[path].append(ms[-1])
                if status != "200":
                    errors[f"{status} {path}"] = errors.get(f"{status} {path}", 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    took = time.perf_counter() - started
    return {
        "clients": clients,
        "seconds": round(took, 1),
        "requests": len(ms),
        "per_s": round(len(ms) / took, 1),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(store_bench._percentile(ms, 95), 1),
        "p99_ms": round(store_bench._percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1),
        "mix": list(mix),
        "by_path": {
            p: {"requests": len(v), "p50_ms": round(statistics.median(v), 1)}
            for p, v in by_path.items()
            if v
        },
    }


def bench_load(url: str, mix: Sequence[str], args: argparse.Namespace, log: Console) -> dict:
    log.log(f"load: {args.clients} clients for {args.seconds:.0f} s over {len(mix)} requests")
    asyncio.run(_load(url, mix, args.clients, 2.0))  # warm-up
    return asyncio.run(_load(url, mix, args.clients, args.seconds))


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------


def render(console: Console, results: dict[str, Any]) -> None:
    m = results["machine"]
    console.print("[bold]truceline web: page latency and API load[/]")
    before, after = (" / ".join(map(str, m[k])) for k in ("load_before", "load_after"))
    console.print(
        f"{m['cpu']}, {m['cores']} cores, {m['platform']}, Python {m['python']}, SQLite "
        f"{m['sqlite']}, truceline @ {m['git']}; load {before} (1/5/15 min) before, {after} after"
    )
    console.print(f"store:    {results['store']} (read-only, `truceline serve`, one process)")
    if "pages" in results:
        table = Table(show_edge=False, pad_edge=False)
        for name in ("page", "calls", "p50 ms", "p95 ms", "max ms", "KiB", ""):
            table.add_column(name, justify="left" if name in ("page", "") else "right")
        for row in results["pages"]:
            table.add_row(
                row["page"],
                str(row["calls"]),
                f"{row['p50_ms']:.1f}",
                f"{row['p95_ms']:.1f}",
                f"{row['max_ms']:.1f}",
                f"{row['kb']:.0f}",
                store_bench._verdict(row["p95_ms"] < PAGE_AIM_MS),
            )
        console.print(table)
        slow = [r for r in results["pages"] if r["p95_ms"] >= PAGE_AIM_MS]
        console.print(
            f"  p95 < {PAGE_AIM_MS:.0f} ms: {len(results['pages']) - len(slow)} of "
            f"{len(results['pages'])} pages"
        )
    if "load" in results:
        r = results["load"]
        console.print(
            f"[bold]API load[/] {r['clients']} concurrent clients, {r['seconds']:.0f} s, "
            f"{len(r['mix'])} requests in turn: {r['requests']:,} requests, "
            f"{r['per_s']:.1f} requests/s, errors {r['errors']} "
            f"{store_bench._verdict(r['errors'] == 0)}"
        )
        console.print(
            f"  latency ms: p50 {r['p50_ms']:.1f}  p95 {r['p95_ms']:.1f}  "
            f"p99 {r['p99_ms']:.1f}  max {r['max_ms']:.1f}"
        )
        slowest = sorted(r["by_path"].items(), key=lambda kv: -kv[1]["p50_ms"])[:5]
        console.print(
            "  slowest by p50: "
            + ", ".join(f"{p} {v['p50_ms']:.0f} ms ({v['requests']})" for p, v in slowest)
        )
        for kind, n in r["error_kinds"].items():
            console.print(f"  [red]{n} x {kind}[/]")
    console.print(f"whole bench {results['total_seconds']:.0f} s")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="web_bench.py",
        description="Dashboard page latency and REST API load over 100,000 articles "
        "(bench/README.md).",
    )
    parser.add_argument("--calls", type=int, default=30, help="requests per page (default 30)")
    parser.add_argument(
        "--budget", type=float, default=20.0, help="seconds per page before fewer calls"
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent API clients")
    parser.add_argument("--seconds", type=float, default=20.0, help="API load duration")
    parser.add_argument(
        "--db",
        type=Path,
        help="a SQLite store to serve (default: store_bench.py's cached generated store)",
    )
    parser.add_argument("--only", choices=["pages", "load"], help="run one part only")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.calls < 1 or args.clients < 1 or args.seconds <= 0:
        parser.error("need --calls >= 1, --clients >= 1, --seconds > 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    log = Console(stderr=True)
    results: dict[str, Any] = {"machine": store_bench.machine()}
    if args.db is None:  # the store bench's generated store, from its cache
        db, _notes, cached = store_bench.cached_store(store_bench.parse_args([]), log)
        if cached:
            log.log(f"reusing the generated store {db}")
    else:
        db = args.db.resolve()
    results["store"] = str(db.relative_to(ROOT)) if db.is_relative_to(ROOT) else str(db)
    chosen = subjects(db)
    with served(db, log) as url:
        if args.only != "load":
            results["pages"] = bench_pages(url, pages(chosen), args, log)
        if args.only != "pages":
            results["load"] = bench_load(url, api_mix(chosen), args, log)
    results["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    render(Console(width=None if sys.stdout.isatty() else 120), results)
    if args.json:
        import json

        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
