"""Importing Access-shaped databases through the store interface (``store_url`` fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from access_rows import RUN_DATE, database, history, interface_row, summary_row

from statetrace.access import import_databases
from statetrace.access.header import rc4_keystream
from statetrace.access.importing import FAILED, IMPORTED, NEWER, SUPERSEDED, UNCHANGED
from statetrace.cli import main
from statetrace.model import InterfaceRecord
from statetrace.sites import SiteRules
from statetrace.store import DeviceInfo, HostChange, RunRecord, open_store

HOST, OTHER = "WLLS-A01-AS-01", "WLLS-A01-AS-02"
#: The first 21 bytes of an Access 2007+ (ACE 12) file: magic, then version byte 2.
ACE12 = b"\x00\x01\x00\x00Standard ACE DB\x00\x02"
#: An ACE 12 header page whose masked part is clear zeros (no encoding key, no password).
PLAIN_HEADER = ACE12 + bytes(3) + rc4_keystream(b"\xc7\xda\x39\x6b", 128) + bytes(4096 - 152)


def two_hosts(path: Path, **changes: object) -> object:
    rows = [
        interface_row(HOST, "Gi1/0/1", Name="Printer", LearnedMACs="00:AA:BB:CC:00:01"),
        interface_row(HOST, "Gi1/0/2", VLAN=0, Status="trunk", **changes),
        interface_row(OTHER, "Gi1/0/1", Config=" description x\r\n username a password 7 zz"),
    ]
    return database(path, [summary_row(HOST), summary_row(OTHER)], rows)


def site_state(store_url: str) -> tuple[object, ...]:
    store = open_store(store_url)
    site = store.open_site("WLLS")
    try:
        return site.counts(), site.identity().generation, site.dump()
    finally:
        site.close()
        store.close()


def test_import_writes_every_row_and_history(store_url: str, tmp_path: Path) -> None:
    summary = import_databases([two_hosts(tmp_path / "a.accdb")], store_url)
    assert summary.ok and [h.outcome for h in summary.hosts] == [IMPORTED, IMPORTED]
    assert summary.totals()["rows_written"] == 3 and summary.totals()["history_rows_written"] == 5
    store = open_store(store_url)
    site = store.open_site("WLLS")
    rows = {row.port_key: row for row in site.interfaces(HOST)}
    assert [d.hostname for d in site.devices()] == [HOST, OTHER]
    assert rows["GigabitEthernet1/0/1"].learned_macs == ("00aa.bbcc.0001",)
    assert (rows["GigabitEthernet1/0/2"].vlan, rows["GigabitEthernet1/0/2"].vlan_id) == ("", None)
    (other,) = site.interfaces(OTHER)
    assert other.config == " description x"
    changes = site.dump().changes
    imported = [c for c in changes if c[0] == "access-20260106132832"]
    assert len(imported) == 5 and {c[1] for c in imported} == {"2026-01-06T13:28:32"}
    site.close()
    store.close()


def test_reimport_writes_nothing(store_url: str, tmp_path: Path) -> None:
    import_databases([two_hosts(tmp_path / "a.accdb")], store_url)
    before = site_state(store_url)
    again = import_databases([two_hosts(tmp_path / "a.accdb")], store_url)
    assert [h.outcome for h in again.hosts] == [UNCHANGED, UNCHANGED]
    assert again.totals()["rows_written"] == 0
    assert site_state(store_url) == before


def test_changed_file_updates_and_deletes(store_url: str, tmp_path: Path) -> None:
    import_databases([two_hosts(tmp_path / "a.accdb")], store_url)
    newer = "2026-01-07 08:00:00"
    rows = [interface_row(HOST, "Gi1/0/1", Name="Scanner")]
    db = database(
        tmp_path / "a.accdb",
        [summary_row(HOST)],
        rows,
        device_history=[history(summary_row(HOST), newer)],
        interface_history=[history(rows[0], newer)],
    )
    summary = import_databases([db], store_url)
    (host,) = summary.hosts
    assert (host.outcome, host.rows) == (IMPORTED, 2)  # Gi1/0/1 updated, Gi1/0/2 deleted
    store = open_store(store_url)
    site = store.open_site("WLLS")
    assert [(r.port, r.name) for r in site.interfaces(HOST)] == [("Gi1/0/1", "Scanner")]
    site.close()
    store.close()


def test_newer_store_data_is_not_overwritten(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    site = store.open_site("WLLS", create=True)
    run = RunRecord("r1", "2026-11-30T00:00:00+00:00", 1)
    site.apply(
        HostChange(
            DeviceInfo(HOST, "WLLS", "cisco_ios"),
            "hash",
            10,
            "captures/today.log",
            "1-10",
            1,
            upserts=[InterfaceRecord("Gi1/0/1", name="ours")],
        ),
        run,
    )
    site.close()
    store.close()
    summary = import_databases([two_hosts(tmp_path / "a.accdb")], store_url)
    outcomes = {h.hostname: h for h in summary.hosts}
    assert outcomes[HOST].outcome == NEWER and RUN_DATE.split()[0] in outcomes[HOST].reason
    assert outcomes[OTHER].outcome == IMPORTED and summary.ok
    store = open_store(store_url)
    site = store.open_site("WLLS")
    assert [r.name for r in site.interfaces(HOST)] == ["ours"]
    site.close()
    store.close()


def test_failing_host_rolls_back_alone(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row the database itself refuses (an empty port key breaks a CHECK on every
    backend) fails that host's transaction after its history rows were written."""
    store = open_store(store_url)
    site_class = type(store.open_site("WLLS", create=True))
    store.close()
    original = site_class.apply

    def fail_for_host(self, change, run):  # type: ignore[no-untyped-def]
        if change.device.hostname == HOST:
            change.upserts = [*change.upserts, InterfaceRecord("", name="refused by the store")]
        return original(self, change, run)

    monkeypatch.setattr(site_class, "apply", fail_for_host)
    summary = import_databases([two_hosts(tmp_path / "a.accdb")], store_url)
    outcomes = {h.hostname: h for h in summary.hosts}
    assert outcomes[HOST].outcome == FAILED and "rolled back" in outcomes[HOST].reason
    assert outcomes[OTHER].outcome == IMPORTED and not summary.ok
    assert (summary.totals()["access_rows_failed"], summary.totals()["rows_written"]) == (2, 1)
    counts, _, dump = site_state(store_url)
    assert [row[0] for row in dump.devices] == [OTHER]  # type: ignore[attr-defined]
    assert {row[2] for row in dump.changes} == {OTHER}  # type: ignore[attr-defined]


