"""Helpers shared by the vendor parsers: errors, header location, tables, config stanzas.

Everything here is a pure function over text.  Table parsers work on ``str``
methods and header column offsets rather than per-line regular expressions:
they run once per line of every capture, so they must be cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from statetrace.parsers.secrets import is_secret_line, may_hold_secret

Row = dict[str, str]


class ParseError(ValueError):
    """A block could not be parsed; ``line`` is 1-based inside the block text."""

    def __init__(self, command: str, message: str, line: int) -> None:
        super().__init__(f"{command}: line {line}: {message}")
        self.command = command
        self.message = message
        self.line = line


class UnsupportedError(ValueError):
    """The platform or command has no parser; the message lists what is supported."""


def block_lines(text: str) -> list[str]:
    """Split a block into lines (CR, LF or CRLF), dropping a leading byte-order mark."""
    return text.removeprefix("\ufeff").splitlines()


_HEX = frozenset("0123456789abcdefABCDEF")


def is_mac(token: str) -> bool:
    """True for a dotted MAC such as ``40c2.ba80.cb96`` (the notation of all three vendors)."""
    return (
        len(token) == 14
        and token[4] == "."
        and token[9] == "."
        and _HEX.issuperset(token[:4] + token[5:9] + token[10:])
    )


def first_mac(tokens: Sequence[str]) -> int:
    """Index of the first MAC among ``tokens``, or ``-1``."""
    for index, token in enumerate(tokens):
        if len(token) == 14 and is_mac(token):
            return index
    return -1


def find_header(lines: Sequence[str], first_word: str, start: int = 0) -> int:
    """Index of the first line at or after ``start`` whose first word is ``first_word``.

    The comparison ignores case; returns ``-1`` when there is none.
    """
    wanted = first_word.lower()
    for index in range(start, len(lines)):
        words = lines[index].split(None, 1)
        if words and words[0].lower() == wanted:
            return index
    return -1


def column_offsets(command: str, header: str, names: Sequence[str], line_no: int) -> dict[str, int]:
    """Start offset of each named column in ``header``; a missing column is a ParseError."""
    words = header_words(header)
    missing = [name for name in names if name.lower() not in words]
    if missing:
        raise ParseError(
            command,
            f"table header lacks column(s) {', '.join(missing)}: {header.strip()!r}",
            line_no,
        )
    return {name: words[name.lower()] for name in names}


def header_words(header: str) -> dict[str, int]:
    """Each lower-cased word of ``header`` mapped to the offset where it first starts."""
    offsets: dict[str, int] = {}
    position = 0
    for word in header.split():
        position = header.find(word, position)
        offsets.setdefault(word.lower(), position)
        position += len(word)
    return offsets


# --- MAC address tables (Cisco, Arista and FastIron share one header-driven reader) ---

#: Two-word header phrases mapped to a logical column.
_MAC_PHRASES: dict[tuple[str, ...], str] = {
    ("mac", "address"): "mac",
    ("destination", "address"): "mac",
    ("address", "type"): "type",
    ("destination", "port"): "port",
    ("last", "move"): "other",
}
_MAC_WORDS = {
    "mac-address": "mac",
    "vlan": "vlan",
    "type": "type",
    "port": "port",
    "ports": "port",
}


def mac_header_columns(header: str) -> list[str] | None:
    """Logical columns of a MAC-table header line, or ``None`` if it is not one."""
    words = header.lower().split()
    columns: list[str] = []
    index = 0
    while index < len(words):
        phrase = _MAC_PHRASES.get(tuple(words[index : index + 2]))
        if phrase:
            columns.append(phrase)
            index += 2
            continue
        columns.append(_MAC_WORDS.get(words[index], "other"))
        index += 1
    if {"mac", "vlan", "port"} <= set(columns):
        return columns
    return None


class _MacLayout:
    """Where a MAC-table header puts each value (the last column of each name wins)."""

    __slots__ = ("first_mac", "width", "vlan", "mac", "type", "port")

    def __init__(self, columns: list[str]) -> None:
        last = {name: index for index, name in enumerate(columns)}
        self.first_mac = columns.index("mac")
        self.width = len(columns)
        self.vlan, self.mac, self.port = last["vlan"], last["mac"], last["port"]
        self.type = last.get("type", -1)

    def row(self, tokens: list[str], mac_at: int) -> Row:
        """The row of a data line's ``tokens``, aligned on the MAC at ``mac_at``."""
        shift = mac_at - self.first_mac
        if shift == 0 and len(tokens) >= self.width:  # the common, aligned case
            return {
                "vlan": tokens[self.vlan],
                "mac": tokens[self.mac],
                "type": tokens[self.type] if self.type >= 0 else "",
                "port": tokens[self.port],
            }
        count = len(tokens)

        def value(index: int) -> str:
            return tokens[index + shift] if index >= 0 and 0 <= index + shift < count else ""

        return {
            "vlan": value(self.vlan),
            "mac": value(self.mac),
            "type": value(self.type),
            "port": value(self.port),
        }


