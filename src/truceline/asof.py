"""Time travel: the record as it was known from the reports published on or before a day.

The derived record is a pure function of the reported events (reconcile, then
derive), so the record as known on a day is that function of the events of
the articles published by then. :func:`store_as_of` builds it into a scratch
store with the full store's schema (:meth:`Store.scratch`): the reports are
copied with their row ids, reconciled and derived with the store's processes
(:mod:`truceline.configuration`) and its analysts' corrections, and written by the same ``replace_derived``
as any rebuild. Every report then runs its usual queries on that store, so a
report as of a day has one code path, the same as today's.

An article with no publication date is in no as-of record (nothing says it
was known by the day); it stays in the record of the whole store. The phase
clock of an as-of record is at its day (``Store.as_of``).

:class:`AsOfRecords` keeps the latest few as-of stores of one store, keyed by
the store's reported state and the day, so that the dashboard does not
rebuild for every request.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict

from truceline.record import Process
from truceline.record.derived import DerivedRecord
from truceline.record.negotiation import Negotiation
from truceline.record.story import Reconciliation
from truceline.store import Store


def configured_processes(store: Store) -> list[Process]:
    """The processes every rebuild of ``store`` uses: the built-in ones and those kept with
    the store (:mod:`truceline.configuration`)."""
    from truceline.configuration import store_processes

    return store_processes(store)


def store_as_of(store: Store, day: dt.date, processes: list[Process] | None = None) -> Store:
    """A scratch store (the caller closes it) holding the reports of ``store`` published on
    or before ``day`` and the record derived from them alone."""
    # The rebuild every ingest runs, so that an as-of record is derived as the full one is.
    from truceline.api import _rebuild

    chosen = configured_processes(store) if processes is None else processes
    past = Store.scratch()
    try:
        past.copy_published(store, day)
        gazetteer = store.current_config("gazetteer")  # names read as the full record reads them
        if gazetteer is not None and gazetteer.files:
            past.add_config_version("gazetteer", list(gazetteer.files), comment="as of " + str(day))
        _rebuild(past, chosen)
    except BaseException:
        past.close()
        raise
    past.as_of = day
    return past


def stored_record(store: Store) -> DerivedRecord:
    """The derived record ``store`` holds, read back whole (rounds are not stored)."""
    stories = store.story_events()
    return DerivedRecord(
        as_of=store.as_of,
        reconciliation=Reconciliation(story_events=stories, contradictions=store.contradictions()),
        negotiation=Negotiation(
            processes=store.processes(),
            proposals=store.proposals(),
            positions=store.positions(),
            agreements=store.agreements(),
            ledger=store.ledger(),
            totals=store.ledger_totals(),
            story_process={s.id: s.process for s in stories if s.process is not None},
        ),
    )


def record_as_of(store: Store, day: dt.date) -> DerivedRecord:
    """The record as known from the reports published on or before ``day``."""
    with store_as_of(store, day) as past:
        return stored_record(past)


class AsOfRecords:
    """The as-of stores of one store, the latest ``size`` kept while the store does not move.

    Thread-safe: the dashboard's requests share it; a store is built once per
    (reported state, day). A store dropped from the cache is closed.
    """

    def __init__(self, store: Store, size: int = 6) -> None:
        self.store = store
        self.size = size
        self._stores: OrderedDict[tuple[str, dt.date], Store] = OrderedDict()
        self._lock = threading.Lock()

    def at(self, day: dt.date) -> Store:
        """The store of the record as of ``day`` (built now, or kept from before)."""
        key = (self.store.reported_state(), day)
        with self._lock:
            found = self._stores.get(key)
            if found is not None:
                self._stores.move_to_end(key)
                return found
            built = store_as_of(self.store, day)
            self._stores[key] = built
            while len(self._stores) > self.size:
                _, dropped = self._stores.popitem(last=False)
                dropped.close()
            return built

    def close(self) -> None:
        with self._lock:
            for kept in self._stores.values():
                kept.close()
            self._stores.clear()
