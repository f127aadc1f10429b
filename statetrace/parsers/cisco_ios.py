"""Cisco IOS / IOS-XE parsers: one pure function per show command."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from statetrace import command_names as commands
from statetrace.parsers.errors import ParseError
from statetrace.parsers.interfaces import Session
from statetrace.parsers.mac_table import parse_mac_table
from statetrace.parsers.macs import all_macs, is_mac
from statetrace.parsers.status_table import parse_status_table
from statetrace.parsers.switchport import switchport_config_rows
from statetrace.parsers.text import Row, block_lines, find_header, no_header
from statetrace.ports import canonical_port

#: Every value IOS prints in the Status column (``notconnect:`` notes are stripped).
STATUSES = frozenset(
    {
        "connected",
        "notconnect",
        "disabled",
        "err-disabled",
        "inactive",
        "suspended",
        "monitoring",
        "sfp-config-mismatch",
        "sfp-mismatch",
        "sfp-not-present",
    }
)


#: Lines that name the running image (IOS 15+/IOS-XE, and classic IOS 12.x).
_IMAGE_LINES = ("Cisco IOS Software", "IOS (tm)")


def parse_interfaces_status(text: str) -> list[Row]:
    """``show interfaces status`` → ``port, name, status, vlan, duplex, speed, type``."""
    return parse_status_table(commands.INTERFACES_STATUS, text, STATUSES)


def parse_mac_address_table(text: str) -> list[Row]:
    """``show mac address-table`` → ``vlan, mac, type, port`` (unicast entries)."""
    return parse_mac_table(commands.MAC_TABLE, text)


def parse_running_config(text: str) -> list[Row]:
    """``show running-config`` → one row per interface stanza (``switchport_config_rows``)."""
    return switchport_config_rows(text)


def parse_version(text: str) -> list[Row]:
    """``show version`` → one row ``hostname, model, version, serial, uptime``.

    The version is the one on the first ``Cisco IOS Software`` / ``IOS (tm)`` line
    (the running image), else ``Cisco IOS XE Software, Version``; ROMMON, bootloader
    and GPL ``Version`` lines are ignored.
    """
    lines = block_lines(text)
    if not any(line.strip() for line in lines):
        return []
    hostname = uptime = version = xe_version = model = memory_model = serial = board_id = ""
    for line in lines:
        stripped = line.strip()
        if not version and stripped.startswith(_IMAGE_LINES) and "Version " in stripped:
            version = _version_token(stripped)
        elif not xe_version and stripped.startswith("Cisco IOS XE Software, Version "):
            xe_version = _version_token(stripped)
        elif not uptime and " uptime is " in stripped and not stripped.startswith("Uptime"):
            hostname, _, uptime = stripped.partition(" uptime is ")
        elif not model and stripped.startswith("Model Number") and ":" in stripped:
            model = stripped.split(":", 1)[1].strip()
        elif not memory_model and stripped[:6].lower() == "cisco " and " bytes of " in stripped:
            memory_model = stripped.split()[1]
        elif not board_id and stripped.startswith("Processor board ID "):
            board_id = stripped[len("Processor board ID ") :].split()[0].rstrip(",")
        elif not serial and stripped.startswith("System Serial Number") and ":" in stripped:
            serial = stripped.split(":", 1)[1].strip()
    return [
        {
            "hostname": hostname.strip(),
            "model": model or memory_model,
            "version": version or xe_version,
            "serial": board_id or serial,
            "uptime": uptime.strip(),
        }
    ]


def _version_token(line: str) -> str:
    """The word after ``Version `` in ``line``, without a trailing comma."""
    return line.split("Version ", 1)[1].split()[0].rstrip(",")


def parse_authentication_sessions(text: str) -> list[Row]:
    """``show authentication sessions`` / ``show access-session`` →
    ``interface, mac, method, domain, status, session``.

    A row's MAC is first taken by its length alone and all of them are checked at once
    at the end (one regex call, not one per row); when one is no MAC after all (or a
    row so taken is short), the table is read again checking each row.
    """
    command = commands.AUTH_SESSIONS
    lines = block_lines(text)
    start = find_header(lines, "Interface")
    if start < 0:
        return no_header(command, lines, "Interface MAC Address Method …", ("no ",))
    rows = _session_rows(command, lines, start, True)
    if rows is not None and all_macs([r["mac"] for r in rows if r["mac"] != "(unknown)"]):
        return rows
    return _session_rows(command, lines, start, False) or []  # (never None unguessed)


def _session_rows(command: str, lines: list[str], start: int, guess: bool) -> list[Row] | None:
    """The rows after the header at ``start``; with ``guess`` a MAC is only checked for
    its length, and ``None`` stands for a short row (an error only if its MAC is one)."""
    rows: list[Row] = []
    append = rows.append
    for index, line in enumerate(lines[start + 1 :], start + 1):
        tokens = line.split()
        if len(tokens) < 2:
            continue
        mac = tokens[1]
        if not (len(mac) in _MAC_LENGTHS if guess else is_mac(mac)) and mac != "(unknown)":
            continue  # separators, "Session count = N", the flag legend
        count = len(tokens)
        if count < 6:
            if guess:
                return None
            raise ParseError(command, f"session row has too few columns: {line!r}", index + 1)
        append(
            {
                "interface": tokens[0],
                "mac": mac,
                "method": tokens[2],
                "domain": tokens[3],
                "status": tokens[4] if count == 6 else " ".join(tokens[4:-1]),
                "session": tokens[-1],
            }
        )
    return rows


#: Lengths of a MAC token in the two notations.
_MAC_LENGTHS = (14, 17)


def sessions(parsed: Mapping[str, list[Row]]) -> dict[str, Session]:
    """``(mode, state, client MAC)`` per canonical port: a session outside the VOICE
    domain is preferred, then the first listed."""
    found: dict[str, Session] = {}
    rows = parsed.get(commands.AUTH_SESSIONS, [])
    for row in sorted(rows, key=lambda r: r["domain"].upper() == "VOICE"):  # data first
        mac = row["mac"] if is_mac(row["mac"]) else ""
        method = row["method"].lower() if row["method"].lower() in ("dot1x", "mab") else ""
        found.setdefault(canonical_port(row["interface"]), (method, _state(row["status"]), mac))
    return found


def _state(status: str) -> str:
    """``authorized`` / ``unauthorized`` / ``in-progress`` from an IOS session status."""
    lowered = status.lower()
    if lowered.startswith("unauth") or "fail" in lowered:
        return "unauthorized"
    if lowered.startswith("auth"):
        return "authorized"
    return "in-progress" if lowered == "running" else lowered


PARSERS: dict[str, Callable[[str], list[Row]]] = {
    commands.VERSION: parse_version,
    commands.INTERFACES_STATUS: parse_interfaces_status,
    commands.MAC_TABLE: parse_mac_address_table,
    commands.RUNNING_CONFIG: parse_running_config,
    commands.AUTH_SESSIONS: parse_authentication_sessions,
}
