"""Telemetry integrity (spec §2.6)."""

from __future__ import annotations

from pathlib import Path

from statetrace.analyzers import check_integrity


def test_clean_engine_log_passes(engine_log: Path) -> None:
    result = check_integrity(engine_log, require_interface_sync=True)
    assert result["Pass"] and result["ErrorCount"] == 0
    assert result["TotalLines"] == result["ParsedLines"] == 21
    assert result["InterfaceSyncFound"] and not result["QueueEventsFound"]


def test_requirements_and_bad_lines_fail(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(
        b'\xef\xbb\xbf{"EventName":"X"}\r\n\r\n"text"\r\n{bad\r\n{worse\r\n{"a":\r\n{"b"\r\n'
    )
    result = check_integrity(path, require_queue_summary=True)
    assert (result["TotalLines"], result["ParsedLines"], result["ErrorCount"]) == (6, 2, 4)
    assert result["Errors"][0].startswith(f"{path}:4: ") and len(result["Errors"]) == 3
    assert result["Failures"] == ["4 line(s) are not valid JSON", "no queue-delay telemetry found"]
    assert not result["Pass"]


def test_upstream_day_file_passes(upstream_metrics: Path) -> None:
    result = check_integrity(
        upstream_metrics / "2026-01-01.json",
        require_interface_sync=True,
        require_queue_summary=True,
    )
    assert result["Pass"] and result["TotalLines"] == 1978
