"""Alerting: after each poll, deliver the changes each rule picks that it has not yet delivered.

The changes are those of the stored record against the record alerts last
compared (a snapshot kept in the store, :meth:`Store.keep_alert_snapshot`), by
:func:`truceline.changes.changes`: so a proposal going from pending to rejected
is a ``status`` change, a position that moved says what it was, and whatever
was stored since the last delivery (by this watch, an ``ingest`` or a
correction meanwhile, or before a restart) is found. When the store's state
digest has not moved since the snapshot, nothing is read (the cheap path a
poll that found nothing takes).

Records are compared with each story event named for what it stands for, not
by row ids (:mod:`truceline.alerts.keys`), so a rebuild or a re-extraction that
renumbers story events changes nothing; the store's ``alert_deliveries`` rows
say which keys each rule has delivered. The snapshot moves on only once every
rule delivered every change it picks: a failed delivery is said, and the
next poll compares against the same snapshot and tries it again (also after
a restart), while what was delivered is not sent twice.

When alerts first run on a store, what it knows is taken as the snapshot, not
delivered: starting alerts on a store of years of news does not send years of
alerts. A rule added later starts from the snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from truceline.alerts.delivery import DeliveryError, deliver
from truceline.alerts.keys import StableNames
from truceline.alerts.rules import AlertsFile, Rule
from truceline.changes import changes
from truceline.record import PositionPoint
from truceline.record.derived import Change, DerivedRecord

if TYPE_CHECKING:
    from truceline.store import Store

BASELINE = ""
"""The key recording that a rule's baseline was taken."""


@dataclass
class Sent:
    """What one round of alerting did."""

    delivered: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)


def moved_positions(record: DerivedRecord) -> set[str]:
    """Keys of position changes whose party stated another stance on the issue before.

    Points are taken in date order (undated first, as :func:`truceline.changes.changes`
    orders a track); a track's first stance is news, not a move.
    """
    tracks: dict[tuple[str, str, str], list[PositionPoint]] = {}
    ordered = sorted(
        record.negotiation.positions, key=lambda p: (p.date is not None, p.date or dt.date.min)
    )
    for p in ordered:
        tracks.setdefault((p.process, p.party, p.issue), []).append(p)
    moved = set()
    for (process, party, issue), points in tracks.items():
        for i, p in enumerate(points):
            if any((q.stance, q.value) != (p.stance, p.value) for q in points[:i]):
                moved.add(f"position:{process}:{party}:{issue}:{p.story_event}")
    return moved


def picks(rule: Rule, change: Change, moved: set[str]) -> bool:
    """Whether ``rule`` wants ``change``."""
    if rule.process is not None and change.process != rule.process:
        return False
    if rule.actors and not set(rule.actors) & set(change.actors):
        return False
    if change.outlets < rule.min_outlets:
        return False
    if not rule.kinds:
        return True
    if change.kind in rule.kinds:
        return True
    return "position_moved" in rule.kinds and change.key in moved


def alert(rule: Rule, change: Change) -> dict[str, Any]:
    """The JSON object delivered: the rule's name and the change."""
    return {"rule": rule.name, **change.model_dump(mode="json")}


class Alerts:
    """The rules of an alerts file, delivering from ``store`` (open for writing)."""

    def __init__(
        self,
        store: Store,
        rules: AlertsFile,
        *,
        write: Callable[[str], None] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.store = store
        self.rules = rules.rules
        self.write = write
        self.sleep = sleep
        self.records_read = 0
        """How many times the stored record was read whole (the cheap path reads none)."""

    def current(self) -> DerivedRecord:
        """The stored record, read whole."""
        from truceline.asof import stored_record

        self.records_read += 1
        return stored_record(self.store)

    def take_baseline(self) -> None:
        """Keep what the store knows now as the snapshot, if none was taken; mark each rule
        that never ran as begun, so that it delivers only what changes from now on."""
        if self.store.alert_snapshot_state() is None:
            state = self.store.alert_state()
            named = StableNames(self.store).record(self.current())
            self.store.keep_alert_snapshot(state, _kept(named))
        for rule in self.rules:
            if not self.store.delivered_alerts(rule.name, [BASELINE]):
                self.store.record_alerts(rule.name, [BASELINE], how="baseline")

    def deliver_new(self) -> Sent:
        """Deliver each change since the snapshot a rule picks and has not delivered."""
        sent = Sent()
        state = self.store.alert_state()
        taken = self.store.alert_snapshot_state()
        if taken is None:
            self.take_baseline()
            return sent
        if taken == state:  # the cheap path: nothing moved, nothing read
            return sent
        kept = self.store.alert_snapshot()
        assert kept is not None
        names = StableNames(self.store)
        now = names.record(self.current())
        found = changes(kept[1], now)
        moved = moved_positions(now)
        for rule in self.rules:
            wanted = [c for c in found if picks(rule, c, moved)]
            done = self.store.delivered_alerts(rule.name, (c.key for c in wanted))
            for change in wanted:
                if change.key in done:
                    continue
                problem = self._deliver(rule, names.change(change))
                if problem is None:
                    self.store.record_alerts(rule.name, [change.key])
                    done.add(change.key)
                    sent.delivered += 1
                else:
                    sent.failed += 1
                    sent.problems.append(problem)
        if not sent.failed:
            self.store.keep_alert_snapshot(state, _kept(now))
        return sent

    def _deliver(self, rule: Rule, change: Change) -> str | None:
        """None once every target took the change, else why one did not."""
        options: dict[str, Any] = {"write": self.write}
        if self.sleep is not None:
            options["sleep"] = self.sleep
        try:
            for target in rule.to:
                deliver(alert(rule, change), target, **options)
        except DeliveryError as error:
            return f"alert {rule.name} {change.key}: not delivered, tried again later: {error}"
        return None


def _kept(record: DerivedRecord) -> DerivedRecord:
    """What of ``record`` the next comparison needs: all but its story events (the later
    record's own ground its changes), which are most of a record's size."""
    reconciliation = record.reconciliation.model_copy(update={"story_events": []})
    return record.model_copy(update={"reconciliation": reconciliation})