def parse_mac_table(command: str, text: str) -> list[Row]:
    """Rows ``vlan, mac, type, port`` of a MAC address table, one per unicast entry.

    Columns are placed by the header words; each data row is aligned on its MAC
    token, so leading flag columns (``*``, ``R``) and indentation do not matter.
    Parsing stops at a multicast section.  Repeated headers are re-read.
    """
    rows: list[Row] = []
    layout: _MacLayout | None = None
    multicast = "multicast" in text.lower()  # else no line needs the per-line test
    for number, line in enumerate(block_lines(text), start=1):
        tokens = line.split()
        if not tokens:
            continue
        if multicast and layout is not None and "multicast" in line.lower():
            break
        mac_at = first_mac(tokens)
        if mac_at < 0:
            found = mac_header_columns(line)
            if found is not None:
                layout = _MacLayout(found)
            continue
        if layout is None:
            raise ParseError(command, "MAC address row before any table header", number)
        rows.append(layout.row(tokens, mac_at))
    return rows


# --- Running-config stanzas ---

_INDENT = (" ", "\t")


class Stanza(NamedTuple):
    """One ``interface …`` stanza: its name, body lines as written (trailing spaces
    removed) and the same lines trimmed; lines carrying secrets are not in either."""

    name: str
    body: list[str]
    lines: list[str]


def interface_stanzas(text: str) -> list[Stanza]:
    """Every ``interface …`` stanza of a config, in one pass over its lines.

    A stanza ends at ``!``, the next unindented line, or a blank line after its
    body; body lines keep their original indentation.
    """
    stanzas: list[Stanza] = []
    body: list[str] | None = None
    trimmed: list[str] = []
    for raw in block_lines(text):
        if raw[:1] in _INDENT:
            if body is None:
                continue
            line = raw.strip()
            if line and line != "!":
                body.append(raw.rstrip())
                trimmed.append(line)
                continue
            body = None
        elif raw[:10].lower() == "interface " and raw[10:].strip():
            body, trimmed = [], []
            stanzas.append(Stanza(raw[10:].strip(), body, trimmed))
        else:
            body = None
    return [_without_secrets(stanza) for stanza in stanzas]


def _without_secrets(stanza: Stanza) -> Stanza:
    """``stanza`` without its secret lines; most stanzas are cleared as a whole."""
    if not may_hold_secret("\n".join(stanza.lines).lower()):
        return stanza
    kept = [i for i, line in enumerate(stanza.lines) if not is_secret_line(line.lower())]
    return Stanza(stanza.name, [stanza.body[i] for i in kept], [stanza.lines[i] for i in kept])


#: The characters that end a line for ``str.splitlines``.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = re.compile(f"[{_LINE_BREAKS}]")


