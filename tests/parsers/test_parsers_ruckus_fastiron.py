"""Ruckus/Brocade FastIron parsers on self-made captures."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from statetrace.parsers import ParseError, build_facts, parse_output
from statetrace.parsers.ruckus_fastiron import expand_ports, parse_vlan_config

Text = Callable[[str, str], str]


def test_interfaces_brief_names_with_spaces_and_empty_names(fixture_text: Text) -> None:
    rows = parse_output(
        "ruckus_fastiron", "sh int br", fixture_text("ruckus_fastiron", "show_interfaces_brief.txt")
    )
    by_port = {row["port"]: row for row in rows}
    assert len(rows) == 7
    assert by_port["1/1/1"]["name"] == "Front Desk PC"
    assert by_port["1/1/2"]["name"] == 'VoIP "Lobby"'
    assert by_port["1/1/3"]["name"] == ""
    assert by_port["1/1/5"]["link"] == "ERR-DIS"
    assert (by_port["1/2/1"]["tag"], by_port["1/2/1"]["pvid"]) == ("Yes", "N/A")
    assert by_port["1/1/1"]["mac"] == "609c.9f11.2201"


def test_brocade_alias_and_short_row_error() -> None:
    text = "Port  Link State Dupl Speed Trunk Tag Pvid Pri MAC Name\n1/1/1 Up Forward Full\n"
    with pytest.raises(ParseError) as error:
        parse_output("brocade_fastiron", "show interfaces brief", text)
    assert error.value.line == 2


def test_mac_address_with_hyphenated_header(fixture_text: Text) -> None:
    rows = parse_output(
        "ruckus_fastiron",
        "show mac-address",
        fixture_text("ruckus_fastiron", "show_mac-address.txt"),
    )
    assert len(rows) == 5
    assert rows[0] == {"vlan": "10", "mac": "0050.56c0.0001", "type": "Dynamic", "port": "1/1/1"}


def test_version(fixture_text: Text) -> None:
    [row] = parse_output(
        "ruckus_fastiron", "show version", fixture_text("ruckus_fastiron", "show_version.txt")
    )
    assert row == {
        "hostname": "",
        "model": "ICX7450-48P",
        "version": "08.0.95kT213",
        "serial": "CYX3312K0AB",
        "uptime": "41 day(s) 2 hour(s) 5 minute(s) 9 second(s)",
    }


def test_port_lists_expand_ranges() -> None:
    assert expand_ports("ethe 1/1/3 to 1/1/5 ethe 1/1/7 lag 2") == [
        "1/1/3",
        "1/1/4",
        "1/1/5",
        "1/1/7",
    ]


def test_vlan_membership_gives_access_and_trunk_vlans(fixture_text: Text) -> None:
    text = fixture_text("ruckus_fastiron", "show_running-config.txt")
    vlans = parse_vlan_config(text)
    assert [v["vlan_id"] for v in vlans] == ["1", "10", "20"]
    assert vlans[1]["untagged_ports"] == "ethe 1/1/1 ethe 1/1/3 to 1/1/5"
    rows = {row["interface"]: row for row in parse_output("ruckus_fastiron", "show config", text)}
    assert (rows["1/1/1"]["access_vlan"], rows["1/1/1"]["trunk_vlans"], rows["1/1/1"]["mode"]) == (
        "10",
        "20",
        "trunk",
    )
    assert (rows["1/1/4"]["access_vlan"], rows["1/1/4"]["mode"], rows["1/1/4"]["shutdown"]) == (
        "10",
        "access",
        "yes",
    )
    assert (rows["1/2/1"]["access_vlan"], rows["1/2/1"]["trunk_vlans"]) == ("", "10,20")
    assert rows["1/1/2"]["voice_vlan"] == "20"
    assert rows["1/1/2"]["auth"] == "dot1x port-control auto\nmac-authentication enable"
    assert rows["1/1/3"]["auth"] == "mac-authentication enable"
    assert rows["ve 10"]["config"].startswith("interface ve 10")


def test_session_tables(fixture_text: Text) -> None:
    dot1x = parse_output(
        "ruckus_fastiron",
        "show dot1x sessions all",
        fixture_text("ruckus_fastiron", "show_dot1x_sessions_all.txt"),
    )
    assert [(r["port"], r["auth"], r["pae_state"]) for r in dot1x] == [
        ("1/1/1", "permit", "AUTHENTICATED"),
        ("1/1/2", "deny", "UNAUTHENTICATED"),
    ]
    mab = parse_output(
        "ruckus_fastiron",
        "show mac-authentication sessions all",
        fixture_text("ruckus_fastiron", "show_mac-authentication_sessions_all.txt"),
    )
    assert mab[0] == {
        "port": "1/1/2",
        "mac": "0050.56c0.0002",
        "vlan": "20",
        "auth": "permit",
        "pae_state": "",
    }


def test_unified_authentication_sessions_give_the_ports_sessions(fixture_text: Text) -> None:
    blocks = {
        "show interfaces brief": fixture_text("ruckus_fastiron", "show_interfaces_brief.txt"),
        "show authentication sessions all": fixture_text(
            "ruckus_fastiron_08090", "show_authentication_sessions_all.txt"
        ),
    }
    by_port = {r.port: r for r in build_facts("ruckus_fastiron", blocks, "sw1").interfaces}
    assert (by_port["1/1/2"].auth_mode, by_port["1/1/2"].auth_state) == ("mab", "authorized")
    assert by_port["1/1/2"].auth_client_mac == "0050.56c0.0112"
    assert (by_port["1/1/3"].auth_mode, by_port["1/1/3"].auth_state) == ("dot1x", "authorized")
    assert (by_port["1/1/4"].auth_mode, by_port["1/1/4"].auth_state) == ("mab", "in-progress")


def test_unified_session_row_cut_short_names_its_line(fixture_text: Text) -> None:
    table = fixture_text("ruckus_fastiron_08090", "show_authentication_sessions_all.txt")
    text = table.split("\n")[0] + "\n1/1/9   0050.56c0.0109  8021.X  permit\n"
    with pytest.raises(ParseError) as caught:
        parse_output("ruckus_fastiron", "show authentication sessions all", text)
    assert caught.value.line == 2
