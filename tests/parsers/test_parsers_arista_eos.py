"""Arista EOS parsers on self-made captures."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from statetrace.parsers import ParseError, build_facts, parse_output

Text = Callable[[str, str], str]


def test_status_with_flags_column_lag_member_and_quotes(fixture_text: Text) -> None:
    rows = parse_output(
        "arista_eos",
        "show interfaces status",
        fixture_text("arista_eos", "show_interfaces_status.txt"),
    )
    by_port = {row["port"]: row for row in rows}
    assert list(by_port) == ["Et1", "Et2", "Et3", "Et4", "Et5", "Ma1", "Po10"]
    assert by_port["Et1"]["name"] == 'Rack 12 "ESX-01" nic0'
    assert by_port["Et2"]["vlan"] == "Po10"
    assert by_port["Et3"]["type"] == "Not Present"
    assert (by_port["Et4"]["status"], by_port["Et4"]["vlan"]) == ("errdisabled", "120")
    assert (by_port["Et5"]["status"], by_port["Et5"]["vlan"]) == ("connected", "routed")
    assert by_port["Po10"] == {
        "port": "Po10",
        "name": "ESX-01 bond",
        "status": "connected",
        "vlan": "trunk",
        "duplex": "full",
        "speed": "20G",
        "type": "N/A",
    }


def test_rows_not_aligned_with_header_split_on_status_word() -> None:
    text = (
        "Port       Name           Status       Vlan     Duplex Speed  Type\n"
        "Et49 Core: dr1 notconnect in Po49 full 10G Not Present\n"
    )
    [row] = parse_output("arista_eos", "show interfaces status", text)
    assert row == {
        "port": "Et49",
        "name": "Core: dr1",
        "status": "notconnect",
        "vlan": "Po49",
        "duplex": "full",
        "speed": "10G",
        "type": "Not Present",
    }


def test_mac_table_reads_unicast_only(fixture_text: Text) -> None:
    rows = parse_output(
        "arista_eos",
        "show mac address-table",
        fixture_text("arista_eos", "show_mac_address-table.txt"),
    )
    assert rows == [
        {"vlan": "110", "mac": "0050.56b0.0001", "type": "DYNAMIC", "port": "Et1"},
        {"vlan": "110", "mac": "0050.56b0.0002", "type": "DYNAMIC", "port": "Po10"},
        {"vlan": "120", "mac": "001c.7300.aaaa", "type": "STATIC", "port": "Et4"},
    ]


def test_version(fixture_text: Text) -> None:
    [row] = parse_output(
        "arista_eos", "show version", fixture_text("arista_eos", "show_version.txt")
    )
    assert row == {
        "hostname": "",
        "model": "DCS-7050SX3-48YC8-R",
        "version": "4.30.5M",
        "serial": "JPE20250123",
        "uptime": "12 weeks, 3 days, 1 hour and 2 minutes",
    }


def test_running_config_three_space_indentation(fixture_text: Text) -> None:
    rows = parse_output(
        "arista_eos", "show running-config", fixture_text("arista_eos", "show_running-config.txt")
    )
    by_name = {row["interface"]: row for row in rows}
    assert by_name["Ethernet1"]["access_vlan"] == "110"
    assert by_name["Ethernet3"]["shutdown"] == "yes"
    assert by_name["Ethernet5"]["mode"] == "routed"
    assert by_name["Port-Channel10"]["trunk_vlans"] == "110-119"
    assert by_name["Ethernet4"]["auth"] == "dot1x pae authenticator\ndot1x port-control auto"


DOT1X_HOSTS = (
    "Port       Supplicant MAC Auth             State                Fallback       VLAN\n"
    "---------- -------------- ---------------- -------------------- -------------- ----\n"
    "Et1        0050.56a1.0001 EAPOL            FAILED               NONE\n"
    "Et1        0050.56a1.0011 EAPOL            SUCCESS              NONE           10\n"
    "Et2        0050.56a1.0002 MAC-BASED-AUTH   CONNECTING           NONE\n"
)


def test_dot1x_hosts_give_the_ports_sessions(fixture_text: Text) -> None:
    blocks = {
        "show interfaces status": fixture_text("arista_eos", "show_interfaces_status.txt"),
        "show dot1x hosts": DOT1X_HOSTS,
    }
    facts = build_facts("arista_eos", blocks, "sw1")
    by_port = {record.port: record for record in facts.interfaces}
    assert (by_port["Et1"].auth_mode, by_port["Et1"].auth_state) == ("dot1x", "authorized")
    assert by_port["Et1"].auth_client_mac == "0050.56a1.0011"
    assert (by_port["Et2"].auth_mode, by_port["Et2"].auth_state) == ("mab", "in-progress")
    assert by_port["Et3"].auth_state != "authorized"


def test_dot1x_hosts_without_header_is_an_error_and_empty_is_no_rows() -> None:
    assert parse_output("arista_eos", "show dot1x hosts", "\n  \n") == []
    with pytest.raises(ParseError) as caught:
        parse_output("arista_eos", "show dot1x hosts", "Et1 0050.56a1.0001 EAPOL SUCCESS\n")
    assert caught.value.line == 1
