"""WarmRunComparison stage B recomputed from rows (spec §1.5)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from statetrace.analyzers import warm_comparison
from statetrace.analyzers.warm_comparison import COMPARISON_KEYS
from statetrace.telemetry.reader import read_warm_run


def row(label: str, host: str, ms: float | None, provider: str = "Cache", **extra: object) -> dict:
    values = {
        "PassLabel": label,
        "SummaryType": None,
        "Site": "S",
        "Hostname": host,
        "Provider": provider,
        "CacheStatus": "Hit",
        "SiteCacheProviderReason": "AccessCacheHit",
        "InterfaceCallDurationMs": ms,
    }
    return values | extra


REFRESH = {"CacheStatus": "Refreshed", "SiteCacheProviderReason": "AccessRefresh"}
ROWS = [
    row("ColdPass", "c1", 100.0),
    row("ColdPass", "C1", 300.0, provider="", SiteCacheProvider="ADODB"),
    row("WarmPass", "w1", 50.0, provider="SharedCache"),
    row("WarmPass", "w2", 70.0),
    row("WarmPass", "w3", 1000.0, provider="AccessRetry", **REFRESH),
    row("WarmPass", "w4", None, SummaryType="TelemetryMetricStatus"),
    {
        "PassLabel": "WarmRunComparison",
        "SummaryType": "InterfaceCallDuration",
        "WarmSignatureRewriteTotal": 4,
    },
]


def test_head_rule_excludes_refresh_rows() -> None:
    result = warm_comparison(ROWS)
    assert list(result) == ["PassLabel", "SummaryType", *COMPARISON_KEYS]
    assert (result["ColdHostCount"], result["WarmHostCount"]) == (1, 2)
    assert (result["ColdInterfaceCallAvgMs"], result["ColdInterfaceCallP95Ms"]) == (200.0, 290.0)
    assert result["ColdInterfaceCallMaxMs"] == 300.0
    assert (result["WarmInterfaceCallAvgMs"], result["WarmInterfaceCallP95Ms"]) == (60.0, 69.0)
    assert (result["ImprovementAverageMs"], result["ImprovementPercent"]) == (140.0, 70.0)
    assert result["WarmProviderCounts"] == {"SharedCache": 1, "Cache": 1}
    assert result["ColdProviderCounts"] == {"Cache": 1, "ADODB": 1}
    assert (result["WarmCacheProviderHitCount"], result["WarmCacheProviderMissCount"]) == (2, 0)
    assert result["WarmCacheHitRatioPercent"] == 100.0
    assert result["WarmSignatureRewriteTotal"] == 4  # not derivable: kept from the file
    assert result["WarmSignatureMatchMissCount"] == 0


def test_legacy_rule_keeps_refresh_rows() -> None:
    result = warm_comparison(ROWS, legacy_refresh_rule=True)
    assert result["WarmHostCount"] == 3
    assert result["WarmInterfaceCallAvgMs"] == 373.333
    assert result["ImprovementAverageMs"] == -173.333
    assert result["ImprovementPercent"] == -86.67
    assert (result["WarmCacheProviderHitCount"], result["WarmCacheProviderMissCount"]) == (2, 1)
    assert result["WarmCacheHitRatioPercent"] == 66.67


def test_only_refresh_rows_are_kept_rather_than_none() -> None:
    rows = [
        row("ColdPass", "c", 10.0),
        row("WarmPass", "w", 5.0, provider="AccessRetry", **REFRESH),
    ]
    assert warm_comparison(rows)["WarmInterfaceCallAvgMs"] == 5.0


def test_no_durations_keep_file_values_and_null_improvement() -> None:
    rows = [row("ColdPass", "c", None), {"PassLabel": "WarmRunComparison", "ColdHostCount": 9}]
    result = warm_comparison(rows)
    assert result["ColdInterfaceCallAvgMs"] is None and result["ImprovementPercent"] is None
    assert result["ColdHostCount"] == 1 and result["WarmHostCount"] is None
    assert result["WarmCacheHitRatioPercent"] is None


def test_upstream_warm_run_reproduces_the_spec_numbers(upstream_metrics: Path) -> None:
    path = upstream_metrics / "WarmRunTelemetry-20251226-125927.json"
    result = warm_comparison(path)
    assert (result["ColdInterfaceCallAvgMs"], result["ColdInterfaceCallP95Ms"]) == (
        199.932,
        518.966,
    )
    assert result["ColdInterfaceCallMaxMs"] == 1053.48
    assert (result["WarmInterfaceCallAvgMs"], result["WarmInterfaceCallP95Ms"]) == (107.57, 140.904)
    assert result["WarmInterfaceCallMaxMs"] == 143.78
    assert (result["ImprovementAverageMs"], result["ImprovementPercent"]) == (92.362, 46.2)
    assert (result["ColdHostCount"], result["WarmHostCount"]) == (37, 37)
    assert result["WarmProviderCounts"] == {"SharedCache": 37}
    assert result["ColdProviderCounts"] == {
        "Cache": 2,
        "ADODB": 2,
        "Refreshed": 2,
        "SharedCache": 33,
    }
    assert (result["WarmCacheProviderHitCount"], result["WarmCacheProviderMissCount"]) == (37, 0)
    assert result["WarmCacheHitRatioPercent"] == 100.0


def test_upstream_comparison_row_is_reproduced_exactly(upstream_metrics: Path) -> None:
    path = upstream_metrics / "WarmRunTelemetry-20251226-125927.json"
    (stored,) = [r for r in read_warm_run(path) if r["PassLabel"] == "WarmRunComparison"]
    result = warm_comparison(path)
    assert {key: result[key] for key in COMPARISON_KEYS} == {
        key: stored[key] for key in COMPARISON_KEYS
    }


@pytest.mark.parametrize("legacy", [False, True])
def test_accepts_a_path_or_rows(tmp_path: Path, legacy: bool) -> None:
    path = tmp_path / "WarmRunTelemetry-x.json"
    path.write_bytes(orjson.dumps(ROWS, option=orjson.OPT_INDENT_2))
    assert warm_comparison(path, legacy_refresh_rule=legacy) == warm_comparison(
        ROWS, legacy_refresh_rule=legacy
    )
