"""A full rebuild leaves PostgreSQL's planner knowing the derived tables it rewrote.

Without statistics the planner guesses every filter's share of rows; after a
rebuild of a new store it has none until autovacuum samples the tables, a
minute or more later. The rebuild samples them itself (ANALYZE).
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from truceline import api
from truceline.store import Store


def analyzed(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(
            conn.execute(
                text(
                    "SELECT relname FROM pg_stat_user_tables "
                    "WHERE schemaname = current_schema() AND last_analyze IS NOT NULL"
                )
            ).scalars()
        )


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_a_full_rebuild_on_postgresql_analyzes_the_derived_tables(store: Store, records) -> None:
    for record in records.values():
        store.add(record)
    assert "story_events" not in analyzed(store)
    api.rebuild(store)
    assert {"story_events", "story_event_reports", "positions", "derived_outlets"} <= analyzed(
        store
    )
