"""load_site_state: every host's history and signatures, one query per table."""

from __future__ import annotations

from store_helpers import change, device, ports, run

from statetrace.model import InterfaceRecord
from statetrace.store.base import HostState
from statetrace.store.sqlite import SqliteSiteStore


def test_empty_store_has_no_hosts(store: SqliteSiteStore) -> None:
    assert store.load_site_state() == {}


def test_state_matches_what_was_applied(store: SqliteSiteStore) -> None:
    a, b = device("WLLS-A", model="C9200L"), device("WLLS-B", version="4.28")
    rows_a = ports(3, status="connected")
    rows_b = [InterfaceRecord("Et1", vlan="trunk")]
    store.apply(change(rows_a, host=a, slice_hash="ha"), run(1))
    store.apply(change(rows_b, host=b, slice_hash="hb"), run(1))
    store.apply(change(deletes=["GigabitEthernet1/0/2"], host=a, slice_hash="ha2"), run(2))
    assert store.load_site_state() == {
        "WLLS-A": HostState(
            "WLLS-A",
            "ha2",
            1,
            {r.port_key: r.signature() for r in (rows_a[0], rows_a[2])},
            a.signature(),
        ),
        "WLLS-B": HostState("WLLS-B", "hb", 1, {"Ethernet1": rows_b[0].signature()}, b.signature()),
    }


def test_one_query_per_table_whatever_the_host_count(store: SqliteSiteStore) -> None:
    for n in range(40):
        store.apply(change(ports(2), host=device(f"WLLS-{n:02}")), run(1))
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    state = store.load_site_state()
    store._conn.set_trace_callback(None)
    assert len(state) == 40
    assert all(len(host.ports) == 2 for host in state.values())
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 3
