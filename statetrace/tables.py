"""Plain-text tables for the command line."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Collection, Mapping, Sequence

#: The narrowest a column is truncated to when a table must fit a terminal.
MIN_COLUMN = 8
#: Columns a reader looks rows up by: kept whole when a table is fitted to a terminal.
LOOKUP = frozenset({"hostname", "port", "mac", "vlan", "field"})


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
    whole: Collection[str] = (),
) -> str:
    """Align ``rows`` under ``columns`` (default: the first row's keys).

    Long cells stay whole, unless ``max_width`` is given: then the widest columns not in
    ``whole`` (names, ports: what a reader looks things up by) are narrowed, not below
    :data:`MIN_COLUMN`, until a line fits, their cells cut with ``…``; columns that
    still do not fit are left out, named on a last line.
    """
    if not rows:
        return "(no rows)"
    names = list(columns or rows[0].keys())
    cells = [[cell(row.get(name)) for name in names] for row in rows]
    widths = [max([len(name)] + [len(line[i]) for line in cells]) for i, name in enumerate(names)]
    hidden: list[str] = []
    if max_width is not None:
        fixed = [name in whole for name in names]
        narrowest = [
            w if keep else min(w, MIN_COLUMN) for w, keep in zip(widths, fixed, strict=True)
        ]
        kept = _columns_that_fit(narrowest, max_width)
        names, hidden = names[:kept], names[kept:]
        widths = _fit(widths[:kept], fixed[:kept], max_width)
        cells = [[_cut(c, w) for c, w in zip(line, widths, strict=False)] for line in cells]
        names = [_cut(name, w) for name, w in zip(names, widths, strict=True)]
    header = "  ".join(name.ljust(width) for name, width in zip(names, widths, strict=True))
    rule = "  ".join("-" * width for width in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=False)) for line in cells]
    note = [f"(not shown: {', '.join(hidden)}; --wide shows every column)"] if hidden else []
    return "\n".join(line.rstrip() for line in [header, rule, *body, *note])


def to_the_second(stored: object) -> str:
    """A stored ISO time as a table shows it: ``2026-11-27 09:00:00`` (no fraction, offset)."""
    return "" if stored is None else str(stored)[:19].replace("T", " ")


def terminal_width(wide: bool) -> int | None:
    """The terminal's width when stdout is one and ``wide`` is not asked for, else None."""
    if wide or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def _fit(widths: list[int], fixed: list[bool], max_width: int) -> list[int]:
    """Narrow the widest columns not ``fixed``, one character at a time, until the line fits."""
    widths = list(widths)
    elastic = [i for i, keep in enumerate(fixed) if not keep]
    while elastic and sum(widths) + 2 * (len(widths) - 1) > max_width:
        widest = max(elastic, key=lambda i: widths[i])
        if widths[widest] <= MIN_COLUMN:
            break
        widths[widest] -= 1
    return widths


def _columns_that_fit(widths: list[int], max_width: int) -> int:
    """How many leading columns fit in ``max_width`` (at least one)."""
    used = 0
    for count, width in enumerate(widths):
        used += width + (2 if count else 0)
        if used > max_width:
            return max(count, 1)
    return len(widths)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
