"""Plain-text tables for the command line."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence


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
) -> str:
    """Align ``rows`` under ``columns`` (default: the first row's keys); long cells stay whole."""
    if not rows:
        return "(no rows)"
    names = list(columns or rows[0].keys())
    cells = [[cell(row.get(name)) for name in names] for row in rows]
    widths = [max([len(name)] + [len(line[i]) for line in cells]) for i, name in enumerate(names)]
    header = "  ".join(name.ljust(width) for name, width in zip(names, widths, strict=True))
    rule = "  ".join("-" * width for width in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in cells]
    return "\n".join(line.rstrip() for line in [header, rule, *body])
