"""Applying host changes: inserts, per-field updates, deletes and their history rows."""

from __future__ import annotations

import json

import pytest
from store_helpers import SITE, change, changes, device, ports, query, run

from statetrace.model import InterfaceRecord
from statetrace.store.base import DeviceInfo, StoreError
from statetrace.store.sqlite import SqliteSiteStore

HOST = "WLLS-A01-AS-01"


def test_inserts_write_rows_and_one_history_row_each(store: SqliteSiteStore) -> None:
    rows = [
        InterfaceRecord("Gi1/0/1", name="Desk 1", status="connected", vlan="10"),
        InterfaceRecord("Gi1/0/2", vlan="trunk", learned_macs=("aaaa.bbbb.cccc", "dddd.eeee.ffff")),
    ]
    result = store.apply(change(rows), run(1))
    assert (result.inserted, result.updated, result.deleted) == (2, 0, 0)
    stored = store.interfaces(HOST)
    assert [(r.port, r.port_key, r.vlan, r.vlan_id) for r in stored] == [
        ("Gi1/0/1", "GigabitEthernet1/0/1", "10", 10),
        ("Gi1/0/2", "GigabitEthernet1/0/2", "trunk", None),
    ]
    assert stored[1].learned_macs == ("aaaa.bbbb.cccc", "dddd.eeee.ffff")
    assert [r.signature for r in stored] == [r.signature() for r in rows]
    assert {r.updated_run for r in stored} == {"run-1"}
    history = changes(store.path)
    assert [h[:4] for h in history] == [
        ("run-1", "Gi1/0/1", "insert", None),
        ("run-1", "Gi1/0/2", "insert", None),
    ]
    assert [h[5] for h in history] == [None, None]  # the row itself is in `interfaces`


def test_update_records_old_and_new_value_per_changed_field(store: SqliteSiteStore) -> None:
    store.apply(
        change([InterfaceRecord("Gi1/0/1", name="old", status="connected", vlan="10")]), run(1)
    )
    new = InterfaceRecord("Gi1/0/1", name="new", status="connected", vlan="20")
    result = store.apply(change([new]), run(2))
    assert (result.inserted, result.updated, result.deleted) == (0, 1, 0)
    assert changes(store.path)[1:] == [
        ("run-2", "Gi1/0/1", "update", "name", "old", "new"),
        ("run-2", "Gi1/0/1", "update", "vlan", "10", "20"),
    ]
    (stored,) = store.interfaces(HOST)
    assert (stored.name, stored.vlan_id, stored.updated_run) == ("new", 20, "run-2")
    assert stored.signature == new.signature()


def test_port_spelling_change_updates_the_same_key(store: SqliteSiteStore) -> None:
    store.apply(change([InterfaceRecord("Gi1/0/1")]), run(1))
    store.apply(change([InterfaceRecord("GigabitEthernet1/0/1")]), run(2))
    assert [r.port for r in store.interfaces(HOST)] == ["GigabitEthernet1/0/1"]
    assert changes(store.path)[-1] == (
        "run-2",
        "GigabitEthernet1/0/1",
        "update",
        "port",
        "Gi1/0/1",
        "GigabitEthernet1/0/1",
    )


def test_delete_records_old_values(store: SqliteSiteStore) -> None:
    store.apply(change(ports(3, status="connected")), run(1))
    result = store.apply(change(deletes=["GigabitEthernet1/0/2", "GigabitEthernet9/9/9"]), run(2))
    assert (result.inserted, result.updated, result.deleted) == (0, 0, 1)
    assert [r.port for r in store.interfaces(HOST)] == ["Gi1/0/1", "Gi1/0/3"]
    run_id, port, kind, field, old, new = changes(store.path)[-1]
    assert (run_id, port, kind, field, new) == ("run-2", "Gi1/0/2", "delete", None, None)
    assert json.loads(old)["status"] == "connected"


def test_unchanged_rows_are_not_rewritten(store: SqliteSiteStore) -> None:
    store.apply(change(ports(2)), run(1))
    result = store.apply(change(ports(2) + [InterfaceRecord("Gi1/0/3")]), run(2))
    assert (result.inserted, result.updated) == (1, 0)
    assert [r.updated_run for r in store.interfaces(HOST)] == ["run-1", "run-1", "run-2"]
    assert len(changes(store.path)) == 3


def test_device_row_is_written_only_when_it_changes(store: SqliteSiteStore) -> None:
    first = device(model="C9200L", uptime="1 day")
    store.apply(change(ports(1), host=first), run(1))
    store.apply(change([InterfaceRecord("Gi1/0/2")], host=first), run(2))
    sql = "SELECT model, uptime, updated_run FROM devices"
    assert query(store.path, sql) == [("C9200L", "1 day", "run-1")]
    store.apply(change([InterfaceRecord("Gi1/0/3")], host=device(model="C9300")), run(3))
    assert query(store.path, sql) == [("C9300", "", "run-3")]
    assert store.devices() == [DeviceInfo(HOST, SITE, "cisco_ios", "C9300")]


def test_ingest_history_is_replaced_per_host(store: SqliteSiteStore) -> None:
    store.apply(change(ports(1), slice_hash="h1"), run(1))
    store.apply(change(ports(2), slice_hash="h2"), run(2))
    assert query(
        store.path,
        "SELECT hostname, slice_hash, slice_size, source_file,"
        " source_lines, parser_version, run_id FROM ingest_history",
    ) == [(HOST, "h2", 1234, "captures/WLLS.log", "1-400", 1, "run-2")]


def test_port_keys_listed_twice_are_refused(store: SqliteSiteStore) -> None:
    twice = change([InterfaceRecord("Gi1/0/1"), InterfaceRecord("GigabitEthernet1/0/1")])
    with pytest.raises(StoreError, match=r"lists port keys twice: \['GigabitEthernet1/0/1'\]"):
        store.apply(twice, run(1))
    both = change([InterfaceRecord("Gi1/0/1")], deletes=["GigabitEthernet1/0/1"])
    with pytest.raises(StoreError, match="lists port keys twice"):
        store.apply(both, run(1))
    assert store.identity().generation == 0


def test_host_of_another_site_is_refused(store: SqliteSiteStore) -> None:
    other = DeviceInfo("BOYO-1", "BOYO", "cisco_ios")
    with pytest.raises(StoreError, match="BOYO-1: site 'BOYO' does not belong"):
        store.apply(change(ports(1), host=other), run(1))


def test_large_host_reads_previous_values_in_chunks(store: SqliteSiteStore) -> None:
    many = [InterfaceRecord(f"Gi{n // 100}/0/{n % 100}") for n in range(1200)]
    assert store.apply(change(many), run(1)).inserted == 1200
    renamed = [row._replace(name="x") for row in many]
    result = store.apply(change(renamed[:1100], deletes=[r.port_key for r in many[1100:]]), run(2))
    assert (result.inserted, result.updated, result.deleted) == (0, 1100, 100)
    assert len(store.interfaces(HOST)) == 1100


def test_upsert_keeps_equal_rows_even_when_misclassified(store: SqliteSiteStore) -> None:
    """The ON CONFLICT … WHERE signature <> guard, on its own, leaves equal rows alone.

    The store no longer reads rows before writing: equal rows handed in as upserts
    (a caller with a stale cache) reach the upsert, which must write and record nothing.
    """
    store.apply(change(ports(2)), run(1))
    result = store.apply(change(ports(2)), run(2))
    assert (result.inserted, result.updated, result.deleted) == (0, 0, 0)
    assert [r.updated_run for r in store.interfaces(HOST)] == ["run-1", "run-1"]
    assert len(changes(store.path)) == 2
