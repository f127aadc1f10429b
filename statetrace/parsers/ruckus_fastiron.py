"""Ruckus (Brocade) FastIron / ICX parsers: one pure function per show command."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from statetrace import command_names as commands
from statetrace.parsers.columns import column_offsets
from statetrace.parsers.errors import ParseError
from statetrace.parsers.interfaces import Columns, Session, per_port_sessions
from statetrace.parsers.mac_table import parse_mac_table
from statetrace.parsers.macs import is_mac
from statetrace.parsers.stanzas import Stanza, interface_stanzas, stanza_text
from statetrace.parsers.text import Row, block_lines, find_header, first_value_after, no_header
from statetrace.ports import canonical_port

BRIEF_COLUMNS = ("Port", "Link", "State", "Dupl", "Speed", "Trunk", "Tag", "Pvid", "Pri", "MAC")
BRIEF_FIELDS = (
    "port",
    "link",
    "state",
    "duplex",
    "speed",
    "trunk",
    "tag",
    "pvid",
    "priority",
    "mac",
)

#: Values of the "Auth State" column of the session tables.
_AUTH_VALUES = frozenset({"permit", "deny", "restrict", "init", "blocked", "pending"})

#: Lines a table-less block may hold (``No sessions``, ``Total …``).
_NOTICES = ("no ", "total ")

#: Global (``authentication`` block) commands that enable port authentication on ranges.
_GLOBAL_AUTH = ("dot1x port-control auto", "mac-authentication enable")
_GLOBAL_AUTH_ETHE = tuple(command + " ethe" for command in _GLOBAL_AUTH)


def parse_version(text: str) -> list[Row]:
    """``show version`` → one row ``hostname, model, version, serial, uptime``.

    ``model`` is the ``HW:`` text without the ``Stackable`` prefix; the first
    unit's serial and uptime are taken.  FastIron prints no hostname here.
    """
    lines = block_lines(text)
    if not any(line.strip() for line in lines):
        return []
    version = first_value_after(lines, "SW: Version")
    return [
        {
            "hostname": "",
            "model": first_value_after(lines, "HW:").removeprefix("Stackable ").strip(),
            "version": version.split()[0] if version else "",
            "serial": first_value_after(lines, "Serial  #:")
            or first_value_after(lines, "Serial #:"),
            "uptime": first_value_after(lines, "uptime is"),
        }
    ]


def parse_interfaces_brief(text: str) -> list[Row]:
    """``show interfaces brief`` → ``port, link, state, duplex, speed, trunk, tag, pvid,
    priority, mac, name`` (name may contain spaces or be empty)."""
    command = commands.INTERFACES_BRIEF
    lines = block_lines(text)
    start = find_header(lines, "Port")
    if start < 0:
        return no_header(command, lines, "Port Link State Dupl Speed … MAC Name", _NOTICES)
    column_offsets(command, lines[start], BRIEF_COLUMNS, start + 1)
    rows: list[Row] = []
    for index in range(start + 1, len(lines)):
        tokens = lines[index].split(None, 10)
        if not tokens or tokens[0] == "Port":
            continue
        if len(tokens) < 10:
            raise ParseError(
                command, f"row has too few columns: {lines[index].strip()!r}", index + 1
            )
        row = dict(zip(BRIEF_FIELDS, tokens, strict=False))
        row["name"] = tokens[10].strip() if len(tokens) > 10 else ""
        rows.append(row)
    return rows


def parse_mac_address(text: str) -> list[Row]:
    """``show mac-address`` → ``vlan, mac, type, port``."""
    return parse_mac_table(commands.MAC_TABLE, text)


def expand_ports(spec: str) -> list[str]:
    """Ports named by a FastIron port list: ``ethe 1/1/3 to 1/1/5 ethe 1/1/7`` →
    ``1/1/3, 1/1/4, 1/1/5, 1/1/7`` (ranges expand the last number; ``lag`` ids are skipped)."""
    ports: list[str] = []
    words = spec.split()
    index = 0
    while index < len(words):
        word = words[index]
        if "/" in word:
            if words[index + 1 : index + 2] == ["to"] and index + 2 < len(words):
                ports.extend(_port_range(word, words[index + 2]))
                index += 3
                continue
            ports.append(word)
        index += 1
    return ports


def _port_range(first: str, last: str) -> list[str]:
    """``1/1/3`` to ``1/1/5`` → the three ports (same stack unit and module)."""
    prefix, _, low = first.rpartition("/")
    high = last.rpartition("/")[2]
    if not (low.isdigit() and high.isdigit()):
        return [first, last]
    return [f"{prefix}/{number}" for number in range(int(low), int(high) + 1)]


def parse_vlan_config(text: str) -> list[Row]:
    """VLAN stanzas of a running-config → ``vlan_id, vlan_name, tagged_ports,
    untagged_ports`` (port lists as written, whitespace collapsed)."""
    return _scan_config(block_lines(text))[0]


def _scan_config(lines: Iterable[str]) -> tuple[list[Row], list[tuple[str, str]]]:
    """One pass over a config: its VLAN stanzas (as :func:`parse_vlan_config`) and
    ``(port, command)`` for global auth commands that list port ranges."""
    rows: list[Row] = []
    auth: list[tuple[str, str]] = []
    current: Row | None = None
    for raw in lines:
        line = raw.strip()
        if line.startswith(_GLOBAL_AUTH_ETHE):
            command = next(command for command in _GLOBAL_AUTH if line.startswith(command))
            auth.extend((port, command) for port in expand_ports(line[len(command) :]))
        if raw.startswith("vlan "):
            words = line.split(None, 3)
            current = {
                "vlan_id": words[1],
                "vlan_name": words[3] if len(words) > 3 and words[2] == "name" else "",
                "tagged_ports": "",
                "untagged_ports": "",
            }
            rows.append(current)
        elif current is not None and raw[:1] in (" ", "\t"):
            for key, word in (("tagged_ports", "tagged "), ("untagged_ports", "untagged ")):
                if line.startswith(word):
                    joined = " ".join([current[key], *line[len(word) :].split()])
                    current[key] = joined.strip()
        elif line:
            current = None
    return rows, auth


def parse_running_config(text: str) -> list[Row]:
    """``show running-config`` / ``show config`` → one row per port named in an
    ``interface ethernet`` stanza or in a VLAN's port lists.

    Fields as for IOS (``interface, description`` (port-name), ``shutdown``
    (``disable``), ``mode, access_vlan, voice_vlan, native_vlan, trunk_vlans,
    auth, config``); ``access_vlan`` is the VLAN the port is untagged in (or its
    ``dual-mode`` VLAN), ``trunk_vlans`` the VLANs it is tagged in, and ``mode``
    ``access`` / ``trunk`` (tagged) accordingly.  Global ``… ethe A to B`` auth
    commands are attributed to each port in the range.
    """
    rows: dict[str, Row] = {}
    for stanza in interface_stanzas(text):
        name = stanza.name
        port = name.split()[-1] if name.lower().startswith("ethe") else name
        rows[port] = _interface_row(port, stanza)
    vlans, global_auth = _scan_config(block_lines(text))
    for vlan in vlans:
        vlan_id = vlan["vlan_id"]
        for port in expand_ports(vlan["untagged_ports"]):
            _port_row(rows, port)["access_vlan"] = vlan_id
        for port in expand_ports(vlan["tagged_ports"]):
            row = _port_row(rows, port)
            row["trunk_vlans"] = (
                f"{row['trunk_vlans']},{vlan_id}" if row["trunk_vlans"] else vlan_id
            )
    for port, command in global_auth:
        row = _port_row(rows, port)
        row["auth"] = f"{row['auth']}\n{command}" if row["auth"] else command
    for row in rows.values():
        row["access_vlan"] = row["access_vlan"] or row["native_vlan"]
        row["mode"] = "trunk" if row["trunk_vlans"] else "access" if row["access_vlan"] else ""
    return list(rows.values())


def _port_row(rows: dict[str, Row], port: str) -> Row:
    """The row of ``port`` in ``rows``, added (without a stanza) if it is not there yet."""
    row = rows.get(port)
    if row is None:
        row = rows[port] = _interface_row(port, None)
    return row


def _interface_row(port: str, stanza: Stanza | None) -> Row:
    """A config row for ``port`` from its ``interface`` stanza (``None`` if it has none).

    ``port-name``, ``voice-vlan`` and ``dual-mode`` keep their first value.
    """
    description = voice = dual = ""
    disabled = False
    auth: list[str] = []
    for line in stanza.lines if stanza else ():
        if line.startswith("port-name "):
            description = description or line[10:].strip()
        elif line.startswith(("dot1x", "mac-authentication")):
            auth.append(line)
        elif line == "disable":
            disabled = True
        elif line.startswith("voice-vlan "):
            voice = voice or line.split()[1]
        elif line.startswith("dual-mode "):
            dual = dual or line.split()[1]
    return {
        "interface": port,
        "description": description,
        "shutdown": "yes" if disabled else "no",
        "mode": "",
        "access_vlan": "",
        "voice_vlan": voice,
        "native_vlan": dual,
        "trunk_vlans": "",
        "auth": "\n".join(auth),
        "config": stanza_text(stanza) if stanza else "",
    }


def parse_dot1x_sessions(text: str) -> list[Row]:
    """``show dot1x sessions all`` → ``port, mac, vlan, auth, pae_state``."""
    return _session_rows(commands.DOT1X_SESSIONS, text)


def parse_mac_auth_sessions(text: str) -> list[Row]:
    """``show mac-authentication sessions all`` → ``port, mac, vlan, auth, pae_state``
    (``pae_state`` is ``""`` in this table)."""
    return _session_rows(commands.MAC_AUTH_SESSIONS, text)


def _session_rows(command: str, text: str) -> list[Row]:
    """Rows of a FastIron session table: port, MAC, …, VLAN, Auth State, …, [PAE State]."""
    lines = block_lines(text)
    start = find_header(lines, "Port")
    if start < 0:
        return no_header(command, lines, "Port MAC … Auth …", _NOTICES)
    rows: list[Row] = []
    for index in range(start + 1, len(lines)):
        tokens = lines[index].split()
        if len(tokens) < 2 or not is_mac(tokens[1]):
            continue
        auth_at = next((i for i, t in enumerate(tokens) if t.lower() in _AUTH_VALUES), -1)
        if auth_at < 3:
            raise ParseError(
                command, f"session row lacks an Auth State: {lines[index]!r}", index + 1
            )
        last = tokens[-1]
        rows.append(
            {
                "port": tokens[0],
                "mac": tokens[1],
                "vlan": tokens[auth_at - 1],
                "auth": tokens[auth_at],
                "pae_state": last if last.isalpha() and last.isupper() and last != "N/A" else "",
            }
        )
    return rows


#: Fields of a ``show authentication sessions all`` row, in the order of its columns.
AUTH_SESSION_FIELDS = (
    "port",
    "mac",
    "ip",
    "user",
    "vlan",
    "method",
    "auth",
    "acl",
    "session_time",
    "age",
    "pae_state",
)

#: Auth Method words of the unified session table and the inventory's mode.
_METHODS = {"8021.x": "dot1x", "mauth": "mab"}


def parse_authentication_sessions(text: str) -> list[Row]:
    """``show authentication sessions all`` (FastIron 08.0.90+, which replaces the
    two tables above) → ``port, mac, ip, user, vlan, method, auth, acl, session_time,
    age, pae_state`` (``method`` ``8021.X`` or ``MAUTH``; ``pae_state`` ``""`` for
    ``N/A``).  A row ends with the six columns from Auth Method to PAE State; an empty
    IP column leaves one word (the user name) between the MAC and the VLAN."""
    lines = block_lines(text)
    start = find_header(lines, "Port")
    if start < 0:
        return no_header(commands.AUTH_SESSIONS, lines, "Port MAC … Auth Method …", _NOTICES)
    rows: list[Row] = []
    for index in range(start + 1, len(lines)):
        tokens = lines[index].split()
        if len(tokens) < 2 or not is_mac(tokens[1]):
            continue
        if len(tokens) < 9:
            raise ParseError(
                commands.AUTH_SESSIONS, f"session row cut short: {lines[index]!r}", index + 1
            )
        middle, tail = tokens[2:-7], tokens[-7:]
        ip, user = (middle[0], " ".join(middle[1:])) if len(middle) > 1 else ("", *middle)
        values = [tokens[0], tokens[1], ip, user, *tail]
        row = dict(zip(AUTH_SESSION_FIELDS, values, strict=True))
        row["pae_state"] = "" if row["pae_state"] == "N/A" else row["pae_state"]
        rows.append(row)
    return rows


def brief_columns(row: Row, config: Row) -> Columns:
    """Inventory fields of a brief row: the PVID (untagged VLAN) is the VLAN; ``trunk``
    when the PVID is ``N/A`` on a tagged port; else the config's untagged VLAN."""
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


