"""Daily metric rollup (spec §2.4)."""

from __future__ import annotations

from pathlib import Path

import orjson

from statetrace.analyzers import rollup
from statetrace.analyzers.output import csv_text
from statetrace.analyzers.rollup import (
    COLUMNS,
    rollup_events,
    write_hash_manifest,
    write_rollup_csv,
)


def by_metric(rows: list[dict], scope: str = "All") -> dict[str, dict]:
    return {row["Metric"]: row for row in rows if row["Scope"] == scope}


def test_engine_log_all_scope(engine_log: Path) -> None:
    result = rollup([engine_log], site_cache=True)
    rows = by_metric(result.rows)
    assert list(rows) == [
        "DatabaseWriteLatencyMs",
        "ParseDurationSeconds",
        "RowsWritten",
        "SiteCacheFetchDurationMs",
        "SkippedDuplicate",
    ]
    parse = rows["ParseDurationSeconds"]
    assert list(parse) == list(COLUMNS)
    assert parse["Date"] == "2026-01-02"
    assert (parse["Count"], parse["Average"], parse["P95"], parse["Max"], parse["Total"]) == (
        4,
        2.5,
        3.85,
        4.0,
        10.0,
    )
    assert parse["Notes"] == "Failures=1"
    latency = rows["DatabaseWriteLatencyMs"]
    assert (latency["Count"], latency["Average"], latency["P95"], latency["Total"]) == (
        2,
        15.0,
        19.5,
        30.0,
    )
    written = rows["RowsWritten"]
    assert (written["Count"], written["Total"], written["SecondaryTotal"]) == (2, 12.0, 2.0)
    assert written["Notes"] == "UniqueHosts=1" and written["Average"] is None
    fetch = rows["SiteCacheFetchDurationMs"]
    assert (fetch["Count"], fetch["Average"], fetch["P95"], fetch["Max"]) == (3, 4.667, 7.6, 8.0)
    assert fetch["Notes"] == (
        "Statuses=Hit=3,SkippedEmpty=2; Providers=Cache=1,Refreshed=2,SharedCache=1,Unknown=1; "
        "ZeroCount=2"
    )
    assert (rows["SkippedDuplicate"]["Count"], rows["SkippedDuplicate"]["Total"]) == (1, 1)
    assert result.warning_count == 0


def test_per_site_scopes_and_site_cache_switch(engine_log: Path) -> None:
    rows = rollup([engine_log], per_site=True).rows
    assert list(dict.fromkeys(row["Scope"] for row in rows)) == ["All", "ALPHA", "BRAVO"]
    assert "SiteCacheFetchDurationMs" not in by_metric(rows)
    alpha = by_metric(rows, "ALPHA")
    assert alpha["ParseDurationSeconds"]["Count"] == 2 and alpha["RowsWritten"]["Total"] == 12.0
    assert by_metric(rows, "BRAVO")["ParseDurationSeconds"]["Notes"] == "Failures=1"


def test_zero_only_fetches_and_zero_denominator_give_zeros() -> None:
    events = [
        {"EventName": "InterfaceSyncTiming", "SiteCacheFetchDurationMs": 0},
        {"EventName": "DiffUsageRate", "UsageNumerator": 0, "UsageDenominator": 0},
    ]
    rows = by_metric(rollup_events(events, "d", site_cache=True))
    fetch = rows["SiteCacheFetchDurationMs"]
    assert (fetch["Count"], fetch["Average"], fetch["P95"], fetch["Max"], fetch["Total"]) == (
        0,
        0.0,
        0.0,
        0.0,
        0.0,
    )
    assert fetch["Notes"] == "ZeroCount=1"
    assert rows["DiffUsageRate"]["Average"] == 0.0


def test_away_from_zero_rounding_and_user_actions() -> None:
    events = [
        {"EventName": "DriftDetectionTime", "DurationMinutes": 0.0005},
        {"EventName": " useraction ", "Action": "ScanLogs"},
        {"EventName": "UserAction", "Action": "scanlogs"},
        {"EventName": "UserAction"},
        {"EventName": "DiffCompareDurationMs", "Status": "Skipped", "DurationMs": 9},
        {"EventName": "DiffCompareResultCounts", "AddedCount": 2, "RemovedCount": 1},
        {"EventName": "ParseDuration", "DurationMs": 5},
    ]
    rows = rollup_events(events, "d")
    metrics = [row["Metric"] for row in rows]
    assert "ParseDurationSeconds" not in metrics and "DiffCompareDurationMs" not in metrics
    drift = by_metric(rows)["DriftDetectionTimeMinutes"]
    assert drift["Average"] == 0.001  # away from zero, not half-even
    actions = [row for row in rows if row["Metric"] == "UserAction"]
    assert [(row["Count"], row["Notes"]) for row in actions] == [
        (2, "Action=ScanLogs"),
        (1, "Action=(unspecified)"),
    ]
    coverage = by_metric(rows)["UserActionCoverage"]
    assert coverage["Count"] == 1 and coverage["Total"] == 6
    assert (
        coverage["Notes"]
        == "Missing=LoadFromDb,HelpQuickstart,InterfacesView,CompareView,SpanSnapshot"
    )
    assert by_metric(rows)["UserActionTotal"]["Count"] == 3
    results = by_metric(rows)["DiffCompareResultCounts"]
    assert results["Total"] == 3.0
    assert results["Notes"] == "Added=2; Removed=1; Changed=0; Unchanged=0"


