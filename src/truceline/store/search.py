"""Word search over articles and story events, served by each database's own full-text index.

A query is cut into words (letters and digits; case ignored, accents kept),
and a row matches when it holds every word, each as a word or the start of
one: "hostage talk" finds "hostages" and "talks". Matching words through an
index reads only the rows that hold them, whatever the store's size; the
substring scan it replaces read every article's text for a phrase found nowhere.

* SQLite: FTS5 tables. ``article_words`` indexes the title, text and outlet
  of every article version (external content: the text is not stored twice),
  kept by triggers on ``article_versions``; ``story_event_words`` indexes the
  strings of each story event's record (actors, terms, outlets, evidence),
  written with the derived layer at every rebuild.
* PostgreSQL: GIN indexes on ``to_tsvector('simple', ...)`` of the same
  columns, kept by the database; the ``simple`` configuration, like FTS5's
  ``unicode61`` tokenizer, neither stems nor drops stop words.

The indexes are created by migration 0005. The conditions below repeat the
indexed expressions word for word: PostgreSQL uses an expression index only
for the very expression it was built on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Connection, Integer, select, text

from truceline.record import StoryEvent
from truceline.store.articles import newest_first
from truceline.store.pager import column_reader, dated_then_undated
from truceline.store.tables import ArticleRow, ArticleVersionRow, StoryEventRow

MAX_WORDS = 12
"""Words of a query beyond this are ignored (a pasted paragraph is not a search)."""

_WORD = re.compile(r"[^\W_]+")

ARTICLE_WORDS = "article_words"
STORY_EVENT_WORDS = "story_event_words"

_ARTICLE_DOCUMENT = (
    "to_tsvector('simple', coalesce({t}title, '') || ' ' || {t}text || ' ' || "
    "coalesce({t}outlet, ''))"
)
"""The PostgreSQL document of an article version (``{t}``: the table's prefix, if any)."""

_STORY_EVENT_DOCUMENT = "to_tsvector('simple', {t}payload)"
"""The PostgreSQL document of a story event: the strings of its JSON record."""

TOKENIZER = "unicode61 remove_diacritics 0"
"""Accents kept, as PostgreSQL's ``simple`` keeps them (folding them there needs an extension)."""


def words(query: str) -> list[str]:
    """The words a query asks for, lower-cased, at most :data:`MAX_WORDS`."""
    return _WORD.findall(query.lower())[:MAX_WORDS]


def _fts5_query(found: list[str]) -> str:
    # Each word quoted (no FTS5 syntax can come from the user) and open at its end.
    return " ".join(f'"{w}"*' for w in found)


def _tsquery(found: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in found)


def articles_matching(conn: Connection, found: list[str]) -> ColumnElement[bool]:
    """A condition on ``article_versions``: the version holds every word of ``found``."""
    if conn.dialect.name == "postgresql":
        return _ts_matching(_ARTICLE_DOCUMENT.format(t="article_versions."), ARTICLE_WORDS, found)
    return _fts5_matching(conn, ArticleVersionRow.id, ARTICLE_WORDS, found)


def story_events_matching(conn: Connection, found: list[str]) -> ColumnElement[bool]:
    """A condition on ``story_events``: its record holds every word of ``found``."""
    if conn.dialect.name == "postgresql":
        document = _STORY_EVENT_DOCUMENT.format(t="story_events.")
        return _ts_matching(document, STORY_EVENT_WORDS, found)
    return _fts5_matching(conn, StoryEventRow.row, STORY_EVENT_WORDS, found)


def _ts_matching(document: str, name: str, found: list[str]) -> ColumnElement[bool]:
    """``document @@ query``; ``name`` keeps the bound words apart when both are used."""
    condition = text(f"{document} @@ to_tsquery('simple', :{name})")
    return condition.bindparams(**{name: _tsquery(found)})


FEW_MATCHES = 2000
"""Up to this many matching rows, SQLite starts from them; beyond, from the date order.

Starting from the matches costs in proportion to their number (each is
looked up, then all are sorted); walking the date index until a page is
full costs the rows read before the page's last match, few when many
match. PostgreSQL weighs the same from its statistics.
"""


def _fts5_matching(
    conn: Connection, key: ColumnElement[int], table: str, found: list[str]
) -> ColumnElement[bool]:
    query = _fts5_query(found)
    matches = int(
        conn.execute(
            text(f"SELECT count(*) FROM {table} WHERE {table} MATCH :q"), {"q": query}
        ).scalar_one()
    )
    ids = text(f"SELECT rowid FROM {table} WHERE {table} MATCH :{table}")
    ids = ids.bindparams(**{table: query}).columns(rowid=Integer)
    # ``key + 0`` hides the key's index from SQLite, so the query walks its ORDER BY's.
    return key.in_(ids) if matches <= FEW_MATCHES else (key + 0).in_(ids)


def strings(value: Any) -> Iterable[str]:
    """Every string in a JSON value, depth first: what PostgreSQL's jsonb document indexes."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def clear_story_events(conn: Connection) -> None:
    """Forget every story event's words (before the derived layer is written anew)."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(f"INSERT INTO {STORY_EVENT_WORDS}({STORY_EVENT_WORDS}) VALUES ('delete-all')")
        )


