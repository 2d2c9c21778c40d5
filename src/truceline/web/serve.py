"""``truceline serve``: open the store, read the token, run Uvicorn.

With a write token the store is opened for writing (created and migrated if
need be, since posted articles will go into it); without one it is opened
read-only and must already exist.
"""

from __future__ import annotations

import errno
import logging
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from truceline.alerts import AlertsFile
from truceline.errors import TrucelineError
from truceline.store import Store, StoreError
from truceline.web.app import create_app
from truceline.web.auth import TOKEN_ENV, TokenError, load_token
from truceline.web.limits import LimitError, max_body_bytes
from truceline.web.state import WebState


class ServeError(TrucelineError):
    """Why the server cannot start: a message for the user."""


def _check_port_free(host: str, port: int) -> None:
    """Bind the address as Uvicorn will (SO_REUSEADDR) and let it go, so that a taken
    port is one line before "serving on" is ever said, not a log line after it."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on {host}: {exc.strerror}") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServeError(
                    f"port {port} on {host} is taken by another program: "
                    "stop it, or choose another with --port"
                ) from None
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def serve_store(
    db: str | None,
    *,
    host: str,
    port: int,
    token_file: Path | None = None,
    body_limit: int | None = None,
    watch: Sequence[str] = (),
    every: float = 600.0,
    say: Callable[[str], None] = print,
    alerts: AlertsFile | None = None,
) -> None:
    """Run the API and dashboard over the store at ``db`` until interrupted.

    ``body_limit`` is ``--max-body-bytes`` (None: ``$TRUCELINE_MAX_BODY_BYTES`` or the default).
    ``watch`` names sources a :class:`~truceline.watch.Watcher` polls every ``every`` seconds
    in a background thread of this process (the store is then opened for writing); it
    stops between two articles when the server does; with ``alerts`` it delivers, after
    each poll, the new changes their rules pick (:mod:`truceline.alerts`).
    """
    import uvicorn

    try:
        limit = max_body_bytes(body_limit)
        token = load_token(token_file)
        store = Store.open(db, write=token is not None or bool(watch))
    except (TokenError, StoreError, LimitError) as exc:
        raise ServeError(str(exc)) from None
    try:
        _check_port_free(host, port)
    except ServeError:
        store.close()
        raise
    if store.migrated:
        say(store.migrated)
    mode = (
        "POST /api/articles accepts the token"
        if token
        else f"read-only: set {TOKEN_ENV} or --token-file to accept writes"
    )
    say(f"truceline: serving {store.shown_url} on http://{host}:{port}/ ({mode})")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    with store:
        extractor = None
        if watch:
            from truceline import api

            extractor = api.new_extractor(store)  # one, for the watch and for POSTs alike
        app = create_app(store, token=token, extractor=extractor, max_body_bytes=limit)
        with watching(store, watch, every, app.state.web, say, alerts):
            uvicorn.run(app, host=host, port=port, log_level="info")


@contextmanager
def watching(
    store: Store,
    sources: Sequence[str],
    every: float,
    state: WebState,
    say: Callable[[str], None],
    alerts: AlertsFile | None = None,
) -> Iterator[None]:
    """A watch of ``sources`` in a background thread while the block runs; stopped (between
    two articles) and waited for when it ends. Its writes take turns with the API's."""
    if not sources:
        yield
        return
    from truceline.alerts import Alerts
    from truceline.watch import Watcher

    log = logging.getLogger("truceline.watch")
    stop = threading.Event()
    watcher = Watcher(
        store,
        sources,
        every=every,
        extractor=state.get_extractor(),
        stop=stop,
        lock=state.write_lock,
        say=log.info,
        alerts=Alerts(store, alerts) if alerts is not None else None,
    )
    thread = threading.Thread(target=watcher.run, name="truceline-watch", daemon=True)
    thread.start()
    say(f"truceline: watching {len(watcher.sources)} source(s) every {every:g} s")
    try:
        yield
    finally:
        stop.set()
        thread.join()
