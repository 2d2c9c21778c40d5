"""What the app holds for every request: the open store, the token, the extractor."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Request

from truceline import api
from truceline.store import Store
from truceline.web.limits import DEFAULT_MAX_BODY_BYTES

if TYPE_CHECKING:
    # spaCy is loaded by the first write, never by importing the app (see api.py).
    from truceline.api import Extractor


@dataclass
class WebState:
    """One per app. The extractor loads spaCy, so it is made on the first write only;
    writes are serialised (one ingest and rebuild at a time)."""

    store: Store
    token: str | None = None
    extractor: Extractor | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    def get_extractor(self) -> Extractor:
        if self.extractor is None:
            self.extractor = api.new_extractor(self.store)  # with the store's gazetteer
        return self.extractor


def web_state(request: Request) -> WebState:
    return request.app.state.web


def get_store(request: Request) -> Store:
    return web_state(request).store
