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


def test_columns_that_do_not_fit_at_the_minimum_are_left_out_and_named() -> None:
    rows = [{name: "x" * 30 for name in "abcdefghij"}]
    lines = format_table(rows, max_width=20).splitlines()
    assert lines[0].split() == ["a", "b"]  # 2 columns of MIN_COLUMN fit, 3 do not
    assert lines[2].split("  ") == ["x" * 8 + "…"] * 2  # the kept ones share the width
    assert lines[-1] == "(not shown: c, d, e, f, g, h, i, j; --wide shows every column)"
    assert MIN_COLUMN * 3 + 4 > 20


def test_whole_columns_are_never_cut() -> None:
    rows = [{"hostname": "WLLS-A01-AS-01", "name": "d" * 70}]
    line = format_table(rows, max_width=30, whole={"hostname"}).splitlines()[2]
    assert line == "WLLS-A01-AS-01  " + "d" * 13 + "…"
