"""Delivering one alert: a JSON line on stdout, a webhook POST, or a command's stdin.

An alert is a JSON object: the rule's name and the change (its key, kind,
process, date, text, reports, story events, actors, outlets). A webhook is
tried ``1 + retries`` times, the wait doubling from ``backoff`` seconds, and a
4xx answer other than 408/429 is not retried (the same POST would fail
again). A delivery that fails raises :class:`DeliveryError`; the caller does
not record it, so the next poll tries again.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from truceline.alerts.rules import Target
from truceline.errors import TrucelineError

_RETRIED_4XX = {408, 429}


class DeliveryError(TrucelineError):
    """An alert that could not be delivered (after its retries), and why."""


def deliver(
    alert: dict[str, Any],
    target: Target,
    *,
    write: Callable[[str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Send ``alert`` to ``target``; raise :class:`DeliveryError` when it cannot be."""
    body = json.dumps(alert, ensure_ascii=False, sort_keys=True)
    if target.stdout:
        (write or _print)(body)
    elif target.webhook is not None:
        post(target.webhook, body.encode("utf-8"), target, sleep=sleep)
    elif target.command is not None:
        run_command(target.command, body, target.timeout)


def _print(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def post(
    url: str, body: bytes, target: Target, *, sleep: Callable[[float], None] = time.sleep
) -> None:
    """POST ``body`` (JSON) to ``url``, retrying failures with doubling waits."""
    last = ""
    for attempt in range(target.retries + 1):
        if attempt:
            sleep(target.backoff * 2 ** (attempt - 1))
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=target.timeout) as answer:
                answer.read()
                return
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
            if 400 <= error.code < 500 and error.code not in _RETRIED_4XX:
                break
        except (urllib.error.URLError, OSError) as error:
            last = str(getattr(error, "reason", error))
    raise DeliveryError(f"webhook {url}: {last} (after {attempt + 1} tries)")


def run_command(command: list[str], body: str, timeout: float) -> None:
    """Run ``command`` with ``body`` on its stdin; a non-zero exit is a failed delivery."""
    try:
        done = subprocess.run(
            command, input=body, text=True, capture_output=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DeliveryError(f"command {command[0]}: {error}") from None
    if done.returncode != 0:
        why = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        raise DeliveryError(f"command {command[0]}: {why[0]}")
