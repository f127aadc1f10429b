"""Telemetry bundles hold the HTML report (or say why not), and verify checks it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from statetrace.analyzers.rollup import sha256_upper
from statetrace.bundles import BundleRequest, publish_bundle, verify_bundle
from statetrace.gates import default_gates_dir, evaluate_gates, evidence_from_file, load_gates
from statetrace.telemetry.reader import iter_events
from tests.gates.synthetic import write_synthetic_run

pytest.importorskip("matplotlib", reason="statetrace[report] (matplotlib) not installed")


def plots_implied(logs: Path) -> int:
    """One plot per part the run's events hold: latency, rows per site, cache providers."""
    (day,) = [p for p in (logs / "IngestionMetrics").glob("*.json") if "WarmRun" not in p.name]
    events = list(iter_events(day))
    names = {event.get("EventName") for event in events}
    providers = any(
        e.get("EventName") == "InterfaceSyncTiming" and "SiteCacheProvider" in e for e in events
    )
    return sum(["ParseDuration" in names, "RowsWritten" in names, providers])


def publish(tmp_path: Path) -> Path:
    export = write_synthetic_run(tmp_path / "Logs")
    evidence = evidence_from_file(export)
    results = evaluate_gates(load_gates(default_gates_dir()), evidence)
    request = BundleRequest(tmp_path / "Logs", "B1", evidence, results, "statetrace bundle publish")
    return publish_bundle(request)


def manifest_of(bundle: Path) -> dict:
    return json.loads((bundle / "TelemetryBundle.json").read_text())


def test_the_bundle_holds_the_report_of_its_run(tmp_path: Path) -> None:
    bundle = publish(tmp_path)
    manifest = manifest_of(bundle)
    (entry,) = [a for a in manifest["Artifacts"] if a["Category"] == "HtmlReport"]
    assert entry["TargetFile"] == "Report.html" and manifest["ReportMissing"] is None
    page = (bundle / "Report.html").read_text(encoding="utf-8")
    plots = plots_implied(tmp_path / "Logs")
    assert plots >= 2 and page.count('<figure class="plot">') == plots == page.count("<svg")
    for gate in manifest["Gates"]:
        assert f"<td>{gate['Id']}</td>" in page
    assert "| HtmlReport | Report.html |" in (bundle / "README.md").read_text()
    assert verify_bundle(bundle).ready


def test_without_matplotlib_the_bundle_says_why_the_report_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib fails
    for name in [name for name in sys.modules if name.startswith("statetrace.report")]:
        monkeypatch.delitem(sys.modules, name)
    bundle = publish(tmp_path)
    manifest = manifest_of(bundle)
    assert "HtmlReport" not in {a["Category"] for a in manifest["Artifacts"]}
    assert "matplotlib" in manifest["ReportMissing"] and not (bundle / "Report.html").exists()
    assert f"- Report: {manifest['ReportMissing']}" in (bundle / "README.md").read_text()
    assert verify_bundle(bundle).ready


def rewrite(bundle: Path, change) -> None:
    manifest = manifest_of(bundle)
    change(manifest)
    (bundle / "TelemetryBundle.json").write_text(json.dumps(manifest))


def test_verify_wants_the_report_whole_and_self_contained(tmp_path: Path) -> None:
    bundle = publish(tmp_path)
    page = bundle / "Report.html"
    page.write_text(page.read_text().replace("<h1>", '<h1><img src="https://example.org/x.png">'))
    (problem,) = verify_bundle(bundle).problems
    assert problem.startswith("Report.html: size ")

    def rehash(manifest: dict) -> None:
        (entry,) = [a for a in manifest["Artifacts"] if a["Category"] == "HtmlReport"]
        entry["SizeBytes"], entry["Sha256"] = page.stat().st_size, sha256_upper(page)

    rewrite(bundle, rehash)
    assert verify_bundle(bundle).problems == ["Report.html: not a self-contained HTML page"]
    rewrite(
        bundle,
        lambda m: m.update(Artifacts=[a for a in m["Artifacts"] if a["Category"] != "HtmlReport"]),
    )
    assert verify_bundle(bundle).problems == ["required artifact missing: HtmlReport"]
    rewrite(bundle, lambda m: m.pop("ReportMissing"))  # a bundle from before reports
    assert verify_bundle(bundle).ready
