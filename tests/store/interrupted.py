"""Killing a storing process midway, for the tests that resume after it (ingest, batch ingest)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path


def stored_articles(db: Path) -> int:
    """Articles a SQLite store holds now (0 before the store exists)."""
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def kill_once_stored(command: Sequence[str], db: Path, at_least: int) -> int:
    """Run ``command``, SIGKILL it once ``db`` holds ``at_least`` articles (or it ended);
    the articles it had stored by then."""
    process = subprocess.Popen(
        list(command),
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while stored_articles(db) < at_least and process.poll() is None:
        assert time.monotonic() < deadline, "the command stored nothing in two minutes"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return stored_articles(db)
