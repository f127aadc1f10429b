"""Writers for analyzer results: PowerShell ``Export-Csv`` style CSV, JSON, tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from statetrace.stats import dotnet_number
from statetrace.tables import format_table


def csv_field(value: Any) -> str:
    """One ``Export-Csv -NoTypeInformation`` field: quoted, null → empty unquoted."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        value = dotnet_number(value)
    return '"' + str(value).replace('"', '""') + '"'


def csv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV as PowerShell 7 writes it: header, every non-null field quoted, CRLF."""
    lines = [",".join(csv_field(column) for column in columns)]
    lines.extend(",".join(csv_field(row.get(column)) for column in columns) for row in rows)
    return "".join(line + "\r\n" for line in lines)


def write_csv(path: Path | str, rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> Path:
    """Write :func:`csv_text` as UTF-8 without BOM; the parent folder is created."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(csv_text(rows, columns).encode("utf-8"))
    return target


def json_text(data: Any) -> str:
    """Indented JSON (2 spaces); key order kept, floats keep their fraction."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")


def write_json(path: Path | str, data: Any) -> Path:
    """Write :func:`json_text` plus a final newline."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json_text(data) + "\n", encoding="utf-8")
    return target


def table_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """A console table whose numbers print as the PowerShell tools print them."""
    return format_table(rows, columns, cell=_cell)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return dotnet_number(value)
    if isinstance(value, Mapping):
        return ", ".join(f"{key}={_cell(item)}" for key, item in value.items())
    return str(value)
