"""Plain-text tables for the command line."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Mapping, Sequence

#: The narrowest a column is truncated to when a table must fit a terminal.
MIN_COLUMN = 8


def plain_cell(value: object) -> str:
    """A cell's text: ``None`` empty, sequences comma-joined, one line."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ",".join(str(item) for item in value)
    return str(value).replace("\n", " ")


def format_table(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str] | None = None,
    cell: Callable[[object], str] = plain_cell,
    max_width: int | None = None,
) -> str:
    """Align ``rows`` under ``columns`` (default: the first row's keys).

    Long cells stay whole, unless ``max_width`` is given: then the widest columns are
    narrowed (not below :data:`MIN_COLUMN`) until a line fits, their cells cut with ``…``.
    """
    if not rows:
        return "(no rows)"
    names = list(columns or rows[0].keys())
    cells = [[cell(row.get(name)) for name in names] for row in rows]
    widths = [max([len(name)] + [len(line[i]) for line in cells]) for i, name in enumerate(names)]
    if max_width is not None:
        widths = _fit(widths, max_width)
        cells = [[_cut(c, w) for c, w in zip(line, widths, strict=True)] for line in cells]
        names = [_cut(name, w) for name, w in zip(names, widths, strict=True)]
    header = "  ".join(name.ljust(width) for name, width in zip(names, widths, strict=True))
    rule = "  ".join("-" * width for width in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in cells]
    return "\n".join(line.rstrip() for line in [header, rule, *body])


def terminal_width(wide: bool) -> int | None:
    """The terminal's width when stdout is one and ``wide`` is not asked for, else None."""
    if wide or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def _fit(widths: list[int], max_width: int) -> list[int]:
    """Narrow the widest columns, one character at a time, until the line fits."""
    widths = list(widths)
    while sum(widths) + 2 * (len(widths) - 1) > max_width:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= MIN_COLUMN:
            break
        widths[widest] -= 1
    return widths


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
