"""Gate evaluation on the hand-made run, a real smoke run and the upstream export."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from statetrace.gates import (
    Evidence,
    Gate,
    GateResult,
    Outcome,
    default_gates_dir,
    evaluate_gate,
    evaluate_gates,
    evidence_from_file,
    evidence_from_result,
    failure_report,
    format_gate_table,
    load_gates,
)
from statetrace.scenarios import load_scenario
from statetrace.store import stored_interface_rows
from statetrace.telemetry.reader import TelemetryFileError
from statetrace.warmrun import WarmRunResult

GATES = {gate.id: gate for gate in load_gates(default_gates_dir())}


def replace(gate: Gate, **changes: object) -> Gate:
    """``gate`` with some fields changed, validated like a gate file entry."""
    return Gate.model_validate({**gate.model_dump(by_alias=True), **changes})


def verdicts(evidence: Evidence) -> dict[str, GateResult]:
    return {result.gate.id: result for result in evaluate_gates(GATES.values(), evidence)}


def test_synthetic_run_values(synthetic_export: Path) -> None:
    results = verdicts(evidence_from_file(synthetic_export))
    values = {gate: result.value for gate, result in results.items()}
    assert values["warm-improvement"] == 68.85
    assert values["warm-not-slower"] == -70.0
    assert values["db-write-latency-cold-p95"] == 12.25  # linear: 10 + 0.9 · 2.5
    assert values["parse-duration-p95"] == 9.25
    assert values["parse-duration-max"] == 12.0
    assert values["snapshot-imported-every-worker"] == 0.0
    assert values["access-refresh-warm"] == 1.0
    assert values["host-persisted-per-site"] == 3.0  # smoke expects 4 per site
    assert results["warm-improvement"].outcome is Outcome.PASSED
    assert results["parse-duration-max"].outcome is Outcome.FAILED
    no_writes = results["db-write-latency-warm-p95"]  # the warm pass wrote nothing
    assert (no_writes.outcome, no_writes.value) == (Outcome.SKIPPED, None)
    assert no_writes.reason == "no samples of DatabaseWriteLatency.LatencyMs (warm)"
    assert results["rows-written-vs-store"].outcome is Outcome.SKIPPED


def test_positive_only_samples_and_hosts_above(synthetic_export: Path) -> None:
    fetch = replace(
        GATES["parse-duration-p95"],
        id="site-cache-fetch-p95",
        metric={
            "source": "events",
            "event": "InterfaceSiteCacheMetrics",
            "field": "SiteCacheFetchDurationMs",
            "pass": "all",
            "positive_only": True,
        },
        threshold=5000,
        report_above=10000,
    )
    result = evaluate_gate(fetch, evidence_from_file(synthetic_export))
    assert result.value == 12000.0  # the zero fetch is not a sample
    assert [sample.site for sample in result.above] == ["WLLS"]


def test_worst_hosts_and_hosts_above_are_reported(synthetic_export: Path) -> None:
    results = verdicts(evidence_from_file(synthetic_export))
    parse = results["parse-duration-max"]
    assert (parse.worst[0].host, parse.worst[0].value) == ("BOYO-1", 12.0)
    workers = results["snapshot-imported-every-worker"]
    assert [(s.label, s.value) for s in workers.worst] == [("pid 8", 0.0), ("pid 7", 1.0)]
    misses = results["warm-cache-misses"]
    assert [sample.host for sample in misses.worst] == ["BOYO-1"]
    report = failure_report(parse)
    for text in ("metric:     ParseDuration.DurationSeconds (all)", "statistic:  max over 6",
                 "value:      12 s", "threshold:  <= 10 s", "BOYO/BOYO-1 = 12",
                 str(synthetic_export), "2026-01-02.json"):  # fmt: skip
        assert text in report


def test_warn_gate_warns_and_no_samples_fails_only_a_required_gate(
    synthetic_export: Path,
) -> None:
    evidence = evidence_from_file(synthetic_export)
    alert = replace(GATES["parse-duration-max"], severity="warn")
    assert evaluate_gate(alert, evidence).outcome is Outcome.WARNED
    for severity in ("fail", "warn"):
        gate = replace(GATES["db-write-latency-warm-p95"], severity=severity)
        assert evaluate_gate(gate, evidence).outcome is Outcome.SKIPPED
        required = evaluate_gate(replace(gate, required=True), evidence)
        assert required.outcome is Outcome.FAILED
        assert required.reason.endswith("(warm) (the gate is required)")
    table = format_gate_table([evaluate_gate(GATES["db-write-latency-warm-p95"], evidence)])
    assert "SKIPPED  fails run" in table and "no samples" in table


def test_ratio_and_count_statistics(synthetic_export: Path) -> None:
    evidence = evidence_from_file(synthetic_export)
    base = GATES["parse-duration-max"]
    ratio = replace(
        base,
        statistic="ratio",
        metric={
            "source": "events",
            "event": "InterfaceSyncTiming",
            "pass": "warm",
            "match": {"SiteCacheProviderReason": ["sharedcachematch"]},
        },
        comparator=">=",
        threshold=99,
    )
    result = evaluate_gate(ratio, evidence)
    assert (result.value, result.outcome) == (66.667, Outcome.FAILED)
    count = replace(
        base,
        statistic="count",
        metric={
            "source": "events",
            "event": "RowsWritten",
            "pass": "cold",
            "where": {"Site": "wlls"},
        },
    )
    assert evaluate_gate(count, evidence).value == 2.0


def test_events_found_by_time_window_without_run_ids(
    tmp_path: Path, synthetic_export: Path
) -> None:
    rows = synthetic_export.read_text().replace('"ColdRunId"', '"X"').replace('"WarmRunId"', '"Y"')
    synthetic_export.write_text(rows)
    evidence = evidence_from_file(synthetic_export)
    assert len(evidence.events("cold") or []) == 18  # events at 10:00:01 only
    assert verdicts(evidence)["parse-duration-max"].value == 12.0


def test_day_file_and_wrong_file_kinds(synthetic_export: Path) -> None:
    day = evidence_from_file(synthetic_export.parent / "2026-01-02.json")
    results = verdicts(day)
    assert results["parse-duration-max"].value == 12.0
    assert results["warm-improvement"].outcome is Outcome.FAILED  # required, no comparison
    assert results["warm-improvement"].reason.endswith("(the gate is required)")
    assert results["rows-written-vs-store"].outcome is Outcome.SKIPPED  # not required
    not_telemetry = synthetic_export.parent / "other.json"
    not_telemetry.write_text('[\n  {"ActiveWorkers": 1}\n]')
    with pytest.raises(TelemetryFileError, match="cannot evaluate gates"):
        evidence_from_file(not_telemetry)


#: Gates on durations: their verdict depends on the machine, so tests only check they measure.
TIMED = {
    "warm-improvement",
    "warm-not-slower",
    "db-write-latency-cold-p95",
    "db-write-latency-warm-p95",
    "db-write-latency-warm-alert",
    "parse-duration-p95",
    "parse-duration-max",
}


def test_smoke_run_passes_every_structural_gate(smoke_run: WarmRunResult) -> None:
    results = verdicts(evidence_from_result(smoke_run, load_scenario("smoke")))
    access = results["rows-written-vs-access"]  # needs a PowerShell run's Access files
    assert access.outcome is Outcome.SKIPPED and "no Access reference" in access.reason
    benchmarks = results["benchmarks-not-slower"]  # needs pytest-benchmark files
    assert benchmarks.outcome is Outcome.SKIPPED and "no benchmark results" in benchmarks.reason
    skipped = {access.gate.id, benchmarks.gate.id}
    structural = {gate: r.outcome for gate, r in results.items() if gate not in {*TIMED, *skipped}}
    assert set(structural.values()) == {Outcome.PASSED}, structural
    assert results["rows-written-vs-store"].sample_count == 2
    assert results["host-persisted-per-site"].sample_count == 2
    no_writes = {"db-write-latency-warm-p95", "db-write-latency-warm-alert"}  # warm wrote 0
    assert all(results[gate].reason.startswith("no samples of") for gate in no_writes)
    assert all(results[gate].outcome is not Outcome.SKIPPED for gate in TIMED - no_writes)
    assert results["parse-duration-max"].sample_count == 16  # 8 hosts, two passes
    table = format_gate_table(list(results.values()))
    assert table.splitlines()[0].split() == [
        "Gate", "Outcome", "If", "violated", "Statistic", "Value", "Threshold"
    ]  # fmt: skip
    assert len(table.splitlines()) == 2 + len(GATES)


def test_smoke_run_from_its_file_matches_the_result(smoke_run: WarmRunResult) -> None:
    direct = verdicts(evidence_from_result(smoke_run, load_scenario("smoke")))
    from_file = verdicts(evidence_from_file(smoke_run.telemetry_path))
    assert {k: r.value for k, r in direct.items()} == {k: r.value for k, r in from_file.items()}


def test_rows_vs_store_detects_missing_rows(smoke_run: WarmRunResult, tmp_path: Path) -> None:
    data = tmp_path / "Data"
    shutil.copytree(smoke_run.work_dir / "Data", data)
    site = sorted(p.name for p in data.iterdir() if p.is_dir())[0]
    store = data / site / f"{site}.sqlite"
    stored = stored_interface_rows(f"sqlite:///{data}")[site]
    with sqlite3.connect(store) as conn:
        conn.execute("DELETE FROM interfaces WHERE rowid IN (SELECT rowid FROM interfaces LIMIT 1)")
    evidence = evidence_from_file(smoke_run.telemetry_path, store_url=f"sqlite:///{data}")
    result = evaluate_gate(GATES["rows-written-vs-store"], evidence)
    assert result.outcome is Outcome.FAILED
    assert result.value == round(100 / (stored - 1), 3)
    assert f"{site}: written {stored}, stored {stored - 1}" in failure_report(result)


def test_upstream_export_fails_the_60_percent_gate(upstream_warm_run: Path) -> None:
    results = verdicts(evidence_from_file(upstream_warm_run))
    improvement = results["warm-improvement"]
    assert (improvement.value, improvement.outcome) == (46.2, Outcome.FAILED)
    assert improvement.worst[0].host == "WLLS-A01-AS-41"  # slowest warm host, 143.78 ms
    assert results["warm-cache-hit-ratio"].outcome is Outcome.PASSED
    assert results["warm-not-slower"].value == -92.362
    # its day file (2025-12-26) is not in the reference data: event gates are skipped
    assert results["parse-duration-p95"].outcome is Outcome.SKIPPED
    assert "no all-pass events" in results["parse-duration-p95"].reason
