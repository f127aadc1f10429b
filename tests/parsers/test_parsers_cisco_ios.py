"""Cisco IOS / IOS-XE parsers on self-made captures with the upstream bugs' triggers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from statetrace.parsers import ParseError, parse_output

FIXTURES = Path(__file__).resolve().parent / "fixtures"
Text = Callable[[str, str], str]


def test_status_columns_from_header_keep_spaces_quotes_trunk_and_routed(fixture_text: Text) -> None:
    rows = parse_output(
        "cisco_ios", "sh int status", fixture_text("cisco_ios", "show_interfaces_status.txt")
    )
    by_port = {row["port"]: row for row in rows}
    assert len(rows) == 10
    assert by_port["Gi1/0/1"]["name"] == 'Reception "Desk" 1'
    assert by_port["Gi1/0/2"]["name"] == "Bob's PC; DROP TAB"
    assert by_port["Gi1/0/5"] == {
        "port": "Gi1/0/5",
        "name": "AP - Lobby",
        "status": "connected",
        "vlan": "trunk",
        "duplex": "a-full",
        "speed": "a-1000",
        "type": "10/100/1000BaseTX",
    }
    assert (by_port["Gi1/0/6"]["status"], by_port["Gi1/0/6"]["vlan"]) == ("connected", "routed")
    assert by_port["Gi1/0/6"]["type"] == "10GBase-SR"
    assert (by_port["Gi1/0/7"]["status"], by_port["Gi1/0/7"]["vlan"]) == ("notconnect", "40")
    assert by_port["Po1"]["type"] == ""
    assert by_port["Te1/1/2"]["type"] == "Not Present"


def test_status_table_with_missing_columns_raises_with_line() -> None:
    text = (FIXTURES / "status_missing_columns.txt").read_text(encoding="utf-8")
    with pytest.raises(ParseError) as error:
        parse_output("cisco_ios", "show interfaces status", text)
    assert error.value.line == 2
    assert error.value.command == "show interfaces status"
    assert "Duplex" in error.value.message and "Type" in error.value.message


def test_status_row_cut_mid_line_raises_with_line() -> None:
    text = "Port   Name  Status     Vlan  Duplex Speed Type\nGi1/0/1       connected  10\n"
    with pytest.raises(ParseError) as error:
        parse_output("cisco_ios", "show interfaces status", text)
    assert error.value.line == 2


def test_text_without_header_is_an_error_but_empty_text_is_no_rows() -> None:
    assert parse_output("cisco_ios", "show interfaces status", "\n  \n") == []
    with pytest.raises(ParseError) as error:
        parse_output("cisco_ios", "show interfaces status", "\ngarbage here\n")
    assert error.value.line == 2


def test_mac_rows_with_leading_spaces_parse(fixture_text: Text) -> None:
    rows = parse_output(
        "cisco_ios", "sh mac add", fixture_text("cisco_ios", "show_mac_address-table.txt")
    )
    assert len(rows) == 8
    assert rows[0] == {"vlan": "All", "mac": "0100.0ccc.cccc", "type": "STATIC", "port": "CPU"}
    assert rows[2] == {"vlan": "10", "mac": "0050.56a1.0001", "type": "DYNAMIC", "port": "Gi1/0/1"}


def test_version_is_the_running_image_not_rommon_or_table_header(fixture_text: Text) -> None:
    [row] = parse_output("cisco_ios", "show version", fixture_text("cisco_ios", "show_version.txt"))
    assert row == {
        "hostname": "HQ-IDF2-AS-01",
        "model": "C9300-48UXM",
        "version": "17.9.4a",
        "serial": "FOC2417X0AB",
        "uptime": "3 weeks, 2 days, 4 hours, 7 minutes",
    }


def test_version_falls_back_to_ios_xe_line() -> None:
    [row] = parse_output("cisco_ios", "show version", "Cisco IOS XE Software, Version 17.09.04a\n")
    assert row["version"] == "17.09.04a"


def test_running_config_rows_per_interface(fixture_text: Text) -> None:
    rows = parse_output(
        "cisco_ios", "show run", fixture_text("cisco_ios", "show_running-config.txt")
    )
    by_name = {row["interface"]: row for row in rows}
    assert list(by_name)[:2] == ["GigabitEthernet1/0/1", "GigabitEthernet1/0/2"]
    first = by_name["GigabitEthernet1/0/1"]
    assert (first["mode"], first["access_vlan"], first["voice_vlan"]) == ("access", "10", "20")
    assert first["auth"].splitlines() == [
        "authentication event fail action next-method",
        "authentication order dot1x mab",
        "authentication port-control auto",
        "mab",
        "dot1x pae authenticator",
    ]
    trunk = by_name["GigabitEthernet1/0/5"]
    assert (trunk["mode"], trunk["native_vlan"], trunk["trunk_vlans"]) == (
        "trunk",
        "99",
        "10,20,99",
    )
    assert by_name["GigabitEthernet1/0/6"]["mode"] == "routed"
    assert by_name["GigabitEthernet1/0/4"]["shutdown"] == "yes"
    assert by_name["GigabitEthernet1/0/1"]["shutdown"] == "no"
    assert "message-digest-key" not in by_name["GigabitEthernet1/0/6"]["config"]
    assert "Sup3rS3cret" not in by_name["TenGigabitEthernet1/1/1"]["config"]


def test_authentication_sessions(fixture_text: Text) -> None:
    rows = parse_output(
        "cisco_ios",
        "show authentication sessions",
        fixture_text("cisco_ios", "show_authentication_sessions.txt"),
    )
    assert [row["interface"] for row in rows] == ["Gi1/0/1", "Gi1/0/1", "Gi1/0/2", "Gi1/0/7"]
    assert rows[2] == {
        "interface": "Gi1/0/2",
        "mac": "3c52.82aa.0b0c",
        "method": "dot1x",
        "domain": "DATA",
        "status": "Unauth",
        "session": "0A0A1DFE00000FB5000101FF",
    }


def test_classic_ios_12_version_line() -> None:
    text = (
        "Cisco Internetwork Operating System Software\n"
        "IOS (tm) C2950 Software (C2950-I6Q4L2-M), Version 12.1(22)EA14, RELEASE SOFTWARE (fc1)\n"
        "ROM: Bootstrap program is C2950 boot loader\n"
        "OLD-SW uptime is 5 years, 2 weeks\n"
        "cisco WS-C2950-24 (RC32300) processor (revision C0) with 19911K bytes of memory.\n"
        "Processor board ID FHK0610Z0WC\n"
    )
    [row] = parse_output("cisco_ios", "show version", text)
    assert row == {
        "hostname": "OLD-SW",
        "model": "WS-C2950-24",
        "version": "12.1(22)EA14",
        "serial": "FHK0610Z0WC",
        "uptime": "5 years, 2 weeks",
    }
