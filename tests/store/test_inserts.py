"""The bulk writer: what it writes reads back as written, by INSERT and by PostgreSQL's COPY."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from truceline.store import Store
from truceline.store.inserts import COPY_FROM_ROWS, JsonText, insert_rows
from truceline.store.tables import LedgerEntryRow


def ledger_rows(n: int) -> list[dict]:
    return [
        {
            "row": i,
            "process": "isr-ham",
            "kind": "prisoners",
            "date": dt.date(2025, 1, 1) + dt.timedelta(days=i % 300) if i % 7 else None,
            "releaser": None if i % 5 == 0 else "ISR",
            "count": i,
            "round": None if i % 3 == 0 else i % 4,
            "disputed": i % 2,
            "payload": {"note": f'quote " and tab\\t {i}', "nested": [i, None, "é"], "n": i},
        }
        for i in range(1, n + 1)
    ]


@pytest.mark.parametrize("n", [3, COPY_FROM_ROWS + 1])
def test_rows_written_in_bulk_read_back_as_written(store: Store, n: int) -> None:
    rows = ledger_rows(n)
    with store.engine.begin() as conn:
        insert_rows(conn, LedgerEntryRow, rows)
    with store.engine.connect() as conn:
        found = conn.execute(select(LedgerEntryRow).order_by(LedgerEntryRow.row)).mappings().all()
    assert [dict(r) for r in found] == rows


@pytest.mark.parametrize("n", [3, COPY_FROM_ROWS + 1])
def test_payloads_given_as_json_text_are_stored_as_that_json(store: Store, n: int) -> None:
    rows = ledger_rows(n)
    as_text = [{**row, "payload": JsonText(json.dumps(row["payload"]))} for row in rows]
    with store.engine.begin() as conn:
        insert_rows(conn, LedgerEntryRow, as_text)
    with store.engine.connect() as conn:
        found = conn.execute(select(LedgerEntryRow).order_by(LedgerEntryRow.row)).mappings().all()
    assert [dict(r) for r in found] == rows


def test_bulk_rows_are_part_of_the_callers_transaction(store: Store) -> None:
    with pytest.raises(RuntimeError), store.engine.begin() as conn:
        insert_rows(conn, LedgerEntryRow, ledger_rows(COPY_FROM_ROWS + 1))
        raise RuntimeError("rolled back")
    with store.engine.connect() as conn:
        assert conn.execute(select(LedgerEntryRow.row).limit(1)).first() is None
