"""Delivery: a webhook POST retried with backoff against a real local server, a command, stdout."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from truceline.alerts import DeliveryError, Target
from truceline.alerts.delivery import deliver

ALERT = {"rule": "deals", "key": "agreement:a-1", "kind": "agreement", "text": "a deal"}


class Hook:
    """A webhook receiver: fails the first ``failing`` POSTs with ``status``, keeps the bodies."""

    def __init__(self) -> None:
        self.failing = 0
        self.status = 503
        self.bodies: list[dict] = []
        self.answered: list[int] = []


@pytest.fixture
def hook() -> Iterator[tuple[Hook, str]]:
    served = Hook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = served.status if served.failing > 0 else 200
            served.failing -= 1
            served.answered.append(status)
            if status == 200:
                served.bodies.append(json.loads(body))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield served, f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()


def test_a_webhook_is_posted_the_alert_as_json(hook):
    served, url = hook
    deliver(ALERT, Target(webhook=url))
    assert served.bodies == [ALERT]


def test_a_failing_webhook_is_retried_with_doubling_waits(hook):
    served, url = hook
    served.failing = 2
    waits: list[float] = []
    deliver(ALERT, Target(webhook=url, retries=3, backoff=0.5), sleep=waits.append)
    assert served.answered == [503, 503, 200]
    assert waits == [0.5, 1.0]
    assert served.bodies == [ALERT]


def test_a_webhook_failing_past_its_retries_is_a_delivery_error(hook):
    served, url = hook
    served.failing = 10
    waits: list[float] = []
    with pytest.raises(DeliveryError, match=r"HTTP 503 \(after 3 tries\)"):
        deliver(ALERT, Target(webhook=url, retries=2, backoff=1), sleep=waits.append)
    assert served.answered == [503, 503, 503] and waits == [1, 2]


def test_a_refused_post_is_not_retried(hook):
    served, url = hook
    served.failing, served.status = 5, 400
    with pytest.raises(DeliveryError, match=r"HTTP 400 \(after 1 tries\)"):
        deliver(ALERT, Target(webhook=url, retries=3), sleep=lambda s: None)
    assert served.answered == [400]


def test_an_unreachable_webhook_is_a_delivery_error():
    with pytest.raises(DeliveryError, match=r"webhook http://127\.0\.0\.1:9/"):
        deliver(ALERT, Target(webhook="http://127.0.0.1:9/", retries=1), sleep=lambda s: None)


def test_a_command_gets_the_alert_on_stdin(tmp_path):
    out = tmp_path / "got.json"
    copy = f"import sys; open({str(out)!r}, 'w').write(sys.stdin.read())"
    deliver(ALERT, Target(command=[sys.executable, "-c", copy]))
    assert json.loads(out.read_text()) == ALERT


def test_a_failing_command_is_a_delivery_error():
    fail = "import sys; sys.exit('no mail server')"
    with pytest.raises(DeliveryError, match="no mail server"):
        deliver(ALERT, Target(command=[sys.executable, "-c", fail]))


def test_stdout_gets_one_json_line(capsys):
    deliver(ALERT, Target(stdout=True))
    line = capsys.readouterr().out
    assert line.endswith("\n") and line.count("\n") == 1
    assert json.loads(line) == ALERT
