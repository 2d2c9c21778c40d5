"""Stored articles: their keys, and reading them back (one, or a page, newest first).

An article is keyed by its URL, or by ``sha256:<hash of its text>`` when it
has none; :mod:`.articles_write` stores records under those keys, as new
articles or new versions of known ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, func, select

from truceline.record import Article, Event
from truceline.store.filters import Filters
from truceline.store.pager import column_reader, dated_then_undated
from truceline.store.queries import article_conditions
from truceline.store.tables import (
    ArticleRow,
    ArticleVersionRow,
)


class AddOutcome(StrEnum):
    """What adding a record did to the store."""

    ADDED = "added"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    SCREENED = "screened out"
    """A screened-out article (:class:`~truceline.extract.screened.ScreenedOut`) listed
    as such, or already listed."""


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_key(url: str | None, digest: str) -> str:
    """The stable key of an article: its URL, else the hash of its text."""
    return url if url else f"sha256:{digest}"


KEYS_PER_LOOKUP = 500
"""Keys per ``IN (...)`` of a lookup: well under SQLite's limit of bound parameters."""


def key_groups(keys: Sequence[Any]) -> Iterator[list[Any]]:
    """``keys`` (article keys, or ids) cut into groups of :data:`KEYS_PER_LOOKUP`, in order."""
    for start in range(0, len(keys), KEYS_PER_LOOKUP):
        yield list(keys[start : start + KEYS_PER_LOOKUP])


def sourcing(event: Event) -> str:
    """named, anonymous or unattributed: how the event's claim is sourced."""
    claim = event.claim
    if claim.anonymous:
        return "anonymous"
    if claim.source_actor or claim.source_text:
        return "named"
    return "unattributed"


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
