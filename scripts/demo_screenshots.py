"""Screenshots of the dashboard over the demo store, for the README.

``make screenshots`` builds ``demo.db`` (as ``make demo`` does) and runs this
with ``docs/screenshots``; without that folder named, the pictures go to a new
temporary folder, so trying it never rewrites the committed ones. It drives the
browser tests' own harness (``tests/web/browser.py``): Debian's chromium with
the same flags (``make test-services`` installs it), never a downloaded
browser, and the app served on a free loopback port.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from truceline.store import Store
from truceline.web.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "web"))
from browser import LAUNCH_ARGS, LiveServer, chromium  # the browser tests' harness

PAGES = {
    "demo-overview": "/?as_of=2025-03-20",
    "demo-ledger": "/ledger",
    "demo-positions": "/positions",
}


def main(db: str = "demo.db", out: str | None = None) -> int:
    out = out or tempfile.mkdtemp(prefix="truceline-screenshots-")
    with LiveServer(create_app(Store.open(db))) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium()), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        for name, path in PAGES.items():
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=f"{out}/{name}.png")
            print(f"{out}/{name}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
