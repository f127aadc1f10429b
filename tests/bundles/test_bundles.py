"""Publishing bundles (contents, manifest, README, names, no overwrite) and verifying them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statetrace.bundles import (
    BundleError,
    BundleRequest,
    bundle_path,
    publish_bundle,
    publish_with_risks,
    verify_bundle,
)
from statetrace.gates import Evidence, GateResult, evaluate_gates, evidence_from_file

CATEGORIES = [
    "WarmTelemetry",
    "TelemetrySlice",
    "SharedCacheAnalyzer",
    "ProviderReasons",
    "DiffHotspots",
    "RollupCsv",
    "GateResults",
    "JunitXml",
    "HtmlReport",
    "Readme",
]


def request(
    logs: Path, evidence: Evidence, results: list[GateResult], **extra: object
) -> BundleRequest:
    junit = logs.parent / "junit.xml"
    junit.write_text("<testsuites/>")
    fields = {
        "plan_references": ["PlanB", "PlanG"],
        "task_ids": ["ST-B-008"],
        "notes": "nightly",
        "risk_entries": ["RR-011"],
        "junit_path": junit,
    } | extra
    return BundleRequest(
        logs, "Release-1", evidence, results, "pytest -m warm_regression", **fields
    )  # type: ignore[arg-type]


def test_bundle_contents_manifest_and_readme(
    logs: Path, evidence: Evidence, results: list[GateResult]
) -> None:
    path = publish_bundle(request(logs, evidence, results))
    assert path == logs.resolve() / "TelemetryBundles" / "Release-1"
    manifest = json.loads((path / "TelemetryBundle.json").read_text())
    assert [a["Category"] for a in manifest["Artifacts"]] == CATEGORIES
    assert {a["TargetFile"] for a in manifest["Artifacts"]} >= {"2026-01-02.json", "junit.xml"}
    assert all(len(a["Sha256"]) == 64 and a["SizeBytes"] > 0 for a in manifest["Artifacts"])
    assert manifest["Scenario"] == "smoke"
    assert manifest["CommandLine"] == "pytest -m warm_regression"
    assert manifest["PackageVersion"] and manifest["Machine"]["CpuCount"]
    assert (manifest["PlanReferences"], manifest["TaskIds"]) == (["PlanB", "PlanG"], ["ST-B-008"])
    assert manifest["GateSummary"]["failed"] == 7
    slice_lines = (path / "2026-01-02.json").read_text().splitlines()
    assert len(slice_lines) == 30  # every event of the two passes
    gates = json.loads((path / "GateResults.json").read_text())["Gates"]
    assert [g["Id"] for g in gates] == [g["Id"] for g in manifest["Gates"]]
    readme = (path / "README.md").read_text()
    assert "- Plans: PlanB, PlanG" in readme and "- Task Board IDs: ST-B-008" in readme
    assert "- Risk Register: RR-011" in readme and "- Notes: nightly" in readme
    assert (
        "| warm-improvement | PASSED | fail | value | 68.85 % | >= 60 % | PlanB, PlanG | ST-B-008 |"
        in readme
    )
    assert "statetrace bundle verify" in readme
    assert verify_bundle(path).ready


def test_bundled_export_can_be_re_evaluated(
    logs: Path, evidence: Evidence, results: list[GateResult]
) -> None:
    path = publish_bundle(request(logs, evidence, results))
    bundled = evidence_from_file(path / evidence.telemetry_path.name)
    again = evaluate_gates([r.gate for r in results], bundled)
    assert [r.value for r in again] == [r.value for r in results]


@pytest.mark.parametrize("damage", ["append", "same-size", "delete", "gate-results"])
def test_verify_fails_after_tampering(
    logs: Path, evidence: Evidence, results: list[GateResult], damage: str
) -> None:
    path = publish_bundle(request(logs, evidence, results))
    target = path / "WarmRunDiffHotspots.csv"
    if damage == "append":
        target.write_bytes(target.read_bytes() + b"x")
        expected = "WarmRunDiffHotspots.csv: size"
    elif damage == "same-size":
        data = bytearray(target.read_bytes())
        data[-3] ^= 1
        target.write_bytes(bytes(data))
        expected = "WarmRunDiffHotspots.csv: SHA-256 mismatch"
    elif damage == "delete":
        target.unlink()
        expected = "WarmRunDiffHotspots.csv: missing"
    else:
        document = path / "GateResults.json"
        data = json.loads(document.read_text())
        data["Gates"] = data["Gates"][1:]
        document.write_text(json.dumps(data))
        expected = "gate warm-improvement: no result in GateResults.json"
    report = verify_bundle(path)
    assert not report.ready
    assert any(problem.startswith(expected) for problem in report.problems), report.problems


def test_verify_reports_missing_manifest_and_required_artifacts(
    logs: Path, evidence: Evidence, results: list[GateResult], tmp_path: Path
) -> None:
    assert verify_bundle(tmp_path).problems == ["TelemetryBundle.json missing"]
    path = publish_bundle(request(logs, evidence, results))
    manifest = json.loads((path / "TelemetryBundle.json").read_text())
    manifest["Artifacts"] = [a for a in manifest["Artifacts"] if a["Category"] != "RollupCsv"]
    (path / "TelemetryBundle.json").write_text(json.dumps(manifest))
    assert verify_bundle(path).problems == ["required artifact missing: RollupCsv"]


@pytest.mark.parametrize("name", ["../escape", "a/b", "..", ".hidden", "", "x" * 200])
def test_bundle_names_cannot_escape(logs: Path, name: str) -> None:
    with pytest.raises(BundleError, match="bad bundle name"):
        bundle_path(logs, name)


def test_existing_bundle_is_not_overwritten_unless_forced(
    logs: Path, evidence: Evidence, results: list[GateResult]
) -> None:
    path = publish_bundle(request(logs, evidence, results))
    (path / "marker").write_text("keep")
    with pytest.raises(BundleError, match="already exists"):
        publish_bundle(request(logs, evidence, results))
    with pytest.raises(BundleError, match="already exists"):
        publish_with_risks(request(logs, evidence, results), logs / "RiskRegister.md")
    assert (path / "marker").exists() and not (logs / "RiskRegister.md").exists()
    publish_bundle(request(logs, evidence, results, force=True))
    assert not (path / "marker").exists()
    assert verify_bundle(path).ready


def test_risk_entries_are_appended_and_listed(
    logs: Path, evidence: Evidence, results: list[GateResult]
) -> None:
    path = publish_with_risks(request(logs, evidence, results), logs / "RiskRegister.md")
    manifest = json.loads((path / "TelemetryBundle.json").read_text())
    appended = manifest["RiskRegisterAppended"]
    assert [entry["Gate"] for entry in appended] == [r.gate.id for r in results if r.blocking]
    assert all(entry["Bundle"] == str(path) for entry in appended)
    register = (logs / "RiskRegister.md").read_text()
    assert f"| {appended[0]['Id']} |" in register
    assert "## Risk register entries added" in (path / "README.md").read_text()