def sessions(parsed: Mapping[str, list[Row]]) -> dict[str, Session]:
    """``(mode, state, client MAC)`` per canonical port: an authorized session wins,
    then dot1x over MAC authentication."""
    tables = (("mab", commands.MAC_AUTH_SESSIONS), ("dot1x", commands.DOT1X_SESSIONS))
    unified = parsed.get(commands.AUTH_SESSIONS, [])
    return per_port_sessions(
        (canonical_port(row["port"]), (mode, _state(row), row["mac"]))
        for mode, command in tables
        for row in (
            *parsed.get(command, []),
            *(r for r in unified if _METHODS.get(r["method"].lower(), r["method"]) == mode),
        )
    )


def _state(row: Row) -> str:
    """``authorized`` only for PAE ``AUTHENTICATED`` or Auth ``permit`` (not UNAUTHENTICATED)."""
    pae = row["pae_state"].upper()
    if pae:
        return "authorized" if pae == "AUTHENTICATED" else "unauthorized"
    auth = row["auth"].lower()
    if auth == "permit":
        return "authorized"
    return "in-progress" if auth in ("init", "pending") else "unauthorized"


PARSERS: dict[str, Callable[[str], list[Row]]] = {
    commands.VERSION: parse_version,
    commands.INTERFACES_BRIEF: parse_interfaces_brief,
    commands.MAC_TABLE: parse_mac_address,
    commands.RUNNING_CONFIG: parse_running_config,
    commands.DOT1X_SESSIONS: parse_dot1x_sessions,
    commands.MAC_AUTH_SESSIONS: parse_mac_auth_sessions,
    commands.AUTH_SESSIONS: parse_authentication_sessions,
}
