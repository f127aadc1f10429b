"""KnownState: committed hosts go to a spool file, and the next snapshot is streamed from it."""

from pathlib import Path

from statetrace.engine.known_state import KnownState
from statetrace.snapshot import load_snapshot
from statetrace.store.base import HostState, StoreIdentity
from statetrace.store.sqlite import SqliteStore

STORE = StoreIdentity("sqlite", "A.sqlite", "store-a", 1)


def _state(host: str, ports: int, slice_hash: str = "h1") -> HostState:
    signatures = {f"Gi1/0/{p}": f"sig-{host}-{p}" for p in range(1, ports + 1)}
    return HostState(host, slice_hash, 2, signatures, "device", "content")


def _snapshot_hosts(known: KnownState, tmp_path: Path) -> dict[str, dict[str, HostState]]:
    path = known.write_snapshot(tmp_path / "snapshots")
    snapshot = load_snapshot(path, tmp_path / "Data")
    return {site: entry.hosts for site, entry in snapshot.sites.items()}


def test_committed_states_are_spooled_not_kept(tmp_path: Path):
    known = KnownState(SqliteStore.at(tmp_path / "Data"))
    first = known.committed("A", _state("A-1", 3), STORE)
    second = known.committed("A", _state("A-2", 2), STORE)
    assert (first.hosts, first.rows, first.host_delta, first.row_delta) == (1, 3, 1, 3)
    assert (second.hosts, second.rows, second.host_delta, second.row_delta) == (2, 5, 1, 2)
    assert known.sites == {}  # the run's states live in the spool, not in memory
    hosts = _snapshot_hosts(known, tmp_path)
    assert hosts == {"A": {"A-1": _state("A-1", 3), "A-2": _state("A-2", 2)}}
    known.close()


def test_snapshot_keeps_loaded_hosts_the_run_did_not_replace(tmp_path: Path):
    known = KnownState(SqliteStore.at(tmp_path / "Data"))
    known.committed("A", _state("A-1", 3), STORE)
    known.committed("A", _state("A-2", 3), STORE)
    loaded = KnownState(SqliteStore.at(tmp_path / "Data"))
    loaded.sites = load_snapshot(known.write_snapshot(tmp_path / "s1"), tmp_path / "Data").sites
    totals = loaded.committed("A", _state("A-2", 1, "h2"), StoreIdentity("sqlite", "A", "a", 2))
    loaded.parsed_unchanged("A", _state("A-1", 3, "h3"))
    loaded.parsed_unchanged("A", _state("A-9", 3))  # unknown host: nothing to remember
    assert (totals.hosts, totals.rows, totals.host_delta, totals.row_delta) == (2, 4, 0, -2)
    hosts = _snapshot_hosts(loaded, tmp_path)["A"]
    assert hosts == {"A-1": _state("A-1", 3, "h3"), "A-2": _state("A-2", 1, "h2")}
    known.close()
    loaded.close()


def test_forgotten_site_is_left_out_even_after_spooling(tmp_path: Path):
    known = KnownState(SqliteStore.at(tmp_path / "Data"))
    known.committed("A", _state("A-1", 2), STORE)
    known.committed("B", _state("B-1", 2), StoreIdentity("sqlite", "B", "b", 1))
    known.forget("A")
    assert set(_snapshot_hosts(known, tmp_path)) == {"B"}
    known.close()
