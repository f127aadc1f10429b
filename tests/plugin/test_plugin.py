"""pytest_statetrace in throw-away projects: collection, reports, selection, junit,
bundles, the risk register, malformed gate files, xdist (one warm run)."""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from statetrace.bundles import verify_bundle
from statetrace.gates import default_gates_dir
from statetrace.release import release_check
from tests.gates.conftest import UPSTREAM_WARM_RUN
from tests.gates.synthetic import write_synthetic_run

GATES = """
name = "t"

[[gate]]
id = "warm-improvement"
description = "warm at least 60 % faster"
metric = { source = "comparison", key = "ImprovementPercent" }
statistic = "value"
comparator = ">="
threshold = 60
unit = "%"
severity = "fail"
plans = ["PlanB"]

[[gate]]
id = "parse-duration-max"
description = "ParseDuration max at most 10 s"
metric = { source = "events", event = "ParseDuration", field = "DurationSeconds", pass = "all" }
statistic = "max"
comparator = "<="
threshold = 10
unit = "s"
severity = "fail"

[[gate]]
id = "cold-latency-alert"
description = "cold write p95 alert"
metric = { source = "events", event = "DatabaseWriteLatency", field = "LatencyMs", pass = "cold" }
statistic = "p95"
comparator = "<="
threshold = 10
unit = "ms"
severity = "warn"
"""
HOOKS = """
def pytest_statetrace_gate_evaluated(item, result):
    with open("hooks.log", "a") as log:
        log.write(f"gate {result.gate.id} {result.outcome.value}\\n")

def pytest_statetrace_bundle_published(config, path):
    with open("hooks.log", "a") as log:
        log.write(f"bundle {path.name}\\n")
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with a unit test, a gate file and the hand-made run under Logs."""
    pytester.makepyfile(test_unit="def test_unit():\n    assert True\n")
    (pytester.path / "gates").mkdir()
    (pytester.path / "gates" / "set.toml").write_text(GATES)
    write_synthetic_run(pytester.path / "Logs")
    return pytester


def telemetry_option(project: pytest.Pytester) -> str:
    export = next((project.path / "Logs/IngestionMetrics").glob("WarmRunTelemetry-*.json"))
    return f"--statetrace-telemetry={export}"


def properties(junit: Path) -> dict[str, dict[str, str]]:
    root = ET.parse(junit).getroot()
    return {
        case.get("name", ""): {p.get("name", ""): p.get("value", "") for p in case.iter("property")}
        for case in root.iter("testcase")
    }


def suite_properties(junit: Path) -> dict[str, str]:
    suite = next(ET.parse(junit).getroot().iter("testsuite"))
    return {p.get("name", ""): p.get("value", "") for p in suite.findall("properties/property")}


def test_off_by_default_markers_registered(project: pytest.Pytester) -> None:
    result = project.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert not (project.path / "Logs/TelemetryBundles").exists()
    markers = project.runpytest("--markers").stdout.str()
    assert "warm_regression:" in markers and "statetrace_gate(id):" in markers


def test_gates_as_items_report_junit_bundle_and_register(project: pytest.Pytester) -> None:
    project.makeconftest(HOOKS)
    result = project.runpytest(
        telemetry_option(project), "--statetrace-bundle=B1", "--junitxml=junit.xml", "-rA"
    )
    result.assert_outcomes(passed=3, failed=1, warnings=1)
    result.stdout.fnmatch_lines(
        [
            "*gate parse-duration-max FAILED (fail): ParseDuration max at most 10 s",
            "*metric:     ParseDuration.DurationSeconds (all)",
            "*statistic:  max over 6 sample(s)",
            "*value:      12 s",
            "*threshold:  <= 10 s",
            "*worst:",
            "*BOYO/BOYO-1 = 12",
            "*evidence:",
            "*WarmRunTelemetry-20260102-100000-000000.json",
            "*IngestionMetrics/2026-01-02.json",
            "*StatetraceGateWarning: gate cold-latency-alert WARNED (warn)*",
            "*StateTrace gates*",
            "warm-improvement * PASSED * 68.85 %*",
            "parse-duration-max * FAILED * 12 s * <= 10 s",
            "bundle: *TelemetryBundles/B1",
            "risk register: RR-001 gate parse-duration-max value 12 (<= 10)",
            "PASSED gates/set.toml::test_gate?warm-improvement?",
        ]
    )
    props = properties(project.path / "junit.xml")
    bundle = project.path / "Logs/TelemetryBundles/B1"
    assert props["test_gate[parse-duration-max]"] == {
        "statetrace_gate": "parse-duration-max",
        "metric": "ParseDuration.DurationSeconds (all)",
        "statistic": "max",
        "value": "12 s",
        "comparator": "<=",
        "threshold": "10 s",
        "severity": "fail",
        "outcome": "failed",
        "reason": "max 12 violates <= 10",
        "sample_count": "6",
        "bundle": "Logs/TelemetryBundles/B1",
    }
    assert props["test_gate[cold-latency-alert]"]["value"] == "12.25 ms"
    assert verify_bundle(bundle).ready
    manifest = json.loads((bundle / "TelemetryBundle.json").read_text())
    assert manifest["GateSummary"] == {"passed": 1, "failed": 1, "warned": 1, "skipped": 0}
    assert [e["Gate"] for e in manifest["RiskRegisterAppended"]] == ["parse-duration-max"]
    assert "JunitXml" in {a["Category"] for a in manifest["Artifacts"]}
    register = (project.path / "Logs/RiskRegister.md").read_text()
    assert f"| parse-duration-max | 12 | <= 10 | smoke | {bundle} |" in register
    hooks = (project.path / "hooks.log").read_text().splitlines()
    assert sorted(hooks) == [
        "bundle B1",
        "gate cold-latency-alert warned",
        "gate parse-duration-max failed",
        "gate warm-improvement passed",
    ]
    assert not (project.path / "Logs/.pytest-statetrace").exists()


