"""Arista EOS parsers: one pure function per show command."""

from __future__ import annotations

from collections.abc import Callable

from statetrace import command_names as commands
from statetrace.parsers.mac_table import parse_mac_table
from statetrace.parsers.status_table import parse_status_table
from statetrace.parsers.switchport import switchport_config_rows
from statetrace.parsers.text import Row, block_lines, first_value_after

#: Values EOS prints in the Status column.
STATUSES = frozenset(
    {"connected", "notconnect", "disabled", "errdisabled", "inactive", "monitoring", "notpresent"}
)


def parse_interfaces_status(text: str) -> list[Row]:
    """``show interfaces status`` → ``port, name, status, vlan, duplex, speed, type``."""
    return parse_status_table(commands.INTERFACES_STATUS, text, STATUSES)


def parse_mac_address_table(text: str) -> list[Row]:
    """``show mac address-table`` → ``vlan, mac, type, port`` (unicast table only)."""
    return parse_mac_table(commands.MAC_TABLE, text)


def parse_running_config(text: str) -> list[Row]:
    """``show running-config`` → one row per interface stanza."""
    return switchport_config_rows(text)


def parse_version(text: str) -> list[Row]:
    """``show version`` → one row ``hostname, model, version, serial, uptime``.

    EOS does not print the hostname here, so it is ``""``.
    """
    lines = block_lines(text)
    if not any(line.strip() for line in lines):
        return []
    model = next((line[7:].strip() for line in lines if line.startswith("Arista ")), "")
    version = first_value_after(lines, "Software image version:")
    return [
        {
            "hostname": "",
            "model": model,
            "version": version.split()[0] if version else "",
            "serial": first_value_after(lines, "Serial number:"),
            "uptime": first_value_after(lines, "Uptime:"),
        }
    ]


PARSERS: dict[str, Callable[[str], list[Row]]] = {
    commands.VERSION: parse_version,
    commands.INTERFACES_STATUS: parse_interfaces_status,
    commands.MAC_TABLE: parse_mac_address_table,
    commands.RUNNING_CONFIG: parse_running_config,
}
