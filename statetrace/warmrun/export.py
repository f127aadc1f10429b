"""The ``WarmRunTelemetry-<ts>.json`` export, in the PowerShell StateTrace format.

One pretty-printed JSON array: a row per host and pass (``PassLabel`` =
``ColdPass`` / ``WarmPass``) projected onto the 84 upstream keys, then one
``WarmRunComparison`` row computed with the upstream stage-B formulas plus the
extra keys upstream lacked (wall times, store reads, rows written, processes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: The upstream export keys, in order (verification spec §1.4).
EXPORT_KEYS = (
    "PassLabel", "SummaryType", "Site", "Hostname", "Timestamp", "CacheStatus", "Provider",
    "SiteCacheProviderReason", "HydrationDurationMs", "SnapshotDurationMs", "HostMapDurationMs",
    "HostCount", "TotalRows", "HostMapSignatureMatchCount", "HostMapSignatureRewriteCount",
    "HostMapCandidateMissingCount", "HostMapCandidateFromPrevious", "PreviousHostCount",
    "PreviousSnapshotStatus", "PreviousSnapshotHostMapType", "EntryCount", "RestoredCount",
    "SourceStage", "ColdHostCount", "WarmHostCount", "ColdInterfaceCallAvgMs",
    "ColdInterfaceCallP95Ms", "ColdInterfaceCallMaxMs", "WarmInterfaceCallAvgMs",
    "WarmInterfaceCallP95Ms", "WarmInterfaceCallMaxMs", "ImprovementAverageMs",
    "ImprovementPercent", "WarmCacheProviderHitCount", "WarmCacheProviderHitCountRaw",
    "WarmCacheProviderMissCount", "WarmCacheProviderMissCountRaw", "WarmCacheHitRatioPercent",
    "WarmCacheHitRatioPercentRaw", "WarmSignatureMatchMissCount", "WarmSignatureRewriteTotal",
    "WarmProviderCounts", "WarmProviderCountsRaw", "ColdProviderCounts", "ColdProviderCountsRaw",
    "ScriptCacheCount", "ScriptCacheSites", "DomainCacheCount", "DomainCacheSites",
    "InterfaceCallDurationMs", "DatabaseWriteLatencyMs", "DiffComparisonDurationMs",
    "DiffDurationMs", "LoadExistingDurationMs", "LoadExistingRowSetCount",
    "LoadSignatureDurationMs", "LoadCacheHit", "LoadCacheMiss", "LoadCacheRefreshed",
    "CachedRowCount", "CachePrimedRowCount", "RowsStaged", "InsertCandidates",
    "UpdateCandidates", "DeleteCandidates", "DiffRowsCompared", "DiffRowsChanged",
    "DiffRowsInserted", "DiffRowsUnchanged", "DiffSeenPorts", "DiffDuplicatePorts",
    "UiCloneDurationMs", "DeleteDurationMs", "FallbackDurationMs", "FallbackUsed",
    "FactsConsidered", "ExistingCount", "MetricName", "MetricStatus", "MetricStatusReason",
    "MetricStatusNotes", "ParseDurationCount", "SkippedDuplicateCount", "HistorySeedMode",
)  # fmt: skip

#: Fields copied from a host's InterfaceSyncTiming event onto its row.
_SYNC_FIELDS = (
    "DiffComparisonDurationMs", "DiffDurationMs", "LoadExistingDurationMs",
    "LoadExistingRowSetCount", "LoadCacheHit", "LoadCacheMiss", "InsertCandidates",
    "UpdateCandidates", "DeleteCandidates", "DiffRowsCompared", "DiffRowsChanged",
    "DiffRowsInserted", "DiffRowsUnchanged", "DiffSeenPorts", "DiffDuplicatePorts",
    "FactsConsidered", "ExistingCount",
)  # fmt: skip

Event = Mapping[str, Any]


def project(row: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` on exactly the export keys (absent → null), extra keys kept after them."""
    projected = {key: row.get(key) for key in EXPORT_KEYS}
    projected.update({key: value for key, value in row.items() if key not in projected})
    return projected


def host_rows(label: str, events: Iterable[Event]) -> list[dict[str, Any]]:
    """One row per host of a pass, from its DatabaseWriteBreakdown and InterfaceSyncTiming."""
    syncs: dict[tuple[str, str], Event] = {}
    writes: list[Event] = []
    for event in events:
        name = event.get("EventName")
        if name == "InterfaceSyncTiming":
            syncs.setdefault((event.get("Site", ""), event.get("Hostname", "")), event)
        elif name == "DatabaseWriteBreakdown":
            writes.append(event)
    rows = []
    for write in writes:
        sync = syncs.get((write.get("Site", ""), write.get("Hostname", "")), {})
        row: dict[str, Any] = {
            "PassLabel": label,
            "Site": write.get("Site"),
            "Hostname": write.get("Hostname"),
            "Timestamp": write.get("Timestamp"),
            "CacheStatus": write.get("SiteCacheFetchStatus"),
            "Provider": write.get("SiteCacheProvider"),
            "SiteCacheProviderReason": write.get("SiteCacheProviderReason"),
            "HostCount": 1,
            "InterfaceCallDurationMs": write.get("InterfaceCallDurationMs"),
            "DatabaseWriteLatencyMs": write.get("DatabaseWriteLatencyMs"),
            "RowsStaged": write.get("RowsStaged"),
        }
        row.update({key: sync.get(key) for key in _SYNC_FIELDS})
        rows.append(project(row))
    return rows


def skipped_only_rows(
    label: str, parse_count: int, skipped_count: int, history_seed: str
) -> list[dict[str, Any]]:
    """Status rows saying a pass had only skipped hosts, so write metrics do not apply."""
    notes = (
        f"HistorySeed={history_seed}; ParseDurationCount={parse_count}; "
        f"SkippedDuplicateCount={skipped_count}"
    )
    return [
        project(
            {
                "PassLabel": label,
                "SummaryType": "TelemetryMetricStatus",
                "MetricName": metric,
                "MetricStatus": "NotApplicable",
                "MetricStatusReason": "SkippedDuplicateOnly",
                "MetricStatusNotes": notes,
                "ParseDurationCount": parse_count,
                "SkippedDuplicateCount": skipped_count,
                "HistorySeedMode": history_seed,
            }
        )
        for metric in ("DatabaseWriteBreakdown", "InterfaceSyncTiming")
    ]


#: Keys of the ``-latest-summary.json`` companion file (upstream order).
SUMMARY_KEYS = (
    "ColdInterfaceCallAvgMs", "ColdInterfaceCallP95Ms", "ColdInterfaceCallMaxMs",
    "WarmInterfaceCallAvgMs", "WarmInterfaceCallP95Ms", "WarmInterfaceCallMaxMs",
    "ImprovementAverageMs", "ImprovementPercent", "WarmCacheProviderHitCount",
    "WarmCacheProviderMissCount", "WarmCacheHitRatioPercent", "WarmSignatureMatchMissCount",
    "WarmSignatureRewriteTotal", "WarmProviderCounts", "ColdProviderCounts",
)  # fmt: skip
