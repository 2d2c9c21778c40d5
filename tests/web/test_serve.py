"""`truceline serve`: the real command starts, serves, reads its token; bad set-ups are one line."""

from __future__ import annotations

import gc
import os
import socket
import subprocess
import sys
import time

import httpx
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from truceline.cli import app
from truceline.web.app import create_app

from .browser import free_port
from .conftest import TOKEN


def test_serve_without_a_store_says_what_to_run(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no truceline store at" in result.stderr
    assert "Traceback" not in result.output


def test_serve_with_an_empty_token_file_refuses_to_start(tmp_path, store_file):
    empty = tmp_path / "token"
    empty.write_text("\n")
    result = CliRunner().invoke(app, ["serve", "--db", str(store_file), "--token-file", str(empty)])
    assert result.exit_code == 2
    assert f"token file {empty} is empty" in result.stderr


def _wait_for(url: str, proc: subprocess.Popen) -> httpx.Response:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited: {proc.communicate()}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("serve did not answer within 60 s")


def test_serve_answers_on_loopback_and_takes_its_token_from_the_environment(tmp_path, store_file):
    copy = tmp_path / "served.db"
    copy.write_bytes(store_file.read_bytes())
    port = free_port()
    env = {**os.environ, "TRUCELINE_TOKEN": TOKEN}
    proc = subprocess.Popen(
        [sys.executable, "-m", "truceline.cli", "serve", "--db", str(copy), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_for(f"{base}/api/stories?limit=1", proc).json()["total"] == 7
        wrong = httpx.post(
            f"{base}/api/articles", json=[{"text": "x"}], headers={"Authorization": "Bearer no"}
        )
        assert wrong.status_code == 401
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert f"truceline: serving sqlite:///{copy} on {base}/" in out


def test_the_server_keeps_what_it_starts_with_out_of_garbage_collection(store):
    gc.unfreeze()
    try:
        with TestClient(create_app(store)) as client:
            assert client.get("/api/processes").status_code == 200
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_serve_on_a_taken_port_says_so_instead_of_serving(store_file):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", str(store_file), "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: port {port} on 127.0.0.1 is taken by another program: "
        "stop it, or choose another with --port"
    )
    assert "serving" not in result.stdout
