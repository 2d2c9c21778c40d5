"""Writing one extraction record: an article, its version, its events, in one transaction.

An article is keyed by its URL, or by ``sha256:<hash of its text>`` when it
has none. Adding a text the article already had (now or in an earlier
version) changes nothing, which is what makes re-ingesting a corpus, or
resuming an interrupted ingest, safe. A new text of a known URL becomes the
next version: the previous version and its events are flagged superseded
(kept as history, left out of every query of current events).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, delete, func, insert, select, update

from truceline.record import Article, Event, ExtractionRecord
from truceline.store.filters import Filters
from truceline.store.pager import column_reader, dated_then_undated
from truceline.store.queries import article_conditions
from truceline.store.tables import (
    ArticleRow,
    ArticleVersionRow,
    EventActorRow,
    EventRow,
    OutletSourcesRow,
    ScreenedArticleRow,
)


class AddOutcome(StrEnum):
    """What adding a record did to the store."""

    ADDED = "added"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_key(url: str | None, digest: str) -> str:
    """The stable key of an article: its URL, else the hash of its text."""
    return url if url else f"sha256:{digest}"


def sourcing(event: Event) -> str:
    """named, anonymous or unattributed: how the event's claim is sourced."""
    claim = event.claim
    if claim.anonymous:
        return "anonymous"
    if claim.source_actor or claim.source_text:
        return "named"
    return "unattributed"


def add_record(conn: Connection, record: ExtractionRecord, text: str) -> AddOutcome:
    """Store ``record`` (whose article text is ``text``) inside the caller's transaction."""
    meta = record.article
    digest = text_sha256(text)
    key = article_key(meta.url, digest)
    now = dt.datetime.now(dt.UTC)
    # Stored now, so no longer screened out (a ``--no-screen`` re-ingest of a dropped article).
    conn.execute(delete(ScreenedArticleRow).where(ScreenedArticleRow.key == key))
    found = conn.execute(
        select(ArticleRow.id, ArticleRow.current_version).where(ArticleRow.key == key)
    ).first()
    if found is None:
        article_id = conn.execute(
            insert(ArticleRow)
            .values(
                key=key,
                source_id=meta.id,
                url=meta.url,
                outlet=meta.outlet,
                title=meta.title,
                published=meta.published,
                current_version=1,
            )
            .returning(ArticleRow.id)
        ).scalar_one()
        _add_version(conn, article_id, 1, record, text, digest, now)
        return AddOutcome.ADDED
    article_id, current = found
    seen = conn.execute(
        select(ArticleVersionRow.id).where(
            ArticleVersionRow.article_id == article_id, ArticleVersionRow.text_sha256 == digest
        )
    ).first()
    if seen is not None:
        return AddOutcome.UNCHANGED
    _supersede(conn, article_id, now)
    conn.execute(
        update(ArticleRow)
        .where(ArticleRow.id == article_id)
        .values(
            source_id=meta.id,
            outlet=meta.outlet,
            title=meta.title,
            published=meta.published,
            current_version=current + 1,
        )
    )
    _add_version(conn, article_id, current + 1, record, text, digest, now)
    return AddOutcome.UPDATED


def _supersede(conn: Connection, article_id: int, now: dt.datetime) -> None:
    conn.execute(
        update(ArticleVersionRow)
        .where(ArticleVersionRow.article_id == article_id, ArticleVersionRow.superseded.is_(False))
        .values(superseded=True, superseded_at=now)
    )
    conn.execute(
        update(EventRow)
        .where(EventRow.article_id == article_id, EventRow.current.is_(True))
        .values(current=False)
    )


def _add_version(
    conn: Connection,
    article_id: int,
    version: int,
    record: ExtractionRecord,
    text: str,
    digest: str,
    now: dt.datetime,
) -> None:
    meta = record.article
    # The counts of the last rebuild no longer hold: emptying the per-outlet ones says
    # so to readers (the cells stay, for the next rebuild to count again where it must).
    conn.execute(delete(OutletSourcesRow))
    version_id = conn.execute(
        insert(ArticleVersionRow)
        .values(
            article_id=article_id,
            version=version,
            text=text,
            text_sha256=digest,
            title=meta.title,
            outlet=meta.outlet,
            published=meta.published,
            ingested_at=now,
            superseded=False,
            record=record.model_dump(mode="json", exclude={"events": True, "article": {"text"}}),
        )
        .returning(ArticleVersionRow.id)
    ).scalar_one()
    _insert_events(conn, version_id, article_id, record)


