"""Edge cases of the single-pass readers: stanza boundaries, line endings, header reuse."""

from __future__ import annotations

import pytest

from statetrace.parsers import ParseError, build_facts, parse_output
from statetrace.parsers.mac_table import parse_mac_table
from statetrace.parsers.secrets import is_secret_line, may_hold_secret
from statetrace.parsers.stanzas import hostname_from_config

CONFIG = """hostname SW1
!
Interface GigabitEthernet1/0/1
 description first
 description  Front desk
 switchport trunk allowed vlan 10,20
 switchport trunk allowed vlan add 30
 switchport trunk allowed vlan add 40-45
 switchport mode trunk
 standby 1 authentication md5 key-string s3cret
 authentication port-control auto
 dot1x pae authenticator
 shutdown
!
interface    \n extra line of no stanza
interface Vlan10
 no switchport
   \n ip address 10.0.0.1 255.255.255.0
interface Gi1/0/2
"""


def test_ios_stanza_fields_one_pass() -> None:
    rows = {row["interface"]: row for row in parse_output("cisco_ios", "sh run", CONFIG)}
    assert list(rows) == ["GigabitEthernet1/0/1", "Vlan10", "Gi1/0/2"]
    first = rows["GigabitEthernet1/0/1"]
    assert first["description"] == "Front desk"  # the last description wins
    assert first["trunk_vlans"] == "10,20,30,40-45"
    assert (first["mode"], first["shutdown"]) == ("trunk", "yes")
    assert first["auth"] == "authentication port-control auto\ndot1x pae authenticator"
    assert "s3cret" not in first["config"] and "standby" not in first["config"]
    assert first["config"].startswith("interface GigabitEthernet1/0/1\n description first\n")
    assert (rows["Vlan10"]["mode"], rows["Vlan10"]["config"]) == (
        "routed",
        "interface Vlan10\n no switchport",  # a blank indented line ends the stanza
    )
    assert rows["Gi1/0/2"]["config"] == "interface Gi1/0/2"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028"])
def test_config_rows_do_not_depend_on_line_endings(newline: str) -> None:
    expected = parse_output("cisco_ios", "show running-config", CONFIG)
    text = "\ufeff" + CONFIG.replace("\n", newline)
    assert parse_output("cisco_ios", "show running-config", text) == expected
    assert parse_output("arista_eos", "show running-config", text) == expected


def test_secret_prefilter_agrees_with_the_line_check() -> None:
    lines = [
        "enable secret 9 $9$x",
        "snmp-server user admin grp v3 auth sha x",
        "vrrp 1 authentication text x",
        "wpa-psk ascii 0 x",
        "tacacs-server key 7 x",
        "ip ospf message-digest-key 1 md5 x",
        "description my password is on the wall",
        "switchport access vlan 10",
    ]
    for line in lines:
        if is_secret_line(line):
            assert may_hold_secret(line), line
    assert not may_hold_secret("authentication port-control auto\nswitchport mode access")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hostname A\n", "A"),
        ('\ufeffhostname "B C"\r\nhostname D\r\n', "B C"),
        ("ip domain hostname X\x85hostname E\x85", "E"),
        ("  hostname indented\nno host\n", ""),
        ("hostname", ""),
    ],
)
def test_hostname_is_the_first_line_starting_with_hostname(text: str, expected: str) -> None:
    assert hostname_from_config(text) == expected


def test_mac_rows_shifted_short_and_under_a_new_header() -> None:
    text = (
        "Vlan  Mac Address     Type     Ports\n"
        "  10  0050.56a1.0001  DYNAMIC  Gi1/0/1\n"
        "*  20  0050.56a1.0002  STATIC  Gi1/0/2\n"
        "  30  0050.56a1.0003\n"
        "MAC-Address     Port   Type     VLAN\n"
        "0050.56a1.0004  1/1/4  Dynamic  40\n"
    )
    rows = parse_mac_table("show mac address-table", text)
    assert [(r["vlan"], r["mac"], r["type"], r["port"]) for r in rows] == [
        ("10", "0050.56a1.0001", "DYNAMIC", "Gi1/0/1"),
        ("20", "0050.56a1.0002", "STATIC", "Gi1/0/2"),
        ("30", "0050.56a1.0003", "", ""),
        ("40", "0050.56a1.0004", "Dynamic", "1/1/4"),
    ]


def test_device_error_after_a_long_first_line_is_noticed() -> None:
    status = "Port Name Status Vlan Duplex Speed Type\n"
    long_line = "x" * 3000
    facts = build_facts(
        "cisco_ios",
        {"show interfaces status": status, "show mac address-table": f"{long_line}\n% Invalid"},
        "SW1",
    )
    assert any("rejected by the device: % Invalid" in note for note in facts.warnings)
    many = "\n".join(["", "a", "b", "c", "d", "% late", *["e"] * 500])
    facts = build_facts("cisco_ios", {"show clock": many}, "SW1")
    assert not any("rejected" in note for note in facts.warnings)


