"""truceline over HTTP: the REST API under ``/api/`` and the dashboard, one FastAPI app.

>>> from truceline.store import Store
>>> from truceline.web import create_app
>>> app = create_app(Store.open("truceline.db"))   # doctest: +SKIP
"""

from truceline.web.app import create_app

__all__ = ["create_app"]
