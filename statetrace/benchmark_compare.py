"""Compare a pytest-benchmark run (its saved JSON) with a saved baseline.

A timing is worse only when it is *significantly* slower (one-sided Mann–Whitney U
on the raw samples, p < ``alpha``, 0.002 as asv uses) *and* its median is more than
``factor`` times the baseline's; otherwise it passes, "~ not significant" when it
merely looks slower.  Counts (the integers of ``extra_info``: rows written, hosts
parsed, …) must be equal.  Raw samples exist when the run was saved with
``--benchmark-save-data`` (the ``benchmarks/`` suite always does).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

import orjson

ALPHA = 0.002
FACTOR = 1.10
#: Largest sample sizes (together) for the exact U distribution, without ties.
_EXACT_LIMIT = 60


@dataclass(frozen=True, slots=True)
class BenchmarkVerdict:
    """One benchmark's verdict on one metric (``time`` or an ``extra_info`` count)."""

    benchmark: str
    metric: str
    passed: bool
    detail: str


def load_benchmark_json(path: Path) -> dict[str, Any]:
    """A pytest-benchmark JSON file (``--benchmark-json`` or a saved run)."""
    document = orjson.loads(path.read_bytes())
    if not isinstance(document, dict) or not isinstance(document.get("benchmarks"), list):
        raise ValueError(f"{path}: not a pytest-benchmark result (no 'benchmarks' list)")
    return document


def compare_benchmarks(
    current: Mapping[str, Any],
    baseline: Mapping[str, Any],
    *,
    alpha: float = ALPHA,
    factor: float = FACTOR,
) -> list[BenchmarkVerdict]:
    """Verdicts for every benchmark of ``baseline`` and ``current`` (matched by fullname)."""
    runs = _by_name(current["benchmarks"])
    bases = _by_name(baseline["benchmarks"])
    verdicts: list[BenchmarkVerdict] = []
    for name in sorted(runs.keys() | bases.keys()):
        if name not in runs:
            verdicts.append(BenchmarkVerdict(name, "time", False, "missing from this run"))
        elif name not in bases:
            verdicts.append(BenchmarkVerdict(name, "time", True, "new (no baseline)"))
        else:
            verdicts.append(_timing(name, runs[name], bases[name], alpha, factor))
            verdicts.extend(_counts(name, runs[name], bases[name]))
    return verdicts


def mann_whitney_greater(sample: Sequence[float], reference: Sequence[float]) -> float:
    """One-sided p-value that ``sample`` tends to be larger than ``reference``.

    Exact distribution of U for small samples without ties, else the normal
    approximation with tie and continuity corrections.
    """
    n, m = len(sample), len(reference)
    if not n or not m:
        raise ValueError("both samples need at least one value")
    u = sum((x > y) + 0.5 * (x == y) for x in sample for y in reference)
    pooled = sorted([*sample, *reference])
    ties = [pooled.count(value) for value in set(pooled)]
    if n + m <= _EXACT_LIMIT and all(count == 1 for count in ties):
        at_least = sum(_u_counts(n, m)[math.ceil(u) :])
        return at_least / math.comb(n + m, n)
    total = n + m
    tie_term = sum(t**3 - t for t in ties) / (total * (total - 1))
    sigma = math.sqrt(n * m / 12 * (total + 1 - tie_term))
    if sigma == 0:
        return 1.0
    z = (u - n * m / 2 - 0.5) / sigma
    return 0.5 * math.erfc(z / math.sqrt(2))


def _u_counts(n: int, m: int) -> list[int]:
    """How many orderings of n and m distinct values give each U = 0 … n·m.

    ``table[j]`` holds the counts for (i, j): the largest value comes from the
    first sample (U grows by j) or from the second (U unchanged).
    """
    table = [[1] for _ in range(m + 1)]  # i = 0: U is 0 whatever j
    for i in range(1, n + 1):
        row = [[1]]  # j = 0
        for j in range(1, m + 1):
            counts = [0] * (i * j + 1)
            for u, ways in enumerate(table[j]):
                counts[u + j] += ways
            for u, ways in enumerate(row[j - 1]):
                counts[u] += ways
            row.append(counts)
        table = row
    return table[m]


def _timing(
    name: str, run: Mapping[str, Any], base: Mapping[str, Any], alpha: float, factor: float
) -> BenchmarkVerdict:
    samples, reference = run["stats"].get("data"), base["stats"].get("data")
    if not samples or not reference:
        detail = "raw samples missing (save with --benchmark-save-data)"
        return BenchmarkVerdict(name, "time", False, detail)
    ratio = median(samples) / median(reference)
    p = mann_whitney_greater(samples, reference)
    figures = f"median {ratio:.2f}x baseline, p={p:.2g}"
    if p < alpha and ratio > factor:
        return BenchmarkVerdict(name, "time", False, f"slower: {figures}")
    if ratio > 1:
        return BenchmarkVerdict(name, "time", True, f"~ not significant ({figures})")
    return BenchmarkVerdict(name, "time", True, f"not slower ({figures})")


def _counts(
    name: str, run: Mapping[str, Any], base: Mapping[str, Any]
) -> Iterable[BenchmarkVerdict]:
    ours, theirs = run.get("extra_info", {}), base.get("extra_info", {})
    for key, expected in sorted(theirs.items()):
        if not _is_count(expected):
            continue
        value = ours.get(key)
        passed = value == expected and _is_count(value)
        yield BenchmarkVerdict(name, key, passed, f"{value} (baseline {expected})")


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _by_name(benchmarks: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {str(bench.get("fullname") or bench["name"]): bench for bench in benchmarks}
