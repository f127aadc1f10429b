"""Deleted ports come back as they were: as-of, diff and ``find --history`` read the
values their delete history rows kept."""

from __future__ import annotations

from statetrace.history import all_runs, diff_host, find, host_as_of, mac_query
from statetrace.model import InterfaceRecord
from statetrace.store import open_store
from statetrace.store.base import DeviceInfo, HostChange, RunRecord

HOST = "WLLS-A01-AS-01"
GONE = InterfaceRecord(
    "Gi1/0/2", "Printer 2F", "connected", "30", learned_macs=("00aa.bbcc.0002",), config="x"
)
KEPT = InterfaceRecord("Gi1/0/1", "Desk 1", "connected", "10", learned_macs=("00aa.bbcc.0001",))


def _write(url: str) -> tuple[str, str]:
    """Day 1: both ports; day 2: Gi1/0/2 deleted.  Returns the two run ids."""
    store = open_store(url)
    site_store = store.open_site("WLLS", create=True)
    device = DeviceInfo(HOST, "WLLS", "cisco_ios")
    ids = []
    for number, change in enumerate(
        (
            HostChange(device, "h1", 1, "a.log", "1", 1, upserts=[KEPT, GONE]),
            HostChange(device, "h2", 1, "b.log", "1", 1, deletes=[GONE.port_key]),
        ),
        1,
    ):
        run = RunRecord(f"run-{number}", f"2026-11-2{number}T00:00:00.000000+00:00", 1)
        site_store.begin_run(run)
        site_store.apply(change, run)
        site_store.finish_run(run, {})
        ids.append(run.run_id)
    site_store.close()
    store.close()
    return ids[0], ids[1]


def test_a_deleted_port_is_back_as_of_before_its_deletion(store_url: str) -> None:
    first, _ = _write(store_url)
    store = open_store(store_url)
    runs = all_runs(store, ["WLLS"])
    site_store = store.open_site("WLLS")
    try:
        assert [r.port for r in site_store.interfaces(HOST)] == ["Gi1/0/1"]
        at = runs[first].finished_at or ""
        assert host_as_of(site_store, HOST, at) == [KEPT, GONE]
        (removed,) = diff_host(site_store, HOST, at, None)
        assert (removed.port, removed.change) == ("Gi1/0/2", "removed")
        assert ("name", "Printer 2F", "") in removed.fields
    finally:
        site_store.close()
        store.close()


def test_find_history_shows_the_deleted_ports_mac(store_url: str) -> None:
    _write(store_url)
    store = open_store(store_url)
    try:
        found = find(store, mac_query("00:aa:bb:cc:00:02"), ["WLLS"], history=True)
        assert [(s.port, s.current, s.description, s.vlan) for s in found] == [
            ("Gi1/0/2", False, "Printer 2F", "30")
        ]
        assert find(store, mac_query("00:aa:bb:cc:00:02"), ["WLLS"]) == []
    finally:
        store.close()
