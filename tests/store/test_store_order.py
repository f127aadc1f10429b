"""Reads in natural order: ports by type then number, devices by hostname."""

from __future__ import annotations

from store_helpers import change, device, run

from statetrace.model import InterfaceRecord
from statetrace.store.sqlite import SqliteSiteStore


def test_interfaces_come_in_natural_port_order(store: SqliteSiteStore) -> None:
    written = ["Te1/1/1", "Gi1/0/10", "Gi2/0/1", "Gi1/0/9", "Po1", "Gi1/0/1", "Vlan10", "Vlan2"]
    store.apply(change([InterfaceRecord(port) for port in written]), run(1))
    ordered = [row.port for row in store.interfaces("WLLS-A01-AS-01")]
    assert ordered == [
        "Gi1/0/1", "Gi1/0/9", "Gi1/0/10", "Gi2/0/1", "Po1", "Te1/1/1", "Vlan2", "Vlan10"
    ]  # fmt: skip


def test_unknown_host_has_no_interfaces(store: SqliteSiteStore) -> None:
    assert store.interfaces("WLLS-NOPE") == []


def test_devices_sorted_by_hostname(store: SqliteSiteStore) -> None:
    for host in ("WLLS-C", "WLLS-A", "WLLS-B"):
        store.apply(change(host=device(host)), run(1))
    assert [d.hostname for d in store.devices()] == ["WLLS-A", "WLLS-B", "WLLS-C"]