def hostname_from_config(text: str) -> str:
    """The ``hostname`` of a running-config (quotes removed), or ``""``.

    The value of the first line that starts with ``hostname ``, found with
    ``str.find`` rather than by splitting the whole config into lines.
    """
    text = text.removeprefix("\ufeff")
    position = text.find("hostname ")
    while position >= 0:
        if position == 0 or text[position - 1] in _LINE_BREAKS:
            end = _LINE_BREAK.search(text, position)
            return text[position + 9 : end.start() if end else len(text)].strip().strip('"')
        position = text.find("hostname ", position + 1)
    return ""


def first_value_after(lines: Iterable[str], marker: str) -> str:
    """The trimmed text after the first occurrence of ``marker`` in any line, or ``""``."""
    for line in lines:
        position = line.find(marker)
        if position >= 0:
            return line[position + len(marker) :].strip()
    return ""


# --- "show interfaces status" (Cisco IOS and Arista EOS share the layout) ---

STATUS_COLUMNS = ("Port", "Name", "Status", "Vlan", "Duplex", "Speed", "Type")

#: Values of the Duplex column (all vendors); a VLAN value (``pvlan prom``) may hold
#: spaces, so the Duplex column is where the first of these words stands.
DUPLEXES = frozenset({"full", "half", "auto", "a-full", "a-half"})


class _StatusLayout:
    """Column offsets of one status-table header."""

    __slots__ = ("status_at", "vlan_at", "flags_at")

    def __init__(self, command: str, header: str, line_no: int) -> None:
        offsets = column_offsets(command, header, STATUS_COLUMNS, line_no)
        self.status_at = offsets["Status"]
        self.vlan_at = offsets["Vlan"]
        self.flags_at = header_words(header).get("flags", -1)


#: Longest header whose layout is cached (a garbage "header" must not pin memory).
_CACHED_HEADER_CHARS = 512


def _status_layout(command: str, header: str, line_no: int) -> _StatusLayout:
    """The layout of a status-table header; every switch of a model prints the same one."""
    if len(header) > _CACHED_HEADER_CHARS:
        return _StatusLayout(command, header, line_no)
    return _cached_status_layout(command, header, line_no)


@lru_cache(maxsize=256)
def _cached_status_layout(command: str, header: str, line_no: int) -> _StatusLayout:
    """:class:`_StatusLayout`, cached (a bad header raises every time: errors are not cached)."""
    return _StatusLayout(command, header, line_no)


def parse_status_table(command: str, text: str, statuses: frozenset[str]) -> list[Row]:
    """Rows ``port, name, status, vlan, duplex, speed, type`` of a status table.

    The Name/Status boundary comes from the header offsets, so descriptions with
    spaces and ``trunk``/``routed`` in the VLAN column parse correctly; rows that
    are not aligned with the header (collapsed whitespace) are split on the first
    word in ``statuses``.  Arista's ``in PoN`` VLAN becomes ``PoN``.
    """
    lines = block_lines(text)
    start = find_header(lines, "Port")
    if start < 0:
        return _no_header(command, lines, "Port Name Status Vlan Duplex Speed Type")
    layout = _status_layout(command, lines[start], start + 1)
    status_at = layout.status_at
    flags_at = layout.flags_at
    rows: list[Row] = []
    append = rows.append
    before = status_at - 1
    for number, line in enumerate(lines[start + 1 :], start + 2):
        if flags_at > 0 and line[flags_at - 1 : flags_at] == " ":
            line = line[:flags_at]  # Arista's Flags/Encapsulation columns are not returned
        if line[before:status_at] == " ":
            # Fast path: an aligned row with a known status word and all five values.
            fields = line[status_at:].split(None, 4)
            if len(fields) == 5:
                status, vlan, duplex, speed, kind = fields
                space = line.find(" ")
                if (
                    status in statuses
                    and duplex in DUPLEXES
                    and vlan != "in"
                    and 0 < space < status_at
                ):
                    append(
                        {
                            "port": line[:space],
                            "name": line[space:status_at].strip(),
                            "status": status,
                            "vlan": vlan,
                            "duplex": duplex,
                            "speed": speed,
                            "type": kind.rstrip(),
                        }
                    )
                    continue
        first = line.split(None, 2)
        if not first or first[0].startswith("-") or first[0] == "Port":
            continue
        if len(first) > 1 and first[1] == "is":  # NX-OS Fibre Channel row, not a switch port
            continue
        append(_status_row(command, line, first[0], layout, statuses, number))
    return rows


