"""truceline's store: SQLite by default, PostgreSQL by URL, the schema migrated by Alembic.

>>> from truceline.store import Store, Filters
>>> with Store.open("sqlite:///truceline.db") as store:
...     store.story_events(Filters(process="israel-hamas"), limit=20)
"""

from truceline.store.articles import AddOutcome, StoredArticle
from truceline.store.bulk import paused_gc
from truceline.store.config import ConfigFile, ConfigVersion
from truceline.store.derived_reads import DailyReleases
from truceline.store.errors import StoreError
from truceline.store.filters import FilterError, Filters
from truceline.store.reported import ArticleEvent
from truceline.store.screened import ScreenedArticle
from truceline.store.search import ArticleHit, SearchResults
from truceline.store.store import Store, StoreCounts
from truceline.store.tables import MAX_ROW_ID
from truceline.store.watching import WatchedSource

__all__ = [
    "MAX_ROW_ID",
    "AddOutcome",
    "ArticleEvent",
    "ArticleHit",
    "ConfigFile",
    "ConfigVersion",
    "DailyReleases",
    "FilterError",
    "Filters",
    "ScreenedArticle",
    "SearchResults",
    "Store",
    "StoreCounts",
    "StoreError",
    "StoredArticle",
    "WatchedSource",
    "paused_gc",
]
