"""parse_output's dispatch: platforms, aliases, abbreviations and clear errors."""

from __future__ import annotations

import pytest

from statetrace.parsers import ParseError, UnsupportedError, parse_output, supported_commands


def test_unknown_platform_lists_the_supported_ones() -> None:
    with pytest.raises(UnsupportedError) as error:
        parse_output("vyos", "show version", "")
    assert isinstance(error.value, ValueError)
    for name in ("cisco_ios", "arista_eos", "ruckus_fastiron", "brocade_fastiron"):
        assert name in str(error.value)


def test_unknown_command_lists_the_supported_ones() -> None:
    with pytest.raises(UnsupportedError) as error:
        parse_output("arista_eos", "show interfaces brief", "")
    message = str(error.value)
    assert "show interfaces status" in message and "show mac address-table" in message


def test_abbreviations_and_brocade_alias() -> None:
    text = "MAC Address     Port      Age      VLAN    Type\n6cae.8b2d.c979   2/1    0   1000\n"
    expected = [{"vlan": "1000", "mac": "6cae.8b2d.c979", "type": "", "port": "2/1"}]
    assert parse_output("brocade_fastiron", "sh mac-address", text) == expected
    assert parse_output("ruckus_fastiron", "show mac address", text) == expected


def test_supported_commands_per_platform() -> None:
    assert "show authentication sessions" in supported_commands("cisco_ios")
    assert "show interfaces brief" in supported_commands("brocade_fastiron")
    assert "show interfaces brief" not in supported_commands("arista_eos")


def test_mac_row_before_any_header_is_an_error_with_line() -> None:
    with pytest.raises(ParseError) as error:
        parse_output(
            "cisco_ios", "show mac address-table", "\n  10  0050.56a1.0001  DYNAMIC  Gi1/0/1\n"
        )
    assert error.value.line == 2
