"""Tables fit a terminal's width when asked to; cells are cut, never lost silently."""

from __future__ import annotations

from statetrace.tables import MIN_COLUMN, format_table


def test_a_wide_table_is_narrowed_to_the_width() -> None:
    rows = [{"port": "Gi1/0/1", "name": "d" * 70, "config": "c" * 120}]
    text = format_table(rows, max_width=80)
    assert max(len(line) for line in text.splitlines()) == 80
    body = text.splitlines()[2]
    assert body.startswith("Gi1/0/1  d") and body.endswith("…")
    assert format_table(rows).splitlines()[2].endswith("c" * 120)


def test_columns_are_not_narrowed_below_the_minimum() -> None:
    rows = [{name: "x" * 30 for name in "abcdefghij"}]
    line = format_table(rows, max_width=20).splitlines()[2]
    assert line.split("  ")[0] == "x" * (MIN_COLUMN - 1) + "…"
