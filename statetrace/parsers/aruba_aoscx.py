"""Aruba AOS-CX parsers: one pure function per show command.

AOS-CX prints MACs in colon notation (``88:3a:30:97:d0:80``) and most outputs as
``Label : value`` lines or per-interface paragraphs rather than tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from statetrace import command_names as commands
from statetrace.parsers.columns import header_words
from statetrace.parsers.interfaces import Columns, Session, per_port_sessions
from statetrace.parsers.mac_table import parse_mac_table
from statetrace.parsers.stanzas import Stanza, interface_stanzas, stanza_text
from statetrace.parsers.switchport import AUTH_PREFIXES
from statetrace.parsers.text import Row, block_lines, lf_text, no_header
from statetrace.ports import canonical_port

#: Config words that carry a secret on AOS-CX (``… key ciphertext AQBapX…``).
SECRET_WORDS = frozenset({"ciphertext"})

#: ``show version`` / ``show system`` labels (before `` : ``) and the field each sets.
_VERSION_LABELS = {
    "Version": "version",
    "Software Version": "version",
    "ArubaOS-CX Version": "version",
    "Product Name": "model",
    "Serial Number": "serial",
    "Chassis Serial Nbr": "serial",
    "Up Time": "uptime",
    "Hostname": "hostname",
}

VERSION_FIELDS = ("hostname", "model", "version", "serial", "uptime")


def parse_version(text: str) -> list[Row]:
    """``show version`` / ``show system`` → one row ``hostname, model, version, serial,
    uptime``.

    AOS-CX's ``show version`` prints ``Version : XL.10.00.0002`` (model, serial and
    uptime are ``show system`` labels, read too when the block holds them).
    """
    lines = block_lines(text)
    if not any(line.strip() for line in lines):
        return []
    row = dict.fromkeys(VERSION_FIELDS, "")
    for line in lines:
        label, colon, value = line.partition(":")
        field = _VERSION_LABELS.get(label.strip()) if colon else None
        if field and not row[field]:
            row[field] = value.strip()
    return [row]


#: Fields of a ``show interface`` row, in order.
INTERFACE_FIELDS = (
    "port",
    "name",
    "status",
    "admin",
    "type",
    "duplex",
    "speed",
    "mac",
    "vlan_mode",
    "access_vlan",
    "native_vlan",
    "allowed_vlans",
)

#: ``show interface`` lines without a colon label: their start and the field each sets.
_INTERFACE_LINES = (("Admin state is ", "admin"), ("Type ", "type"), ("Speed ", "speed"))

#: ``show interface`` colon labels (``Label: value``, ``Label   : value``) and their field.
_INTERFACE_LABELS = {
    "Description": "name",
    "MAC Address": "mac",
    "Speed": "speed",
    "VLAN Mode": "vlan_mode",
    "Access VLAN": "access_vlan",
    "Native VLAN": "native_vlan",
    "Allowed VLAN List": "allowed_vlans",
}

#: The words that start an interface's paragraph (``Aggregate`` for LAGs).
_PARAGRAPHS = ("Interface ", "Aggregate ")


def parse_interface(text: str) -> list[Row]:
    """``show interface`` → one row per ``Interface X is up|down`` (or ``Aggregate lagN
    is …``) paragraph: ``port, name, status, admin, type, duplex, speed, mac, vlan_mode,
    access_vlan, native_vlan, allowed_vlans`` (values as printed; ``Type`` may hold
    spaces, e.g. ``10G-SR / 10G SFP+ SR``)."""
    rows: list[Row] = []
    row: Row | None = None
    for raw in block_lines(text):
        if raw.startswith(_PARAGRAPHS) and " is " in raw:
            name, _, state = raw.split(" ", 1)[1].partition(" is ")
            row = dict.fromkeys(INTERFACE_FIELDS, "")
            row["port"], row["status"] = name.strip(), (state.split() or [""])[0]
            rows.append(row)
        elif row is not None:
            _interface_line(row, raw.strip())
    return rows


def _interface_line(row: Row, line: str) -> None:
    """Set the field that one trimmed ``show interface`` body line gives, if any."""
    if line.endswith("-duplex"):
        row["duplex"] = line.removesuffix("-duplex")
        return
    label, colon, value = line.partition(":")
    if colon:
        if label == "Hardware" and "MAC Address:" in value:
            label, value = "MAC Address", value.split("MAC Address:", 1)[1]
        field = _INTERFACE_LABELS.get(label.strip())
        if field and not row[field]:
            row[field] = value.strip()
        return
    for start, field in _INTERFACE_LINES:
        if line.startswith(start) and not row[field]:
            row[field] = line[len(start) :].strip()
            return


#: Fields of a ``show interface brief`` row, in the order of its columns.
BRIEF_FIELDS = (
    "port",
    "native_vlan",
    "mode",
    "type",
    "enabled",
    "status",
    "reason",
    "speed",
    "description",
)


def parse_interface_brief(text: str) -> list[Row]:
    """``show interface brief`` → ``port, native_vlan, mode, type, enabled, status,
    reason, speed, description`` (values as printed: ``--`` for none, ``1000``).

    The first six columns are single words; Reason (``Administratively down``) and
    Description may hold spaces, so they and Speed are cut at the header's offsets.
    """
    lines = block_lines(text)
    header = next((i for i, ln in enumerate(lines) if ln.split()[:2] == ["Port", "Native"]), -1)
    if header < 0:
        return no_header(commands.INTERFACES_BRIEF, lines, "Port Native Mode Type")
    words = header_words(lines[header])
    reason_at, speed_at, desc_at = (
        words.get(name, -1) for name in ("reason", "speed", "description")
    )
    rows: list[Row] = []
    for line in lines[header + 1 :]:
        tokens = line.split(None, 6)
        if len(tokens) < 6 or line[0] in " -":
            continue
        tail = line[reason_at:] if reason_at > 0 else ""
        end = desc_at - reason_at if desc_at > 0 else len(tail)
        reason, speed = _reason_speed(tail[:end], speed_at - reason_at)
        description = line[desc_at:].strip() if desc_at > 0 else ""
        rows.append(dict(zip(BRIEF_FIELDS, [*tokens[:6], reason, speed, description], strict=True)))
    return rows


def _reason_speed(text: str, speed_at: int) -> tuple[str, str]:
    """The Reason and Speed of a brief row's middle part (Speed is its last word when a
    long Reason runs past the Speed column)."""
    reason, speed = text[:speed_at].strip(), text[speed_at:].strip()
    if " " in speed:
        more, _, speed = speed.rpartition(" ")
        reason = f"{reason} {more}".strip()
    return reason, speed


def parse_mac_address_table(text: str) -> list[Row]:
    """``show mac-address-table`` → ``vlan, mac, type, port`` (colon MACs as printed)."""
    return parse_mac_table(commands.MAC_TABLE, text)


def parse_running_config(text: str) -> list[Row]:
    """``show running-config`` → one row per ``interface`` stanza (IOS-style fields).

    ``vlan access N`` sets the access VLAN (mode ``access``), ``vlan trunk native N``
    and ``vlan trunk allowed L`` the trunk (mode ``trunk``), ``routing`` / ``ip address``
    without VLAN lines mode ``routed``; ``aaa authentication port-access …`` and
    ``port-access …`` lines are the port's auth lines.
    """
    return [_config_row(stanza) for stanza in interface_stanzas(text, SECRET_WORDS)]


def _config_row(stanza: Stanza) -> Row:
    """The config row of one AOS-CX interface stanza."""
    values = dict.fromkeys(("description", "access", "native", "voice"), "")
    allowed: list[str] = []
    auth: list[str] = []
    shutdown = routed = False
    for line in stanza.lines:
        if line.startswith("description "):
            values["description"] = line[12:].strip()
        elif line == "shutdown":
            shutdown = True
        elif line.startswith("vlan access "):
            values["access"] = line[12:].strip()
        elif line.startswith("vlan trunk native "):
            values["native"] = line[18:].split()[0]
        elif line.startswith("vlan trunk allowed "):
            allowed.append(line[19:].strip())
        elif line.startswith("voice-vlan "):
            values["voice"] = line[11:].strip()
        elif line == "routing" or line.startswith("ip address "):
            routed = True
        elif line.startswith(("aaa authentication port-access", "port-access", *AUTH_PREFIXES)):
            auth.append(line)
    trunk = bool(allowed or values["native"])
    mode = "trunk" if trunk else "access" if values["access"] else "routed" if routed else ""
    return {
        "interface": stanza.name,
        "description": values["description"],
        "shutdown": "yes" if shutdown else "no",
        "mode": mode,
        "access_vlan": values["access"],
        "voice_vlan": values["voice"],
        "native_vlan": values["native"],
        "trunk_vlans": ",".join(allowed),
        "auth": "\n".join(auth),
        "config": stanza_text(stanza),
    }


#: The lines of a client-status paragraph that give a field: ``Client MAC, name`` and
#: ``Port``, ``Status``, ``Role`` labels (other lines are skipped by the regex engine; the
#: possessive indent makes a skipped line cost one failed attempt).
_CLIENT_LINES = re.compile(
    r"\n[ \t]*+(?:Client (?!Status)([^\n]*)|(Port|Status|Role)[ \t]*:([^\n]*))"
)
_CLIENT_FIELDS = {"Port": "port", "Status": "status", "Role": "role"}


def parse_port_access_clients(text: str) -> list[Row]:
    """``show aaa authentication port-access interface all client-status`` (and
    ``show port-access clients detail``) → ``port, mac, name, status, role`` per
    ``Client MAC, name`` paragraph (``status`` as printed, e.g. ``mac-auth Authenticated``;
    the first ``Status`` of a paragraph, the authentication's, is kept)."""
    rows: list[Row] = []
    row: Row | None = None
    fields = _CLIENT_FIELDS
    for client, label, value in _CLIENT_LINES.findall("\n" + lf_text(text)):
        if label:
            field = fields[label]
            if row is not None and not row[field]:
                row[field] = value.strip()
            continue
        mac, _, name = client.partition(",")
        row = {"port": "", "mac": mac.strip(), "name": name.strip(), "status": "", "role": ""}
        rows.append(row)
    return rows


def interface_columns(row: Row, config: Row) -> Columns:
    """Inventory fields of a ``show interface`` row: an access port's VLAN, ``trunk``
    for native-untagged/-tagged ports, the config's VLAN when the output has none."""
    mode = row["vlan_mode"]
    if mode == "access":
        vlan = row["access_vlan"]
    elif mode.startswith("native") or mode == "trunk":
        vlan = "trunk"
    else:
        vlan = config.get("access_vlan", "") or ("trunk" if config.get("mode") == "trunk" else "")
    return (
        row["port"],
        config.get("description") or row["name"],
        row["status"],
        vlan,
        row["duplex"],
        row["speed"],
        "" if row["type"] == "--" else row["type"],
    )


def brief_columns(row: Row, config: Row) -> Columns:
    """Inventory fields of a ``show interface brief`` row, as :func:`interface_columns`
    gives them for ``show interface`` (an access port's VLAN, ``trunk`` for a trunk, the
    config's VLAN otherwise); ``--`` is empty and the brief prints no duplex."""
    mode = row["mode"]
    if mode == "access":
        vlan = row["native_vlan"]
    elif mode == "trunk":
        vlan = "trunk"
    else:
        vlan = config.get("access_vlan", "") or ("trunk" if config.get("mode") == "trunk" else "")
    return (
        row["port"],
        config.get("description") or _value(row["description"]),
        row["status"],
        _value(vlan),
        "",
        _value(row["speed"]),
        _value(row["type"]),
    )


def _value(text: str) -> str:
    """``""`` for AOS-CX's ``--`` (no value)."""
    return "" if text == "--" else text


def sessions(parsed: Mapping[str, list[Row]]) -> dict[str, Session]:
    """``(mode, state, client MAC)`` per canonical port from the client-status table;
    an authenticated client wins over the others on the same port."""
    return per_port_sessions(
        (canonical_port(row["port"]), _session(row))
        for row in parsed.get(commands.PORT_ACCESS_CLIENTS, [])
    )


def _session(row: Row) -> Session:
    method, _, state = row["status"].partition(" ")
    mode = "mab" if method == "mac-auth" else "dot1x" if method == "dot1x" else method
    return (mode, _state(state), row["mac"])


def _state(state: str) -> str:
    """``authorized`` / ``unauthorized`` / ``in-progress`` from a client's status."""
    lowered = state.lower()
    if lowered == "authenticated":
        return "authorized"
    if "progress" in lowered or "authenticating" in lowered:
        return "in-progress"
    return "unauthorized"


PARSERS: dict[str, Callable[[str], list[Row]]] = {
    commands.VERSION: parse_version,
    commands.SYSTEM: parse_version,
    commands.INTERFACES: parse_interface,
    commands.INTERFACES_BRIEF: parse_interface_brief,
    commands.MAC_TABLE: parse_mac_address_table,
    commands.RUNNING_CONFIG: parse_running_config,
    commands.PORT_ACCESS_CLIENTS: parse_port_access_clients,
}
