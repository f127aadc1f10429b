"""Change history written by SQL: the update trigger, recorded inserts and deletes, exact counts."""

from __future__ import annotations

import json

from store_helpers import change, changes, device, every_field, ports, query, run

from statetrace.model import InterfaceRecord
from statetrace.store.sqlite import FIELDS, SqliteSiteStore

HOST = "WLLS-A01-AS-01"

FULL = every_field()


def test_update_trigger_records_every_field_in_field_order(store: SqliteSiteStore) -> None:
    store.apply(change([FULL]), run(1))
    changed = every_field("GigabitEthernet1/0/1", "2")
    result = store.apply(change([changed]), run(2))
    assert (result.inserted, result.updated) == (0, 1)
    history = changes(store.path)[1:]
    assert [h[3] for h in history] == list(FIELDS)
    old, new = FULL.semantic_values(), changed.semantic_values()
    assert history == [
        ("run-2", "GigabitEthernet1/0/1", "update", name, before, after)
        for name, before, after in zip(FIELDS, old, new, strict=True)
    ]


def test_signature_only_change_is_one_signature_row(store: SqliteSiteStore) -> None:
    """A stored signature from another algorithm, with every field equal."""
    first = change([FULL])
    first.signatures = {FULL.port_key: "older-algorithm"}
    store.apply(first, run(1))
    result = store.apply(change([FULL]), run(2))
    assert (result.inserted, result.updated) == (0, 1)
    assert changes(store.path)[1:] == [
        ("run-2", "Gi1/0/1", "update", "signature", "older-algorithm", FULL.signature())
    ]


def test_any_update_of_interfaces_is_recorded_by_the_trigger(store: SqliteSiteStore) -> None:
    store.apply(change([FULL]), run(1))
    conn = store._conn
    conn.execute("UPDATE interfaces SET status = 'down', updated_run = 'manual', updated_at = 'x'")
    conn.execute("UPDATE interfaces SET updated_at = 'y'")  # no field changed: nothing recorded
    assert changes(store.path)[1:] == [("manual", "Gi1/0/1", "update", "status", "s", "down")]
    triggers = query(store.path, "SELECT name FROM sqlite_master WHERE type = 'trigger'")
    assert sorted(triggers) == [
        ("interface_macs_delete",),
        ("interface_macs_update",),
        ("interfaces_history_update",),
    ]


def test_mixed_change_counts_and_history_come_from_sqlite(store: SqliteSiteStore) -> None:
    """History order: updates (trigger), inserts (both in upsert order), deletes (their order)."""
    store.apply(change(ports(4, status="up")), run(1))
    upserts = [
        InterfaceRecord("Gi1/0/9", status="new"),
        InterfaceRecord("Gi1/0/3", status="down"),
        InterfaceRecord("Gi1/0/2", status="up"),  # equal to the stored row: untouched
        InterfaceRecord("Gi1/0/7", status="new"),
        InterfaceRecord("Gi1/0/1", status="down"),
    ]
    deletes = ["GigabitEthernet1/0/4", "GigabitEthernet9/9/9"]
    result = store.apply(change(upserts, deletes=deletes), run(2))
    assert (result.inserted, result.updated, result.deleted) == (2, 2, 1)
    history = [h[:5] for h in changes(store.path)[4:]]
    assert history == [
        ("run-2", "Gi1/0/3", "update", "status", "up"),
        ("run-2", "Gi1/0/1", "update", "status", "up"),
        ("run-2", "Gi1/0/9", "insert", None, None),
        ("run-2", "Gi1/0/7", "insert", None, None),
        ("run-2", "Gi1/0/4", "delete", None, history[-1][4]),
    ]
    stored = {r.port: r.updated_run for r in store.interfaces(HOST)}
    assert stored == {f"Gi1/0/{n}": "run-2" for n in (1, 3, 7, 9)} | {"Gi1/0/2": "run-1"}


def test_insert_history_rows_carry_run_time_and_null_values(store: SqliteSiteStore) -> None:
    store.apply(change(ports(2)), run(1))
    store.apply(change([InterfaceRecord("Gi1/0/1", name="x")] + ports(3)[2:]), run(2))
    rows = query(
        store.path,
        "SELECT c.run_id, c.at = i.updated_at, c.hostname, c.port, c.field, c.old_value,"
        " c.new_value FROM interface_changes c JOIN interfaces i"
        " ON i.hostname = c.hostname AND i.port = c.port WHERE c.change = 'insert' ORDER BY c.id",
    )
    assert rows == [
        ("run-1", 0, HOST, "Gi1/0/1", None, None, None),  # updated since: a later time
        ("run-1", 1, HOST, "Gi1/0/2", None, None, None),
        ("run-2", 1, HOST, "Gi1/0/3", None, None, None),
    ]


def test_delete_history_holds_every_field_of_the_deleted_row(store: SqliteSiteStore) -> None:
    other = InterfaceRecord("Gi1/0/2", name="keep")
    store.apply(change([FULL, other]), run(1))
    result = store.apply(change(deletes=[FULL.port_key]), run(2))
    assert result.deleted == 1
    run_id, port, kind, field, old, new = changes(store.path)[-1]
    assert (run_id, port, kind, field, new) == ("run-2", "Gi1/0/1", "delete", None, None)
    assert json.loads(old) == dict(zip(FIELDS, FULL.semantic_values(), strict=True))
    assert list(json.loads(old)) == list(FIELDS)


def test_new_and_known_hosts_count_alike(store: SqliteSiteStore) -> None:
    a, b = device("WLLS-A"), device("WLLS-B")
    assert store.apply(change(ports(3), host=a), run(1)).inserted == 3
    assert store.apply(change(ports(2), host=b), run(1)).inserted == 2
    result = store.apply(change(ports(5, status="up"), host=b), run(2))
    assert (result.inserted, result.updated) == (3, 2)
    inserts = query(store.path, "SELECT hostname, count(*) FROM interface_changes GROUP BY 1")
    assert inserts == [("WLLS-A", 3), ("WLLS-B", 7)]
