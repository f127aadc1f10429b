"""A small hand-made warm run (export + day file) with known values, for gate tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

COLD, WARM = "cold-run", "warm-run"
DAY = "2026-01-02"
STAMP = "20260102-100000-000000"
HOSTS = (("WLLS", "WLLS-1"), ("WLLS", "WLLS-2"), ("BOYO", "BOYO-1"))
#: Cold DatabaseWriteLatency per host: p95 linear = 12.25 for [7.5, 12.5] plus 10.
COLD_LATENCY = (7.5, 10.0, 12.5)
#: ParseDuration of both passes: max 12 s (fails 10 s), p95 linear = 9.25.
PARSE_SECONDS = (0.5, 1.0, 12.0, 0.2, 0.3, 0.4)


def _event(name: str, run: str, second: int, **fields: Any) -> dict[str, Any]:
    return {"EventName": name, "Timestamp": f"{DAY}T10:00:{second:02d}Z", "RunId": run, **fields}


def events() -> list[dict[str, Any]]:
    """Cold events then warm events (ids, hosts and values above)."""
    out = []
    for index, (site, host) in enumerate(HOSTS):
        where = {"Site": site, "Hostname": host}
        out += [
            _event("ParseDuration", COLD, 1, DurationSeconds=PARSE_SECONDS[index], **where),
            _event("DatabaseWriteLatency", COLD, 1, LatencyMs=COLD_LATENCY[index], **where),
            _event("RowsWritten", COLD, 1, Rows=10, DeletedRows=0, **where),
            _event("InterfaceSyncTiming", COLD, 1, UpdateCandidates=0, **where),
            _event("InterfaceSiteCacheHostPersisted", COLD, 1, **where),
            _event("InterfaceSiteCacheSharedStore", COLD, 1, Operation="Set", ProcessId=1, **where),
        ]
    out.append(
        _event("InterfaceSiteCacheMetrics", COLD, 2, Site="WLLS", SiteCacheFetchDurationMs=12000.0)
    )
    out.append(
        _event("InterfaceSiteCacheMetrics", COLD, 2, Site="BOYO", SiteCacheFetchDurationMs=0.0)
    )
    out.append(
        _event(
            "InterfaceSiteCacheSharedStoreState", WARM, 3, Operation="SnapshotImported", ProcessId=7
        )
    )
    for index, (site, host) in enumerate(HOSTS):
        where = {"Site": site, "Hostname": host}
        pid = 7 if site == "WLLS" else 8
        reason = "AccessRefresh" if host == "BOYO-1" else "SharedCacheMatch"
        out += [
            _event("ParseDuration", WARM, 4, DurationSeconds=PARSE_SECONDS[3 + index], **where),
            _event(
                "InterfaceSiteCacheSharedStore", WARM, 4, Operation="GetHit", ProcessId=pid, **where
            ),
            _event("InterfaceSyncTiming", WARM, 4, SiteCacheProviderReason=reason, **where),
        ]
    return out


def rows() -> list[dict[str, Any]]:
    """Export rows: per host and pass, then the comparison."""
    out = []
    for label, second, duration in (("ColdPass", 1, 100.0), ("WarmPass", 4, 30.0)):
        for site, host in HOSTS:
            provider = "AccessRefresh" if (label, host) == ("WarmPass", "BOYO-1") else "SharedCache"
            out.append(
                {
                    "PassLabel": label,
                    "Site": site,
                    "Hostname": host,
                    "Timestamp": f"{DAY}T10:00:{second:02d}Z",
                    "Provider": provider,
                    "InterfaceCallDurationMs": duration + (5.0 if host == "BOYO-1" else 0.0),
                    "DiffComparisonDurationMs": 1.5,
                }
            )
    out.append(
        {
            "PassLabel": "WarmRunComparison",
            "ColdInterfaceCallAvgMs": 101.667,
            "WarmInterfaceCallAvgMs": 31.667,
            "ImprovementPercent": 68.85,
            "WarmCacheHitRatioPercent": 66.67,
            "WarmCacheProviderMissCount": 1,
            "ColdRunId": COLD,
            "WarmRunId": WARM,
            "ColdStartUtc": f"{DAY}T10:00:00+00:00",
            "WarmEndUtc": f"{DAY}T10:00:05+00:00",
            "Scenario": "smoke",
        }
    )
    return out


def write_synthetic_run(logs_dir: Path) -> Path:
    """Write the export and its day file under ``<logs>/IngestionMetrics``; return the export."""
    folder = logs_dir / "IngestionMetrics"
    folder.mkdir(parents=True, exist_ok=True)
    lines = b"".join(orjson.dumps(event) + b"\n" for event in events())
    (folder / f"{DAY}.json").write_bytes(lines)
    export = folder / f"WarmRunTelemetry-{STAMP}.json"
    export.write_bytes(orjson.dumps(rows(), option=orjson.OPT_INDENT_2))
    return export
