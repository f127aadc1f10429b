"""Arista EOS parsers: one pure function per show command."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from statetrace import command_names as commands
from statetrace.parsers.interfaces import Session, per_port_sessions
from statetrace.parsers.mac_table import parse_mac_table
from statetrace.parsers.macs import is_mac
from statetrace.parsers.status_table import parse_status_table
from statetrace.parsers.switchport import switchport_config_rows
from statetrace.parsers.text import Row, block_lines, first_value_after, no_header
from statetrace.ports import canonical_port

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


#: Fields of a ``show dot1x hosts`` row, in the order of its columns.
DOT1X_HOST_FIELDS = ("port", "mac", "auth", "state", "fallback", "vlan")


def parse_dot1x_hosts(text: str) -> list[Row]:
    """``show dot1x hosts`` → ``port, mac, auth, state, fallback, vlan`` (values as
    printed: ``Et2``, ``EAPOL``, ``SUCCESS``, ``NONE``; ``fallback`` and ``vlan`` are
    ``""`` when the row ends before them).  A row is a line whose second word is a MAC."""
    lines = block_lines(text)
    if not any(line.split()[:2] == ["Port", "Supplicant"] for line in lines):
        return no_header(commands.DOT1X_HOSTS, lines, "Port Supplicant MAC Auth State")
    rows: list[Row] = []
    for line in lines:
        tokens = line.split()
        if len(tokens) >= 4 and is_mac(tokens[1]):
            tokens += [""] * (len(DOT1X_HOST_FIELDS) - len(tokens))
            rows.append(dict(zip(DOT1X_HOST_FIELDS, tokens, strict=False)))
    return rows


#: ``show dot1x all`` labels (``Label : value``) and the field each sets.
_DOT1X_ALL_LABELS = {
    "PortControl": "port_control",
    "HostMode": "host_mode",
    "QuietPeriod": "quiet_period",
    "TxPeriod": "tx_period",
    "ReauthPeriod": "reauth_period",
    "MaxReauthReq": "max_reauth_req",
}
DOT1X_ALL_FIELDS = ("interface", *_DOT1X_ALL_LABELS.values())


def parse_dot1x_all(text: str) -> list[Row]:
    """``show dot1x all`` → one row per ``Dot1X Information for <interface>`` paragraph:
    ``interface, port_control, host_mode, quiet_period, tx_period, reauth_period,
    max_reauth_req`` (values as printed, e.g. ``auto``, ``single-host``, ``3600 seconds``)."""
    rows: list[Row] = []
    row: Row | None = None
    for line in block_lines(text):
        if line.startswith("Dot1X Information for "):
            row = dict.fromkeys(DOT1X_ALL_FIELDS, "")
            row["interface"] = line[22:].strip()
            rows.append(row)
            continue
        label, colon, value = line.partition(":")
        field = _DOT1X_ALL_LABELS.get(label.strip()) if colon else None
        if row is not None and field and not row[field]:
            row[field] = value.strip()
    return rows


def sessions(parsed: Mapping[str, list[Row]]) -> dict[str, Session]:
    """``(mode, state, client MAC)`` per canonical port from ``show dot1x hosts``
    (``EAPOL`` is dot1x, a MAC-based method MAB); a successful host wins on its port."""
    return per_port_sessions(
        (canonical_port(row["port"]), (_mode(row["auth"]), _state(row["state"]), row["mac"]))
        for row in parsed.get(commands.DOT1X_HOSTS, [])
    )


def _mode(auth: str) -> str:
    """``dot1x`` for ``EAPOL``, ``mab`` for a MAC-based method, else the method as printed."""
    upper = auth.upper()
    return "dot1x" if upper == "EAPOL" else "mab" if "MAC" in upper else auth.lower()


def _state(state: str) -> str:
    """``authorized`` for ``SUCCESS``, ``in-progress`` while it runs, else ``unauthorized``
    (``FAILED``, ``HELD``, ``SUPPLICANT-TIMEOUT``, ``LOGOFF`` …)."""
    upper = state.upper()
    if upper == "SUCCESS":
        return "authorized"
    if upper in ("CONNECTING", "AUTHENTICATING", "RESTART", "INITIALIZE"):
        return "in-progress"
    return "unauthorized"


PARSERS: dict[str, Callable[[str], list[Row]]] = {
    commands.VERSION: parse_version,
    commands.INTERFACES_STATUS: parse_interfaces_status,
    commands.MAC_TABLE: parse_mac_address_table,
    commands.RUNNING_CONFIG: parse_running_config,
    commands.DOT1X_HOSTS: parse_dot1x_hosts,
    commands.DOT1X_ALL: parse_dot1x_all,
}