def _status_row(
    command: str,
    line: str,
    port: str,
    layout: _StatusLayout,
    statuses: frozenset[str],
    line_no: int,
) -> Row:
    """One status row; ``line_no`` is only used for errors."""
    status_at = layout.status_at
    aligned = len(line) > status_at and line[status_at - 1] == " " and line[status_at] != " "
    status_word, _, after = line[status_at:].partition(" ") if aligned else ("", "", "")
    if aligned and (status_word.rstrip(":") in statuses or not _has_status(line, statuses)):
        name = line[len(port) : status_at].strip()
        if status_word.endswith(":"):  # "notconnect: TD" - a note runs into the Vlan column
            after = _from_column(line, status_at + len(status_word), layout.vlan_at)
    else:
        name, status_word, after = _split_on_status(command, line, statuses, line_no)
    after = after.lstrip()
    if after.startswith("in "):  # Arista LAG member: "in Po1"
        after = after[3:]
    fields = _after_status(after)
    if len(fields) < 3:
        raise ParseError(command, f"row lacks Vlan/Duplex/Speed values: {line.strip()!r}", line_no)
    return {
        "port": port,
        "name": name,
        "status": status_word.rstrip(":"),
        "vlan": fields[0],
        "duplex": fields[1],
        "speed": fields[2],
        "type": fields[3].strip() if len(fields) > 3 else "",
    }


def _after_status(after: str) -> list[str]:
    """``[vlan, duplex, speed, type]`` of the text after the status word.

    The VLAN is every word before the first Duplex word (``pvlan prom``, ``in Po1``
    already removed); without a Duplex word, the VLAN is one word.
    """
    words = after.split()
    for index in range(1, len(words) - 1):
        if words[index] in DUPLEXES:
            fields = after.split(None, index + 2)
            return [" ".join(fields[:index]), *fields[index:]]
    return after.split(None, 3)


def _from_column(line: str, position: int, column: int) -> str:
    """The text of ``line`` from the first word that starts at or after ``column``."""
    length = len(line)
    while position < length:
        while position < length and line[position] == " ":
            position += 1
        if position >= column:
            return line[position:]
        while position < length and line[position] != " ":
            position += 1
    return ""


def _has_status(line: str, statuses: frozenset[str]) -> bool:
    """True when a word of ``line`` after the port is a known status value."""
    return any(word.rstrip(":") in statuses for word in line.split()[1:])


def _split_on_status(
    command: str, line: str, statuses: frozenset[str], line_no: int
) -> tuple[str, str, str]:
    """``(name, status word, rest)`` of a row whose columns do not line up with the header."""
    tokens = line.split()
    for index in range(1, len(tokens)):
        if tokens[index].rstrip(":") in statuses:
            return " ".join(tokens[1:index]), tokens[index], " ".join(tokens[index + 1 :])
    raise ParseError(command, f"no status value found in row {line.strip()!r}", line_no)


