"""Comparing Access-shaped databases with a store, after the documented normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from access_rows import database, interface_row, summary_row

from statetrace.access import compare_databases, import_databases
from statetrace.cli import main
from statetrace.model import InterfaceRecord
from statetrace.store import DeviceInfo, HostChange, RunRecord, open_store

HOST, OTHER = "WLLS-A01-AS-01", "WLLS-A01-AS-02"
RUN = RunRecord("r1", "2026-11-30T00:00:00+00:00", 1)


def access(path: Path) -> object:
    rows = [
        interface_row(
            HOST,
            "Gi1/0/1",
            Name="Printer  lobby",
            VLAN=0,
            LearnedMACs="00:AA:BB:CC:00:02,00:AA:BB:CC:00:01",
            AuthClientMAC="00-AA-BB-CC-00-01",
            Config=" description Printer lobby\r\n switchport mode trunk\r\n",
        ),
        interface_row(OTHER, "Gi1/0/1"),
    ]
    return database(path, [summary_row(HOST), summary_row(OTHER)], rows)


def other_row(status: str) -> InterfaceRecord:
    """OTHER's Gi1/0/1 as ingest would store it, with ``status``."""
    return InterfaceRecord(
        "Gi1/0/1",
        status=status,
        vlan="10",
        duplex="a-full",
        speed="a-1000",
        type="10/100/1000BaseTX",
        config=" description Gi1/0/1",
    )


def write(store_url: str, host: str, record: InterfaceRecord, deletes: list[str] = []) -> None:  # noqa: B006
    store = open_store(store_url)
    site = store.open_site("WLLS", create=True)
    change = HostChange(
        DeviceInfo(host, "WLLS", "cisco_ios", "C9300-48P"), "h", 1, "x.log", "1-2", 1
    )
    change.upserts, change.deletes = [record], deletes
    site.apply(change, RUN)
    site.close()
    store.close()


def test_import_then_compare_agrees(store_url: str, tmp_path: Path) -> None:
    db = access(tmp_path / "a.accdb")
    import_databases([db], store_url)
    result = compare_databases([db], store_url, tolerance=1.0)
    (site,) = result.sites
    assert result.ok and (site.access_rows, site.our_rows, site.difference_count) == (2, 2, 0)


def test_normalisation_matches_ingest_style_rows(store_url: str, tmp_path: Path) -> None:
    """Long port names, trunk VLAN text, other MAC notation and our interface line are equal."""
    write(
        store_url,
        HOST,
        InterfaceRecord(
            "GigabitEthernet1/0/1",
            name="Printer lobby",
            status="connected",
            vlan="trunk",
            duplex="a-full",
            speed="a-1000",
            type="10/100/1000BaseTX",
            learned_macs=("00aa.bbcc.0001", "00AA.BBCC.0002"),
            auth_client_mac="00aa.bbcc.0001",
            config="interface GigabitEthernet1/0/1\n description Printer lobby\n"
            " switchport mode trunk",
        ),
    )
    write(store_url, OTHER, other_row("connected"))
    result = compare_databases([access(tmp_path / "a.accdb")], store_url, tolerance=0)
    assert result.ok, result.format_table()


def test_field_difference_is_named_and_fails(store_url: str, tmp_path: Path) -> None:
    db = access(tmp_path / "a.accdb")
    import_databases([db], store_url)
    write(store_url, OTHER, other_row("notconnect"))
    result = compare_databases([db], store_url, tolerance=100)
    (site,) = result.sites
    assert not result.ok and site.difference_count == 1
    (diff,) = site.differences
    assert (diff.hostname, diff.port, diff.field, diff.access, diff.ours) == (
        OTHER, "Gi1/0/1", "status", "connected", "notconnect",
    )  # fmt: skip
    assert f"WLLS: {OTHER} Gi1/0/1: status: Access 'connected', ours 'notconnect'" in (
        result.format_table()
    )


def test_missing_host_is_named_and_tolerance_decides(store_url: str, tmp_path: Path) -> None:
    db = access(tmp_path / "a.accdb")
    import_databases([db], store_url)
    store = open_store(store_url)
    site = store.open_site("WLLS")
    dump = site.dump()
    dump.devices = [row for row in dump.devices if row[0] != OTHER]
    dump.interfaces = [row for row in dump.interfaces if row[0] != OTHER]
    dump.history = [row for row in dump.history if row[0] != OTHER]
    site.restore(dump)
    site.close()
    store.close()
    strict = compare_databases([db], store_url, tolerance=1.0)
    (site_result,) = strict.sites
    assert site_result.access_only == [OTHER] and site_result.deviation_percent == 50.0
    assert not strict.ok and f"host {OTHER} only in Access (1 rows)" in strict.format_table()
    assert compare_databases([db], store_url, tolerance=50.0).ok


def test_site_missing_from_store_counts_every_row(store_url: str, tmp_path: Path) -> None:
    result = compare_databases([access(tmp_path / "a.accdb")], store_url, tolerance=1.0)
    (site,) = result.sites
    assert (site.our_rows, site.access_only, result.ok) == (0, [HOST, OTHER], False)


def test_rows_without_hostname_refuse_the_file(store_url: str, tmp_path: Path) -> None:
    db = database(tmp_path / "a.accdb", [summary_row("H-1", Hostname=None)], [])
    result = compare_databases([db], store_url, tolerance=1.0)
    assert result.sites == [] and not result.ok
    assert "table DeviceSummary: 1 row(s) with a NULL Hostname" in result.problems[0]


def test_bad_tolerance_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["compare", "access", str(tmp_path), "--tolerance", "much"])
    assert exited.value.code == 2
    assert "expected a percentage >= 0 such as 1%, got 'much'" in capsys.readouterr().err


def test_missing_sqlite_store_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["compare", "access", str(tmp_path), "--data", str(tmp_path / "Dtaa")])
    assert code == 2 and f"--data {tmp_path / 'Dtaa'}: no such folder" in capsys.readouterr().err
