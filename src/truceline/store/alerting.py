"""What alert rules have delivered (one row per rule and change key), and the record they
last compared.

``truceline.alerts`` asks which of the changes it found a rule has already
delivered, and records each delivery once it succeeded, so a restarted watch
delivers only what is new. A rule's baseline row (key ``''``) says that the
changes known when the rule first ran were recorded, not delivered.

The snapshot (table ``alert_snapshots``) is the derived record alerts last
compared with its state digest (:func:`alert_state`): the next delivery diffs
the record against it, so a proposal's status moving or a position moving is a
change with what it was; and while the digest has not moved, nothing is read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from sqlalchemy import Connection, delete, func, insert, select

from truceline.store import subset
from truceline.store.tables import (
    AgreementRow,
    AlertDeliveryRow,
    AlertSnapshotRow,
    ArticleRow,
    ContradictionRow,
    EventRow,
    LedgerEntryRow,
    PositionRow,
    ProposalRow,
    StoryEventReportRow,
    StoryEventRow,
)

_DERIVED_COUNTED = (
    StoryEventRow,
    ProposalRow,
    PositionRow,
    AgreementRow,
    LedgerEntryRow,
    ContradictionRow,
)


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


def alert_state(conn: Connection) -> str:
    """A digest that moves when the record alerts read may have moved: the reported state
    (:func:`.subset.reported_state`) and the derived tables' row counts, so that a
    rebuild finishing after its reports were written is seen too. A few aggregate
    queries: the cheap check each delivery makes before reading any record."""
    counts = [
        conn.execute(select(func.count()).select_from(t)).scalar_one() for t in _DERIVED_COUNTED
    ]
    text = f"{subset.reported_state(conn)}:{counts}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def snapshot_state(conn: Connection, name: str) -> str | None:
    """The state digest the snapshot ``name`` was taken at; None if none was."""
    query = select(AlertSnapshotRow.state).where(AlertSnapshotRow.name == name)
    return conn.execute(query).scalar_one_or_none()


def snapshot(conn: Connection, name: str) -> tuple[str, str] | None:
    """The snapshot ``name``: (state digest, record JSON); None if none was taken."""
    query = select(AlertSnapshotRow.state, AlertSnapshotRow.record).where(
        AlertSnapshotRow.name == name
    )
    row = conn.execute(query).first()
    return None if row is None else (row.state, row.record)


def keep_snapshot(conn: Connection, name: str, state: str, record: str) -> None:
    """Replace the snapshot ``name`` with ``record`` (JSON) taken at ``state``."""
    conn.execute(delete(AlertSnapshotRow).where(AlertSnapshotRow.name == name))
    conn.execute(
        insert(AlertSnapshotRow).values(
            name=name, state=state, record=record, at=dt.datetime.now(dt.UTC)
        )
    )


def story_firsts(conn: Connection) -> dict[str, tuple[str, str, str]]:
    """Story event id -> (type, article key, evidence text) of its first report: what the
    story event stands for whatever row ids its reports get (:mod:`truceline.alerts.keys`).
    One query over the stored record's links."""
    first = (
        select(
            StoryEventReportRow.story_event.label("story"),
            func.min(StoryEventReportRow.event_id).label("event"),
        )
        .group_by(StoryEventReportRow.story_event)
        .subquery()
    )
    query = (
        select(StoryEventRow.id, StoryEventRow.type, ArticleRow.key, EventRow.payload)
        .join(first, first.c.story == StoryEventRow.row)
        .join(EventRow, EventRow.id == first.c.event)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
    )
    return {
        story: (kind, key, ((payload or {}).get("evidence") or {}).get("text", ""))
        for story, kind, key, payload in conn.execute(query)
    }
