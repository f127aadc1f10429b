"""Combining one host's parsed blocks into :class:`~statetrace.model.DeviceFacts`."""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping

from statetrace import commands
from statetrace.commands import canonical_command
from statetrace.model import RUCKUS_FASTIRON, DeviceFacts, InterfaceRecord
from statetrace.parsers.errors import UnsupportedError
from statetrace.parsers.macs import is_mac
from statetrace.parsers.registry import normalize_platform, parser_for
from statetrace.parsers.stanzas import hostname_from_config
from statetrace.parsers.switchport import auth_mode_from_lines
from statetrace.parsers.text import Row
from statetrace.ports import canonical_port

#: MAC-table "ports" that are not switch ports.
_NOT_PORTS = frozenset({"cpu", "switch", "router", "drop", ""})

#: Characters of a block read to find its first four lines (all of it if they are longer).
_HEAD_CHARS = 1024


def build_facts(
    platform: str,
    blocks: Mapping[str, str],
    hostname_hint: str,
    parsed: Mapping[str, list[Row]] | None = None,
) -> DeviceFacts:
    """One host's facts from its show blocks (keys: canonical command names).

    There is one interface per row of the status table (FastIron: interfaces
    brief).  Missing optional blocks leave defaults and add a warning; a
    malformed block raises :class:`~statetrace.parsers.errors.ParseError`.
    ``parsed`` holds tables already parsed by :func:`parse_blocks` (not parsed again).
    """
    name = normalize_platform(platform)
    texts = {_canonical(key): text for key, text in blocks.items()}
    facts = DeviceFacts(hostname="", platform=name)
    parsed = _parse_blocks(name, texts, facts.warnings, dict(parsed or {}))
    version = (parsed.get(commands.VERSION) or [{}])[0]
    facts.model = version.get("model", "")
    facts.version = version.get("version", "")
    facts.serial = version.get("serial", "")
    facts.uptime = version.get("uptime", "")
    config_text = texts.get(commands.RUNNING_CONFIG, "")
    facts.hostname = version.get("hostname") or hostname_from_config(config_text) or hostname_hint
    configs = {
        canonical_port(row["interface"]): row for row in parsed.get(commands.RUNNING_CONFIG, [])
    }
    macs = _learned_macs(parsed.get(commands.MAC_TABLE, []))
    sessions = _sessions(parsed)
    if name == RUCKUS_FASTIRON:
        table, columns = parsed.get(commands.INTERFACES_BRIEF, []), _fastiron_columns
    else:
        table, columns = parsed.get(commands.INTERFACES_STATUS, []), _status_columns
    facts.interfaces = []
    append = facts.interfaces.append
    for row in table:
        key = canonical_port(row["port"])
        config = configs.get(key, {})
        append(_record(columns(row, config), config, macs.get(key, ()), sessions.get(key)))
    return facts


def _parse_each(
    platform: str, texts: Mapping[str, str], warnings: list[str]
) -> dict[str, list[Row]]:
    parsed: dict[str, list[Row]] = {}
    for command, text in texts.items():
        rejected = _cli_error(text)
        if rejected:
            warnings.append(f"{command!r} was rejected by the device: {rejected}")
            continue
        try:
            parser = parser_for(platform, command)
        except UnsupportedError:  # a block we do not read (show spanning-tree, …)
            continue
        parsed[command] = parser(text)
    return parsed


def _canonical(command: str) -> str:
    """The canonical name of ``command`` (itself when it is one already or is unknown)."""
    if command in commands.CANONICAL_COMMANDS:
        return command
    return canonical_command(command) or command


def parse_blocks(
    platform: str, blocks: Mapping[str, str], only: Collection[str]
) -> dict[str, list[Row]]:
    """Parse the blocks named in ``only`` as :func:`build_facts` would.

    A block the device rejected (``% Invalid input …``) or without a parser is
    left out, never an error; a malformed table raises ParseError.
    """
    name = normalize_platform(platform)
    texts = {command: text for key, text in blocks.items() if (command := _canonical(key)) in only}
    return _parse_each(name, texts, [])


def _parse_blocks(
    platform: str, texts: Mapping[str, str], warnings: list[str], parsed: dict[str, list[Row]]
) -> dict[str, list[Row]]:
    """Parse every block that has a parser; note the expected ones that are missing."""
    table = commands.INTERFACES_BRIEF if platform == RUCKUS_FASTIRON else commands.INTERFACES_STATUS
    expected = [commands.VERSION, table, commands.MAC_TABLE, commands.RUNNING_CONFIG]
    todo = {command: text for command, text in texts.items() if command not in parsed}
    parsed.update(_parse_each(platform, todo, warnings))
    warnings.extend(
        f"no {command!r} output: its fields are left empty"
        for command in expected
        if command not in parsed
    )
    return parsed