def index_story_events(conn: Connection, rows: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Index the words of story events given as (row, JSON record); PostgreSQL's index keeps itself."""
    if conn.dialect.name != "sqlite":
        return
    values = [{"row": row, "body": " ".join(strings(record))} for row, record in rows]
    if values:
        conn.execute(
            text(f"INSERT INTO {STORY_EVENT_WORDS}(rowid, body) VALUES (:row, :body)"), values
        )


def forget_story_events(conn: Connection, rows: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Forget the words of story events given as (row, JSON record as written), before those
    rows are deleted; PostgreSQL's index keeps itself. A contentless FTS5 table forgets a row
    only when told the words it indexed, which the stored record gives again."""
    if conn.dialect.name != "sqlite":
        return
    values = [{"row": row, "body": " ".join(strings(record))} for row, record in rows]
    if values:
        conn.execute(
            text(
                f"INSERT INTO {STORY_EVENT_WORDS}({STORY_EVENT_WORDS}, rowid, body)"
                " VALUES ('delete', :row, :body)"
            ),
            values,
        )


def sqlite_ddl() -> list[str]:
    """The FTS5 tables and the triggers that keep ``article_words`` in step with its versions."""
    columns = "title, text, outlet"
    new = "new.id, new.title, new.text, new.outlet"
    old = "old.id, old.title, old.text, old.outlet"
    forget = (
        f"INSERT INTO {ARTICLE_WORDS}({ARTICLE_WORDS}, rowid, {columns}) VALUES ('delete', {old});"
    )
    learn = f"INSERT INTO {ARTICLE_WORDS}(rowid, {columns}) VALUES ({new});"
    return [
        f"CREATE VIRTUAL TABLE {ARTICLE_WORDS} USING fts5({columns}, content='article_versions',"
        f" content_rowid='id', tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER {ARTICLE_WORDS}_insert AFTER INSERT ON article_versions BEGIN {learn} END",
        f"CREATE TRIGGER {ARTICLE_WORDS}_delete AFTER DELETE ON article_versions BEGIN {forget} END",
        f"CREATE TRIGGER {ARTICLE_WORDS}_update AFTER UPDATE OF {columns} ON article_versions"
        f" BEGIN {forget} {learn} END",
        f"INSERT INTO {ARTICLE_WORDS}({ARTICLE_WORDS}) VALUES ('rebuild')",
        f"CREATE VIRTUAL TABLE {STORY_EVENT_WORDS} USING fts5(body, content='',"
        f" tokenize='{TOKENIZER}')",
    ]


def postgresql_ddl() -> list[str]:
    return [
        "CREATE INDEX ix_article_versions_words ON article_versions"
        f" USING gin (({_ARTICLE_DOCUMENT.format(t='')}))",
        "CREATE INDEX ix_story_events_words ON story_events"
        f" USING gin (({_STORY_EVENT_DOCUMENT.format(t='')}))",
    ]


class ArticleHit(BaseModel):
    id: int
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    snippet: str = Field(description="The text around the first match, plain text.")


class SearchResults(BaseModel):
    """What ``/search?q=`` finds: articles (title, text, outlet) and story events.

    Both hold every word of the query (each word may start a longer one).
    """

    query: str
    articles: list[ArticleHit]
    story_events: list[StoryEvent]


SNIPPET_SIDE = 80


def _snippet(text: str, found: list[str]) -> str:
    """The text around the first place a word of the query starts (case ignored)."""
    lowered = text.lower()
    starts = [m.start() for w in found if (m := re.search(rf"\b{re.escape(w)}", lowered))]
    if not starts:  # matched in the title or the outlet, or through folded accents
        return text[: 2 * SNIPPET_SIDE] + ("…" if len(text) > 2 * SNIPPET_SIDE else "")
    at = min(starts)
    start, end = max(0, at - SNIPPET_SIDE), min(len(text), at + SNIPPET_SIDE)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search(conn: Connection, q: str, *, limit: int = 50) -> SearchResults:
    """Articles whose current title, text or outlet hold every word of ``q``, newest
    first, and story events whose record (actors, terms, outlets, evidence) does,
    by date; each word may start a longer one; at most ``limit`` of each.

    The matching is the store's word index (:mod:`truceline.store.search`).
    """
    found = words(q)
    if not found:
        return SearchResults(query=q, articles=[], story_events=[])
    a, v, se = ArticleRow, ArticleVersionRow, StoryEventRow
    holds = articles_matching(conn, found)
    ids = newest_first(conn, [holds], limit=limit, offset=0, join_version=True)
    told = story_events_matching(conn, found)
    dated = select(se.payload).where(told, se.date.is_not(None)).order_by(se.date, se.id)
    undated = select(se.payload).where(told, se.date.is_(None)).order_by(se.id)
    articles = (
        select(a.id, v.title, v.outlet, v.published, v.text)
        .join(v, (v.article_id == a.id) & (v.version == a.current_version))
        .where(a.id.in_(ids))
    )
    by_id = {r.id: r for r in conn.execute(articles)}
    rows = [by_id[i] for i in ids if i in by_id]
    # Dated first along the date index (the reading stops at ``limit`` hits), then undated.
    payloads = dated_then_undated(
        column_reader(conn, dated), lambda: 0, column_reader(conn, undated), limit=limit, offset=0
    )
    events = [StoryEvent.model_validate(p) for p in payloads]
    hits = [
        ArticleHit(
            id=r.id,
            title=r.title,
            outlet=r.outlet,
            published=r.published,
            snippet=_snippet(r.text, found),
        )
        for r in rows
    ]
    return SearchResults(query=q, articles=hits, story_events=events)
