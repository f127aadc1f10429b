"""Percentiles, .NET rounding and number text."""

from __future__ import annotations

import math

import pytest

from statetrace.stats import (
    dotnet_int,
    dotnet_number,
    mean,
    percentile,
    round_away,
    round_half_even,
)


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([], 95, None),
        ([3.0], 95, 3.0),
        ([7.5, 12.5], 95, 12.25),
        ([1.0, 2.0, 3.0, 4.0], 95, 3.85),
        ([4.0, 1.0, 3.0, 2.0], 50, 2.5),
        ([1.0, 2.0, 3.0], 150, 3.0),
        ([1.0, 2.0, 3.0], -5, 1.0),
    ],
)
def test_percentile_is_linear_interpolation(values: list[float], p: float, expected: float) -> None:
    result = percentile(values, p)
    assert result == expected if expected is None else math.isclose(result, expected)


def test_half_even_and_away_from_zero_differ_on_midpoints() -> None:
    assert round_half_even(2.5) == 2.0 and round_away(2.5) == 3.0
    assert round_half_even(0.0005, 3) == 0.0 and round_away(0.0005, 3) == 0.001
    assert round_half_even(-1.5) == -2.0 and round_away(-2.5) == -3.0
    assert round_half_even(46.2049999, 2) == 46.2
    assert round_half_even(None, 3) is None and round_away(None, 3) is None


def test_scale_then_round_like_dotnet() -> None:
    # 1.005 * 100 is 100.49999999999999 as a double: .NET (and we) round down.
    assert round_away(1.005, 2) == 1.0
    assert round_away(0.285, 2) == 0.28
    assert round_half_even(2.675, 2) == 2.68  # 267.5 after scaling, half-even → 268


def test_int_cast_and_mean() -> None:
    assert [dotnet_int(x) for x in (0.5, 1.5, 2.5, None)] == [0, 2, 2, 0]
    assert mean([]) is None and mean([1.0, 2.0]) == 1.5


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (1294.0, "1294"),
        (24.34, "24.34"),
        (0.0001, "0.0001"),
        (1e-05, "1E-05"),
        (1.25e-07, "1.25E-07"),
        (1e15, "1E+15"),
        (-2.5, "-2.5"),
        (12, "12"),
        (True, "True"),
    ],
)
def test_dotnet_number_text(value: float, text: str) -> None:
    assert dotnet_number(value) == text
