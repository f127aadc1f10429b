"""Optional outputs of a warm run: diff hotspots CSV and shared-cache diagnostics JSON."""

from __future__ import annotations

from pathlib import Path

from statetrace.analyzers.diff_hotspots import diff_hotspots, write_hotspots_csv
from statetrace.analyzers.output import write_json
from statetrace.analyzers.provider_reasons import provider_reasons
from statetrace.analyzers.shared_cache import shared_cache_summary
from statetrace.warmrun.harness import WarmRunResult


def write_diff_hotspots(result: WarmRunResult, top: int) -> Path:
    """``DiffHotspots-<stem>.csv`` next to the telemetry export."""
    path = _beside(result, "DiffHotspots", ".csv")
    return write_hotspots_csv(path, diff_hotspots(result.rows, top=top))


def write_shared_cache_diagnostics(result: WarmRunResult, top_hosts: int) -> Path:
    """Shared-cache and provider-reason summaries of each pass, as one JSON file."""
    diagnostics = {}
    for passed in (result.cold, result.warm):
        reasons = provider_reasons([passed.events], top_hosts=top_hosts)
        diagnostics[passed.label] = {
            "RunId": passed.summary.run_id,
            "StartTimeUtc": passed.summary.started_at,
            "EndTimeUtc": passed.summary.ended_at,
            "SharedCache": shared_cache_summary(passed.events, label=passed.label),
            "ProviderReasons": reasons.rows,
            "ProviderReasonHosts": reasons.hosts,
        }
    return write_json(_beside(result, "SharedCacheDiagnostics", ".json"), diagnostics)


def _beside(result: WarmRunResult, prefix: str, suffix: str) -> Path:
    stem = result.telemetry_path.stem.removeprefix("WarmRunTelemetry-")
    return result.telemetry_path.parent / f"{prefix}-{stem}{suffix}"
