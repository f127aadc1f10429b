"""Statistics and number formatting exactly as the PowerShell tools compute them.

* :func:`percentile` is the canonical linear interpolation (numpy's default).
* :func:`round_half_even` is .NET ``[math]::Round(x, d)``: scale, round half to
  even on the scaled double, unscale.
* :func:`round_away` is ``[Math]::Round(x, d, MidpointRounding.AwayFromZero)``.
* :func:`dotnet_number` renders a number as .NET's shortest round-trip string
  (``1294.0`` → ``1294``, ``1e-05`` → ``1E-05``), as ``Export-Csv`` writes it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import overload

#: Beyond this magnitude .NET returns the value unrounded.
_ROUND_LIMIT = 1e16


def percentile(values: Iterable[float], p: float) -> float | None:
    """Linear-interpolated percentile ``p`` (0–100, clamped); ``None`` for no values."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    if n == 1:
        return ordered[0]
    position = (min(max(p, 0.0), 100.0) / 100) * (n - 1)
    lo = math.floor(position)
    hi = min(math.ceil(position), n - 1)
    if lo == hi:
        return ordered[lo]
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (position - lo)


def mean(values: Sequence[float]) -> float | None:
    """Arithmetic mean (summed left to right, like PowerShell); ``None`` when empty."""
    if not values:
        return None
    total = 0.0
    for value in values:
        total += value
    return total / len(values)


@overload
def round_half_even(value: float, digits: int = 0) -> float: ...
@overload
def round_half_even(value: None, digits: int = 0) -> None: ...
@overload
def round_half_even(value: float | None, digits: int = 0) -> float | None: ...
def round_half_even(value: float | None, digits: int = 0) -> float | None:
    """.NET ``Math.Round(value, digits)`` (banker's rounding on the scaled double)."""
    if value is None or math.isnan(value) or math.isinf(value) or abs(value) >= _ROUND_LIMIT:
        return value
    scale = 10.0**digits
    return float(round(value * scale)) / scale


def round_away(value: float | None, digits: int = 0) -> float | None:
    """.NET ``Math.Round(value, digits, MidpointRounding.AwayFromZero)``."""
    if value is None or math.isnan(value) or math.isinf(value) or abs(value) >= _ROUND_LIMIT:
        return value
    scale = 10.0**digits
    scaled = value * scale
    whole = math.trunc(scaled)
    fraction = scaled - whole
    if abs(fraction) >= 0.5:
        whole += 1 if fraction > 0 else -1
    return float(whole) / scale


def dotnet_int(value: float | None) -> int:
    """PowerShell ``[int]value``: half-to-even; ``None`` becomes 0."""
    if value is None:
        return 0
    return int(round(value))


def dotnet_number(value: float | int) -> str:
    """.NET invariant shortest round-trip text of a number (``R``/default format)."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    text = "".join(map(str, digits))
    point = len(text) + int(exponent)  # position of the decimal point in ``text``
    magnitude = point - 1
    prefix = "-" if sign else ""
    if magnitude < -4 or magnitude >= 15:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        return f"{prefix}{mantissa}E{'-' if magnitude < 0 else '+'}{abs(magnitude):02d}"
    if point <= 0:
        return f"{prefix}0.{'0' * -point}{text}"
    if point >= len(text):
        return f"{prefix}{text}{'0' * (point - len(text))}"
    return f"{prefix}{text[:point]}.{text[point:]}"
