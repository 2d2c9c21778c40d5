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


def test_the_record_alerts_compared_is_kept_with_its_state_and_replaced(store):
    from truceline.record import Proposal
    from truceline.record.derived import DerivedRecord
    from truceline.record.negotiation import Negotiation

    assert store.alert_snapshot_state() is None and store.alert_snapshot() is None
    tabled = Proposal(id="proposal:propose-1", process="gaza", status="tabled")
    record = DerivedRecord(negotiation=Negotiation(proposals=[tabled]))
    state = store.alert_state()
    store.keep_alert_snapshot(state, record)
    assert store.alert_snapshot_state() == state
    assert store.alert_snapshot() == (state, record)
    rejected = tabled.model_copy(update={"status": "rejected"})
    store.keep_alert_snapshot("later", DerivedRecord(negotiation=Negotiation(proposals=[rejected])))
    kept = store.alert_snapshot()
    assert kept is not None and kept[0] == "later"
    assert [p.status for p in kept[1].negotiation.proposals] == ["rejected"]
