"""What the app holds for every request: the open store, the token, the extractor."""

from __future__ import annotations

import datetime as dt
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
    from truceline.asof import AsOfRecords


@dataclass
class WebState:
    """One per app. The extractor loads spaCy, so it is made on the first write only;
    writes are serialised (one ingest and rebuild at a time)."""

    store: Store
    token: str | None = None
    extractor: Extractor | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    as_of_records: AsOfRecords | None = None

    def kept_records(self) -> AsOfRecords:
        """The as-of stores of this app's store, built once per day and store state."""
        if self.as_of_records is None:
            from truceline.asof import AsOfRecords

            self.as_of_records = AsOfRecords(self.store)
        return self.as_of_records

    def store_as_of(self, day: dt.date) -> Store:
        """The record as known on ``day`` (:class:`truceline.asof.AsOfRecords`)."""
        return self.kept_records().at(day)

    def get_extractor(self) -> Extractor:
        if self.extractor is None:
            self.extractor = api.new_extractor(self.store)  # with the store's gazetteer
        return self.extractor


def web_state(request: Request) -> WebState:
    return request.app.state.web


def get_store(request: Request) -> Store:
    return web_state(request).store