def test_select_one_gate_with_marker_and_keyword_ini_enabled(project: pytest.Pytester) -> None:
    project.makeini(f"[pytest]\nstatetrace_telemetry = {telemetry_option(project).split('=')[1]}\n")
    result = project.runpytest("-m", "warm_regression", "-k", "warm-improvement", "-v")
    result.assert_outcomes(passed=1, deselected=3)
    result.stdout.fnmatch_lines(["*gates/set.toml::test_gate?warm-improvement? PASSED*"])
    manifest = next((project.path / "Logs/TelemetryBundles").glob("*/TelemetryBundle.json"))
    assert [gate["Id"] for gate in json.loads(manifest.read_text())["Gates"]] == [
        "warm-improvement"
    ]


def test_existing_or_escaping_bundle_is_a_usage_error(project: pytest.Pytester) -> None:
    option = telemetry_option(project)
    project.runpytest(option, "--statetrace-bundle=B1", "-k", "warm-improvement")
    again = project.runpytest(option, "--statetrace-bundle=B1")
    assert again.ret == pytest.ExitCode.USAGE_ERROR
    again.stderr.fnmatch_lines(["*bundle *B1 already exists*--statetrace-bundle-overwrite*"])
    replaced = project.runpytest(option, "--statetrace-bundle=B1", "--statetrace-bundle-overwrite")
    replaced.assert_outcomes(passed=3, failed=1, warnings=1)
    escape = project.runpytest(option, "--statetrace-bundle=../../x")
    assert escape.ret == pytest.ExitCode.USAGE_ERROR
    escape.stderr.fnmatch_lines(["*bad bundle name '../../x'*"])


def test_path_option_with_a_space_that_moved_the_rootdir_is_refused(
    project: pytest.Pytester, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    export = write_synthetic_run(elsewhere / "Logs")
    result = project.runpytest("--statetrace-telemetry", str(export))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*write --statetrace-telemetry=*WarmRunTelemetry-*.json instead"])
    assert not (elsewhere / "Logs/TelemetryBundles").exists()
    inside = project.runpytest("--statetrace-telemetry", telemetry_option(project).split("=")[1])
    inside.assert_outcomes(passed=3, failed=1, warnings=1)


def test_malformed_gate_file_is_a_collection_error(project: pytest.Pytester) -> None:
    (project.path / "gates" / "bad.toml").write_text(
        GATES.replace('comparator = ">="', 'comparator = "=>"')
    )
    result = project.runpytest(telemetry_option(project))
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR collecting gates/bad.toml*",
            "*bad.toml: gate?0? (id 'warm-improvement').comparator: '=>' is not one of*",
        ]
    )


def test_fixtures_expose_the_run(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_fixtures="""
        def test_fixtures(statetrace_scenario, statetrace_cold_run, statetrace_warm_run,
                          statetrace_metrics, statetrace_bundle):
            assert statetrace_scenario.name == "smoke"
            assert statetrace_warm_run.label == "WarmPass" and len(statetrace_warm_run.rows) == 3
            assert statetrace_cold_run.run_id == "cold-run"
            assert len(statetrace_cold_run.events) == 20
            assert statetrace_metrics["comparison"]["ImprovementPercent"] == 68.85
            assert statetrace_metrics["provider_reasons"]["warm"].rows[0]["Site"] == "BOYO"
            assert statetrace_bundle.name == "F1"
        """
    )
    on = project.runpytest(
        telemetry_option(project), "--statetrace-scenario=smoke", "--statetrace-bundle=F1",
        "test_fixtures.py",
    )  # fmt: skip
    on.assert_outcomes(passed=3, failed=1, warnings=1)
    off = project.runpytest("test_fixtures.py", "-rs")
    off.assert_outcomes(skipped=1)
    off.stdout.fnmatch_lines(["*StateTrace gates are off*"])


