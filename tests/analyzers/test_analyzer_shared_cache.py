"""Shared-cache store state (spec §2.1)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from statetrace.analyzers import shared_cache, shared_cache_summary
from statetrace.analyzers.shared_cache import STATE_KEYS
from tests.analyzers.engine_events import at

KEYS = [
    "File",
    *STATE_KEYS,
    "GetMiss",
    "GetHit",
    "Set",
    "Remove",
    "OtherOperations",
    "FirstTimestamp",
    "LastTimestamp",
    "StartTimeUtc",
    "EndTimeUtc",
    "TopSites",
    "SiteOperations",
]


def test_summary_of_an_engine_log(engine_log: Path) -> None:
    (summary,) = shared_cache([engine_log])
    assert list(summary) == KEYS
    assert summary["File"] == str(engine_log)
    assert (summary["SnapshotImported"], summary["InitNewStore"]) == (1, 1)
    assert (summary["GetHit"], summary["GetMiss"], summary["Set"], summary["Remove"]) == (
        2,
        1,
        1,
        0,
    )
    assert summary["OtherOperations"] == 1
    assert summary["FirstTimestamp"] == "2026-01-02T10:00:00-07:00"
    assert summary["LastTimestamp"] == "2026-01-02T10:00:24-07:00"
    assert summary["TopSites"] == [
        {"Site": "BRAVO", "Total": 3, "Set": 1, "GetHit": 0, "GetMiss": 1, "Remove": 0, "Other": 1},
        {"Site": "ALPHA", "Total": 2, "Set": 0, "GetHit": 2, "GetMiss": 0, "Remove": 0, "Other": 0},
    ]
    assert summary["SiteOperations"]["ALPHA"] == {
        "GetHit": 2,
        "GetMiss": 0,
        "Set": 0,
        "Remove": 0,
        "Other": 0,
        "Total": 2,
    }


def test_window_is_inclusive_and_compared_as_instants(engine_log: Path) -> None:
    summary = shared_cache_summary(engine_log, start=at(3), end=at(5), top_sites=1)
    assert (summary["SnapshotImported"], summary["GetHit"], summary["GetMiss"]) == (0, 1, 1)
    assert summary["Set"] == 1
    assert summary["FirstTimestamp"] == "2026-01-02T10:00:03-07:00"
    assert summary["LastTimestamp"] == "2026-01-02T10:00:05-07:00"
    assert (summary["StartTimeUtc"], summary["EndTimeUtc"]) == (
        "2026-01-02T17:00:03Z",
        "2026-01-02T17:00:05Z",
    )
    assert [site["Site"] for site in summary["TopSites"]] == ["BRAVO"]


def test_start_after_end_is_an_error(engine_log: Path) -> None:
    with pytest.raises(ValueError, match="after end"):
        shared_cache_summary(engine_log, start=at(5), end=at(3))


def test_missing_fields_and_untimed_events() -> None:
    events = [
        {"EventName": "InterfaceSiteCacheSharedStore"},
        {"EventName": "InterfaceSiteCacheSharedStoreState", "Operation": "  "},
        {"eventname": "InterfaceSiteCacheSharedStoreState", "operation": "snapshotimported"},
        {"EventName": ""},
        {"EventName": "interfacesitecachesharedstore", "Site": "S", "Operation": "total"},
    ]
    summary = shared_cache_summary(events)
    assert summary["File"] == "<events>"
    assert summary["SnapshotImported"] == 1
    assert summary["OtherOperations"] == 2  # the "Unknown" and "total" operations
    assert summary["TopSites"][0]["Site"] == "S"  # an operation named "total" counts twice
    assert summary["SiteOperations"]["S"]["Total"] == 2
    assert summary["SiteOperations"]["Unknown"]["Other"] == 1
    assert summary["FirstTimestamp"] is None
    windowed = shared_cache_summary(events, start=at(0))
    assert windowed["SnapshotImported"] == 0  # no timestamp: outside any window


def test_upstream_diagnostics_input(upstream_metrics: Path) -> None:
    path = upstream_metrics / "SharedCacheDiagnosticsInput-ST-B-007-20260103-095402.json"
    (summary,) = shared_cache([path])
    assert (summary["SnapshotImported"], summary["GetHit"]) == (1, 1)
    assert summary["FirstTimestamp"] == "2026-01-03T09:35:00Z"
    assert summary["LastTimestamp"] == "2026-01-03T09:35:02Z"
    assert summary["TopSites"] == [
        {"Site": "TEST", "Total": 1, "Set": 0, "GetHit": 1, "GetMiss": 0, "Remove": 0, "Other": 0}
    ]


def test_upstream_day_file_with_bom(upstream_metrics: Path) -> None:
    (summary,) = shared_cache([upstream_metrics / "2026-01-01.json"], top_sites=2)
    assert (summary["SnapshotImported"], summary["InitDelegatedStore"]) == (2, 53)
    assert (summary["GetMiss"], summary["GetHit"], summary["Set"], summary["Remove"]) == (
        576,
        14,
        64,
        12,
    )
    assert summary["FirstTimestamp"] == "2026-01-01T02:17:40.1258187-07:00"
    assert [site["Site"] for site in summary["TopSites"]] == ["WLLS", "SW1"]


def test_scheduler_array_gives_an_empty_summary(upstream_metrics: Path) -> None:
    (summary,) = shared_cache([upstream_metrics / "20251215.json"])
    assert summary["SnapshotImported"] == 0 and summary["TopSites"] == []


def write_events(path: Path, stamps: list[object]) -> Path:
    lines = [orjson.dumps({"EventName": "X", "Timestamp": stamp}) for stamp in stamps]
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    return path


@pytest.mark.parametrize(
    ("stamps", "first", "last"),
    [
        # Fractions of any length, with and without a Z: instants, not text, decide.
        (
            ["2026-01-03T09:35:00.52Z", "2026-01-03T09:35:00.5Z", "2026-01-03T09:35:00Z"],
            "2026-01-03T09:35:00Z",
            "2026-01-03T09:35:00.52Z",
        ),
        # Offsets: 02:00-07:00 is after 08:30Z.
        (
            [
                "2026-01-03T08:30:00Z",
                "2026-01-03T02:00:00.1234567-07:00",
                "2026-01-03T09:00:00+01:00",
            ],
            "2026-01-03T09:00:00+01:00",
            "2026-01-03T02:00:00.1234567-07:00",
        ),
        # Unparseable or non-text stamps are ignored, even when they sort as text first/last.
        (
            [
                "2026-01-03T99:00:00.5-07:00",
                "2026-01-03T10:00:00-07:00",
                12,
                "",
                "0000-00-00T00:00:00Z",
            ],
            "2026-01-03T10:00:00-07:00",
            "2026-01-03T10:00:00-07:00",
        ),
    ],
)
def test_first_and_last_compare_instants(
    tmp_path: Path, stamps: list[object], first: str, last: str
) -> None:
    path = write_events(tmp_path / "d.json", stamps)
    summary = shared_cache_summary(path)
    assert (summary["FirstTimestamp"], summary["LastTimestamp"]) == (first, last)
    events = [{"EventName": "X", "Timestamp": stamp} for stamp in stamps]
    in_memory = shared_cache_summary(events)
    assert (in_memory["FirstTimestamp"], in_memory["LastTimestamp"]) == (first, last)
