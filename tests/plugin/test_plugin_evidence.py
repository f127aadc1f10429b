"""Junit evidence of gate items: a WARNED gate visible in the XML, skip reasons, and the
benchmark gate item (pytest-benchmark results against a saved baseline)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from statetrace.bundles import verify_bundle
from tests.gates.synthetic import write_synthetic_run
from tests.plugin.test_plugin import GATES, properties, telemetry_option

BENCHMARK_GATE = """
[[gate]]
id = "benchmarks-not-slower"
description = "no benchmark significantly slower"
metric = { source = "benchmark" }
statistic = "sum"
comparator = "<="
threshold = 0
unit = "worse"
severity = "fail"
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    (pytester.path / "gates").mkdir()
    (pytester.path / "gates" / "set.toml").write_text(GATES + BENCHMARK_GATE)
    write_synthetic_run(pytester.path / "Logs")
    return pytester


def benchmark_file(path: Path, samples: list[float]) -> Path:
    bench = {"name": "test_x", "fullname": "b.py::test_x", "stats": {"data": samples}}
    path.write_text(json.dumps({"benchmarks": [bench | {"extra_info": {"rows": 3}}]}))
    return path


def case_of(junit: Path, name: str) -> ET.Element:
    return next(c for c in ET.parse(junit).getroot().iter("testcase") if c.get("name") == name)


def test_warned_gate_is_visible_in_the_junit_xml(project: pytest.Pytester) -> None:
    result = project.runpytest(telemetry_option(project), "--junitxml=junit.xml")
    result.assert_outcomes(passed=2, failed=1, skipped=1, warnings=1)
    junit = project.path / "junit.xml"
    warned = case_of(junit, "test_gate[cold-latency-alert]")
    assert warned.find("failure") is None  # a passed testcase ...
    out = "".join(node.text or "" for node in warned.findall("system-out"))
    assert out.startswith("StateTrace gate WARNED\ngate cold-latency-alert WARNED (warn)")
    assert "p95 12.25 violates <= 10" in out
    props = properties(junit)["test_gate[cold-latency-alert]"]
    assert (props["outcome"], props["severity"]) == ("warned", "warn")
    passed = case_of(junit, "test_gate[warm-improvement]")
    assert passed.find("system-out") is None


def test_skipped_benchmark_gate_says_why(project: pytest.Pytester) -> None:
    result = project.runpytest(telemetry_option(project), "--junitxml=j.xml", "-rs")
    result.stdout.fnmatch_lines(["*benchmarks-not-slower: no benchmark results and baseline*"])
    props = properties(project.path / "j.xml")["test_gate[benchmarks-not-slower]"]
    assert props["outcome"] == "skipped" and "--statetrace-benchmark-baseline" in props["reason"]
    assert (props["value"], props["sample_count"]) == ("", "0")


@pytest.mark.parametrize(
    ("samples", "outcome", "reason"),
    [
        ([1.0 + i * 0.001 for i in range(20)], "passed", ""),
        ([1.05 + i * 0.001 for i in range(20)], "passed", "~ not significant: b.py::test_x"),
        ([2.0 + i * 0.001 for i in range(20)], "failed", "sum 1 violates <= 0"),
    ],
)
def test_benchmark_gate_against_the_baseline(
    project: pytest.Pytester, samples: list[float], outcome: str, reason: str
) -> None:
    base = benchmark_file(project.path / "base.json", [1.0 + i * 0.001 for i in range(20)])
    run = benchmark_file(project.path / "run.json", samples)
    result = project.runpytest(
        telemetry_option(project),
        "-k",
        "benchmarks",
        f"--statetrace-benchmark-results={run}",
        f"--statetrace-benchmark-baseline={base}",
        "--statetrace-bundle=B",
        "--junitxml=j.xml",
    )
    result.assert_outcomes(**{outcome: 1}, deselected=3)
    props = properties(project.path / "j.xml")["test_gate[benchmarks-not-slower]"]
    assert (props["outcome"], props["reason"], props["sample_count"]) == (outcome, reason, "2")
    if outcome == "failed":
        result.stdout.fnmatch_lines(["*b.py::test_x time: slower: median 1.99x baseline*"])
    bundle = project.path / "Logs/TelemetryBundles/B"
    categories = {a["Category"] for a in verify_bundle(bundle).artifacts}
    assert {"BenchmarkResults", "BenchmarkBaseline"} <= categories


def test_benchmark_options_come_in_pairs(project: pytest.Pytester) -> None:
    run = benchmark_file(project.path / "run.json", [1.0])
    result = project.runpytest(telemetry_option(project), f"--statetrace-benchmark-results={run}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--statetrace-benchmark-baseline=PATH is needed with*"])
    missing = project.runpytest(
        telemetry_option(project),
        f"--statetrace-benchmark-results={run}",
        f"--statetrace-benchmark-baseline={project.path / 'absent.json'}",
    )
    assert missing.ret == pytest.ExitCode.USAGE_ERROR
    missing.stderr.fnmatch_lines(["*--statetrace-benchmark-baseline: no such file*"])