def test_scenario_runs_once_under_xdist(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_unit="def test_unit():\n    assert True\n")
    result = pytester.runpytest_subprocess(
        "-n", "2", "--statetrace-scenario=smoke", "--statetrace-bundle=X1", "--junitxml=junit.xml"
    )
    outcomes = result.parseoutcomes()  # timed gates may fail on a loaded machine
    counted = ("passed", "failed", "skipped")  # warm write latency: "no samples" skips
    assert sum(outcomes.get(name, 0) for name in counted) == 16  # 15 gates + test_unit
    assert "error" not in outcomes and "errors" not in outcomes
    metrics = pytester.path / "Logs/IngestionMetrics"
    runs = [p for p in metrics.glob("WarmRunTelemetry-*.json") if "latest" not in p.name]
    assert len(runs) == 1
    assert len(list((pytester.path / "Logs/WarmRuns").iterdir())) == 1
    bundle = pytester.path / "Logs/TelemetryBundles/X1"
    assert verify_bundle(bundle).ready
    props = properties(pytester.path / "junit.xml")
    assert props["test_gate[warm-improvement]"]["bundle"] == "Logs/TelemetryBundles/X1"
    assert len([name for name in props if name.startswith("test_gate[")]) == 15
    suite = suite_properties(pytester.path / "junit.xml")
    comparison = json.loads(runs[0].read_text())[-1]
    assert suite["statetrace_bundle"] == "Logs/TelemetryBundles/X1"
    assert suite["statetrace_warm_run_id"] == comparison["WarmRunId"]
    total = comparison["ColdWallSeconds"] + comparison["WarmWallSeconds"]
    assert float(suite["statetrace_run_seconds"]) == pytest.approx(total, abs=0.002)
    check = release_check(pytester.path / "junit.xml", bundle)
    assert check.problems == [] and check.gates == 15


def test_upstream_export_fails_warm_improvement(
    pytester: pytest.Pytester, shared_dir: Path
) -> None:
    export = shared_dir / UPSTREAM_WARM_RUN
    if not export.is_file():
        pytest.skip(f"{export} not present")
    gates = pytester.path / "gates"
    gates.mkdir()
    (gates / "plan-b.toml").write_bytes((default_gates_dir() / "plan-b.toml").read_bytes())
    result = pytester.runpytest(
        f"--statetrace-telemetry={export}", "-m", "warm_regression", "-k", "warm-improvement"
    )
    result.assert_outcomes(failed=1, deselected=14)
    result.stdout.fnmatch_lines(["*value:      46.2 %", "*threshold:  >= 60 %"])
    assert "warm-improvement | 46.2 | >= 60" in (pytester.path / "Logs/RiskRegister.md").read_text()


def test_marker_alone_runs_the_gates_on_smoke(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_unit="def test_unit():\n    assert True\n")
    result = pytester.runpytest_subprocess("-m", "warm_regression", "-k", "warm-cache-misses")
    result.assert_outcomes(passed=1, deselected=15)
    latest = pytester.path / "Logs/IngestionMetrics/WarmRunTelemetry-latest.json"
    assert json.loads(latest.read_text())[-1]["Scenario"] == "smoke"


def test_not_warm_regression_leaves_the_gates_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_unit="def test_unit():\n    assert True\n")
    result = pytester.runpytest("-m", "not warm_regression")
    result.assert_outcomes(passed=1)
    assert not (pytester.path / "Logs").exists()


def test_configuration_errors_are_one_usage_error(project: pytest.Pytester) -> None:
    for option, text in (
        ("--statetrace-scenario=nosuch", "*--statetrace-scenario: *nosuch*"),
        ("--statetrace-telemetry=missing.json", "*--statetrace-telemetry: no such file:*"),
        ("--statetrace-gates=nogates", "*--statetrace-gates: no such file or folder:*"),
    ):
        result = project.runpytest("--statetrace-scenario=smoke", option)
        assert result.ret == pytest.ExitCode.USAGE_ERROR
        result.stderr.fnmatch_lines([text])
        assert "Traceback" not in result.stderr.str() + result.stdout.str()


def test_bundle_template_and_ini_overwrite_make_reruns_work(project: pytest.Pytester) -> None:
    option = telemetry_option(project)
    first = project.runpytest(option, "--statetrace-bundle=rc1-{date}-{commit}", "-k", "improve")
    first.assert_outcomes(passed=1, deselected=3)
    (bundle,) = (project.path / "Logs/TelemetryBundles").iterdir()
    assert re.fullmatch(r"rc1-\d{8}-(nocommit|[0-9a-f]{12})", bundle.name)
    project.makeini("[pytest]\nstatetrace_bundle = B2\nstatetrace_bundle_overwrite = true\n")
    for _ in range(2):
        project.runpytest(option, "-k", "improve").assert_outcomes(passed=1, deselected=3)
    bad = project.runpytest(option, "--statetrace-bundle=x-{nosuch}")
    assert bad.ret == pytest.ExitCode.USAGE_ERROR
    bad.stderr.fnmatch_lines(["*bad bundle name template*known: {date}, {time}, {commit}"])


def test_logs_at_rootdir_and_packaged_node_ids(project: pytest.Pytester) -> None:
    option = telemetry_option(project)
    project.makeini("[pytest]\n")
    shutil.rmtree(project.path / "gates")
    (project.path / "sub").mkdir()
    os.chdir(project.path / "sub")
    result = project.runpytest(option, "--collect-only", "-q")
    result.stdout.fnmatch_lines(["statetrace/gates/data/plan-b.toml::test_gate?warm-improvement?"])
    assert not (project.path / "sub/Logs").exists()