def _cli_error(text: str) -> str:
    """The device error (``% Invalid input …``) when that is what the block holds, else ``""``."""
    head = text[:_HEAD_CHARS].splitlines()
    if len(head) <= 4:  # short block or long lines: the fifth line did not start in the head
        head = text.splitlines()
    lines = [line.strip() for line in head[:4] if line.strip()]
    return next((line for line in lines[:2] if line.startswith("%")), "")


#: Status/brief fields of an interface: port, name, status, vlan, duplex, speed, type.
Columns = tuple[str, str, str, str, str, str, str]


def _status_columns(row: Row, config: Row) -> Columns:
    """Table fields of a Cisco/Arista status row; the config description names the port."""
    return (
        row["port"],
        config.get("description") or row["name"],
        row["status"],
        row["vlan"] or config.get("access_vlan", ""),
        row["duplex"],
        row["speed"],
        row["type"],
    )


def _fastiron_columns(row: Row, config: Row) -> Columns:
    """Table fields of a FastIron brief row: the PVID (untagged VLAN) is the VLAN."""
    pvid = row["pvid"]
    if pvid.isdigit():
        vlan = pvid
    elif row["tag"].lower() == "yes" or config.get("mode") == "trunk":
        vlan = "trunk"
    else:
        vlan = config.get("access_vlan", "")
    return (
        row["port"],
        config.get("description") or row["name"],
        row["link"],
        vlan,
        row["duplex"],
        row["speed"],
        "",
    )


def _learned_macs(rows: list[Row]) -> dict[str, tuple[str, ...]]:
    """Sorted unique MACs per canonical port, from entries with a numeric VLAN on a real port."""
    found: dict[str, set[str]] = {}
    for row in rows:
        port = row["port"]
        if row["vlan"].isdigit() and port.lower() not in _NOT_PORTS and "," not in port:
            found.setdefault(canonical_port(port), set()).add(row["mac"])
    return {port: tuple(sorted(macs)) for port, macs in found.items()}


def _sessions(parsed: Mapping[str, list[Row]]) -> dict[str, tuple[str, str, str]]:
    """``(mode, state, client MAC)`` per canonical port from the auth-session tables."""
    found: dict[str, tuple[str, str, str]] = {}
    fastiron = [
        *(("mab", row) for row in parsed.get(commands.MAC_AUTH_SESSIONS, [])),
        *(("dot1x", row) for row in parsed.get(commands.DOT1X_SESSIONS, [])),
    ]
    for mode, row in fastiron:  # an authorized session wins, then dot1x over MAC auth
        key, session = canonical_port(row["port"]), (mode, _fastiron_state(row), row["mac"])
        if key not in found or found[key][1] != "authorized":
            found[key] = session
    cisco = parsed.get(commands.AUTH_SESSIONS, [])
    for row in sorted(cisco, key=lambda r: r["domain"].upper() == "VOICE"):  # data first
        mac = row["mac"] if is_mac(row["mac"]) else ""
        method = row["method"].lower() if row["method"].lower() in ("dot1x", "mab") else ""
        found.setdefault(
            canonical_port(row["interface"]), (method, _cisco_state(row["status"]), mac)
        )
    return found


def _cisco_state(status: str) -> str:
    """``authorized`` / ``unauthorized`` / ``in-progress`` from an IOS session status."""
    lowered = status.lower()
    if lowered.startswith("unauth") or "fail" in lowered:
        return "unauthorized"
    if lowered.startswith("auth"):
        return "authorized"
    return "in-progress" if lowered == "running" else lowered


def _fastiron_state(row: Row) -> str:
    """``authorized`` only for PAE ``AUTHENTICATED`` or Auth ``permit`` (not UNAUTHENTICATED)."""
    pae = row["pae_state"].upper()
    if pae:
        return "authorized" if pae == "AUTHENTICATED" else "unauthorized"
    auth = row["auth"].lower()
    if auth == "permit":
        return "authorized"
    return "in-progress" if auth in ("init", "pending") else "unauthorized"


def _record(
    columns: Columns,
    config: Row,
    learned: tuple[str, ...],
    session: tuple[str, str, str] | None,
) -> InterfaceRecord:
    """The interface: table fields, learned MACs, auth mode/state/client and config stanza."""
    configured = _configured_auth(config.get("auth", ""))
    mode, state, client = session or ("", "", "")
    if not state:
        state = "open" if configured == "open" else "no-session"
    port, name, status, vlan, duplex, speed, kind = columns
    return InterfaceRecord(
        port=port,
        name=name,
        status=status,
        vlan=vlan,
        duplex=duplex,
        speed=speed,
        type=kind,
        learned_macs=learned,
        auth_mode=mode or configured,
        auth_state=state,
        auth_client_mac=client,
        config=config.get("config", ""),
    )


@functools.lru_cache(maxsize=1024)
def _configured_auth(auth: str) -> str:
    """The auth mode configured by an interface's newline-joined auth lines (cached:
    most ports of a switch share one auth template)."""
    return auth_mode_from_lines(auth.splitlines())
