"""Cold start: how long a fresh ``truceline`` process takes to ask for help or print a report.

Runs each command as a new process (``python -c 'from truceline.cli import
app; app()' ARGS``, what the ``truceline`` script does) several times and
prints the median CPU (user + system, from the kernel's accounting of the
finished child) and wall time. Given other source trees (``--tree
OTHER/src``), it runs the same commands from each in turn, round by round, so
that a machine whose speed drifts slows every tree alike, and prints each
tree's medians and their ratio to the first tree's.

    make demo   # the store the report reads
    .venv/bin/python bench/cold_start.py --db demo.db
    .venv/bin/python bench/cold_start.py --tree src --tree /tmp/main/src --db demo.db

A tree given as ``SRC=STORE`` reads its own store (an older checkout may not
read a newer schema). The first run of each command is a warm-up, not counted
(it writes the bytecode caches).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUN = "from truceline.cli import app; app()"
COMMANDS = {
    "import truceline.cli": None,
    "truceline --help": ["--help"],
    "truceline summary": ["summary", "--as-of", "2025-03-20", "--db"],
}


def run_once(src: str, args: list[str] | None) -> tuple[float, float]:
    """CPU seconds (user + sys) and wall seconds of one process."""
    code = ["-c", "import truceline.cli"] if args is None else ["-c", RUN, *args]
    env = {**os.environ, "PYTHONPATH": src}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{src}: {' '.join(args or code)} failed: {child.stderr.read().decode()}")
    child.stderr.close()
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", help="a source tree (SRC or SRC=STORE)")
    parser.add_argument("--db", default="demo.db", help="the store summary reads")
    parser.add_argument("--runs", type=int, default=10, help="counted runs per command and tree")
    opts = parser.parse_args()
    trees = []
    for given in opts.tree or [str(Path(__file__).parents[1] / "src")]:
        src, _, db = given.partition("=")
        trees.append((str(Path(src).resolve()), db or opts.db))

    print(f"{opts.runs} runs each after a warm-up, trees in turn; median seconds")
    print(f"{'command':<22} {'tree':<40} {'cpu':>6} {'wall':>6} {'cpu ratio':>9}")
    for name, args in COMMANDS.items():
        figures: dict[str, list[tuple[float, float]]] = {src: [] for src, _ in trees}
        for round_ in range(opts.runs + 1):
            for src, db in trees:
                full = None if args is None else [*args, db] if args[-1] == "--db" else args
                cpu_wall = run_once(src, full)
                if round_:
                    figures[src].append(cpu_wall)
        first = None
        for src, _ in trees:
            cpu = statistics.median(c for c, _ in figures[src])
            wall = statistics.median(w for _, w in figures[src])
            first = first or cpu
            print(f"{name:<22} {src[-40:]:<40} {cpu:6.3f} {wall:6.3f} {cpu / first:9.2f}")


if __name__ == "__main__":
    main()