def test_malformed_lines_are_warnings_and_files_sort_by_name(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_bytes(
        b'{"EventName":"SkippedDuplicate","Hostname":"h"}\nnot json\n'
    )
    (tmp_path / "a.json").write_bytes(b'"a string"\n{"EventName":"SkippedDuplicate"}\n')
    result = rollup([tmp_path / "b.json", tmp_path / "a.json"])
    assert [row["Date"] for row in result.rows] == ["a", "b"]
    assert result.warning_count == 2
    assert result.warnings[0].startswith(f"{tmp_path / 'a.json'}:1: not-an-object")
    assert result.warnings[1].startswith(f"{tmp_path / 'b.json'}:2: malformed")


def test_csv_and_hash_manifest(engine_log: Path, tmp_path: Path) -> None:
    result = rollup([engine_log])
    output = write_rollup_csv(tmp_path / "summary.csv", result.rows)
    text = output.read_bytes().decode()
    assert text.startswith(
        '"Date","Scope","Metric","Count","Average","P95","Max","Total","SecondaryTotal","Notes"\r\n'
    )
    assert '"2026-01-02","All","RowsWritten","2",,,,"12","2","UniqueHosts=1"\r\n' in text
    manifest = orjson.loads(write_hash_manifest(output, result).read_bytes())
    assert list(manifest) == ["GeneratedAtUtc", "OutputFile", "InputFiles", "WarningCount"]
    assert (
        manifest["InputFiles"][0]["SHA256"].isupper()
        and len(manifest["InputFiles"][0]["SHA256"]) == 64
    )
    assert manifest["WarningCount"] == 0


def test_upstream_case_11_sample(upstream_metrics: Path) -> None:
    result = rollup([upstream_metrics / "TelemetrySample-ST-C-006-20251231-172327.json"])
    assert csv_text(result.rows, COLUMNS) == (
        '"Date","Scope","Metric","Count","Average","P95","Max","Total","SecondaryTotal","Notes"\r\n'
        '"TelemetrySample-ST-C-006-20251231-172327","All","DiffUsageRate","2","0.667",,,"2","3",'
        '"Statuses=Executed=2"\r\n'
        '"TelemetrySample-ST-C-006-20251231-172327","All","DriftDetectionTimeMinutes","2","10",'
        '"12.25","12.5","20",,\r\n'
    )


def test_upstream_day_files(upstream_metrics: Path) -> None:
    result = rollup(
        [upstream_metrics / "2025-12-09.json", upstream_metrics / "2026-01-01.json"],
        site_cache=True,
    )
    rows = {(row["Date"], row["Metric"]): row for row in result.rows if row["Scope"] == "All"}
    parse = rows["2025-12-09", "ParseDurationSeconds"]
    assert (parse["Count"], parse["Average"], parse["P95"], parse["Max"], parse["Total"]) == (
        6,
        1.305,
        1.949,
        2.012,
        7.828,
    )
    written = rows["2026-01-01", "RowsWritten"]
    assert (written["Count"], written["Total"], written["SecondaryTotal"]) == (156, 96.0, 60.0)
    assert rows["2026-01-01", "SkippedDuplicate"]["Total"] == 37
    assert rows["2026-01-01", "SiteCacheFetchDurationMs"]["Notes"].endswith("ZeroCount=156")
    assert result.warning_count == 0


def test_property_names_are_case_insensitive() -> None:
    events = [
        {"eventname": "parseduration", "durationseconds": "1.5", "SUCCESS": 0, "site": "s"},
        {"EventName": "ParseDuration", "DurationSeconds": 2.5, "Site": "S"},
        {"EventName": "ParseDuration", "DurationSeconds": "n/a"},
    ]
    rows = rollup_events(events, "d", per_site=True)
    all_scope, site_scope = rows
    assert (all_scope["Count"], all_scope["Total"], all_scope["Notes"]) == (2, 4.0, "Failures=1")
    assert (site_scope["Scope"], site_scope["Count"]) == ("s", 2)
