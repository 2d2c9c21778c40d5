"""Articles the relevance screen kept from the parser: stored, so a stream's drops stay listable.

An ingest or a watch that screens an article out (:mod:`truceline.extract.screen`)
keeps a row of it here: its key (the URL, else the sha256 of its text, as for a
stored article), what identifies it to a reader, and the screen's reason. The
text is not kept: re-ingesting the same input with ``--no-screen`` parses it,
and storing the article removes its row
(:func:`~truceline.store.articles_write.add_records`), so an article is either stored
or listed as screened out, never both.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel
from sqlalchemy import Connection, func, insert, select, update

from truceline.extract.screened import ScreenedOut
from truceline.store.articles import article_key
from truceline.store.tables import ArticleRow, ArticleVersionRow, ScreenedArticleRow


class ScreenedArticle(BaseModel):
    """One screened-out article, as ``truceline screened`` and ``/api/screened`` list it."""

    key: str
    source_id: str | None = None
    url: str | None = None
    origin: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    reason: str
    screened_at: dt.datetime


def screened_key(item: ScreenedOut) -> str:
    """The key a stored article would have: its URL, else the hash of its text."""
    return article_key(item.url, item.text_sha256)


def add_screened(conn: Connection, item: ScreenedOut, now: dt.datetime) -> bool:
    """Record ``item`` as screened out; False when nothing changed.

    Nothing is recorded when the same text is stored already (parsed by an
    earlier ``--no-screen`` ingest). The same text screened out again keeps
    its first row (and time); a changed text under the same URL replaces it.
    """
    key = screened_key(item)
    stored = conn.execute(
        select(ArticleVersionRow.id)
        .join(ArticleRow, ArticleRow.id == ArticleVersionRow.article_id)
        .where(ArticleRow.key == key, ArticleVersionRow.text_sha256 == item.text_sha256)
    ).first()
    if stored is not None:
        return False
    found = conn.execute(
        select(ScreenedArticleRow.text_sha256).where(ScreenedArticleRow.key == key)
    ).first()
    if found is not None and found[0] == item.text_sha256:
        return False
    values = {
        "source_id": item.article_id,
        "url": item.url,
        "origin": item.origin,
        "outlet": item.outlet,
        "title": item.title,
        "published": item.published,
        "text_sha256": item.text_sha256,
        "reason": item.reason,
        "screened_at": now,
    }
    if found is None:
        conn.execute(insert(ScreenedArticleRow).values(key=key, **values))
    else:
        conn.execute(
            update(ScreenedArticleRow).where(ScreenedArticleRow.key == key).values(**values)
        )
    return True


def screened_articles(
    conn: Connection, since: dt.datetime | None = None, *, limit: int | None = None
) -> list[ScreenedArticle]:
    """The screened-out articles, newest first; ``since``: screened out at or after it."""
    query = select(ScreenedArticleRow).order_by(
        ScreenedArticleRow.screened_at.desc(), ScreenedArticleRow.key
    )
    if since is not None:
        query = query.where(ScreenedArticleRow.screened_at >= since)
    if limit is not None:
        query = query.limit(limit)
    return [_screened(row) for row in conn.execute(query)]


def count_screened(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(ScreenedArticleRow)).scalar_one())


def _screened(row) -> ScreenedArticle:  # type: ignore[no-untyped-def]
    values = dict(row._mapping)
    if values["screened_at"].tzinfo is None:  # SQLite gives back naive datetimes, written in UTC
        values["screened_at"] = values["screened_at"].replace(tzinfo=dt.UTC)
    values.pop("text_sha256")
    return ScreenedArticle(**values)
