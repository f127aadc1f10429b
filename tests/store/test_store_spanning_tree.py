"""The spanning-tree tables on every backend: a store from before them is upgraded with
its data intact, and a change replaces a host's instances and appends their history."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from statetrace.model import InterfaceRecord
from statetrace.store import DeviceInfo, HostChange, RunRecord, open_store
from statetrace.store.base import SpanningTreeChange, SpanningTreeRow
from statetrace.store.schema import migrate
from statetrace.store.sqlite import site_store_path

HOST = "WLLS-A01-AS-01"
RUN = RunRecord("r1", "2026-11-30T00:00:00+00:00", 1)


def change(**values: object) -> HostChange:
    return HostChange(
        DeviceInfo(HOST, "WLLS", "cisco_ios"),
        "hash",
        10,
        "WLLS.accdb",
        "RunDate 2026-01-06T13:28:32",
        1,
        upserts=[InterfaceRecord("Gi1/0/1")],
        **values,  # type: ignore[arg-type]
    )


def downgrade(store_url: str) -> None:
    """Put the store back to the schema before the spanning-tree tables."""
    store = open_store(store_url)
    if store.url.backend == "sqlite":
        store.close()
        return
    conn = store.conn  # type: ignore[attr-defined]
    maria = store.url.backend == "odbc" and "statetrace_" in store.dialect.t("meta")  # type: ignore[attr-defined]
    if maria:
        statements = [
            "DROP TABLE statetrace_spanning_tree, statetrace_spanning_tree_changes",
            "UPDATE statetrace_meta SET value = '2' WHERE k = 'schema_version'",
        ]
    else:
        statements = [
            "DROP TABLE statetrace.spanning_tree, statetrace.spanning_tree_changes",
            "UPDATE statetrace.meta SET value = '2' WHERE key = 'schema_version'",
        ]
    cursor = conn.cursor()
    for statement in statements:
        cursor.execute(statement)
    conn.commit()
    store.close()


def test_a_store_from_before_is_upgraded_with_its_data(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    site = store.open_site("WLLS", create=True)
    site.apply(change(), RUN)
    site.close()
    store.close()
    downgrade(store_url)
    store = open_store(store_url)
    site = store.open_site("WLLS")
    assert [row.port for row in site.interfaces(HOST)] == ["Gi1/0/1"]
    assert site.spanning_tree() == [] and site.spanning_tree_changes() == []
    site.apply(change(spanning_tree=[SpanningTreeRow("VLAN0010", role="Root")]), RUN)
    assert [(row.vlan, row.role) for row in site.spanning_tree(HOST)] == [("VLAN0010", "Root")]
    site.close()
    store.close()


def test_sqlite_version_5_store_is_upgraded(tmp_path: Path) -> None:
    path = site_store_path(tmp_path, "WLLS")
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, str(path), target=5) == 0
    conn.close()
    store = open_store(f"sqlite:///{tmp_path}")
    site = store.open_site("WLLS")
    site.apply(change(spanning_tree=[SpanningTreeRow("MST0")]), RUN)
    assert [row.vlan for row in site.spanning_tree()] == ["MST0"]
    site.close()
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    assert conn.execute("SELECT schema_version FROM meta").fetchone() == (6,)
    conn.close()


def test_instances_are_replaced_and_history_appended(store_url: str) -> None:
    store = open_store(store_url)
    site = store.open_site("WLLS", create=True)
    first = [SpanningTreeRow("VLAN0010"), SpanningTreeRow("VLAN0002", "aabb.cc00.0100")]
    insert = SpanningTreeChange("access-1", "2026-01-06T13:28:32", HOST, "VLAN0002", "insert")
    site.apply(change(spanning_tree=first, spanning_tree_history=[insert]), RUN)
    assert [row.vlan for row in site.spanning_tree(HOST)] == ["VLAN0002", "VLAN0010"]
    site.apply(change(spanning_tree=[SpanningTreeRow("VLAN0010", role="Altn")]), RUN)
    assert [(row.vlan, row.role, row.updated_run) for row in site.spanning_tree()] == [
        ("VLAN0010", "Altn", "r1")
    ]
    assert site.spanning_tree_changes(HOST) == [insert]
    assert site.spanning_tree_changes("WLLS-OTHER") == []
    counts = site.counts()
    assert (counts.spanning_tree, counts.spanning_tree_changes) == (1, 1)
    site.close()
    store.close()


@pytest.mark.parametrize("text", ['O\'Brien "x"', "VLAN✓ 会議室", "tab\there"])
def test_text_round_trips(store_url: str, text: str) -> None:
    store = open_store(store_url)
    site = store.open_site("WLLS", create=True)
    site.apply(change(spanning_tree=[SpanningTreeRow(text, text, text, text, text)]), RUN)
    (row,) = site.spanning_tree(HOST)
    assert (row.vlan, row.root_switch, row.upstream) == (text, text, text)
    site.close()
    store.close()
