"""Recompute a ``WarmRunComparison`` from a warm-run export's per-host rows
(spec §1.5, stage B: what the PowerShell harness writes into the file)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from statetrace.analyzers.common import CaseInsensitiveCounts, field, number_or_none, text, truthy
from statetrace.stats import mean, percentile, round_half_even
from statetrace.telemetry.reader import read_warm_run

COMPARISON_LABEL = "WarmRunComparison"
CACHE_PROVIDERS = frozenset({"cache", "sharedcache"})
#: Keys of the comparison row, in export order.
COMPARISON_KEYS = (
    "ColdHostCount",
    "WarmHostCount",
    "ColdInterfaceCallAvgMs",
    "ColdInterfaceCallP95Ms",
    "ColdInterfaceCallMaxMs",
    "WarmInterfaceCallAvgMs",
    "WarmInterfaceCallP95Ms",
    "WarmInterfaceCallMaxMs",
    "ImprovementAverageMs",
    "ImprovementPercent",
    "WarmCacheProviderHitCount",
    "WarmCacheProviderHitCountRaw",
    "WarmCacheProviderMissCount",
    "WarmCacheProviderMissCountRaw",
    "WarmCacheHitRatioPercent",
    "WarmCacheHitRatioPercentRaw",
    "WarmSignatureMatchMissCount",
    "WarmSignatureRewriteTotal",
    "WarmProviderCounts",
    "WarmProviderCountsRaw",
    "ColdProviderCounts",
    "ColdProviderCountsRaw",
)

Row = Mapping[str, Any]


def warm_comparison(
    source: Path | str | Iterable[Row], *, legacy_refresh_rule: bool = False
) -> dict[str, Any]:
    """The comparison row rebuilt from the ``ColdPass``/``WarmPass`` rows.

    ``legacy_refresh_rule`` keeps warm "refresh" rows (Provider ``AccessRetry``,
    status ``Refreshed``, reason ``AccessRefresh``), as files written before
    2025-12-23 13:18 −0700 did.  Values not derivable from rows (host counts or
    durations of an empty pass, ``WarmSignatureRewriteTotal``) come from the
    file's own comparison row when present.
    """
    rows = read_warm_run(source) if isinstance(source, str | Path) else list(source)
    stage_a = next((r for r in rows if field(r, "PassLabel") == COMPARISON_LABEL), {})
    cold = _pass_rows(rows, "ColdPass")
    warm = _pass_rows(rows, "WarmPass")
    if not legacy_refresh_rule:
        warm = [row for row in warm if not _is_refresh(row)] or warm
    result: dict[str, Any] = {"PassLabel": COMPARISON_LABEL, "SummaryType": "InterfaceCallDuration"}
    result.update({key: field(stage_a, key) for key in COMPARISON_KEYS})
    result["ColdHostCount"] = _host_count(cold) or field(stage_a, "ColdHostCount")
    result["WarmHostCount"] = _host_count(warm) or field(stage_a, "WarmHostCount")
    result.update(_durations("Cold", cold, stage_a))
    result.update(_durations("Warm", warm, stage_a))
    result.update(_improvement(result["ColdInterfaceCallAvgMs"], result["WarmInterfaceCallAvgMs"]))
    result.update(_providers(warm, cold))
    result["WarmSignatureMatchMissCount"] = sum(
        1
        for row in warm
        if (value := number_or_none(field(row, "SiteCacheHostMapSignatureMatchCount"))) is not None
        and value <= 0
    )
    return result


def _pass_rows(rows: Sequence[Row], label: str) -> list[Row]:
    return [
        row
        for row in rows
        if field(row, "PassLabel") == label and not text(field(row, "SummaryType")).strip()
    ]


def _is_refresh(row: Row) -> bool:
    return (
        text(field(row, "Provider")).lower() == "accessretry"
        and text(field(row, "CacheStatus")).lower() == "refreshed"
        and text(field(row, "SiteCacheProviderReason")).lower() == "accessrefresh"
    )


def _host_count(rows: Sequence[Row]) -> int:
    names = {text(field(row, "Hostname")).strip().lower() for row in rows}
    names.discard("")
    return len(names)


def _durations(prefix: str, rows: Sequence[Row], stage_a: Row) -> dict[str, Any]:
    values = [
        value
        for row in rows
        if (value := number_or_none(field(row, "InterfaceCallDurationMs"))) is not None
    ]
    keys = [f"{prefix}InterfaceCall{suffix}" for suffix in ("AvgMs", "P95Ms", "MaxMs")]
    if not values:
        return {key: field(stage_a, key) for key in keys}
    stats = (mean(values), percentile(values, 95), max(values))
    return {key: round_half_even(value, 3) for key, value in zip(keys, stats, strict=True)}


def _improvement(cold_avg: float | None, warm_avg: float | None) -> dict[str, Any]:
    if cold_avg is None or warm_avg is None:
        return {"ImprovementAverageMs": None, "ImprovementPercent": None}
    improvement = round_half_even(cold_avg - warm_avg, 3)
    percent = round_half_even(improvement / cold_avg * 100, 2) if cold_avg > 0 else None
    return {"ImprovementAverageMs": improvement, "ImprovementPercent": percent}


def _provider_counts(rows: Sequence[Row]) -> CaseInsensitiveCounts:
    counts = CaseInsensitiveCounts()
    for row in rows:
        provider = field(row, "Provider")
        if not truthy(provider):
            provider = field(row, "SiteCacheProvider")
        counts.add(text(provider).strip() or "Unknown")
    return counts


def _providers(warm: Sequence[Row], cold: Sequence[Row]) -> dict[str, Any]:
    warm_counts = _provider_counts(warm)
    cold_counts = _provider_counts(cold)
    hits = sum(count for name, count in warm_counts.items() if name.lower() in CACHE_PROVIDERS)
    misses = sum(count for name, count in warm_counts.items()) - hits
    ratio = round_half_even(hits / (hits + misses) * 100, 2) if hits + misses else None
    return {
        "WarmCacheProviderHitCount": hits,
        "WarmCacheProviderHitCountRaw": hits,
        "WarmCacheProviderMissCount": misses,
        "WarmCacheProviderMissCountRaw": misses,
        "WarmCacheHitRatioPercent": ratio,
        "WarmCacheHitRatioPercentRaw": ratio,
        "WarmProviderCounts": warm_counts.as_dict(),
        "WarmProviderCountsRaw": warm_counts.as_dict(),
        "ColdProviderCounts": cold_counts.as_dict(),
        "ColdProviderCountsRaw": cold_counts.as_dict(),
    }