def _insert_events(
    conn: Connection, version_id: int, article_id: int, record: ExtractionRecord
) -> None:
    """The events of ``record`` as the current events of one article version."""
    meta = record.article
    if not record.events:
        return
    rows = [
        {
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
        for seq, event in enumerate(record.events)
    ]
    ids = conn.execute(
        insert(EventRow).returning(EventRow.id, sort_by_parameter_order=True), rows
    ).scalars()
    actors = [
        {"event_id": event_id, "actor_id": actor, "role": role}
        for event_id, event in zip(ids, record.events, strict=True)
        for role, actor in _roles(event)
    ]
    if actors:
        conn.execute(insert(EventActorRow), actors)


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
    _insert_events(conn, version_id, article_id, record)
    return before


def stored_article(conn: Connection, article_id: int) -> Article | None:
    """The current version of an article as the readers gave it (metadata and text), to be
    extracted again."""
    row = conn.execute(
        select(ArticleVersionRow.text, ArticleVersionRow.record).where(
            ArticleVersionRow.article_id == article_id, ArticleVersionRow.superseded.is_(False)
        )
    ).first()
    if row is None:
        return None
    meta = dict((row.record or {}).get("article") or {})
    return Article.model_validate({**meta, "text": row.text})


def _roles(event: Event) -> set[tuple[str, str]]:
    """(role, actor id) pairs of an event, each once."""
    roles = {("actor", a) for a in event.actor}
    roles |= {("target", a) for a in event.target}
    roles |= {("mediator", a) for a in event.mediators}
    if event.claim.source_actor:
        roles.add(("source", event.claim.source_actor))
    return roles


class StoredArticle(BaseModel):
    """An article as stored: its metadata, version, and (when asked for) its text."""

    id: int
    key: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    version: int
    versions: int
    superseded: bool = False
    ingested_at: dt.datetime
    text: str | None = None


def read_article(
    conn: Connection,
    *,
    article_id: int | None = None,
    version_id: int | None = None,
    with_text: bool,
) -> StoredArticle | None:
    a, v = ArticleRow, ArticleVersionRow
    columns = [
        a.id,
        a.key,
        a.url,
        v.outlet,
        v.title,
        v.published,
        v.version,
        a.current_version,
        v.superseded,
        v.ingested_at,
    ]
    if with_text:
        columns.append(v.text)
    query = select(*columns).join(v, v.article_id == a.id)
    if version_id is not None:
        query = query.where(v.id == version_id)
    else:
        query = query.where(a.id == article_id, v.version == a.current_version)
    row = conn.execute(query).first()
    if row is None:
        return None
    return StoredArticle(
        id=row.id,
        key=row.key,
        url=row.url,
        outlet=row.outlet,
        title=row.title,
        published=row.published,
        version=row.version,
        versions=row.current_version,
        superseded=row.superseded,
        ingested_at=row.ingested_at,
        text=row.text if with_text else None,
    )


def count_articles(conn: Connection, filters: Filters | None) -> int:
    query = select(func.count()).select_from(ArticleRow).where(*article_conditions(filters))
    return int(conn.execute(query).scalar_one())


_ARTICLE_COLUMNS = (
    ArticleRow.id,
    ArticleRow.key,
    ArticleRow.url,
    ArticleRow.current_version.label("versions"),
    ArticleVersionRow.outlet,
    ArticleVersionRow.title,
    ArticleVersionRow.published,
    ArticleVersionRow.version,
    ArticleVersionRow.superseded,
    ArticleVersionRow.ingested_at,
)
"""A :class:`StoredArticle`'s fields (no text), named as its fields are."""


def newest_first(
    conn: Connection,
    where: list[Any],
    *,
    limit: int | None,
    offset: int,
    join_version: bool = False,
) -> list[int]:
    """Ids of a page of articles, newest publication first (undated last), then by id."""
    a, v = ArticleRow, ArticleVersionRow

    def ids(*extra: Any) -> Any:
        query = select(a.id)
        if join_version:
            query = query.join(v, (v.article_id == a.id) & (v.version == a.current_version))
        return query.where(*where, *extra)

    dated = ids(a.published.is_not(None)).order_by(a.published.desc(), a.id)
    undated = ids(a.published.is_(None)).order_by(a.id)

    def count_dated() -> int:
        count = select(func.count()).select_from(dated.order_by(None).subquery())
        return int(conn.execute(count).scalar_one())

    read_dated, read_undated = column_reader(conn, dated), column_reader(conn, undated)
    return dated_then_undated(read_dated, count_dated, read_undated, limit=limit, offset=offset)


def articles(
    conn: Connection, filters: Filters | None, *, limit: int | None, offset: int
) -> list[StoredArticle]:
    """A page of articles at their current version (no text), newest first, in two
    or three queries (not one per article)."""
    a, v = ArticleRow, ArticleVersionRow
    ids = newest_first(conn, article_conditions(filters), limit=limit, offset=offset)
    query = (
        select(*_ARTICLE_COLUMNS)
        .join(v, (v.article_id == a.id) & (v.version == a.current_version))
        .where(a.id.in_(ids))
    )
    rows = {r.id: r for r in conn.execute(query)}
    return [StoredArticle.model_validate(dict(rows[i]._mapping)) for i in ids if i in rows]