def _no_header(command: str, lines: Sequence[str], expected: str) -> list[Row]:
    """Empty output parses to no rows; anything else without a header is an error."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            raise ParseError(command, f"no table header ({expected}) found", number)
    return []


# --- IOS-style interface configuration (Cisco IOS/IOS-XE and Arista EOS) ---

AUTH_PREFIXES = ("authentication", "dot1x", "mab", "access-session", "reauthentication")


#: What one trimmed IOS interface line sets: ``(field, value)``; ``("", "")`` for none.
LineField = tuple[str, str]


def switchport_config_rows(text: str) -> list[Row]:
    """One row per ``interface`` stanza of an IOS-style running-config.

    Fields: ``interface, description, shutdown`` (``yes``/``no``), ``mode``
    (``access``, ``trunk``, ``routed`` for ``no switchport``, … or ``""``),
    ``access_vlan, voice_vlan, native_vlan, trunk_vlans`` (allowed list, ``add``
    lines merged), ``auth`` (dot1x/MAB/authentication lines, newline-joined) and
    ``config`` (the stanza, secrets removed).  A value set twice keeps the last.
    Most lines repeat from port to port, so each distinct line is read once.
    """
    known: dict[str, LineField] = {}
    return [_switchport_row(stanza, known) for stanza in interface_stanzas(text)]


def _switchport_row(stanza: Stanza, known: dict[str, LineField]) -> Row:
    """The row of one IOS-style stanza; ``known`` caches :func:`_line_field` by line."""
    values: dict[str, str] = {}
    allowed: list[str] = []
    auth: list[str] = []
    for line in stanza.lines:
        found = known.get(line)
        if found is None:
            found = known[line] = _line_field(line)
        field, value = found
        if not field:
            continue
        if field == "auth":
            auth.append(value)
        elif field == "add":
            allowed.append(value)
        elif field == "allowed":
            allowed = [value]
        else:
            values[field] = value
    return {
        "interface": stanza.name,
        "description": values.get("description", ""),
        "shutdown": "yes" if "shutdown" in values else "no",
        "mode": "routed" if "routed" in values else values.get("mode", ""),
        "access_vlan": values.get("access", ""),
        "voice_vlan": values.get("voice", ""),
        "native_vlan": values.get("native", ""),
        "trunk_vlans": ",".join(allowed),
        "auth": "\n".join(auth),
        "config": stanza_text(stanza),
    }


#: ``switchport …`` settings (after ``switchport ``) and the field each sets.
_SWITCHPORT_FIELDS = (
    ("access vlan ", "access"),
    ("mode ", "mode"),
    ("voice vlan ", "voice"),
    ("trunk native vlan ", "native"),
    ("trunk allowed vlan ", "allowed"),
)


def _line_field(line: str) -> LineField:
    """What the trimmed interface ``line`` sets (``add`` / ``allowed`` for trunk lists)."""
    if line.startswith("switchport "):
        rest = line[11:]
        for prefix, field in _SWITCHPORT_FIELDS:
            if rest.startswith(prefix):
                value = rest[len(prefix) :].strip()
                if field == "allowed" and value.startswith("add "):
                    return "add", value[4:].strip()
                return field, value
        return "", ""
    if line.startswith("description "):
        return "description", line[12:].strip()
    if line == "shutdown":
        return "shutdown", ""
    if line == "no switchport":
        return "routed", ""
    if line.startswith(AUTH_PREFIXES):
        return "auth", line
    return "", ""


def stanza_text(stanza: Stanza) -> str:
    """The stanza as configured: its ``interface`` line, then its body lines."""
    return "\n".join([f"interface {stanza.name}", *stanza.body])


def auth_mode_from_lines(auth_lines: Iterable[str]) -> str:
    """``dot1x``, ``mab``, ``dot1x+mab`` or ``open`` from an interface's auth lines."""
    dot1x = mab = False
    for line in auth_lines:
        if line.startswith(("dot1x pae authenticator", "dot1x port-control auto")):
            dot1x = True
        elif line == "mab" or line.startswith(
            ("mab ", "dot1x mac based", "mac-authentication enable")
        ):
            mab = True
    if dot1x and mab:
        return "dot1x+mab"
    return "dot1x" if dot1x else "mab" if mab else "open"
