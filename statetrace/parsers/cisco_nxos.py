"""Cisco NX-OS (Nexus) parsers: one pure function per show command."""

from __future__ import annotations

from collections.abc import Callable

from statetrace import command_names as commands
from statetrace.parsers.interfaces import Columns, status_columns
from statetrace.parsers.mac_table import parse_mac_table
from statetrace.parsers.status_table import parse_status_table
from statetrace.parsers.switchport import switchport_config_rows
from statetrace.parsers.text import Row, block_lines, line_of, value_after

#: Values NX-OS prints in the Status column (cut to nine characters by the device).
STATUSES = frozenset(
    {
        "connected",
        "notconnec",
        "notconnect",
        "disabled",
        "down",
        "up",
        "sfpAbsent",
        "xcvrAbsen",
        "xcvrInval",
        "channelDo",
        "noOperMem",
        "suspended",
        "suspnd",
        "err-disabled",
        "errDisabl",
        "linkFlapE",
        "monitor",
        "inactive",
    }
)

#: NX-OS prints ``--`` for an empty Name or Type.
_EMPTY = "--"


def parse_interface_status(text: str) -> list[Row]:
    """``show interface status`` → ``port, name, status, vlan, duplex, speed, type``."""
    return parse_status_table(commands.INTERFACES_STATUS, text, STATUSES)


def parse_mac_address_table(text: str) -> list[Row]:
    """``show mac address-table`` → ``vlan, mac, type, port`` (flag column ignored)."""
    return parse_mac_table(commands.MAC_TABLE, text)


def parse_running_config(text: str) -> list[Row]:
    """``show running-config`` (or ``… interface``) → one row per interface stanza."""
    return switchport_config_rows(text)


def parse_version(text: str) -> list[Row]:
    """``show version`` → one row ``hostname, model, version, serial, uptime``.

    ``version`` is the first word after ``NXOS: version`` (``system: version`` on
    older releases); ``model`` the word before ``Chassis`` on the ``cisco …`` hardware
    line, else its second word; ``hostname`` is ``Device name``.  Values are found with
    ``str.find`` over the block (a few markers in a long text).
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return []
    version = value_after(text, "NXOS: version") or value_after(text, "system:    version")
    return [
        {
            "hostname": value_after(text, "Device name:"),
            "model": _model(text),
            "version": version.split()[0] if version else "",
            "serial": value_after(text, "Processor Board ID").split(" ")[0],
            "uptime": value_after(text, "Kernel uptime is"),
        }
    ]


def _model(text: str) -> str:
    """The chassis model of the first line whose first word is ``cisco`` (the hardware
    line ``cisco Nexus9000 C9396PX Chassis``)."""
    position = text.find("cisco")
    while position >= 0:
        words = line_of(text, position).split()
        if len(words) >= 2 and words[0] == "cisco":
            lowered = [word.lower() for word in words]
            if "chassis" in lowered:
                return words[lowered.index("chassis") - 1]
            return words[1]
        position = text.find("cisco", position + 1)
    return ""


#: ``show interface switchport`` labels and the field each sets.
_SWITCHPORT_LABELS = {
    "Switchport": "switchport",
    "Operational Mode": "mode",
    "Access Mode VLAN": "access_vlan",
    "Trunking Native Mode VLAN": "native_vlan",
    "Trunking VLANs Allowed": "trunk_vlans",
    "Voice VLAN": "voice_vlan",
}


def parse_interface_switchport(text: str) -> list[Row]:
    """``show interface switchport`` → ``interface, switchport, mode, access_vlan,
    native_vlan, trunk_vlans, voice_vlan`` (VLAN names in parentheses dropped)."""
    rows: list[Row] = []
    row: Row | None = None
    for line in block_lines(text):
        label, colon, value = line.partition(":")
        if not colon:
            continue
        if label.startswith("Name"):
            row = dict.fromkeys(("switchport", *_SWITCHPORT_LABELS.values()), "")
            row = {"interface": value.strip(), **row}
            rows.append(row)
        elif row is not None and (field := _SWITCHPORT_LABELS.get(label.strip())):
            row[field] = value.split("(", 1)[0].strip()
    return rows


def status_columns_nxos(row: Row, config: Row) -> Columns:
    """Inventory fields of an NX-OS status row: ``--`` (no name, no type) is empty."""
    port, name, status, vlan, duplex, speed, kind = status_columns(row, config)
    return (
        port,
        "" if name == _EMPTY else name,
        status,
        vlan,
        duplex,
        speed,
        "" if kind == _EMPTY else kind,
    )


PARSERS: dict[str, Callable[[str], list[Row]]] = {
    commands.VERSION: parse_version,
    commands.INTERFACES_STATUS: parse_interface_status,
    commands.MAC_TABLE: parse_mac_address_table,
    commands.RUNNING_CONFIG: parse_running_config,
    commands.INTERFACES_SWITCHPORT: parse_interface_switchport,
}
