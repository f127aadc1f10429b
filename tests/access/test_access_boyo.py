"""The real BOYO.accdb of the PowerShell StateTrace (skipped without ../shared), cross-checked
against mdbtools' mdb-export."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from access_rows import SPAN_HISTORY_COLUMNS, SPAN_INFO_COLUMNS

from statetrace.access import import_access, read_access
from statetrace.access.mapping import config_text, learned_macs, vlan_text
from statetrace.cli import main
from statetrace.ports import canonical_port
from statetrace.store import open_store

TABLES = ("DeviceSummary", "Interfaces", "DeviceHistory", "InterfaceHistory")
COUNTS = {"DeviceSummary": 12, "Interfaces": 120, "DeviceHistory": 12, "InterfaceHistory": 120}


def exported(mdb_export: str, path: Path, table: str) -> list[dict[str, str]]:
    """``mdb-export``'s rows of ``table`` (dates as ``%Y-%m-%d %H:%M:%S``)."""
    text = subprocess.run(
        [mdb_export, "-T", "%Y-%m-%d %H:%M:%S", str(path), table],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")  # bytes: text mode would turn the memos' CRLF into LF
    return list(csv.DictReader(io.StringIO(text, newline="")))


def cell(value: Any) -> str:
    """A reader value as mdb-export prints it (NULL as empty)."""
    return "" if value is None else str(value)


def test_reader_equals_mdb_export(boyo: Path, mdb_export: str) -> None:
    database = read_access(boyo)
    for table in TABLES:
        theirs = exported(mdb_export, boyo, table)
        ours = [{k: cell(v) for k, v in row.items()} for row in database.rows(table)]
        assert len(ours) == len(theirs) == COUNTS[table], table
        key = "ID" if "ID" in database.tables[table].columns else "Hostname"
        assert sorted(ours, key=lambda r: r[key]) == sorted(theirs, key=lambda r: r[key]), table
    assert database.rows("SpanInfo") == [] and "Vlan" in database.tables["SpanInfo"].columns


def test_every_row_is_imported_as_mdb_export_has_it(
    boyo: Path, mdb_export: str, store_url: str
) -> None:
    summary = import_access([boyo], store_url)
    assert (
        summary.ok
        and summary.totals()["imported"] == 12
        and summary.totals()["rows_written"] == 120
    )
    store = open_store(store_url)
    site = store.open_site("BOYO")
    stored = {
        (row.hostname, row.port_key): row
        for device in site.devices()
        for row in site.interfaces(device.hostname)
    }
    devices = {device.hostname: device for device in site.devices()}
    for row in exported(mdb_export, boyo, "Interfaces"):
        ours = stored.pop((row["Hostname"], canonical_port(row["Port"])))
        assert ours.port == row["Port"] and ours.name == row["Name"] and ours.type == row["Type"]
        assert (ours.status, ours.duplex, ours.speed) == (
            row["Status"],
            row["Duplex"],
            row["Speed"],
        )
        assert ours.vlan == vlan_text(row["VLAN"]) and (ours.vlan_id or 0) == int(row["VLAN"])
        assert ours.learned_macs == learned_macs(row["LearnedMACs"])
        assert (ours.auth_mode, ours.auth_state) == (row["AuthMode"], row["AuthState"])
        assert ours.auth_client_mac == row["AuthClientMAC"].lower()
        assert ours.config == config_text(row["Config"]) and "\r" not in ours.config
    assert stored == {}
    for row in exported(mdb_export, boyo, "DeviceSummary"):
        device = devices.pop(row["Hostname"])
        assert (device.site, device.platform, device.model) == (
            "BOYO",
            "ruckus_fastiron",
            row["Model"],
        )
    assert devices == {}
    history = {c[2] for c in site.dump().changes if c[0].startswith("access-")}
    assert len(history) == 12
    site.close()
    store.close()


def test_reimport_writes_nothing(boyo: Path, store_url: str) -> None:
    import_access([boyo], store_url)
    store = open_store(store_url)
    site = store.open_site("BOYO")
    before = (site.counts(), site.identity().generation)
    again = import_access([boyo], store_url)
    totals = again.totals()
    assert (totals["unchanged"], totals["rows_written"], totals["history_rows_written"]) == (
        12,
        0,
        0,
    )
    assert (totals["access_rows_skipped"], totals["access_history_rows_skipped"]) == (120, 132)
    assert (site.counts(), site.identity().generation) == before
    site.close()
    store.close()


def test_compare_agrees_then_names_a_deleted_host(
    boyo_copy: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "access", str(boyo_copy.parent.parent), "--store", store_url]) == 0
    capsys.readouterr()
    assert main(["compare", "access", str(boyo_copy), "--store", store_url]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines()]
    assert ["BOYO", "120", "120", "0.000", "0/0", "0", "yes"] in rows
    gone = "BOYO-A05-AS-25"
    store = open_store(store_url)
    site = store.open_site("BOYO")
    dump = site.dump()
    dump.devices = [row for row in dump.devices if row[0] != gone]
    dump.interfaces = [row for row in dump.interfaces if row[0] != gone]
    dump.history = [row for row in dump.history if row[0] != gone]
    site.restore(dump)
    site.close()
    store.close()
    assert main(["compare", "access", str(boyo_copy), "--store", store_url, "--json"]) == 1
    assert f'"{gone}"' in capsys.readouterr().out
    assert main(["compare", "access", str(boyo_copy), "--store", store_url]) == 1
    assert f"BOYO: host {gone} only in Access (10 rows)" in capsys.readouterr().out


