"""What alert rules delivered, kept in the store (SQLite and PostgreSQL) so a restart sends once."""

from __future__ import annotations


def test_delivered_keys_are_kept_per_rule_and_recorded_once(store):
    assert store.delivered_alerts("deals", ["a", "b"]) == set()
    store.record_alerts("deals", ["a", "b", "a"])
    store.record_alerts("deals", ["b", "c"], how="baseline")  # b: already there, kept once
    assert store.delivered_alerts("deals", ["a", "b", "c", "d"]) == {"a", "b", "c"}
    assert store.delivered_alerts("releases", ["a", "b", "c"]) == set()


def test_many_keys_are_asked_in_bounded_batches(store):
    keys = [f"release:s{i}:hostages_released:undated:1" for i in range(1200)]
    store.record_alerts("releases", keys[::2])
    assert store.delivered_alerts("releases", keys) == set(keys[::2])
