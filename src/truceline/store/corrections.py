"""The SQL of analysts' corrections: add, list, undo, and the report keys a rebuild matches.

Corrections are rows of their own table (:data:`.tables.corrections`); ingest
and rebuild never touch it. ``undo`` stamps ``undone_at`` instead of deleting,
so the history of who corrected what stays in the store.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, insert, select, update

from truceline.record import Correction
from truceline.store.tables import ArticleRow, CorrectionRow


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes: they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _correction(row: Any) -> Correction:
    payload = row.payload if isinstance(row.payload, dict) else {}
    return Correction.model_validate(
        {
            **payload,
            "id": row.id,
            "kind": row.kind,
            "author": row.author,
            "created_at": _aware(row.created_at),
            "note": row.note,
            "undone_at": _aware(row.undone_at),
        }
    )


def add_correction(conn: Connection, correction: Correction) -> Correction:
    """Store ``correction`` (its id is given by the store) and return it with its id."""
    payload = correction.model_dump(
        mode="json", include={"targets", "changes", "story"}, exclude_none=True
    )
    values = {
        "kind": correction.kind,
        "author": correction.author,
        "created_at": correction.created_at,
        "note": correction.note,
        "undone_at": correction.undone_at,
        "article_key": correction.targets[0].article if correction.targets else None,
        "payload": payload,
    }
    new_id = conn.execute(insert(CorrectionRow).values(**values)).inserted_primary_key[0]
    return correction.model_copy(update={"id": int(new_id)})


def corrections(conn: Connection, *, undone: bool = False) -> list[Correction]:
    """Corrections in the order they were made; ``undone``: those undone too."""
    query = select(CorrectionRow).order_by(CorrectionRow.id)
    if not undone:
        query = query.where(CorrectionRow.undone_at.is_(None))
    return [_correction(row) for row in conn.execute(query)]


def correction(conn: Connection, correction_id: int) -> Correction | None:
    row = conn.execute(select(CorrectionRow).where(CorrectionRow.id == correction_id)).first()
    return _correction(row) if row is not None else None


def undo_correction(conn: Connection, correction_id: int, when: dt.datetime) -> bool:
    """Stamp the correction undone; False when there is no such correction still in force."""
    done = conn.execute(
        update(CorrectionRow)
        .where(CorrectionRow.id == correction_id, CorrectionRow.undone_at.is_(None))
        .values(undone_at=when)
    )
    return bool(done.rowcount)


def article_keys(conn: Connection, article_ids: list[int] | None = None) -> dict[int, str]:
    """Article row id -> its stable key (URL, else hash of its text); all when ids are None."""
    query = select(ArticleRow.id, ArticleRow.key)
    if article_ids is None:
        return {i: k for i, k in conn.execute(query)}
    found: dict[int, str] = {}
    for start in range(0, len(article_ids), 500):  # bounded IN lists
        chunk = article_ids[start : start + 500]
        found.update({i: k for i, k in conn.execute(query.where(ArticleRow.id.in_(chunk)))})
    return found