def cut(source: Path, target: Path, size: int) -> Path:
    target.write_bytes(source.read_bytes()[:size])
    return target


def scrambled(source: Path, target: Path) -> Path:
    """Every page after the header page XOR-ed with a key stream, as ACE/Jet encryption
    (RC4 over each page but page 0) leaves a password-protected database."""
    data = bytearray(source.read_bytes())
    for offset in range(4096, len(data)):
        data[offset] ^= (offset * 167 + 91) % 251 + 1
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda s, t: cut(s, t, 100_000), "truncated Access database"),
        (lambda s, t: cut(s, t, 4096 * 20), "table DeviceSummary: cannot be read"),
        (lambda s, t: cut(s, t, 4096 * 60), "table DeviceSummary: 0 of its 12 rows readable"),
        (scrambled, "encrypted or password-protected Access database"),
    ],
    ids=["truncated-mid-page", "truncated-at-page", "truncated-data-pages", "encrypted"],
)
def test_damaged_boyo_is_refused_whole(
    boyo: Path,
    tmp_path: Path,
    store_url: str,
    capsys: pytest.CaptureFixture[str],
    make: Any,
    message: str,
) -> None:
    bad = make(boyo, tmp_path / "BOYO.accdb")
    assert main(["import", "access", str(bad), "--store", store_url]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    (line,) = [line for line in out.splitlines() if line.startswith(str(bad))]
    assert message in line
    assert open_store(store_url).sites() == []


def test_site_rules_route_hosts_as_ingest_does(
    boyo_copy: Path, store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With ``--site-map``/``--site-regex`` the hostname decides the site (as for ingest),
    not the folder; compare with the same options agrees, without them it does not."""
    mapping = tmp_path / "sites.json"
    mapping.write_text('{"BOYO-A05-AS-25": "LAB"}', encoding="utf-8")
    rules = ["--site-map", str(mapping)]
    assert main(["import", "access", str(boyo_copy), "--store", store_url, *rules]) == 0
    store = open_store(store_url)
    assert store.sites() == ["BOYO", "LAB"]
    store.close()
    capsys.readouterr()
    assert main(["compare", "access", str(boyo_copy), "--store", store_url, *rules]) == 0
    assert main(["compare", "access", str(boyo_copy), "--store", store_url]) == 1
    assert "BOYO: host BOYO-A05-AS-25 only in Access (10 rows)" in capsys.readouterr().out
    bad = ["--site-regex", "BOYO-(", "--store", store_url]
    assert main(["import", "access", str(boyo_copy), *bad]) == 2
    assert "--site-regex 'BOYO-('" in capsys.readouterr().err


def test_spanning_tree_tables_have_the_columns_the_tests_build(boyo: Path, store_url: str) -> None:
    """BOYO's SpanInfo/SpanHistory are empty, but their columns are the real ones: the
    Access-shaped rows of test_access_spanning_tree.py have exactly these."""
    database = read_access(boyo)
    assert database.tables["SpanInfo"].columns == SPAN_INFO_COLUMNS
    assert database.tables["SpanHistory"].columns == SPAN_HISTORY_COLUMNS
    assert import_access([boyo], store_url).totals()["spanning_tree_rows_written"] == 0
    store = open_store(store_url)
    site = store.open_site("BOYO")
    counts = site.counts()
    assert (counts.spanning_tree, counts.spanning_tree_changes) == (0, 0)
    site.close()
    store.close()
