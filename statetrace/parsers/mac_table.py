"""MAC address tables: one header-driven reader for every vendor."""

from __future__ import annotations

from functools import lru_cache

from statetrace.parsers.errors import ParseError
from statetrace.parsers.macs import all_macs, first_mac, is_mac
from statetrace.parsers.text import Row, block_lines

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

    __slots__ = ("first_mac", "width", "need", "vlan", "mac", "type", "port")

    def __init__(self, columns: list[str]) -> None:
        last = {name: index for index, name in enumerate(columns)}
        self.first_mac = columns.index("mac")
        self.width = len(columns)
        self.vlan, self.mac, self.port = last["vlan"], last["mac"], last["port"]
        self.type = last.get("type", -1)
        self.need = max(self.vlan, self.mac, self.port) + 1  # tokens a row needs (not Type)

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

    An aligned row's MAC is first taken by its length alone, and all of them are
    checked at once at the end (one regex call instead of one per row); when one is
    no MAC after all, the table is read again checking each row.
    """
    lines = block_lines(text)
    multicast = _has_multicast(text)  # else no line needs the per-line test
    # guessing pays from a few rows on (the check costs a join and a regex call)
    rows = _read_rows(command, lines, multicast, True) if len(lines) > _GUESS_LINES else None
    if rows is not None and all_macs([row["mac"] for row in rows]):
        return rows
    return _read_rows(command, lines, multicast, False) or []  # (never None unguessed)


def _read_rows(command: str, lines: list[str], multicast: bool, guess: bool) -> list[Row] | None:
    """The rows of :func:`parse_mac_table`; with ``guess``, an aligned row's MAC token is
    only checked for its length, and ``None`` is returned for a header whose first MAC
    column is not its last (whose rows' ``mac`` would not be the token checked)."""
    rows: list[Row] = []
    append = rows.append
    layout: _MacLayout | None = None
    # Where the last row's MAC was and the indexes of its VLAN, MAC, type and port
    # (shifted by leading flag columns); a line with a MAC at the same place and
    # enough tokens is read without a scan.
    expected, width, vlan, mac, kind, port = -1, 1 << 30, 0, 0, 0, 0
    lengths = _LENGTHS
    for line in lines:
        if multicast and layout is not None and _has_multicast(line):
            break
        mac_at = -1  # a MAC holds "." or ":": lines without either are not split
        if "." in line or ":" in line:
            tokens = line.split()
            count = len(tokens)
            if count >= width and (
                len(tokens[expected]) in lengths if guess else is_mac(tokens[expected])
            ):  # the common, aligned row
                append(
                    {
                        "vlan": tokens[vlan],
                        "mac": tokens[mac],
                        "type": tokens[kind] if 0 <= kind < count else "",
                        "port": tokens[port],
                    }
                )
                continue
            mac_at = first_mac(tokens)
        if mac_at < 0:
            # every MAC column header holds "Address" (Mac Address, MAC-Address, …)
            found = _header_layout(line) if _may_be_header(line) else None
            if found is not None:
                if guess and found.mac != found.first_mac:
                    return None
                layout, expected, width = found, -1, 1 << 30
            continue
        if layout is None:
            number = lines.index(line) + 1  # an equal earlier line would have raised
            raise ParseError(command, "MAC address row before any table header", number)
        shift = mac_at - layout.first_mac
        if shift < 0 or count < layout.need + shift:
            append(layout.row(tokens, mac_at))
            continue
        # every value there: remember where, and read it as the aligned rows are read
        expected, width = mac_at, layout.need + shift
        vlan, mac, port = layout.vlan + shift, layout.mac + shift, layout.port + shift
        kind = layout.type + shift if layout.type >= 0 else -1
        append(
            {
                "vlan": tokens[vlan],
                "mac": tokens[mac],
                "type": tokens[kind] if 0 <= kind < count else "",
                "port": tokens[port],
            }
        )
    return rows


#: Fewest lines of a table whose MACs are guessed (below, checking each costs less).
_GUESS_LINES = 12
#: Lengths of a MAC token in the two notations.
_LENGTHS = (14, 17)


def _has_multicast(text: str) -> bool:
    """``multicast`` in any case, without lower-casing all of ``text``."""
    return "ulticast" in text or "ULTICAST" in text


def _may_be_header(line: str) -> bool:
    """False for lines that cannot be a MAC-table header (no ``address`` in them)."""
    return "ddress" in line or "DDRESS" in line


@lru_cache(maxsize=256)
def _header_layout(line: str) -> _MacLayout | None:
    """The layout of a header line, or ``None`` (cached: a switch model prints the same
    few header and legend lines in every capture)."""
    columns = mac_header_columns(line) if len(line) <= _CACHED_LINE_CHARS else None
    return _MacLayout(columns) if columns is not None else None


#: Longest line whose layout is looked up (and cached); longer lines are no header.
_CACHED_LINE_CHARS = 512
