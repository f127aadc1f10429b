"""``statetrace release check``: junit file and bundle of one run, checked together."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from statetrace.cli import main
from statetrace.release import release_check
from tests.gates.synthetic import write_synthetic_run
from tests.plugin.test_plugin import GATES


def gate_run(pytester: pytest.Pytester, gates: str, name: str) -> tuple[Path, Path]:
    """Run the gates on the hand-made export; return (junit, bundle)."""
    folder = pytester.path / "gates"
    folder.mkdir(exist_ok=True)
    (folder / "set.toml").write_text(gates)
    logs = pytester.path / "Logs"
    if not logs.exists():
        write_synthetic_run(logs)
    export = next((logs / "IngestionMetrics").glob("WarmRunTelemetry-*.json"))
    junit = pytester.path / f"{name}.xml"
    pytester.runpytest(
        f"--statetrace-telemetry={export}", f"--statetrace-bundle={name}", f"--junitxml={junit}"
    )
    return junit, logs / "TelemetryBundles" / name


def without_failing_gate(text: str) -> str:
    start = text.index('[[gate]]\nid = "parse-duration-max"')
    end = text.index("[[gate]]", start + 1)
    return text[:start] + text[end:]


def test_releasable_run_exits_0(pytester: pytest.Pytester, capsys: pytest.CaptureFixture) -> None:
    junit, bundle = gate_run(pytester, without_failing_gate(GATES), "ok")
    capsys.readouterr()  # the inner pytest run's output
    check = release_check(junit, bundle)
    assert (check.problems, check.failed, check.warned) == ([], [], ["cold-latency-alert"])
    code = main(["release", "check", "--junit", str(junit), "--bundle", str(bundle), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0 and document["Releasable"] is True and document["Gates"] == 2


def test_failed_fail_gate_exits_1(pytester: pytest.Pytester, capsys: pytest.CaptureFixture) -> None:
    junit, bundle = gate_run(pytester, GATES, "bad")
    capsys.readouterr()
    assert main(["release", "check", "--junit", str(junit), "--bundle", str(bundle)]) == 1
    out = capsys.readouterr().out
    assert "failed fail gate: parse-duration-max" in out and "NOT releasable" in out
    assert "problem:" not in out


def test_altered_junit_value_is_found(pytester: pytest.Pytester) -> None:
    junit, bundle = gate_run(pytester, without_failing_gate(GATES), "v")
    junit.write_text(junit.read_text().replace('value="68.85 %"', 'value="99 %"'))
    problems = release_check(junit, bundle).problems
    assert any("junit differs from the bundle's copy" in p for p in problems)
    assert "gate warm-improvement: value '99 %' in junit, 68.85 in bundle" in problems


def test_altered_bundle_and_other_run(pytester: pytest.Pytester) -> None:
    junit, bundle = gate_run(pytester, without_failing_gate(GATES), "a")
    other_junit, _ = gate_run(pytester, without_failing_gate(GATES), "b")
    problems = release_check(other_junit, bundle).problems
    assert any("junit names bundle 'Logs/TelemetryBundles/b'" in p for p in problems)
    results = bundle / "GateResults.json"
    results.write_text(results.read_text().replace('"warned"', '"passed"'))
    problems = release_check(junit, bundle).problems
    assert "bundle: GateResults.json: SHA-256 mismatch" in problems
    assert any("cold-latency-alert: outcome 'warned' in junit, 'passed'" in p for p in problems)


def test_gate_sets_must_match(pytester: pytest.Pytester) -> None:
    junit, bundle = gate_run(pytester, without_failing_gate(GATES), "g")
    other, _ = gate_run(pytester, GATES, "h")
    shutil.copyfile(other, junit)
    problems = release_check(junit, bundle).problems
    assert "gate parse-duration-max: in the junit file, not in the bundle" in problems


def test_missing_evidence_exits_1_usage_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    code = main(["release", "check", "--junit", str(tmp_path / "j.xml"), "--bundle", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "problem: bundle: TelemetryBundle.json missing" in out
    assert "problem: junit:" in out and "cannot read" in out
    with pytest.raises(SystemExit) as exit_info:
        main(["release", "check", "--bundle", str(tmp_path)])
    assert exit_info.value.code == 2
