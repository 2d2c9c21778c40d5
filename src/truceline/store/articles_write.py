"""Writing extraction records: many articles, their versions and events, in a few statements.

An article is keyed by its URL, or by ``sha256:<hash of its text>`` when it
has none (:func:`.articles.article_key`). Adding a text the article already
had (now or in an earlier version) changes nothing, which is what makes
re-ingesting a corpus, or resuming an interrupted load, safe. A new text of a
known URL becomes the next version: the previous version and its events are
flagged superseded (kept as history, left out of every query of current events).

:func:`add_records` stores a whole chunk of records the way adding them one by
one, in order, would leave the store (outcomes, ids, versions, flags), but in
a fixed number of statements whatever the chunk's size: one lookup of the keys
already stored and of their texts' hashes, the outcomes decided in memory,
row ids reserved up front (the next ids SQLite would give, or the values of
PostgreSQL's sequences), and every row of the chunk's articles, versions,
events and event roles written by :func:`.inserts.insert_rows` (COPY on
PostgreSQL, one prepared ``executemany`` on SQLite). Selects and inserts
per article, event and role loaded 9 to 50 articles/s into PostgreSQL on a
shared two-core machine, slowing as the store grew: weeks for an archive of
millions (bench/README.md, "Bulk load"). ``truceline ingest`` stores one
record with the same function, so the two paths cannot drift apart. The word
index follows by itself: SQLite's triggers on ``article_versions``,
PostgreSQL's expression indexes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, text, update

from truceline.record import Event, ExtractionRecord
from truceline.store.articles import (
    AddOutcome,
    article_key,
    key_groups,
    sourcing,
    text_sha256,
)
from truceline.store.inserts import insert_rows
from truceline.store.tables import (
    ArticleRow,
    ArticleVersionRow,
    EventActorRow,
    EventRow,
    OutletSourcesRow,
    Rows,
    ScreenedArticleRow,
)


@dataclass
class _Version:
    """One version a chunk adds: the record, its text, and where it goes."""

    key: str
    number: int
    record: ExtractionRecord
    text: str
    digest: str
    superseded: bool = False


@dataclass
class _Known:
    """What the store, then the chunk read so far, holds under one key."""

    article_id: int | None
    """None: an article new in this chunk (its id is reserved once the chunk is read)."""
    version: int
    digests: set[str]
    added: list[_Version] = field(default_factory=list)


def add_records(
    conn: Connection, items: Sequence[tuple[ExtractionRecord, str]]
) -> list[AddOutcome]:
    """Store ``items`` (each a record and its article's text) inside the caller's
    transaction, as adding them one by one in order would; each one's outcome."""
    digests = [text_sha256(body) for _, body in items]
    keys = [
        article_key(record.article.url, d) for (record, _), d in zip(items, digests, strict=True)
    ]
    # Stored now, so no longer screened out (a ``--no-screen`` re-ingest of a dropped article).
    for group in key_groups(list(dict.fromkeys(keys))):
        conn.execute(delete(ScreenedArticleRow).where(ScreenedArticleRow.key.in_(group)))
    known = _stored(conn, keys)
    outcomes, added = _decide(known, items, keys, digests)
    if added:
        _write(conn, known, added, dt.datetime.now(dt.UTC))
    return outcomes


def _stored(conn: Connection, keys: Sequence[str]) -> dict[str, _Known]:
    """The stored articles among ``keys``, with the hashes of every text each had."""
    a, v = ArticleRow, ArticleVersionRow
    known: dict[str, _Known] = {}
    for group in key_groups(list(dict.fromkeys(keys))):
        query = (
            select(a.key, a.id, a.current_version, v.text_sha256)
            .join(v, v.article_id == a.id)
            .where(a.key.in_(group))
        )
        for key, article_id, current, digest in conn.execute(query):
            known.setdefault(key, _Known(article_id, current, set())).digests.add(digest)
    return known


def _decide(
    known: dict[str, _Known],
    items: Sequence[tuple[ExtractionRecord, str]],
    keys: Sequence[str],
    digests: Sequence[str],
) -> tuple[list[AddOutcome], list[_Version]]:
    """Each item's outcome, and the versions to write, in the items' order."""
    outcomes: list[AddOutcome] = []
    added: list[_Version] = []
    for (record, body), key, digest in zip(items, keys, digests, strict=True):
        state = known.get(key)
        if state is not None and digest in state.digests:
            outcomes.append(AddOutcome.UNCHANGED)
            continue
        if state is None:
            state = known[key] = _Known(None, 0, set())
            outcomes.append(AddOutcome.ADDED)
        else:
            outcomes.append(AddOutcome.UPDATED)
        for earlier in state.added:
            earlier.superseded = True
        state.version += 1
        state.digests.add(digest)
        version = _Version(key, state.version, record, body, digest)
        state.added.append(version)
        added.append(version)
    return outcomes, added


def _write(
    conn: Connection, known: dict[str, _Known], added: list[_Version], now: dt.datetime
) -> None:
    # The counts of the last rebuild no longer hold: emptying the per-outlet ones says
    # so to readers (the cells stay, for the next rebuild to count again where it must).
    conn.execute(delete(OutletSourcesRow))
    revised = {k: s for k, s in known.items() if s.added and s.article_id is not None}
    _supersede(conn, [s.article_id for s in revised.values() if s.article_id is not None], now)
    fresh = list(dict.fromkeys(v.key for v in added if known[v.key].article_id is None))
    for key, article_id in zip(fresh, reserve_ids(conn, ArticleRow, len(fresh)), strict=True):
        known[key].article_id = article_id
    insert_rows(conn, ArticleRow, [_article_row(key, known[key]) for key in fresh])
    if revised:
        _update_articles(conn, list(revised.values()))
    version_ids = reserve_ids(conn, ArticleVersionRow, len(added))
    insert_rows(
        conn,
        ArticleVersionRow,
        [_version_row(i, known[v.key], v, now) for i, v in zip(version_ids, added, strict=True)],
    )
    _write_events(
        conn,
        [(i, known[v.key].article_id, v) for i, v in zip(version_ids, added, strict=True)],
    )


def _article_row(key: str, state: _Known) -> dict[str, Any]:
    meta, first = state.added[-1].record.article, state.added[0].record.article
    return {
        "id": state.article_id,
        "key": key,
        "source_id": meta.id,
        "url": first.url,
        "outlet": meta.outlet,
        "title": meta.title,
        "published": meta.published,
        "current_version": state.version,
    }


def _update_articles(conn: Connection, revised: list[_Known]) -> None:
    """A revised article takes its newest version's metadata (its URL, its key, stays)."""
    statement = (
        update(ArticleRow)
        .where(ArticleRow.id == bindparam("article_id"))
        .values(
            source_id=bindparam("source_id"),
            outlet=bindparam("outlet"),
            title=bindparam("title"),
            published=bindparam("published"),
            current_version=bindparam("current_version"),
        )
    )
    rows = []
    for state in revised:
        meta = state.added[-1].record.article
        rows.append(
            {
                "article_id": state.article_id,
                "source_id": meta.id,
                "outlet": meta.outlet,
                "title": meta.title,
                "published": meta.published,
                "current_version": state.version,
            }
        )
    conn.execute(statement, rows)


def _supersede(conn: Connection, article_ids: list[int], now: dt.datetime) -> None:
    """The stored current versions of ``article_ids``, and their events, become history."""
    for group in key_groups(article_ids):
        conn.execute(
            update(ArticleVersionRow)
            .where(ArticleVersionRow.article_id.in_(group), ArticleVersionRow.superseded.is_(False))
            .values(superseded=True, superseded_at=now)
        )
        conn.execute(
            update(EventRow)
            .where(EventRow.article_id.in_(group), EventRow.current.is_(True))
            .values(current=False)
        )


def _version_row(
    version_id: int, state: _Known, version: _Version, now: dt.datetime
) -> dict[str, Any]:
    meta = version.record.article
    return {
        "id": version_id,
        "article_id": state.article_id,
        "version": version.number,
        "text": version.text,
        "text_sha256": version.digest,
        "title": meta.title,
        "outlet": meta.outlet,
        "published": meta.published,
        "ingested_at": now,
        "superseded": version.superseded,
        "superseded_at": now if version.superseded else None,
        "record": version.record.model_dump(
            mode="json", exclude={"events": True, "article": {"text"}}
        ),
    }


def _write_events(conn: Connection, versions: list[tuple[int, int | None, _Version]]) -> None:
    """The events of each (version id, article id, version), current unless superseded."""
    count = sum(len(v.record.events) for _, _, v in versions)
    ids = iter(reserve_ids(conn, EventRow, count))
    rows: list[dict[str, Any]] = []
    numbered: list[tuple[int, Event]] = []
    for version_id, article_id, version in versions:
        for seq, event in enumerate(version.record.events):
            event_id = next(ids)
            rows.append(
                _event_row(event_id, version_id, article_id, seq, event, version.record)
                | {"current": not version.superseded}
            )
            numbered.append((event_id, event))
    insert_rows(conn, EventRow, rows)
    insert_rows(
        conn,
        EventActorRow,
        [
            {"event_id": event_id, "actor_id": actor, "role": role}
            for event_id, event in numbered
            for role, actor in _roles(event)
        ],
    )


def _event_row(
    event_id: int,
    version_id: int,
    article_id: int | None,
    seq: int,
    event: Event,
    record: ExtractionRecord,
) -> dict[str, Any]:
    meta = record.article
    return {
        "id": event_id,
        "version_id": version_id,
        "article_id": article_id,
        "seq": seq,
        "current": True,
        "type": event.type.value,
        "date": event.date,
        "modality": event.modality.value,
        "sourcing": sourcing(event),
        "source_actor": event.claim.source_actor,
        "source_text": event.claim.source_text,
        "outlet": meta.outlet,
        "published": meta.published,
        "payload": event.model_dump(mode="json"),
    }


def _roles(event: Event) -> set[tuple[str, str]]:
    """(role, actor id) pairs of an event, each once."""
    roles = {("actor", a) for a in event.actor}
    roles |= {("target", a) for a in event.target}
    roles |= {("mediator", a) for a in event.mediators}
    if event.claim.source_actor:
        roles.add(("source", event.claim.source_actor))
    return roles


def reserve_ids(conn: Connection, table: type[Rows], count: int) -> list[int]:
    """``count`` new ids of ``table``, ascending: the ones inserting rows one by one would get.

    SQLite gives a new row the largest id plus one; a write transaction
    there holds the database (``BEGIN IMMEDIATE``), so no other writer
    takes them meanwhile. PostgreSQL takes them from the column's sequence,
    which concurrent writers share safely.
    """
    if count == 0:
        return []
    name = table.__table__.name
    if conn.dialect.name == "postgresql":
        taken = conn.execute(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
            {"t": name, "n": count},
        ).scalars()
        return sorted(taken)
    top = conn.execute(select(func.coalesce(func.max(table.__table__.c.id), 0))).scalar_one()
    return list(range(top + 1, top + 1 + count))


def replace_events(conn: Connection, article_id: int, record: ExtractionRecord) -> int | None:
    """Re-extraction: ``record``'s events become the current events of the article's current
    version; the events they replace stay stored, as history (no longer current). The
    text is not touched: the same version, read again. Returns how many events it had
    before; None when the store has no such article."""
    version_id = conn.execute(
        select(ArticleVersionRow.id).where(
            ArticleVersionRow.article_id == article_id, ArticleVersionRow.superseded.is_(False)
        )
    ).scalar_one_or_none()
    if version_id is None:
        return None
    before = conn.execute(
        update(EventRow)
        .where(EventRow.article_id == article_id, EventRow.current.is_(True))
        .values(current=False)
    ).rowcount
    conn.execute(
        update(ArticleVersionRow)
        .where(ArticleVersionRow.id == version_id)
        .values(
            record=record.model_dump(mode="json", exclude={"events": True, "article": {"text"}})
        )
    )
    # The counts of the last rebuild no longer hold (as when a version is added).
    conn.execute(delete(OutletSourcesRow))
    version = _Version("", 0, record, "", "")
    _write_events(conn, [(version_id, article_id, version)])
    return before
