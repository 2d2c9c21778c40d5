"""truceline's store: SQLite by default, PostgreSQL by URL, the schema migrated by Alembic.

>>> from truceline.store import Store, Filters
>>> with Store.open("sqlite:///truceline.db") as store:
...     store.story_events(Filters(process="israel-hamas"), limit=20)
"""

from truceline.store.articles import AddOutcome
from truceline.store.errors import StoreError
from truceline.store.filters import FilterError, Filters
from truceline.store.store import Store, StoreCounts, StoredArticle

__all__ = [
    "AddOutcome",
    "FilterError",
    "Filters",
    "Store",
    "StoreCounts",
    "StoreError",
    "StoredArticle",
]
