"""Bundle readiness: required artifacts present, hashes and sizes match, gate results."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from statetrace.analyzers.rollup import sha256_upper
from statetrace.bundles.publish import GATE_RESULTS, MANIFEST
from statetrace.bundles.report import is_self_contained_page

REQUIRED_CATEGORIES = (
    "WarmTelemetry",
    "TelemetrySlice",
    "SharedCacheAnalyzer",
    "ProviderReasons",
    "DiffHotspots",
    "RollupCsv",
    "GateResults",
    "HtmlReport",
    "Readme",
)


@dataclass
class BundleVerification:
    """Per-artifact status and every problem found."""

    path: Path
    artifacts: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        """No problem found."""
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "BundlePath": str(self.path),
            "Ready": self.ready,
            "Problems": self.problems,
            "Artifacts": self.artifacts,
        }


def verify_bundle(path: Path) -> BundleVerification:
    """Check a bundle folder against its ``TelemetryBundle.json``."""
    report = BundleVerification(path)
    manifest = _load(path / MANIFEST, report)
    if manifest is None:
        return report
    for entry in manifest.get("Artifacts", []):
        report.artifacts.append(_check_artifact(path, entry, report))
    present = {entry.get("Category") for entry in manifest.get("Artifacts", [])}
    required = [
        category
        for category in REQUIRED_CATEGORIES
        if (category != "TelemetrySlice" or manifest.get("EventsAvailable"))
        and (category != "HtmlReport" or _report_expected(manifest))
    ]
    report.problems += [f"required artifact missing: {c}" for c in required if c not in present]
    _check_gates(path, manifest, report)
    return report


def _report_expected(manifest: dict[str, Any]) -> bool:
    """A bundle holds the HTML report unless its manifest says why not; bundles made
    before reports were bundled (no ``ReportMissing`` key) are not asked for one."""
    return "ReportMissing" in manifest and not manifest["ReportMissing"]


def _load(path: Path, report: BundleVerification) -> Any:
    if not path.is_file():
        report.problems.append(f"{path.name} missing")
        return None
    try:
        return orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as error:
        report.problems.append(f"{path.name} is not valid JSON: {error}")
        return None


def _check_artifact(
    bundle: Path, entry: dict[str, Any], report: BundleVerification
) -> dict[str, Any]:
    name = str(entry.get("TargetFile", ""))
    target = (bundle / name).resolve()
    status = "ok"
    if not name or bundle.resolve() not in target.parents:
        status = "outside bundle"
    elif not target.is_file():
        status = "missing"
    elif target.stat().st_size != entry.get("SizeBytes"):
        status = f"size {target.stat().st_size} != {entry.get('SizeBytes')}"
    elif sha256_upper(target) != str(entry.get("Sha256", "")).upper():
        status = "SHA-256 mismatch"
    elif entry.get("Category") == "HtmlReport" and not is_self_contained_page(target):
        status = "not a self-contained HTML page"
    if status != "ok":
        report.problems.append(f"{name}: {status}")
    return {"Category": entry.get("Category"), "TargetFile": name, "Status": status}


def _check_gates(bundle: Path, manifest: dict[str, Any], report: BundleVerification) -> None:
    document = _load(bundle / GATE_RESULTS, report)
    if document is None:
        return
    results = {gate.get("Id"): gate.get("Outcome") for gate in document.get("Gates", [])}
    if not results:
        report.problems.append(f"{GATE_RESULTS} holds no gate results")
    for gate in manifest.get("Gates", []):
        if gate.get("Id") not in results:
            report.problems.append(f"gate {gate.get('Id')}: no result in {GATE_RESULTS}")
        elif results[gate["Id"]] != gate.get("Outcome"):
            report.problems.append(f"gate {gate['Id']}: outcome differs from the manifest")
