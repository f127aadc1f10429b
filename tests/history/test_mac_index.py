"""SQLite's MAC index (schema version 5): kept in step with every write, and used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from statetrace.store import open_store
from statetrace.store.schema import migrate
from statetrace.store.sqlite import SqliteSiteStore, open_site_store, site_store_path


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """SQLite: these cases read SQLite's own index table and query plans (the other
    backends' MAC lookups are covered by test_find.py on every backend)."""
    return f"sqlite:///{tmp_path / 'Data'}"


def _macs(store: SqliteSiteStore) -> set[tuple[str, str, str]]:
    return set(store._conn.execute("SELECT mac, hostname, port_key FROM interface_macs"))


def _expected(store: SqliteSiteStore) -> set[tuple[str, str, str]]:
    return {
        (mac.replace(".", "").lower(), row.hostname, row.port_key)
        for row in store.iter_interfaces()
        for mac in [*row.learned_macs, row.auth_client_mac]
        if mac
    }


def test_index_holds_exactly_the_stored_macs_after_both_days(two_days) -> None:
    store = open_store(two_days.url)
    for site in store.sites():
        site_store = store.open_site(site)
        assert isinstance(site_store, SqliteSiteStore)
        assert _macs(site_store) == _expected(site_store)
        site_store.close()


def test_prefix_lookup_searches_the_index(two_days) -> None:
    store = open_store(two_days.url)
    site_store = store.open_site(store.sites()[0])
    assert isinstance(site_store, SqliteSiteStore)
    path = site_store.path
    site_store.close()
    conn = sqlite3.connect(path)
    plan = " ".join(
        row[3]
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT hostname, port_key FROM interface_macs"
            " WHERE mac >= ? AND mac < ?",
            ("00aa", "00aa~"),
        )
    )
    conn.close()
    assert "SEARCH interface_macs USING PRIMARY KEY (mac>? AND mac<?)" in plan


def test_upgrading_a_version_4_store_indexes_its_stored_macs(tmp_path) -> None:
    path = site_store_path(tmp_path, "WLLS")
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, str(path), target=4)
    conn.execute(
        "INSERT INTO interfaces (hostname, port, port_key, learned_macs, auth_client_mac,"
        " signature, updated_run, updated_at) VALUES ('WLLS-1', 'Gi1/0/1', 'GigabitEthernet1/0/1',"
        " 'AAbb.ccdd.eeff,0011.2233.4455', 'aabb.ccdd.eeff', 's', 'r', 't')"
    )
    conn.close()
    with open_site_store(tmp_path, "WLLS", create=False) as store:
        assert _macs(store) == {
            ("aabbccddeeff", "WLLS-1", "GigabitEthernet1/0/1"),
            ("001122334455", "WLLS-1", "GigabitEthernet1/0/1"),
        }
        assert [row.port for row in store.find_interfaces(mac_prefix="001122")] == ["Gi1/0/1"]
