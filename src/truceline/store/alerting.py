"""What alert rules have delivered: one row per (rule, change key).

``truceline.alerts`` asks which of the changes it found a rule has already
delivered, and records each delivery once it succeeded, so a restarted watch
delivers only what is new. A rule's baseline row (key ``''``) says that the
changes known when the rule first ran were recorded, not delivered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Connection, insert, select

from truceline.store.tables import AlertDeliveryRow


def delivered_keys(conn: Connection, rule: str, keys: Iterable[str]) -> set[str]:
    """Of ``keys``, those ``rule`` has delivered (or took as its baseline)."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):  # bounded IN lists
        rows = conn.execute(
            select(AlertDeliveryRow.key).where(
                AlertDeliveryRow.rule == rule,
                AlertDeliveryRow.key.in_(wanted[start : start + 500]),
            )
        )
        found.update(key for (key,) in rows)
    return found


def record_delivered(conn: Connection, rule: str, keys: Iterable[str], how: str) -> None:
    """Record ``keys`` as delivered by ``rule`` (``how``: delivered or baseline), now."""
    now = dt.datetime.now(dt.UTC)
    wanted = list(dict.fromkeys(keys))
    known = delivered_keys(conn, rule, wanted)
    fresh = [k for k in wanted if k not in known]
    if fresh:
        conn.execute(
            insert(AlertDeliveryRow),
            [{"rule": rule, "key": k, "how": how, "at": now} for k in fresh],
        )
