"""Juniper Junos (EX switches) parsers: one pure function per show command.

Junos names logical units (``ge-0/0/1.0``); the inventory's ports are the physical
interfaces (``ge-0/0/1``), so tables that list units also give the physical ``port``.
Configuration is read in ``| display set`` form; hierarchical (curly-brace) text is
turned into the same ``set`` statements first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from statetrace import command_names as commands
from statetrace.parsers.interfaces import Columns, Session, per_port_sessions
from statetrace.parsers.macs import is_mac
from statetrace.parsers.secrets import is_secret_line
from statetrace.parsers.text import Row, block_lines, first_value_after, no_header
from statetrace.ports import canonical_port

#: Config words that carry a secret on Junos (``## SECRET-DATA`` marks them).
SECRET_WORDS = frozenset({"secret-data"})


def physical_port(interface: str) -> str:
    """The physical interface of a logical unit: ``ge-0/0/1.0`` → ``ge-0/0/1``."""
    return interface.rsplit(".", 1)[0] if "." in interface else interface


def parse_version(text: str) -> list[Row]:
    """``show version`` → one row ``hostname, model, version, serial, uptime``.

    The version is ``Junos: X``, else the ``[X]`` of the first ``JUNOS … Software
    Suite`` line; on a Virtual Chassis the first member (``fpc0:``) is read.  Junos
    prints no serial or uptime here (``show chassis hardware`` / ``show system uptime``).
    """
    lines = block_lines(text)
    if not any(line.strip() for line in lines):
        return []
    version = first_value_after(lines, "Junos:")
    if not version:
        suite = next((ln for ln in lines if ln.startswith("JUNOS") and "[" in ln), "")
        version = suite.partition("[")[2].partition("]")[0]
    return [
        {
            "hostname": first_value_after(lines, "Hostname:"),
            "model": first_value_after(lines, "Model:"),
            "version": version,
            "serial": "",
            "uptime": "",
        }
    ]


#: Fields of a ``show interfaces`` row, in order.
INTERFACE_FIELDS = ("port", "name", "admin", "status", "type", "mtu", "duplex", "speed", "mac")

#: ``Key: value`` items of the comma-separated detail lines and the field each sets.
_INTERFACE_ITEMS = {
    "Link-level type": "type",
    "MTU": "mtu",
    "Link-mode": "duplex",
    "Speed": "speed",
    "Current address": "mac",
}


def parse_interfaces(text: str) -> list[Row]:
    """``show interfaces`` → one row per ``Physical interface:`` paragraph (logical
    units are not ports): ``port, name, admin, status, type, mtu, duplex, speed, mac``.
    ``name`` is the whole ``Description:`` (it may hold commas)."""
    rows: list[Row] = []
    row: Row | None = None
    for raw in block_lines(text):
        if raw.startswith("Physical interface: "):
            parts = [part.strip() for part in raw[20:].split(",")]
            row = dict.fromkeys(INTERFACE_FIELDS, "")
            row["port"] = parts[0]
            row["admin"] = parts[1] if len(parts) > 1 else ""
            row["status"] = parts[-1].removeprefix("Physical link is ") if len(parts) > 2 else ""
            rows.append(row)
            continue
        line = raw.strip()
        if row is None or raw.startswith(("  Logical interface", "    ")):
            continue
        if line.startswith("Description: "):
            row["name"] = line[13:].strip()
            continue
        if not _may_hold_item(line):
            continue
        for item in line.split(", "):
            key, colon, value = item.partition(": ")
            field = _INTERFACE_ITEMS.get(key.strip()) if colon else None
            if field and not row[field]:
                row[field] = value.strip().rstrip(",")
    return rows


def _may_hold_item(line: str) -> bool:
    """False for a detail line without any :data:`_INTERFACE_ITEMS` key (most lines:
    rates, flags, counters), found by substring tests before it is split into items."""
    return "Link-" in line or "MTU" in line or "Speed" in line or "Current address" in line


#: Fields of a ``show interfaces terse`` row, in order.
TERSE_FIELDS = ("interface", "port", "admin", "link", "proto", "local", "remote")


def parse_interfaces_terse(text: str) -> list[Row]:
    """``show interfaces terse`` → ``interface, port, admin, link, proto, local, remote``,
    one row per interface line, physical (``ge-0/0/1``) and logical (``ge-0/0/1.0``).

    A line indented to the Proto column adds a protocol family, one indented to the
    Local column an address: a row's ``proto`` and ``local`` are comma-joined lists
    (``inet,inet6``; ``10.0.0.4/8,172.16.64.1/2``); ``remote`` is the ``--> X`` peer.
    """
    lines = block_lines(text)
    header = next((i for i, ln in enumerate(lines) if ln.split()[:2] == ["Interface", "Admin"]), -1)
    if header < 0:
        return no_header(commands.INTERFACES_TERSE, lines, "Interface Admin Link Proto")
    local_at = lines[header].find("Local")
    rows: list[Row] = []
    for line in lines[header + 1 :]:
        tokens = line.split()
        if not tokens:
            continue
        if line[0] != " ":
            values = [tokens[0], physical_port(tokens[0]), *tokens[1:3], "", "", ""]
            rows.append(dict(zip(TERSE_FIELDS, values, strict=False)))
            tokens = tokens[3:]
        elif len(line) - len(line.lstrip()) >= local_at:
            tokens = ["", *tokens]  # a further address of the last protocol family
        if rows and tokens:
            _terse_values(rows[-1], tokens)
    return rows


def _terse_values(row: Row, tokens: list[str]) -> None:
    """Add a ``[proto] [local [--> remote]]`` part of a terse line to ``row``."""
    proto, rest = tokens[0], tokens[1:]
    if proto:
        row["proto"] = f"{row['proto']},{proto}" if row["proto"] else proto
    if rest:
        row["local"] = f"{row['local']},{rest[0]}" if row["local"] else rest[0]
    if len(rest) > 2 and rest[1] == "-->" and not row["remote"]:
        row["remote"] = rest[2]


def parse_ethernet_switching_table(text: str) -> list[Row]:
    """``show ethernet-switching table`` → ``vlan, mac, type, port, interface``.

    ``vlan`` is the VLAN name as printed, ``type`` the MAC flags (``DL``) or type
    (``Learn``), ``interface`` the logical interface and ``port`` its physical port.
    Both the ELS layout (EX2300/3400/4300…) and the older one (``VLAN MAC address
    Type Age Interfaces``) put these in the first five columns; flood entries
    (``*``) have no MAC and are not rows.
    """
    rows: list[Row] = []
    for line in block_lines(text):
        if ":" not in line and "." not in line:  # no MAC (legend, headers): not split
            continue
        tokens = line.split()
        if len(tokens) >= 5 and is_mac(tokens[1]):
            rows.append(
                {
                    "vlan": tokens[0],
                    "mac": tokens[1],
                    "type": tokens[2],
                    "port": physical_port(tokens[4]),
                    "interface": tokens[4],
                }
            )
    return rows


#: Junos top-level statements: a hierarchy under any other name is an interface
#: (``show configuration interfaces`` prints the interfaces without the wrapper).
_TOP_LEVEL = frozenset(
    {
        "version",
        "groups",
        "apply-groups",
        "system",
        "chassis",
        "services",
        "security",
        "interfaces",
        "snmp",
        "forwarding-options",
        "routing-options",
        "protocols",
        "policy-options",
        "class-of-service",
        "firewall",
        "routing-instances",
        "switch-options",
        "ethernet-switching-options",
        "vlans",
        "poe",
        "virtual-chassis",
        "access",
        "event-options",
        "multi-chassis",
        "applications",
    }
)


def set_statements(text: str) -> Iterator[list[str]]:
    """The words of every ``set`` statement of a config, in either output form.

    ``| display set`` lines give their words after ``set``; hierarchical text is
    flattened (``ge-0/0/1 { description "x"; }`` → ``ge-0/0/1 description "x"``), and a
    ``[ a b ]`` list gives one statement per value, as ``| display set`` prints it.
    Comments and lines carrying secrets are skipped.
    """
    path: list[str] = []
    for raw in block_lines(text):
        line = raw.split("##", 1)[0].strip() if "##" in raw else raw.strip()
        if (
            not line
            or line.startswith(("#", "/*", "*"))
            or is_secret_line(raw.strip().lower(), SECRET_WORDS)
        ):
            continue
        if line.startswith("set "):
            yield _words(line[4:])
        elif line.endswith("{"):
            path.append(line[:-1].strip())
        elif line == "}":
            if path:
                path.pop()
        elif line.endswith(";"):
            words = [*(word for level in path for word in _words(level)), *_words(line[:-1])]
            if not words:  # a lone ";"
                continue
            if words[-1].startswith("["):  # a list: one statement per value, as display set
                yield from ([*words[:-1], value] for value in words[-1].strip("[]").split())
            else:
                yield words


def _words(text: str) -> list[str]:
    """The words of a statement; a quoted string or a ``[ … ]`` list is one word."""
    words: list[str] = []
    rest = text.strip()
    while rest:
        if rest[0] == '"':
            end = rest.find('"', 1)
            while end > 0 and rest[end - 1] == "\\":  # an escaped quote inside the string
                end = rest.find('"', end + 1)
            end = len(rest) if end < 0 else end + 1
        elif rest[0] == "[":
            end = rest.find("]") + 1 or len(rest)
        else:
            end = rest.find(" ")
            end = len(rest) if end < 0 else end
        words.append(rest[:end])
        rest = rest[end:].strip()
    return words


def _unquoted(word: str) -> str:
    """A word without its quotes (``\\"`` inside becomes ``"``) or list brackets."""
    if word.startswith('"') and word.endswith('"') and len(word) > 1:
        return word[1:-1].replace('\\"', '"')
    return word.strip("[]").strip()


def parse_configuration(text: str) -> list[Row]:
    """``show configuration [interfaces] [| display set]`` → one row per physical
    interface (IOS-style fields): ``description``, ``disable`` → ``shutdown``,
    ``interface-mode`` / ``port-mode`` → ``mode`` (``routed`` for ``family inet``
    without switching), ``vlan members`` → ``access_vlan`` or ``trunk_vlans``,
    ``native-vlan-id``; ``protocols dot1x authenticator interface X …`` statements are
    the port's ``auth`` lines; ``config`` is the interface's statements in set form."""
    rows: dict[str, Row] = {}
    state: dict[str, dict[str, list[str]]] = {}
    for words in set_statements(text):
        if words[:3] == ["protocols", "dot1x", "authenticator"] and words[3:4] == ["interface"]:
            port = physical_port(_unquoted(words[4])) if len(words) > 4 else ""
            if port and port != "all":
                _port_state(rows, state, port)["auth"].append(" ".join(words))
            continue
        words = words[1:] if words[:1] == ["interfaces"] else words
        if not words or words[0] in _TOP_LEVEL or words[0] == "interface-range":
            continue
        port, setting = words[0], words[1:]
        _apply(_port_state(rows, state, port), setting)
    for port, row in rows.items():
        _finish(row, state[port])
    return list(rows.values())


def _port_state(
    rows: dict[str, Row], state: dict[str, dict[str, list[str]]], port: str
) -> dict[str, list[str]]:
    """The collected statements of ``port`` (its row is added on first sight)."""
    if port not in rows:
        rows[port] = {"interface": port}
        state[port] = {key: [] for key in ("set", "members", "mode", "auth", "flags")}
    return state[port]


def _apply(collected: dict[str, list[str]], setting: list[str]) -> None:
    """Record one statement of an interface (words after the interface name)."""
    collected["set"].append(" ".join(setting))
    if setting[:1] == ["description"] and len(setting) > 1:
        collected["flags"].append("description=" + _unquoted(" ".join(setting[1:])))
    elif setting == ["disable"]:
        collected["flags"].append("disable")
    elif setting[:1] == ["native-vlan-id"] and len(setting) > 1:
        collected["flags"].append("native=" + setting[1])
    for index, word in enumerate(setting):
        if word in ("interface-mode", "port-mode") and index + 1 < len(setting):
            collected["mode"].append(setting[index + 1])
        elif word == "members" and index > 0 and setting[index - 1] == "vlan":
            collected["members"].extend(_unquoted(w) for w in setting[index + 1 :])
        elif word == "family" and index + 1 < len(setting) and setting[index + 1] == "inet":
            collected["flags"].append("inet")


def _finish(row: Row, collected: dict[str, list[str]]) -> None:
    """Fill ``row`` from the statements collected for its interface."""
    flags = collected["flags"]
    values = dict(flag.split("=", 1) for flag in flags if "=" in flag)
    members = ",".join(" ".join(collected["members"]).split())
    mode = collected["mode"][-1] if collected["mode"] else ""
    if not mode and members:
        mode = "access"
    if not mode and "inet" in flags:
        mode = "routed"
    port = row["interface"]
    row.update(
        {
            "description": values.get("description", ""),
            "shutdown": "yes" if "disable" in flags else "no",
            "mode": mode,
            "access_vlan": members if mode == "access" else "",
            "voice_vlan": "",
            "native_vlan": values.get("native", ""),
            "trunk_vlans": members if mode == "trunk" else "",
            "auth": "\n".join(collected["auth"]),
            "config": "\n".join(f"set interfaces {port} {line}" for line in collected["set"]),
        }
    )


def parse_dot1x_interface(text: str) -> list[Row]:
    """``show dot1x interface [brief]`` → ``interface, port, role, state, mac, user``
    (``state`` as printed: ``Authenticated``, ``Connecting``, ``Held`` …)."""
    rows: list[Row] = []
    for line in block_lines(text):
        tokens = line.split()
        if len(tokens) < 3 or tokens[1] != "Authenticator":
            continue
        mac_at = next((i for i, token in enumerate(tokens) if is_mac(token)), -1)
        state_end = mac_at if mac_at > 0 else len(tokens)
        rows.append(
            {
                "interface": tokens[0],
                "port": physical_port(tokens[0]),
                "role": tokens[1],
                "state": " ".join(tokens[2:state_end]),
                "mac": tokens[mac_at] if mac_at > 0 else "",
                "user": " ".join(tokens[mac_at + 1 :]) if mac_at > 0 else "",
            }
        )
    return rows


def interface_columns(row: Row, config: Row) -> Columns:
    """Inventory fields of a ``show interfaces`` row; the VLAN comes from the config."""
    return (
        row["port"],
        config.get("description") or row["name"],
        row["status"],
        _config_vlan(config),
        row["duplex"],
        row["speed"],
        row["type"],
    )


def terse_columns(row: Row, config: Row) -> Columns | None:
    """Inventory fields of a ``show interfaces terse`` row of a physical interface
    (``None`` for a logical unit): the Link state is the status, the VLAN comes from the
    config; terse prints no description, duplex, speed or type."""
    if row["interface"] != row["port"]:
        return None
    return (
        row["port"],
        config.get("description", ""),
        row["link"],
        _config_vlan(config),
        "",
        "",
        "",
    )


def _config_vlan(config: Row) -> str:
    """The inventory VLAN of a port's config: ``vlan members``, ``trunk`` on a trunk
    port, ``routed`` for ``family inet`` without switching."""
    if config.get("mode") == "trunk":
        return "trunk"
    return config.get("access_vlan", "") or ("routed" if config.get("mode") == "routed" else "")


def is_learned_vlan(vlan: str) -> bool:
    """Junos names VLANs: any name is a VLAN (``default``, ``DATA``, ``Vlan100``)."""
    return bool(vlan) and vlan.lower() != "all"


def sessions(parsed: Mapping[str, list[Row]]) -> dict[str, Session]:
    """``(mode, state, client MAC)`` per canonical port from ``show dot1x interface``;
    an authenticated supplicant wins over the others on the same port."""
    return per_port_sessions(
        (canonical_port(row["port"]), ("dot1x", _state(row["state"]), row["mac"]))
        for row in parsed.get(commands.DOT1X_INTERFACE, [])
    )


def _state(state: str) -> str:
    lowered = state.lower()
    if lowered == "authenticated":
        return "authorized"
    if lowered in ("connecting", "authenticating", "initialize"):
        return "in-progress"
    return "unauthorized"


PARSERS: dict[str, Callable[[str], list[Row]]] = {
    commands.VERSION: parse_version,
    commands.INTERFACES: parse_interfaces,
    commands.INTERFACES_TERSE: parse_interfaces_terse,
    commands.MAC_TABLE: parse_ethernet_switching_table,
    commands.RUNNING_CONFIG: parse_configuration,
    commands.DOT1X_INTERFACE: parse_dot1x_interface,
}
