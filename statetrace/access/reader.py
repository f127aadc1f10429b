"""Reading the PowerShell StateTrace's Access databases (``Data/<SITE>/<SITE>.accdb``).

Uses the pure-Python ``access-parser`` (no ODBC driver, no Access install): it reads
every table of an ACE12 database exactly as mdbtools' ``mdb-export`` does.  Its
quirks are absorbed here: DateTime values come back as text, an empty table's
column names are only on its table definition, and MEMO text keeps CRLF line ends.
Anything that cannot be read becomes an :class:`AccessError` naming file and table.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from statetrace.access.header import VERSION_OFFSET, protection

#: Every Jet/ACE file starts with this, then ``Standard Jet DB`` or ``Standard ACE DB``.
_MAGIC = b"\x00\x01\x00\x00Standard "
#: Page size by the version byte at offset 0x14: 0 is Jet 3 (Access 97), the rest 4 KiB.
_JET3_PAGE_SIZE, _PAGE_SIZE = 2048, 4096
_VERSION_OFFSET = VERSION_OFFSET
#: Page type bytes of an unencrypted Jet 4 / ACE page (data, table definition, index,
#: usage map, …); encrypted pages start with random bytes.
_PAGE_TYPES = frozenset(range(0x10))

#: The tables an import needs and the columns it reads from each.
REQUIRED: dict[str, tuple[str, ...]] = {
    "DeviceSummary": ("Hostname", "Make", "Model", "Uptime", "Site"),
    "Interfaces": (
        "Hostname", "Port", "Name", "Status", "VLAN", "Duplex", "Speed", "Type",
        "LearnedMACs", "AuthState", "AuthMode", "AuthClientMAC", "Config",
    ),
    "DeviceHistory": ("Hostname", "RunDate", "Make", "Model", "Uptime", "Site"),
    "InterfaceHistory": (
        "Hostname", "RunDate", "Port", "Name", "Status", "VLAN", "Duplex", "Speed", "Type",
        "LearnedMACs", "AuthState", "AuthMode", "AuthClientMAC", "Config",
    ),
}  # fmt: skip
#: Tables read when present (spanning tree), and the columns an import reads from
#: each when it is not empty.
SPANNING_TREE: dict[str, tuple[str, ...]] = {
    "SpanInfo": ("Hostname", "Vlan", "RootSwitch", "RootPort", "Role", "Upstream"),
    "SpanHistory": ("Hostname", "RunDate", "Vlan", "RootSwitch", "RootPort", "Role", "Upstream"),
}
OPTIONAL = tuple(SPANNING_TREE)

Row = dict[str, Any]

logging.getLogger("access_parser").addHandler(logging.NullHandler())


class AccessError(ValueError):
    """An Access database (or one of its tables) cannot be used; names file and table."""


@dataclass(frozen=True, slots=True)
class AccessTable:
    """One table: its column names and its rows (column → value; NULL is ``None``)."""

    name: str
    columns: tuple[str, ...]
    rows: list[Row]


@dataclass(frozen=True, slots=True)
class AccessDatabase:
    """The tables of one ``.accdb`` that an import reads."""

    path: Path
    tables: dict[str, AccessTable]

    def rows(self, table: str) -> list[Row]:
        """The rows of ``table`` (an optional table that is absent has none)."""
        found = self.tables.get(table)
        return found.rows if found else []


def read_access(path: Path) -> AccessDatabase:
    """Read the StateTrace tables of ``path``; AccessError when it cannot be used."""
    data = _read_bytes(path)
    _check_file(path, data)
    try:
        from access_parser import AccessParser
    except ImportError:  # pragma: no cover - the [access] extra is not installed
        raise AccessError(
            f"{path}: reading Access databases needs access-parser"
            " (pip install 'statetrace[access]')"
        ) from None
    try:
        parser = AccessParser(str(path))
    except Exception as error:  # access-parser raises anything on damaged pages
        raise AccessError(f"{path}: cannot read the database catalog ({error})") from None
    tables = {}
    for name in (*REQUIRED, *OPTIONAL):
        if name not in parser.catalog:
            if name in REQUIRED:
                raise AccessError(f"{path}: table {name}: missing (not a StateTrace database?)")
            continue
        tables[name] = _read_table(path, parser, name)
    database = AccessDatabase(path, tables)
    check_columns(database)
    return database


def check_columns(database: AccessDatabase) -> None:
    """AccessError naming the first required table (or non-empty spanning-tree table)
    that lacks a column the import reads."""
    for name, needed in (*REQUIRED.items(), *SPANNING_TREE.items()):
        table = database.tables.get(name)
        if table is None:
            if name in SPANNING_TREE:
                continue
            raise AccessError(f"{database.path}: table {name}: missing")
        if name in SPANNING_TREE and not table.rows:
            continue
        missing = [column for column in needed if column not in table.columns]
        if missing:
            raise AccessError(
                f"{database.path}: table {name}: missing column(s) {', '.join(missing)}"
            )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise AccessError(f"{path}: cannot read: {error.strerror or error}") from None


def _check_file(path: Path, data: bytes) -> None:
    """Refuse files that are not Access databases, truncated, or encrypted before parsing:
    encrypted or password-protected by the header (:mod:`statetrace.access.header`), or
    with mostly unreadable pages (encrypted in a way the header does not tell)."""
    if not data.startswith(_MAGIC) or len(data) <= _VERSION_OFFSET:
        raise AccessError(f"{path}: not an Access database (no Jet/ACE file header)")
    size = _JET3_PAGE_SIZE if data[_VERSION_OFFSET] == 0 else _PAGE_SIZE
    if len(data) % size or len(data) < 3 * size:
        raise AccessError(
            f"{path}: truncated Access database ({len(data)} bytes is not a whole number"
            f" of {size}-byte pages)"
        )
    protected = protection(data[:size])
    if protected:
        raise AccessError(
            f"{path}: {protected} Access database; remove the password in Access"
            " (File > Info > Decrypt Database) first"
        )
    pages = range(size, len(data), size)
    unknown = sum(1 for offset in pages if data[offset] not in _PAGE_TYPES)
    if unknown * 2 > len(pages):
        raise AccessError(
            f"{path}: encrypted or password-protected Access database (its pages cannot be"
            " read); remove the password in Access (File > Info > Decrypt Database) first"
        )


def _read_table(path: Path, parser: Any, name: str) -> AccessTable:
    try:
        table = parser.get_table(name)
        if table is None:
            raise ValueError("its definition page is missing")
        columns = tuple(column.col_name_str for column in table.columns.values())
        expected = int(table.table_header.number_of_rows)
        rows = _rows(table.parse(), columns)
    except Exception as error:
        raise AccessError(f"{path}: table {name}: cannot be read ({error})") from None
    if len(rows) != expected:
        raise AccessError(
            f"{path}: table {name}: {len(rows)} of its {expected} rows readable"
            " (truncated or damaged file)"
        )
    return AccessTable(name, columns, rows)


def _rows(parsed: dict[str, Any], columns: tuple[str, ...]) -> list[Row]:
    """Column-wise ``parse_table`` output as rows; an empty table has no list columns."""
    lists = [parsed.get(column) for column in columns]
    if not lists or not all(isinstance(values, list) for values in lists):
        return []
    return [dict(zip(columns, values, strict=True)) for values in zip(*lists, strict=True)]
