"""The tolerant reader on self-made files: BOM, CRLF, blank, malformed, non-object
lines, timestamps, whole-document files and analyzer outputs."""

from __future__ import annotations

import tracemalloc
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

from statetrace.telemetry.reader import (
    FileKind,
    ReadReport,
    TelemetryFileError,
    detect_kind,
    iter_events,
    parse_timestamp,
    read_analyzer_output,
    read_rows,
    read_warm_run,
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_bom_crlf_blank_malformed_and_non_object_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "day.json",
        b'\xef\xbb\xbf{"EventName":"A","n":1}\r\n'
        b"\r\n"
        b"   \n"
        b'{"EventName":"B",\r\n'
        b'"just a string"\r\n'
        b"[1,2]\n"
        b'{"EventName":"C"}',
    )
    report = ReadReport(str(path))
    events = list(iter_events(path, report))
    assert [event["EventName"] for event in events] == ["A", "C"]
    assert (report.lines, report.blank, report.events) == (5, 2, 2)
    assert (report.malformed, report.non_object) == (1, 2)
    assert [(issue.line, issue.kind) for issue in report.issues] == [
        (4, "malformed"),
        (5, "not-an-object"),
        (6, "not-an-object"),
    ]
    assert str(report.issues[0]).startswith(f"{path}:4: malformed:")


def test_iter_events_is_lazy(tmp_path: Path) -> None:
    path = write(tmp_path / "day.json", b'{"EventName":"A"}\n' * 3)
    events = iter_events(path)
    assert next(events) == {"EventName": "A"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-12-23T10:35:47-07:00", datetime(2025, 12, 23, 17, 35, 47, tzinfo=UTC)),
        ("2025-12-23T10:35:47.5-07:00", datetime(2025, 12, 23, 17, 35, 47, 500000, tzinfo=UTC)),
        (
            "2025-12-23T10:35:47.3604553-07:00",
            datetime(2025, 12, 23, 17, 35, 47, 360455, tzinfo=UTC),
        ),
        ("2026-01-03T09:35:00Z", datetime(2026, 1, 3, 9, 35, tzinfo=UTC)),
        ("2026-01-03T15:05:00.12+05:30", datetime(2026, 1, 3, 9, 35, 0, 120000, tzinfo=UTC)),
        ("/Date(1767546782686)/", datetime(2026, 1, 4, 17, 13, 2, 686000, tzinfo=UTC)),
    ],
)
def test_timestamps_compare_as_instants(text: str, expected: datetime) -> None:
    assert parse_timestamp(text) == expected


def test_unparseable_timestamps_are_none() -> None:
    assert parse_timestamp("yesterday") is None
    assert parse_timestamp("") is None
    assert parse_timestamp(12) is None


def test_naive_timestamp_is_local_time() -> None:
    stamp = parse_timestamp("2026-01-03T09:35:00")
    assert stamp is not None and stamp.tzinfo is not None
    assert stamp == datetime(2026, 1, 3, 9, 35).astimezone()


def pretty(data: object) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).replace(b"\n", b"\r\n")


def test_warm_run_export_is_recognised_and_read(tmp_path: Path) -> None:
    rows = [{"PassLabel": "WarmPass", "Site": "A", "ScriptCacheSites": ["A", "B"]}]
    path = write(tmp_path / "WarmRunTelemetry-1.json", pretty(rows))
    report = ReadReport(str(path))
    assert list(iter_events(path, report)) == []
    assert report.kind is FileKind.WARM_RUN_EXPORT and report.wrong_kind
    assert report.issues[0].kind == "wrong-kind"
    assert read_warm_run(path) == rows


def test_scheduler_snapshot_array_is_reported_as_wrong_kind(tmp_path: Path) -> None:
    snapshots = [{"Timestamp": "2025-12-15T13:57:25-07:00", "ActiveWorkers": 0}] * 3
    path = write(tmp_path / "20251215.json", b"\xef\xbb\xbf" + pretty(snapshots))
    assert detect_kind(path) is FileKind.SCHEDULER_SNAPSHOTS
    report = ReadReport(str(path))
    assert list(iter_events(path, report)) == []
    assert report.kind is FileKind.SCHEDULER_SNAPSHOTS
    assert report.malformed == 0 and len(report.issues) == 1


def test_warm_run_reader_rejects_other_kinds(tmp_path: Path) -> None:
    path = write(tmp_path / "day.json", b'{"EventName":"A"}\n')
    with pytest.raises(TelemetryFileError, match="not a WarmRunTelemetry export"):
        read_warm_run(path)


def test_invalid_document_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", b'[\r\n  {\r\n    "a": 1,,\r\n  }\r\n]')
    with pytest.raises(TelemetryFileError, match=r"broken\.json:3: invalid JSON"):
        read_rows(path)


def test_analyzer_output_with_format_noise_reads_back(tmp_path: Path) -> None:
    data = [
        {"ClassId2e4f51ef21dd47e99d3c952918aff9cd": "x", "pageHeaderEntry": None},
        {"ClassId2e4f51ef21dd47e99d3c952918aff9cd": "y", "formatEntryInfo": {}},
        {"File": "a.json", "SnapshotImported": 1},
        {"Site": "BOYO", "Total": 2},
    ]
    path = write(tmp_path / "SharedCacheStoreState-x.json", pretty(data))
    assert detect_kind(path) is FileKind.ANALYZER_OUTPUT
    assert read_analyzer_output(path, "File") == [{"File": "a.json", "SnapshotImported": 1}]
    assert read_analyzer_output(path, "Site") == [{"Site": "BOYO", "Total": 2}]


def test_tooling_reader_prefers_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "rows.json", b'{"a":1}\n"x"\n{"a":2}\n')
    assert read_rows(path) == [{"a": 1}, {"a": 2}]
    assert read_rows(path, objects_only=False) == [{"a": 1}, "x", {"a": 2}]


def test_offsets_do_not_change_the_instant() -> None:
    west = parse_timestamp("2026-01-01T02:00:00-07:00")
    east = datetime(2026, 1, 1, 9, 0, tzinfo=timezone(timedelta(0)))
    assert west == east


def test_memory_stays_flat_while_streaming(tmp_path: Path) -> None:
    line = orjson.dumps({"EventName": "InterfaceSyncTiming", "Site": "S", "Pad": "x" * 200})
    path = write(tmp_path / "big.json", (line + b"\r\n") * 40_000)  # about 9 MiB
    tracemalloc.start()
    try:
        report = ReadReport(str(path))
        assert sum(1 for _ in iter_events(path, report)) == 40_000
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.events == 40_000
    assert peak < path.stat().st_size / 10


def test_windows_powershell_5_layout_reads_back(tmp_path: Path) -> None:
    text = (
        '\ufeff[\r\n    {\r\n        "File":  "C:\\\\Logs\\\\2026-01-04.json",\r\n'
        '        "SnapshotImported":  1,\r\n'
        '        "FirstTimestamp":  "\\/Date(1767546782686)\\/"\r\n    }\r\n]'
    )
    path = tmp_path / "SharedCacheStoreState-smoke.json"
    path.write_text(text, encoding="utf-8")
    (row,) = read_analyzer_output(path, "File")
    assert row["File"] == "C:\\Logs\\2026-01-04.json" and row["SnapshotImported"] == 1
    assert parse_timestamp(row["FirstTimestamp"]) == datetime(
        2026, 1, 4, 17, 13, 2, 686000, tzinfo=UTC
    )
