"""The cold/warm harness on the smoke scenario: what the warm pass must show.

Timing-derived figures (ImprovementPercent, wall-time ratios) are measured by
benchmarks/test_warm_run.py; here we check the facts that make warm fast by design.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statetrace.analyzers.warm_comparison import warm_comparison
from statetrace.cli import main
from statetrace.generate import load_state
from statetrace.scenarios import load_scenario
from statetrace.telemetry.reader import read_warm_run
from statetrace.warmrun import WarmRunRequest, run_warm_run
from statetrace.warmrun.export import EXPORT_KEYS


@pytest.fixture(scope="module")
def empty_seed(tmp_path_factory: pytest.TempPathFactory):
    logs = tmp_path_factory.mktemp("warm") / "Logs"
    return run_warm_run(WarmRunRequest(logs_dir=logs, scenario=load_scenario("smoke"), workers=2))


def test_warm_pass_is_served_entirely_from_the_snapshot(empty_seed):
    comparison = empty_seed.comparison
    assert comparison["WarmCacheHitRatioPercent"] == 100.0
    assert comparison["WarmCacheProviderMissCount"] == 0
    assert comparison["WarmProviderCounts"] == {"SharedCache": 8}
    assert comparison["WarmExistingRowReads"] == 0
    assert comparison["WarmRowsWritten"] == 0
    assert comparison["WarmSignatureRewriteTotal"] == 0
    assert comparison["ColdRowsWritten"] == 8 * 12
    assert comparison["WarmHostsParsed"] == comparison["ColdHostsParsed"] == 8


def test_every_warm_worker_imported_the_snapshot(empty_seed):
    comparison = empty_seed.comparison
    assert comparison["WarmIngestProcesses"]
    assert comparison["WarmProcessesWithoutSnapshot"] == []
    assert set(comparison["WarmIngestProcesses"]) <= set(
        comparison["WarmSnapshotImportedProcesses"]
    )


def test_export_is_in_the_powershell_format(empty_seed):
    rows = read_warm_run(empty_seed.telemetry_path)
    assert rows[-1]["PassLabel"] == "WarmRunComparison"
    assert rows[-1]["SummaryType"] == "InterfaceCallDuration"
    assert all(list(row)[: len(EXPORT_KEYS)] == list(EXPORT_KEYS) for row in rows[:-1])
    recomputed = warm_comparison(rows[:-1])
    for key in ("ColdInterfaceCallAvgMs", "WarmInterfaceCallP95Ms", "ImprovementPercent"):
        assert recomputed[key] == rows[-1][key]
    latest = empty_seed.telemetry_path.parent / "WarmRunTelemetry-latest.json"
    assert latest.read_bytes() == empty_seed.telemetry_path.read_bytes()
    summary = json.loads((latest.parent / "WarmRunTelemetry-latest-summary.json").read_text())
    assert summary["ImprovementPercent"] == rows[-1]["ImprovementPercent"]


def test_cold_output_seed_skips_an_unchanged_corpus(tmp_path: Path):
    result = run_warm_run(
        WarmRunRequest(
            logs_dir=tmp_path / "Logs",
            scenario=load_scenario("smoke"),
            history_seed="cold-output",
            workers=0,
        )
    )
    assert result.warm.summary.hosts_skipped == 8 and result.warm.summary.hosts_parsed == 0
    assert result.comparison["WarmRowsWritten"] == 0
    statuses = [r for r in result.rows if r.get("SummaryType") == "TelemetryMetricStatus"]
    assert {r["MetricStatusReason"] for r in statuses} == {"SkippedDuplicateOnly"}


def test_next_day_writes_exactly_the_churn_manifest(tmp_path: Path):
    result = run_warm_run(
        WarmRunRequest(
            logs_dir=tmp_path / "Logs",
            scenario=load_scenario("smoke"),
            use_next_day=True,
            workers=0,
        )
    )
    manifest = json.loads((result.warm_corpus_dir / "churn-manifest.json").read_text())
    added = {h.hostname: len(h.ports) for h in load_state(result.warm_corpus_dir).hosts}
    expected = len({(c["hostname"], c["port"]) for c in manifest["changes"]}) + sum(
        added[name] for name in manifest["hosts_added"]
    )
    assert result.comparison["WarmRowsWritten"] == expected
    assert result.comparison["WarmCacheProviderMissCount"] == 0


def test_cli_prints_the_comparison_and_writes_extras(tmp_path: Path, capsys):
    code = main(
        [
            "warm-run", "--scenario", "smoke", "--logs", str(tmp_path / "Logs"), "--workers", "0",
            "--diff-hotspots", "--shared-cache-diagnostics",
        ]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "warm improvement" in out and "rows written" in out
    folder = tmp_path / "Logs" / "IngestionMetrics"
    assert list(folder.glob("DiffHotspots-*.csv"))
    diagnostics = json.loads(next(folder.glob("SharedCacheDiagnostics-*.json")).read_text())
    assert diagnostics["WarmPass"]["SharedCache"]["SnapshotImported"] >= 1


def test_cli_rejects_an_unknown_scenario(tmp_path: Path, capsys):
    assert main(["warm-run", "--scenario", "nope", "--logs", str(tmp_path)]) == 2
    assert "unknown scenario" in capsys.readouterr().err


def test_the_comparison_explains_its_two_improvement_figures() -> None:
    """'warm improvement 75 %' beside 'wall -5 %' must not read as a contradiction."""
    from statetrace.warmrun.report import comparison_table

    text = comparison_table({"ImprovementPercent": 75.0, "WallImprovementPercent": -5.0})
    assert "warm improvement 75.0 %" in text and "wall -5.0 %" in text
    assert "how to read this" in text and "fixed costs" in text and "warm-not-slower" in text
