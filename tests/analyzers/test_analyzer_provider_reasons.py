"""Site-cache provider reasons (spec §2.2)."""

from __future__ import annotations

from pathlib import Path

from statetrace.analyzers import provider_reasons
from tests.analyzers.engine_events import at


def test_rows_per_site_sorted_by_name(engine_log: Path) -> None:
    result = provider_reasons([engine_log])
    assert result.rows == [
        {
            "Site": "ALPHA",
            "Total": 3,
            "AccessRefresh": 2,
            "AccessCacheHit": 0,
            "SharedCacheMatch": 1,
            "SkipSiteCacheUpdate": 0,
            "Unknown": 0,
        },
        {
            "Site": "BRAVO",
            "Total": 2,
            "AccessRefresh": 0,
            "AccessCacheHit": 1,
            "SharedCacheMatch": 0,
            "SkipSiteCacheUpdate": 0,
            "Unknown": 1,
        },
    ]


def test_host_breakdown_averages_positive_fetches(engine_log: Path) -> None:
    result = provider_reasons([engine_log], top_hosts=5)
    assert result.hosts == [
        {
            "Site": "ALPHA",
            "Hostname": "ALPHA-2",
            "AccessRefresh": 2,
            "AccessCacheHit": 0,
            "SharedCacheMatch": 0,
            "Total": 2,
            "AvgFetchMs": 6.0,
        }
    ]


def test_site_filter_and_window(engine_log: Path) -> None:
    assert [row["Site"] for row in provider_reasons([engine_log], sites=["bravo"]).rows] == [
        "BRAVO"
    ]
    windowed = provider_reasons([engine_log], start=at(22), end=at(23))
    assert [(row["Site"], row["Total"]) for row in windowed.rows] == [("ALPHA", 1), ("BRAVO", 1)]


def test_aggregates_across_sources_and_falls_back_to_provider() -> None:
    first = [{"EventName": "InterfaceSyncTiming", "Site": "x", "SiteCacheProvider": "Cache"}]
    second = [
        {"EventName": "InterfaceSyncTiming", "Site": "X ", "SiteCacheProviderReason": "Unknown"},
        {"EventName": "interfacesynctiming", "Site": "X"},
        {"EventName": "InterfaceSyncTiming", "Site": "  "},
        {"EventName": "Other", "Site": "X"},
    ]
    rows = provider_reasons([first, second]).rows
    assert [(r["Site"], r["Total"], r["Unknown"]) for r in rows] == [("Unknown", 1, 1), ("x", 3, 2)]


def test_upstream_files(upstream_metrics: Path) -> None:
    result = provider_reasons(
        [
            upstream_metrics / "2026-01-01.json",
            upstream_metrics / "SharedCacheDiagnosticsInput-ST-B-007-20260103-095402.json",
        ]
    )
    rows = {row["Site"]: row for row in result.rows}
    assert list(rows) == ["BOYO", "SW1", "TEST", "WLLS"]
    assert rows["TEST"]["SharedCacheMatch"] == 1
    assert rows["SW1"]["Total"] == 36 and rows["SW1"]["SkipSiteCacheUpdate"] == 12
    wlls = rows["WLLS"]
    assert (wlls["Total"], wlls["AccessCacheHit"], wlls["SharedCacheMatch"]) == (132, 48, 12)
    assert (wlls["SkipSiteCacheUpdate"], wlls["Unknown"]) == (60, 12)
