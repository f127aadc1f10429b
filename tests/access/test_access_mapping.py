"""Access rows → our model, on Access-shaped rows built here (no ../shared needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from access_rows import database, history, interface_row, summary_row

from statetrace.access.mapping import (
    access_hosts,
    config_text,
    interface_record,
    learned_macs,
    mac_dotted,
    rows_without_hostname,
    site_for,
    vlan_text,
)
from statetrace.access.reader import AccessError, AccessTable, check_columns
from statetrace.parsers.stanzas import interface_stanzas

CONFIG = (
    " description Printer\r\n"
    " switchport access vlan 10\r\n"
    " authentication key 7 0822455D0A16\r\n"
    " dot1x pae authenticator\r\n"
    " standby 1 authentication md5 key-string s3cret\r\n"
    " port-name lobby   \r\n"
)


def test_config_drops_the_lines_ingest_drops_and_uses_lf() -> None:
    (stanza,) = interface_stanzas("interface Gi1/0/1\n" + CONFIG.replace("\r\n", "\n"))
    text = config_text(CONFIG)
    assert "\r" not in text
    assert text.splitlines() == stanza.body
    assert "s3cret" not in text and "0822455D0A16" not in text
    assert " port-name lobby" in text.splitlines()


@pytest.mark.parametrize(("value", "text"), [(0, ""), (None, ""), (10, "10"), ("20", "20")])
def test_vlan_zero_means_none(value: object, text: str) -> None:
    assert vlan_text(value) == text


@pytest.mark.parametrize(
    "notation", ["00AA.BBCC.0006", "00:aa:bb:cc:00:06", "00-AA-BB-CC-00-06", "00aabbcc0006"]
)
def test_mac_notations_become_dotted(notation: str) -> None:
    assert mac_dotted(notation) == "00aa.bbcc.0006"


def test_learned_macs_are_a_sorted_set() -> None:
    assert learned_macs("00:aa:bb:cc:00:07, 00aa.bbcc.0006,00AA.BBCC.0007") == (
        "00aa.bbcc.0006",
        "00aa.bbcc.0007",
    )
    assert learned_macs(None) == ()


def test_interface_row_maps_to_a_record() -> None:
    row = interface_row(
        "WLLS-A01-AS-01", "Gi1/0/5 ", Name=" Printer  5 ", VLAN=0, AuthClientMAC="00:AA:BB:CC:00:06"
    )
    record = interface_record(row)
    assert (record.port, record.port_key) == ("Gi1/0/5", "GigabitEthernet1/0/5")
    assert (record.name, record.vlan, record.vlan_id) == ("Printer 5", "", None)
    assert record.auth_client_mac == "00aa.bbcc.0006"
    assert record.config == " description Gi1/0/5"


def test_site_comes_from_option_then_folder_then_site_column_then_hostname() -> None:
    flat = Path("exports/perf.accdb")
    assert site_for(Path("Data/BOYO/BOYO.accdb"), "XXXX", "ABCD-1", "lab") == "LAB"
    assert site_for(Path("Data/BOYO/BOYO.accdb"), "XXXX", "ABCD-1", None) == "BOYO"
    assert site_for(flat, "LAB-", "LAB-C9200L-AS-01", None) == "LAB"
    assert site_for(flat, None, "wlls-a01-as-01", None) == "WLLS"


def test_hosts_are_mapped_with_their_history(tmp_path: Path) -> None:
    host = "WLLS-A01-AS-01"
    first = interface_row(host, "Gi1/0/1", Status="notconnect")
    second = interface_row(host, "Gi1/0/1", Status="connected")
    db = database(
        tmp_path / "x.accdb",
        [summary_row(host)],
        [second],
        interface_history=[history(first, "2026-01-05 10:00:00"), history(second)],
    )
    (mapped,) = access_hosts(db)
    assert mapped.problem == ""
    assert mapped.device is not None and mapped.device.platform == "cisco_ios"
    assert [row.status for row in mapped.interfaces] == ["connected"]
    assert mapped.run_date == "2026-01-06T13:28:32"
    changes = [(r.at, r.port, r.change, r.field, r.old_value, r.new_value) for r in mapped.history]
    assert changes == [
        ("2026-01-05T10:00:00", "Gi1/0/1", "insert", None, None, None),
        ("2026-01-06T13:28:32", "", "insert", None, None, None),
        ("2026-01-06T13:28:32", "Gi1/0/1", "update", "status", "notconnect", "connected"),
    ]


def test_content_hash_changes_with_any_row(tmp_path: Path) -> None:
    host = "WLLS-A01-AS-01"
    one = access_hosts(database(tmp_path / "x.accdb", [summary_row(host)], []))[0]
    same = access_hosts(database(tmp_path / "x.accdb", [summary_row(host)], []))[0]
    other = access_hosts(database(tmp_path / "x.accdb", [summary_row(host, Model="x")], []))[0]
    assert one.content_hash == same.content_hash != other.content_hash


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [interface_row("H-1", "Gi1/0/1"), interface_row("H-1", "GigabitEthernet1/0/1")],
            "table Interfaces: host H-1: duplicate (Hostname, Port) rows: ['GigabitEthernet1/0/1']",
        ),
        ([interface_row("H-1", None)], "table Interfaces: host H-1: row with a NULL Port"),
    ],
)
def test_key_problems_fail_the_host_alone(
    tmp_path: Path, rows: list[dict[str, object]], expected: str
) -> None:
    path = tmp_path / "x.accdb"
    good = interface_row("H-2", "Gi1/0/1")
    db = database(path, [summary_row("H-1"), summary_row("H-2")], [*rows, good])
    bad, fine = access_hosts(db)
    assert bad.problem == f"{path}: {expected}" and not bad.interfaces
    assert fine.problem == "" and len(fine.interfaces) == 1


def test_unknown_make_and_null_run_date_fail_the_host(tmp_path: Path) -> None:
    path = tmp_path / "x.accdb"
    juniper = access_hosts(database(path, [summary_row("H-1", make="Juniper")], []))[0]
    assert "unknown Make 'Juniper'" in juniper.problem
    row = summary_row("H-1")
    undated = database(path, [row], [], device_history=[history(row, None)])  # type: ignore[arg-type]
    assert access_hosts(undated)[0].problem.endswith(
        "DeviceHistory: host H-1: row with a NULL RunDate"
    )


def test_rows_without_hostname_are_named_per_table(tmp_path: Path) -> None:
    path = tmp_path / "x.accdb"
    db = database(path, [summary_row("H-1")], [interface_row(None, "Gi1/0/1")])  # type: ignore[arg-type]
    assert rows_without_hostname(db) == [
        f"{path}: table Interfaces: 1 row(s) with a NULL Hostname",
        f"{path}: table InterfaceHistory: 1 row(s) with a NULL Hostname",
    ]


def test_missing_table_or_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.accdb"
    db = database(path, [summary_row("H-1")], [])
    columns = tuple(c for c in db.tables["Interfaces"].columns if c != "Port")
    db.tables["Interfaces"] = AccessTable("Interfaces", columns, [])
    with pytest.raises(AccessError, match=r"table Interfaces: missing column\(s\) Port$"):
        check_columns(db)
    db = database(path, [summary_row("H-1")], [])
    del db.tables["DeviceHistory"]
    with pytest.raises(AccessError, match="table DeviceHistory: missing"):
        check_columns(db)
