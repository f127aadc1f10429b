"""Spanning tree (SpanInfo, SpanHistory) on Access-shaped rows: mapping, import on every
backend, history, re-import, newer-data protection, rollback, round trips, compare, show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from access_rows import (
    database,
    history,
    interface_row,
    span_history,
    span_row,
    summary_row,
)

from statetrace.access import import_databases
from statetrace.access.compare import compare_databases
from statetrace.access.importing import FAILED, IMPORTED, NEWER, UNCHANGED
from statetrace.access.mapping import access_hosts, spanning_tree_history
from statetrace.access.reader import AccessError, AccessTable, check_columns
from statetrace.cli import main
from statetrace.model import InterfaceRecord
from statetrace.store import DeviceInfo, HostChange, RunRecord, StoreError, open_store
from statetrace.store.base import SpanningTreeChange, SpanningTreeRow
from statetrace.store.copy import copy_store
from statetrace.store.digest import store_digest

HOST, OTHER = "WLLS-A01-AS-01", "WLLS-A01-AS-02"
LATER = "2026-01-07 08:00:00"
RUN = "access-20260106132832"
AT = "2026-01-06T13:28:32"


def instances(host: str = HOST) -> list[dict[str, object]]:
    """Two VLAN instances: root port uplink, and VLAN 20 where this switch is root."""
    return [
        span_row(host, "VLAN0010"),
        span_row(host, "VLAN0020", RootSwitch="aabb.cc00.0100", RootPort="", Role="Desg"),
    ]


def site_db(path: Path, spans: list[dict[str, object]], **tables: object) -> object:
    """Two hosts with one port each; ``spans`` is HOST's (and maybe OTHER's) SpanInfo."""
    ports = [interface_row(HOST, "Gi1/0/1"), interface_row(OTHER, "Gi1/0/1")]
    return database(path, [summary_row(HOST), summary_row(OTHER)], ports, span_info=spans, **tables)  # type: ignore[arg-type]


def stored(store_url: str) -> tuple[list[tuple[str, ...]], list[SpanningTreeChange]]:
    store = open_store(store_url)
    site = store.open_site("WLLS")
    try:
        current = [
            (r.hostname, r.vlan, r.root_switch, r.root_port, r.role, r.upstream)
            for r in site.spanning_tree()
        ]
        return current, site.spanning_tree_changes()
    finally:
        site.close()
        store.close()


def site_state(store_url: str) -> tuple[object, ...]:
    store = open_store(store_url)
    site = store.open_site("WLLS")
    try:
        return site.counts(), site.identity().generation, site.dump()
    finally:
        site.close()
        store.close()


def test_snapshots_become_inserts_updates_and_deletes() -> None:
    first = [span_row(HOST, "VLAN0010"), span_row(HOST, "VLAN0020")]
    second = [span_row(HOST, "VLAN0010", RootPort="Gi1/0/47", Upstream="Gi1/0/47")]
    events = spanning_tree_history(HOST, [*span_history(first), *span_history(second, LATER)])
    later_run, later_at = "access-20260107080000", "2026-01-07T08:00:00"
    gone = {"vlan": "VLAN0020", "root_switch": "0011.2233.4455", "root_port": "Gi1/0/48"}
    gone |= {"role": "Root", "upstream": "Gi1/0/48"}
    assert events == [
        SpanningTreeChange(RUN, AT, HOST, "VLAN0010", "insert"),
        SpanningTreeChange(RUN, AT, HOST, "VLAN0020", "insert"),
        SpanningTreeChange(
            later_run, later_at, HOST, "VLAN0010", "update", "root_port", "Gi1/0/48", "Gi1/0/47"
        ),
        SpanningTreeChange(
            later_run, later_at, HOST, "VLAN0010", "update", "upstream", "Gi1/0/48", "Gi1/0/47"
        ),
        SpanningTreeChange(
            later_run,
            later_at,
            HOST,
            "VLAN0020",
            "delete",
            None,
            json.dumps(gone, separators=(",", ":")),
        ),
    ]


def test_import_writes_instances_and_history(store_url: str, tmp_path: Path) -> None:
    summary = import_databases([site_db(tmp_path / "a.accdb", instances())], store_url)
    assert summary.ok and [h.outcome for h in summary.hosts] == [IMPORTED, IMPORTED]
    totals = summary.totals()
    assert totals["spanning_tree_rows_written"] == 2
    assert totals["history_rows_written"] == 4 + 2  # device+port inserts per host, 2 instances
    current, changes = stored(store_url)
    assert current == [
        (HOST, "VLAN0010", "0011.2233.4455", "Gi1/0/48", "Root", "Gi1/0/48"),
        (HOST, "VLAN0020", "aabb.cc00.0100", "", "Desg", "Gi1/0/48"),
    ]
    assert changes == [
        SpanningTreeChange(RUN, AT, HOST, "VLAN0010", "insert"),
        SpanningTreeChange(RUN, AT, HOST, "VLAN0020", "insert"),
    ]
    store = open_store(store_url)
    site = store.open_site("WLLS")
    counts = site.counts()
    assert (counts.spanning_tree, counts.spanning_tree_changes) == (2, 2)
    assert site.spanning_tree(OTHER) == [] and len(site.spanning_tree_changes(HOST)) == 2
    assert site.problems() == []
    site.close()
    store.close()


def test_reimport_writes_nothing(store_url: str, tmp_path: Path) -> None:
    import_databases([site_db(tmp_path / "a.accdb", instances())], store_url)
    before = site_state(store_url)
    again = import_databases([site_db(tmp_path / "a.accdb", instances())], store_url)
    assert [h.outcome for h in again.hosts] == [UNCHANGED, UNCHANGED]
    assert again.totals()["spanning_tree_rows_written"] == 0
    assert site_state(store_url) == before


def test_newer_file_replaces_instances_and_adds_only_newer_history(
    store_url: str, tmp_path: Path
) -> None:
    first = instances()
    import_databases([site_db(tmp_path / "a.accdb", first)], store_url)
    moved = [span_row(HOST, "VLAN0010", RootPort="Gi1/0/47", LastUpdated=LATER)]
    rows = [interface_row(HOST, "Gi1/0/1")]
    db = database(
        tmp_path / "a.accdb",
        [summary_row(HOST)],
        rows,
        device_history=[history(summary_row(HOST)), history(summary_row(HOST), LATER)],
        interface_history=[history(rows[0])],
        span_info=moved,
        span_history_rows=[*span_history(first), *span_history(moved, LATER)],
    )
    (host,) = import_databases([db], store_url).hosts
    assert (host.outcome, host.spanning_tree_rows, host.history_rows) == (IMPORTED, 1, 2)
    current, changes = stored(store_url)
    assert current == [(HOST, "VLAN0010", "0011.2233.4455", "Gi1/0/47", "Root", "Gi1/0/48")]
    assert [(c.vlan, c.change, c.field) for c in changes] == [
        ("VLAN0010", "insert", None),
        ("VLAN0020", "insert", None),
        ("VLAN0010", "update", "root_port"),
        ("VLAN0020", "delete", None),
    ]


def test_newer_store_data_keeps_its_spanning_tree(store_url: str, tmp_path: Path) -> None:
    import_databases([site_db(tmp_path / "a.accdb", instances())], store_url)
    store = open_store(store_url)
    site = store.open_site("WLLS")
    site.apply(  # an ingest of today's captures: newer than the file's RunDate
        HostChange(
            DeviceInfo(HOST, "WLLS", "cisco_ios"),
            "today",
            10,
            "captures/today.log",
            "1-10",
            1,
            upserts=[InterfaceRecord("Gi1/0/1", name="ours")],
        ),
        RunRecord("r1", "2026-11-30T00:00:00+00:00", 1),
    )
    site.close()
    store.close()
    before = stored(store_url)
    other_spans = [span_row(HOST, "VLAN0099")]
    summary = import_databases([site_db(tmp_path / "b.accdb", other_spans)], store_url)
    assert {h.hostname: h.outcome for h in summary.hosts}[HOST] == NEWER
    assert stored(store_url) == before


def test_duplicate_instance_fails_that_host_alone(store_url: str, tmp_path: Path) -> None:
    spans = [span_row(HOST, "VLAN0010"), span_row(HOST, " VLAN0010 "), span_row(OTHER, "MST0")]
    summary = import_databases([site_db(tmp_path / "a.accdb", spans)], store_url)
    outcomes = {h.hostname: h for h in summary.hosts}
    assert outcomes[HOST].outcome == FAILED and not summary.ok
    assert outcomes[HOST].reason == (
        f"{tmp_path / 'a.accdb'}: table SpanInfo: host {HOST}: duplicate (Hostname, Vlan)"
        " rows: ['VLAN0010']"
    )
    assert outcomes[OTHER].outcome == IMPORTED
    current, _ = stored(store_url)
    assert current == [(OTHER, "MST0", "0011.2233.4455", "Gi1/0/48", "Root", "Gi1/0/48")]
    store = open_store(store_url)
    site = store.open_site("WLLS")
    assert [d.hostname for d in site.devices()] == [OTHER]
    site.close()
    store.close()


def test_null_vlan_fails_the_host(store_url: str, tmp_path: Path) -> None:
    summary = import_databases([site_db(tmp_path / "a.accdb", [span_row(HOST, None)])], store_url)  # type: ignore[arg-type]
    (host,) = [h for h in summary.hosts if h.hostname == HOST]
    assert host.outcome == FAILED and host.reason.endswith("row with a NULL Vlan")


def test_a_store_failure_in_the_spanning_tree_rolls_the_host_back(store_url: str) -> None:
    """Two instances with one name violate the table's key after the device and port rows
    were written: the whole host transaction rolls back, on every backend."""
    store = open_store(store_url)
    site = store.open_site("WLLS", create=True)
    before = site.counts()
    change = HostChange(
        DeviceInfo(HOST, "WLLS", "cisco_ios"),
        "hash",
        10,
        "a.accdb",
        "RunDate x",
        1,
        upserts=[InterfaceRecord("Gi1/0/1")],
        spanning_tree=[SpanningTreeRow("VLAN0010"), SpanningTreeRow("VLAN0010", role="Desg")],
    )
    with pytest.raises(StoreError, match=f"host {HOST}"):
        site.apply(change, RunRecord("r1", "2026-11-30T00:00:00+00:00", 1))
    assert site.counts() == before and site.devices() == []
    site.close()
    store.close()


def test_ingest_changes_leave_the_spanning_tree_alone(store_url: str, tmp_path: Path) -> None:
    import_databases([site_db(tmp_path / "a.accdb", instances())], store_url)
    before = stored(store_url)
    store = open_store(store_url)
    site = store.open_site("WLLS")
    site.apply(
        HostChange(
            DeviceInfo(HOST, "WLLS", "cisco_ios"),
            "h",
            1,
            "x.log",
            "1-2",
            1,
            upserts=[InterfaceRecord("Gi1/0/2")],
        ),
        RunRecord("r2", "2026-11-30T00:00:00+00:00", 1),
    )
    site.close()
    store.close()
    assert stored(store_url) == before


def test_migrate_and_digest_keep_the_spanning_tree(store_url: str, tmp_path: Path) -> None:
    source_url = f"sqlite:///{tmp_path / 'source'}"
    import_databases([site_db(tmp_path / "a.accdb", instances())], source_url)
    source, target = open_store(source_url), open_store(store_url)
    try:
        (copied,) = copy_store(source, target)
        assert (copied.counts.spanning_tree, copied.counts.spanning_tree_changes) == (2, 2)
        assert store_digest(target) == store_digest(source)
        site = target.open_site("WLLS")
        dump = site.dump()
        assert [row[:2] for row in dump.spanning_tree] == [(HOST, "VLAN0010"), (HOST, "VLAN0020")]
        dump.spanning_tree = dump.spanning_tree[:1]
        site.restore(dump)
        site.close()
        assert store_digest(target) != store_digest(source)
    finally:
        source.close()
        target.close()
    assert stored(store_url)[1] == stored(source_url)[1]


def test_check_names_spanning_tree_rows_without_a_device(store_url: str, tmp_path: Path) -> None:
    import_databases([site_db(tmp_path / "a.accdb", instances())], store_url)
    store = open_store(store_url)
    site = store.open_site("WLLS")
    dump = site.dump()
    dump.devices = [row for row in dump.devices if row[0] != HOST]
    site.restore(dump)
    assert any("2 spanning-tree rows of hosts without a device row" in p for p in site.problems())
    site.close()
    store.close()


def test_compare_agrees_then_names_a_changed_instance(store_url: str, tmp_path: Path) -> None:
    db = site_db(tmp_path / "a.accdb", instances())
    import_databases([db], store_url)
    (site,) = compare_databases([db], store_url, tolerance=1.0).sites
    assert (site.access_spanning_tree, site.our_spanning_tree, site.difference_count) == (2, 2, 0)
    changed = instances()
    changed[0]["RootPort"] = "GigabitEthernet1/0/48"  # same port, long name: no difference
    changed[1]["Role"] = "Altn"
    changed.append(span_row(HOST, "VLAN0030"))
    comparison = compare_databases(
        [site_db(tmp_path / "a.accdb", changed)], store_url, tolerance=1.0
    )
    (site,) = comparison.sites
    assert not comparison.ok and site.difference_count == 2
    found = {(d.hostname, d.port, d.field, d.access, d.ours) for d in site.differences}
    assert found == {
        (HOST, "spanning-tree VLAN0020", "role", "Altn", "Desg"),
        (HOST, "spanning-tree VLAN0030", "instance", "present", "missing"),
    }


def test_show_spanning_tree(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_databases([site_db(tmp_path / "a.accdb", instances())], store_url)
    assert main(["show", HOST, "--spanning-tree", "--store", store_url]) == 0
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == ["vlan", "root_switch", "root_port", "role", "upstream"]
    assert lines[2] == ["VLAN0010", "0011.2233.4455", "Gi1/0/48", "Root", "Gi1/0/48"]
    assert main(["show", HOST, "--spanning-tree", "--json", "--store", store_url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["vlan"] for row in data] == ["VLAN0010", "VLAN0020"]
    assert main(["show", "WLLS-NOPE-01", "--spanning-tree", "--store", store_url]) == 1
    assert "no host named 'WLLS-NOPE-01'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["show", HOST, "--spanning-tree", "--as-of", "7d", "--store", store_url])
    assert usage.value.code == 2


def test_a_non_empty_span_table_needs_its_columns(tmp_path: Path) -> None:
    db = site_db(tmp_path / "a.accdb", [])
    check_columns(db)  # empty spanning-tree tables need no columns
    row = {"Hostname": HOST, "Vlan": "VLAN0010"}
    db.tables["SpanInfo"] = AccessTable("SpanInfo", tuple(row), [row])  # type: ignore[attr-defined]
    with pytest.raises(AccessError) as raised:
        check_columns(db)  # type: ignore[arg-type]
    assert str(raised.value) == (
        f"{tmp_path / 'a.accdb'}: table SpanInfo: missing column(s)"
        " RootSwitch, RootPort, Role, Upstream"
    )


def test_history_dates_include_span_history(tmp_path: Path) -> None:
    """A file whose only newer rows are spanning-tree history is dated by them."""
    spans = instances()
    db = site_db(tmp_path / "a.accdb", spans, span_history_rows=span_history(spans, LATER))
    hosts = {host.hostname: host for host in access_hosts(db)}  # type: ignore[arg-type]
    assert hosts[HOST].run_date == "2026-01-07T08:00:00" and hosts[OTHER].run_date == AT
    assert hosts[HOST].spanning_tree_in_file == 2 and hosts[HOST].history_in_file == 4