def test_fastiron_rows_for_vlan_and_global_auth_ports() -> None:
    config = (
        "vlan 10 name DATA by port\n"
        " untagged ethe 1/1/2 to 1/1/3\n"
        " tagged ethe 1/1/9\n"
        "vlan 20 name VOICE by port\n"
        " tagged ethe 1/1/9 ethe 1/1/2\n"
        "authentication\n"
        " dot1x port-control auto ethe 1/1/3 to 1/1/4\n"
        " mac-authentication enable ethe 1/1/4\n"
        "interface ethernet 1/1/2\n"
        " port-name Desk\n"
        " port-name Later\n"
    )
    rows = {row["interface"]: row for row in parse_output("ruckus_fastiron", "sh conf", config)}
    assert list(rows) == ["1/1/2", "1/1/3", "1/1/9", "1/1/4"]
    assert (rows["1/1/2"]["description"], rows["1/1/2"]["mode"]) == ("Desk", "trunk")
    assert (rows["1/1/2"]["access_vlan"], rows["1/1/2"]["trunk_vlans"]) == ("10", "20")
    assert rows["1/1/9"]["trunk_vlans"] == "10,20"
    assert rows["1/1/4"]["auth"] == "dot1x port-control auto\nmac-authentication enable"
    assert (rows["1/1/4"]["mode"], rows["1/1/4"]["config"]) == ("", "")


STATUS_HEADER = "Port      Name               Status       Vlan       Duplex  Speed Type"


@pytest.mark.parametrize("line_no", [1, 3])
def test_status_header_layout_is_reused_but_errors_keep_their_line(line_no: int) -> None:
    """Status-table layouts are cached per header; a bad header fails every time, on its line."""
    bad = "\n" * (line_no - 1) + "Port      Name               Status       Vlan\n"
    for _ in range(2):
        with pytest.raises(ParseError) as error:
            parse_output("cisco_ios", "show interfaces status", bad)
        assert error.value.line == line_no
    row = "Gi1/0/1   desk               connected    10         a-full  a-1000 10/100/1000BaseTX"
    for _ in range(2):
        assert parse_output("cisco_ios", "show interfaces status", f"{STATUS_HEADER}\n{row}\n")


def test_status_header_too_long_to_cache_still_parses() -> None:
    header = STATUS_HEADER + " " * 600 + "Extra"
    row = "Gi1/0/1   desk               connected    10         a-full  a-1000 10/100/1000BaseTX"
    rows = parse_output("cisco_ios", "show interfaces status", f"{header}\n{row}\n")
    assert rows[0]["status"] == "connected" and rows[0]["type"] == "10/100/1000BaseTX"


MAC_ROWS = "".join(f"  10    0000.0000.{n:04x}    DYNAMIC     Gi1/0/{n}\n" for n in range(1, 15))


@pytest.mark.parametrize("bad", ["  10    zzzz.0000.0001    DYNAMIC     Gi1/0/99\n", ""])
def test_mac_rows_guessed_by_length_are_checked(bad: str) -> None:
    """A 14-character token in the MAC column that is no MAC is not a row, in a table
    long enough for MACs to be taken by their length first."""
    text = f"Vlan    Mac Address       Type        Ports\n{MAC_ROWS}{bad}{MAC_ROWS}"
    rows = parse_mac_table("show mac address-table", text)
    assert len(rows) == 28
    assert all(row["mac"].startswith("0000.0000.") for row in rows)


SESSION_HEADER = "Interface  MAC Address     Method   Domain   Status         Session ID\n"
SESSION_ROW = "Gi1/0/{n}   0000.1111.{n:04x}  mab      DATA     Authz Success  0A0A7F9B00\n"


@pytest.mark.parametrize(
    "bad",
    ["Gi1/0/99   zzzz.1111.0001  mab      DATA     Auth  0A0A\n", "Session    12345678901234\n"],
)
def test_session_macs_guessed_by_length_are_checked(bad: str) -> None:
    """A session line whose second word is as long as a MAC but no MAC is skipped,
    whether it has a row's columns or is short (short MAC rows stay errors)."""
    rows = "".join(SESSION_ROW.format(n=n) for n in range(1, 4))
    parsed = parse_output("cisco_ios", "show authentication sessions", SESSION_HEADER + rows + bad)
    assert [row["mac"] for row in parsed] == ["0000.1111.0001", "0000.1111.0002", "0000.1111.0003"]
    assert parsed[0]["status"] == "Authz Success"
    with pytest.raises(ParseError, match="too few columns"):
        parse_output(
            "cisco_ios", "show authentication sessions", SESSION_HEADER + "Gi1 0000.1111.0001 mab\n"
        )
