"""Benchmark comparison: significance on raw samples, factor threshold, exact counts."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from statetrace.benchmark_compare import (
    compare_benchmarks,
    load_benchmark_json,
    mann_whitney_greater,
)


def _run(samples: list[float], **extra: object) -> dict:
    bench = {"name": "test_x", "fullname": "b.py::test_x", "stats": {"data": samples}}
    return {"benchmarks": [bench | {"extra_info": extra}]}


def _noise(center: float, count: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [center * (1 + rng.uniform(-0.05, 0.05)) for _ in range(count)]


def _verdict(current: dict, baseline: dict, metric: str = "time"):
    (found,) = [v for v in compare_benchmarks(current, baseline) if v.metric == metric]
    return found


def test_significantly_and_much_slower_fails() -> None:
    verdict = _verdict(_run(_noise(1.5, 20, 1)), _run(_noise(1.0, 20, 2)))
    assert not verdict.passed
    assert verdict.detail.startswith("slower: median 1.4")


def test_slower_by_few_samples_is_not_significant() -> None:
    verdict = _verdict(_run([1.4, 1.5, 1.6]), _run([1.0, 1.1, 1.2]))
    assert verdict.passed
    assert verdict.detail.startswith("~ not significant")


def test_significant_but_within_the_factor_passes() -> None:
    verdict = _verdict(_run(_noise(1.05, 40, 3)), _run(_noise(1.0, 40, 4)))
    assert verdict.passed and "p=" in verdict.detail


def test_faster_passes() -> None:
    assert _verdict(_run(_noise(0.5, 10, 5)), _run(_noise(1.0, 10, 6))).passed


def test_counts_are_compared_exactly_ratios_are_not() -> None:
    base = _run([1.0, 1.1], rows_written=720, ratio_to_cold=0.2, ok=True)
    same = _run([1.0, 1.1], rows_written=720, ratio_to_cold=0.9, ok=False)
    other = _run([1.0, 1.1], rows_written=721)
    assert [v.metric for v in compare_benchmarks(same, base)] == ["time", "rows_written"]
    assert _verdict(same, base, "rows_written").passed
    assert not _verdict(other, base, "rows_written").passed


def test_missing_samples_or_benchmarks() -> None:
    no_data = {"benchmarks": [{"name": "test_x", "fullname": "b.py::test_x", "stats": {}}]}
    assert not _verdict(no_data, _run([1.0])).passed
    assert not compare_benchmarks({"benchmarks": []}, _run([1.0]))[0].passed
    assert compare_benchmarks(_run([1.0]), {"benchmarks": []})[0].passed


@pytest.mark.parametrize(("n", "m", "tied"), [(1, 1, False), (5, 5, False), (12, 9, False),
                                               (30, 30, False), (40, 35, True)])  # fmt: skip
def test_u_test_agrees_with_scipy(n: int, m: int, tied: bool) -> None:
    from scipy import stats  # the reference implementation ([test] extra)

    rng = random.Random(n * 100 + m)
    draw = (lambda: float(rng.randrange(8))) if tied else rng.random
    sample, reference = [draw() + 0.2 for _ in range(n)], [draw() for _ in range(m)]
    method = "asymptotic" if tied else "exact"
    expected = stats.mannwhitneyu(sample, reference, alternative="greater", method=method)
    assert mann_whitney_greater(sample, reference) == pytest.approx(expected.pvalue, rel=1e-9)


def test_a_real_pytest_benchmark_file_compared_with_itself(
    pytester: pytest.Pytester, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)  # it disables benchmarks
    pytester.makepyfile(
        "def test_sum(benchmark):\n"
        "    benchmark.extra_info['items'] = 100\n"
        "    benchmark.pedantic(sum, args=(range(100),), rounds=5)\n"
    )
    out = tmp_path / "bench.json"
    pytester.runpytest_inprocess("-p", "no:xdist", f"--benchmark-json={out}")
    document = load_benchmark_json(out)
    verdicts = compare_benchmarks(document, document)
    assert [(v.metric, v.passed) for v in verdicts] == [("time", True), ("items", True)]


def test_a_file_that_is_no_benchmark_result(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"events": []}))
    with pytest.raises(ValueError, match="not a pytest-benchmark result"):
        load_benchmark_json(path)
