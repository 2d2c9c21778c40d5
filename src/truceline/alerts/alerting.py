"""Alerting: after each poll, deliver the changes each rule picks that it has not yet delivered.

The changes are those of the store's whole record against an empty one
(:func:`truceline.changes.changes`), so whatever was stored since the last
delivery (by this watch, an ``ingest`` meanwhile, or before a restart) is
found by its stable key, and the store's ``alert_deliveries`` rows say which
keys each rule has delivered. When a rule first runs, the changes already
known are recorded as its baseline, not delivered: starting alerts on a
store of years of news does not send years of alerts.

A change is recorded for a rule only once every target of the rule took it;
a failed delivery is said and tried again after the next poll.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from truceline.alerts.delivery import DeliveryError, deliver
from truceline.alerts.rules import AlertsFile, Rule
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

    def current(self) -> tuple[list[Change], set[str]]:
        """Every change of the stored record, and the keys of moved positions."""
        from truceline.asof import stored_record
        from truceline.changes import changes

        record = stored_record(self.store)
        return changes(DerivedRecord(), record), moved_positions(record)

    def take_baseline(self) -> None:
        """Record what is known now for each rule that never ran, without delivering it."""
        fresh = [r for r in self.rules if not self.store.delivered_alerts(r.name, [BASELINE])]
        if not fresh:
            return
        found, moved = self.current()
        for rule in fresh:
            keys = [c.key for c in found if picks(rule, c, moved)]
            self.store.record_alerts(rule.name, [BASELINE, *keys], how="baseline")

    def deliver_new(self) -> Sent:
        """Deliver each change a rule picks and has not delivered; record what was."""
        sent = Sent()
        found, moved = self.current()
        for rule in self.rules:
            wanted = [c for c in found if picks(rule, c, moved)]
            done = self.store.delivered_alerts(rule.name, (c.key for c in wanted))
            for change in wanted:
                if change.key in done:
                    continue
                problem = self._deliver(rule, change)
                if problem is None:
                    self.store.record_alerts(rule.name, [change.key])
                    sent.delivered += 1
                else:
                    sent.failed += 1
                    sent.problems.append(problem)
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
