"""PostgreSQL's planner knows the derived tables: their sizes, and which values go together.

Without statistics the planner guesses every filter's share of rows; after a
rebuild of a new store it has none until autovacuum samples the tables, a
minute or more later, so the rebuild samples them itself (ANALYZE). A kept
link's kind and value go together (migration 0013): taken as independent, a
filter on a pair no row has is planned as if hundreds had it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from truceline import api
from truceline.store import Store
from truceline.store.inserts import insert_rows
from truceline.store.tables import DerivedTypeRow


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


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_the_planner_knows_a_kind_of_derived_row_never_has_a_type_others_have(
    store: Store,
) -> None:
    # Ledger entries are all releases; proposals never are.
    rows = [{"kind": "ledger", "derived": n, "type": "RELEASE"} for n in range(3000)]
    rows += [
        {"kind": "proposal", "derived": n, "type": ("PROPOSE", "REJECT")[n % 2]}
        for n in range(3000)
    ]
    with store.engine.begin() as conn:
        insert_rows(conn, DerivedTypeRow, rows)
    with store.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE derived_types"))
        plan = conn.execute(
            text(
                "EXPLAIN (FORMAT JSON) SELECT derived FROM derived_types "
                "WHERE kind = 'proposal' AND type = 'RELEASE'"
            )
        ).scalar_one()
    # Taken as independent, the two halves would make 1,500 expected rows.
    assert plan[0]["Plan"]["Plan Rows"] < 30
