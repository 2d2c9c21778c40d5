"""Screenshots of the dashboard over the demo store, for the README.

``make screenshots`` builds ``demo.db`` (as ``make demo`` does) and runs this;
it needs Debian's chromium (``apt-get install -y chromium``), never a
downloaded browser.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from truceline.store import Store
from truceline.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = {
    "demo-overview": "/?as_of=2025-02-20",
    "demo-ledger": "/ledger",
    "demo-positions": "/positions",
}


def main(db: str = "demo.db", out: str = "docs/screenshots") -> int:
    if not Path(CHROMIUM).exists():
        print(
            f"screenshots: {CHROMIUM} is missing; run `apt-get install -y chromium`",
            file=sys.stderr,
        )
        return 2
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(Store.open(db)), port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            for name, path in PAGES.items():
                page.goto(f"http://127.0.0.1:{port}{path}")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=f"{out}/{name}.png")
                print(f"{out}/{name}.png")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
