"""Status tables (``show interfaces status``): columns located by the header, values
that may hold spaces (descriptions, ``pvlan prom``, types such as ``Not Present``)."""

from __future__ import annotations

from functools import lru_cache

from statetrace.parsers.columns import column_offsets, header_words
from statetrace.parsers.errors import ParseError
from statetrace.parsers.text import Row, block_lines, find_header, no_header

STATUS_COLUMNS = ("Port", "Name", "Status", "Vlan", "Duplex", "Speed", "Type")

#: Values of the Duplex column (all vendors; Arista prints ``unconf`` on inactive
#: ports); a VLAN value (``pvlan prom``) may hold spaces, so the Duplex column is where
#: the first of these words stands.
DUPLEXES = frozenset({"full", "half", "auto", "a-full", "a-half", "unconf"})


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
        return no_header(command, lines, "Port Name Status Vlan Duplex Speed Type")
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
            # Fast path: an aligned row with a known status word, a Duplex word third
            # (else a VLAN of two words: ``pvlan prom``, Arista's ``in Po1``).
            fields = line[status_at:].split(None, 4)
            if len(fields) > 3 and fields[0] in statuses:
                if fields[2] not in DUPLEXES:
                    fields = _two_word_vlan(line[status_at:])
                space = line.find(" ")
                if fields and 0 < space < status_at:
                    append(
                        {
                            "port": line[:space],
                            "name": line[space:status_at].strip(),
                            "status": fields[0],
                            "vlan": fields[1],
                            "duplex": fields[2],
                            "speed": fields[3],
                            "type": fields[4].rstrip() if len(fields) > 4 else "",
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


def _two_word_vlan(values: str) -> list[str]:
    """``[status, vlan, duplex, speed, (type)]`` of the text from the Status column when
    the VLAN is two words (``pvlan prom``; ``in Po1`` gives ``Po1``), else ``[]``."""
    fields = values.split(None, 5)
    if len(fields) < 5 or fields[3] not in DUPLEXES:
        return []
    vlan = fields[2] if fields[1] == "in" else f"{fields[1]} {fields[2]}"
    return [fields[0], vlan, *fields[3:]]


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
