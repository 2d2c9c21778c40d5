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
from collections.abc import Sequence

from pydantic import BaseModel
from sqlalchemy import Connection, bindparam, func, select, update

from truceline.extract.screened import ScreenedOut
from truceline.store.articles import article_key, key_groups
from truceline.store.inserts import insert_rows
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


def add_screened(conn: Connection, items: Sequence[ScreenedOut], now: dt.datetime) -> list[bool]:
    """Record ``items`` as screened out, as one by one in order would; False where nothing
    changed.

    Nothing is recorded when the same text is stored already (parsed by an
    earlier ``--no-screen`` ingest). The same text screened out again keeps
    its first row (and time); a changed text under the same URL replaces it.
    One lookup of the stored articles and one of the listed ones serve the
    whole list (a stream's archive is mostly screened out), then one insert
    and one update.
    """
    keys = [screened_key(item) for item in items]
    stored, listed = _known(conn, list(dict.fromkeys(keys)))
    fresh: dict[str, dict[str, object]] = {}
    changed: dict[str, dict[str, object]] = {}
    done: list[bool] = []
    for key, item in zip(keys, items, strict=True):
        if (key, item.text_sha256) in stored or listed.get(key) == item.text_sha256:
            done.append(False)
            continue
        values = _values(item, now)
        (changed if key in listed and key not in fresh else fresh)[key] = values
        listed[key] = item.text_sha256
        done.append(True)
    insert_rows(conn, ScreenedArticleRow, [{"key": k, **v} for k, v in fresh.items()])
    if changed:
        statement = (
            update(ScreenedArticleRow)
            .where(ScreenedArticleRow.key == bindparam("screened_key"))
            .values({name: bindparam(name) for name in next(iter(changed.values()))})
        )
        conn.execute(statement, [{"screened_key": k, **v} for k, v in changed.items()])
    return done


def _known(conn: Connection, keys: list[str]) -> tuple[set[tuple[str, str]], dict[str, str]]:
    """Of ``keys``: the (key, text hash) pairs stored as article versions, and the text
    hash each key listed as screened out has."""
    stored: set[tuple[str, str]] = set()
    listed: dict[str, str] = {}
    for group in key_groups(keys):
        versions = (
            select(ArticleRow.key, ArticleVersionRow.text_sha256)
            .join(ArticleRow, ArticleRow.id == ArticleVersionRow.article_id)
            .where(ArticleRow.key.in_(group))
        )
        stored.update((key, digest) for key, digest in conn.execute(versions))
        rows = select(ScreenedArticleRow.key, ScreenedArticleRow.text_sha256).where(
            ScreenedArticleRow.key.in_(group)
        )
        listed.update({key: digest for key, digest in conn.execute(rows)})
    return stored, listed


def _values(item: ScreenedOut, now: dt.datetime) -> dict[str, object]:
    return {
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