def test_duplicate_ports_fail_that_host_and_write_none_of_it(
    store_url: str, tmp_path: Path
) -> None:
    rows = [
        interface_row(HOST, "Gi1/0/1"),
        interface_row(HOST, "Gi1/0/1"),
        interface_row(OTHER, "Gi1/0/1"),
    ]
    db = database(tmp_path / "a.accdb", [summary_row(HOST), summary_row(OTHER)], rows)
    summary = import_databases([db], store_url)
    outcomes = {h.hostname: h for h in summary.hosts}
    assert outcomes[HOST].outcome == FAILED
    assert (
        "table Interfaces: host WLLS-A01-AS-01: duplicate (Hostname, Port)" in outcomes[HOST].reason
    )
    _, _, dump = site_state(store_url)
    assert [row[0] for row in dump.devices] == [OTHER]  # type: ignore[attr-defined]


def test_site_option_routes_every_host(store_url: str, tmp_path: Path) -> None:
    summary = import_databases([two_hosts(tmp_path / "a.accdb")], store_url, site="lab")
    assert {h.site for h in summary.hosts} == {"LAB"}
    store = open_store(store_url)
    assert store.sites() == ["LAB"]
    store.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Hostname,Port\nsw1,Gi1/0/1\n", "not an Access database (no Jet/ACE file header)"),
        (b"", "not an Access database"),
        (ACE12 + bytes(5000), "truncated Access database (5021 bytes is not a whole number"),
        (PLAIN_HEADER + b"\xa7" * 4096 * 4, "encrypted or password-protected Access database"),
    ],
)
def test_bad_files_are_one_line_each_and_exit_1(
    store_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    bad = tmp_path / "bad.accdb"
    bad.write_bytes(content)
    code = main(["import", "access", str(bad), str(tmp_path / "none"), "--store", store_url])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    assert f"{bad}: {message}" in out
    assert f"{tmp_path / 'none'}: no such file or folder" in out
    assert open_store(store_url).sites() == []


def test_bad_store_url_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import", "access", str(tmp_path), "--store", "mysql://x/y"])
    assert code == 2 and "unknown store URL scheme" in capsys.readouterr().err


def test_json_summary(store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code = main(["import", "access", str(tmp_path / "empty"), "--store", store_url, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert (
        code == 1
        and data["ExitCode"] == 1
        and data["Problems"] == [f"{tmp_path / 'empty'}: no .accdb or .mdb file in this folder"]
    )
    assert data["Totals"]["Imported"] == 0 and data["Totals"]["StoreNewer"] == 0


def test_rows_without_hostname_refuse_the_whole_file(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "a.accdb"
    rows = [interface_row(HOST, "Gi1/0/1"), interface_row(None, "Gi1/0/2")]  # type: ignore[arg-type]
    db = database(path, [summary_row(HOST)], rows)
    summary = import_databases([db], store_url)
    assert summary.hosts == [] and not summary.ok
    assert summary.problems[0] == (
        f"{path}: table Interfaces: 1 row(s) with a NULL Hostname; nothing of this file is used"
    )
    assert open_store(store_url).sites() == []


def test_a_host_in_two_files_is_imported_from_the_newer(store_url: str, tmp_path: Path) -> None:
    row = summary_row(HOST)
    old = database(tmp_path / "old.accdb", [row], [interface_row(HOST, "Gi1/0/1", Name="old")])
    new_ports = [interface_row(HOST, "Gi1/0/1", Name="new")]
    new = database(
        tmp_path / "new.accdb",
        [row],
        new_ports,
        device_history=[history(row, "2026-02-01 00:00:00")],
        interface_history=[history(new_ports[0], "2026-02-01 00:00:00")],
    )
    summary = import_databases([new, old], store_url)
    outcomes = sorted((Path(h.file).name, h.outcome) for h in summary.hosts)
    assert outcomes == [("new.accdb", IMPORTED), ("old.accdb", SUPERSEDED)]
    store = open_store(store_url)
    site = store.open_site("WLLS")
    assert [r.name for r in site.interfaces(HOST)] == ["new"]
    site.close()
    store.close()


def test_site_rules_take_the_site_from_the_hostname(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "BOYO"
    folder.mkdir()
    rules = SiteRules.from_options(regex=r"^\w+-(A\d+)-")
    summary = import_databases([two_hosts(folder / "BOYO.accdb")], store_url, rules=rules)
    assert {h.site for h in summary.hosts} == {"A01"}
    summary = import_databases([two_hosts(folder / "BOYO.accdb")], store_url, site="x", rules=rules)
    assert {h.site for h in summary.hosts} == {"X"}
