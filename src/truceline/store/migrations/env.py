"""Alembic environment: migrations run on the connection the store hands over.

truceline never runs Alembic from a command line of its own; the store opens
a connection, begins a transaction and passes it in ``config.attributes``.
"""

from __future__ import annotations

from alembic import context

from truceline.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
