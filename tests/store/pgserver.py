"""A throwaway PostgreSQL server for the store tests, from Debian's packages.

The store is tested for real against PostgreSQL. When no server is given
(``TRUCELINE_TEST_PG_URL``), this module runs Debian's ``postgresql`` (which
``make test`` installs first: scripts/setup-test-services.sh): it initialises
a cluster in a fresh temporary directory, starts it on a free loopback port
with trust authentication, and stops and removes it at the end. Each test
run gets its own cluster, so concurrent runs never share or stop each
other's server.

By hand: ``python tests/store/pgserver.py`` starts one and prints its URL
and the command that stops it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """PostgreSQL could not be installed or started; the message says why."""


@dataclass
class Server:
    url: str
    data: Path
    pg_ctl: Path

    def stop(self) -> None:
        _run([str(self.pg_ctl), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(self.data.parent, ignore_errors=True)


def binaries() -> Path | None:
    """The bin directory of the newest installed PostgreSQL, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(path: str) -> float:
    try:
        return float(Path(path).parts[-3])
    except ValueError:
        return 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start() -> Server:
    """Initialise and start a cluster on a free loopback port; the caller stops it."""
    bin_dir = binaries()
    if bin_dir is None:
        raise PostgresUnavailable(
            "PostgreSQL is not installed: run `make test-services` "
            "(or `apt-get install -y postgresql`), or set TRUCELINE_TEST_PG_URL"
        )
    root = Path(tempfile.mkdtemp(prefix="truceline-pg-"))
    data = root / "data"
    data.mkdir()
    if os.geteuid() == 0:
        # The server refuses to run as root; Debian's package made the postgres user.
        os.chmod(root, 0o755)
        shutil.chown(data, "postgres", "postgres")
    _run(
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        ]
    )
    port = free_port()
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run(
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(data / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        ]
    )
    server = Server(f"postgresql://postgres@127.0.0.1:{port}/postgres", data, bin_dir / "pg_ctl")
    _run(
        [
            str(bin_dir / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "truceline_test",
        ]
    )
    server.url = f"postgresql://postgres@127.0.0.1:{port}/truceline_test"
    return server


def _run(cmd: list[str]) -> None:
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd="/")
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip()[-800:]
        raise PostgresUnavailable(f"{' '.join(cmd)} failed: {output}")


if __name__ == "__main__":
    server = start()
    print(server.url)
    print(f"stop: {server.pg_ctl} -D {server.data} stop && rm -r {server.data.parent}")
