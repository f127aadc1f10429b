"""The reader on the real PowerShell files named in the spec (§7)."""

from __future__ import annotations

from pathlib import Path

from statetrace.analyzers import check_integrity, rollup
from statetrace.telemetry.reader import (
    FileKind,
    ReadReport,
    detect_kind,
    iter_events,
    read_document,
    read_warm_run,
)


def test_bom_and_duplicate_lines_file(upstream_metrics: Path) -> None:
    path = upstream_metrics / "2026-01-01.json"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    report = ReadReport(str(path))
    events = list(iter_events(path, report))
    # The BOM line is not lost: the first event is the 02:17:40 DiffUsageRate.
    assert events[0]["EventName"] == "DiffUsageRate"
    assert events[0]["Timestamp"] == "2026-01-01T02:17:40.1258187-07:00"
    assert (report.events, report.skipped, report.blank) == (1978, 0, 0)
    lines = path.read_bytes().splitlines()
    assert len(lines) - len(set(lines)) == 22  # duplicates are kept, as upstream reads them


def test_csv_escaped_malformed_file(upstream_metrics: Path) -> None:
    path = upstream_metrics / "TelemetrySample-ST-C-006-20251231-172307.json"
    report = ReadReport(str(path))
    assert list(iter_events(path, report)) == []
    assert report.malformed == 4
    assert [issue.line for issue in report.issues] == [1, 2, 3, 4]
    assert all(issue.path == str(path) for issue in report.issues)
    result = rollup([path])
    assert result.rows == [] and result.warning_count == 4
    integrity = check_integrity(path)
    assert integrity["ErrorCount"] == 4 and not integrity["Pass"]


def test_scheduler_snapshot_array(upstream_metrics: Path) -> None:
    path = upstream_metrics / "20251215.json"
    assert detect_kind(path) is FileKind.SCHEDULER_SNAPSHOTS
    report = ReadReport(str(path))
    assert list(iter_events(path, report)) == []
    assert report.wrong_kind and "scheduler" in report.issues[0].message
    snapshots = read_document(path)
    assert all("ActiveWorkers" in snapshot for snapshot in snapshots)
    assert "parser-scheduler" in check_integrity(path)["Failures"][0]


def test_warm_run_export(upstream_metrics: Path) -> None:
    path = upstream_metrics / "WarmRunTelemetry-20251226-125927.json"
    assert detect_kind(path) is FileKind.WARM_RUN_EXPORT
    rows = read_warm_run(path)
    labels = [row["PassLabel"] for row in rows]
    assert labels.count("ColdPass") == 39 and labels.count("WarmPass") == 37
    assert labels[-1] == "WarmRunComparison"
    assert all(len(row) == 84 for row in rows)
