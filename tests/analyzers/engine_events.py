"""Self-made events built with the engine's event models (exact, known numbers)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from statetrace.telemetry.events import (
    DatabaseWriteLatency,
    Event,
    InterfaceSyncTiming,
    ParseDuration,
    RowsWritten,
    SkippedDuplicate,
)
from statetrace.telemetry.events.cache import (
    InterfaceSiteCacheSharedStore,
    InterfaceSiteCacheSharedStoreState,
)

MST = timezone(timedelta(hours=-7))
START = datetime(2026, 1, 2, 10, 0, 0, tzinfo=MST)


def at(seconds: float) -> datetime:
    """A timestamp ``seconds`` after 2026-01-02 10:00 -07:00."""
    return START + timedelta(seconds=seconds)


def sync(second: float, site: str, host: str, provider: str, reason: str, fetch_ms: float) -> Event:
    """An InterfaceSyncTiming event with neutral diff figures."""
    return InterfaceSyncTiming(
        Timestamp=at(second),
        Site=site,
        Hostname=host,
        SiteCacheProvider=provider,
        SiteCacheProviderReason=reason,
        SiteCacheFetchStatus="Hit" if fetch_ms else "SkippedEmpty",
        SiteCacheFetchDurationMs=fetch_ms,
        LoadExistingDurationMs=1.0,
        LoadExistingRowSetCount=3,
        InsertCandidates=0,
        UpdateCandidates=0,
        DeleteCandidates=0,
        DiffDurationMs=2.0,
        DiffComparisonDurationMs=1.0,
        DiffRowsCompared=3,
        DiffRowsChanged=0,
        DiffRowsInserted=0,
        DiffRowsUnchanged=3,
        DiffSeenPorts=3,
        DiffDuplicatePorts=0,
        FactsConsidered=3,
        ExistingCount=3,
        LoadCacheHit=True,
        LoadCacheMiss=False,
    )


def parse(second: float, site: str, host: str, seconds: float, success: bool = True) -> Event:
    return ParseDuration(
        Timestamp=at(second),
        Hostname=host,
        Site=site,
        Vendor="cisco_ios",
        StartTime=at(second).isoformat(),
        DurationSeconds=seconds,
        Success=success,
        FileName=f"{host}.log",
    )


def engine_events() -> list[Event]:
    """A small run: sites ALPHA and BRAVO, every event kind the analyzers read."""
    store = InterfaceSiteCacheSharedStore
    return [
        InterfaceSiteCacheSharedStoreState(
            Timestamp=at(0), Operation="SnapshotImported", EntryCount=2, ProcessId=1
        ),
        InterfaceSiteCacheSharedStoreState(
            Timestamp=at(1), Operation="InitNewStore", EntryCount=0, ProcessId=2
        ),
        store(Timestamp=at(2), Site="ALPHA", Operation="GetHit"),
        store(Timestamp=at(3), Site="alpha", Operation="gethit"),
        store(Timestamp=at(4), Site="BRAVO", Operation="GetMiss"),
        store(Timestamp=at(5), Site="BRAVO", Operation="Set"),
        store(Timestamp=at(6), Site="BRAVO", Operation="Evict"),
        parse(10, "ALPHA", "ALPHA-1", 1.0),
        parse(11, "ALPHA", "ALPHA-2", 2.0),
        parse(12, "BRAVO", "BRAVO-1", 3.0),
        parse(13, "BRAVO", "BRAVO-2", 4.0, success=False),
        DatabaseWriteLatency(Timestamp=at(14), Hostname="ALPHA-1", Site="ALPHA", LatencyMs=10.0),
        DatabaseWriteLatency(Timestamp=at(15), Hostname="BRAVO-1", Site="BRAVO", LatencyMs=20.0),
        RowsWritten(
            Timestamp=at(16), Hostname="ALPHA-1", Site="ALPHA", RunDate="x", Rows=5, DeletedRows=0
        ),
        RowsWritten(
            Timestamp=at(17), Hostname="alpha-1", Site="ALPHA", RunDate="x", Rows=7, DeletedRows=2
        ),
        SkippedDuplicate(
            Timestamp=at(18),
            Hostname="BRAVO-3",
            Site="BRAVO",
            Reason="HashMatch",
            FileHash="0" * 64,
            SourceLength=1,
            LastIngestedUtc="2026-01-01T00:00:00Z",
        ),
        sync(20, "ALPHA", "ALPHA-1", "SharedCache", "SharedCacheMatch", 0.0),
        sync(21, "ALPHA", "ALPHA-2", "Refreshed", "AccessRefresh", 8.0),
        sync(22, "ALPHA", "ALPHA-2", "Refreshed", "AccessRefresh", 4.0),
        sync(23, "BRAVO", "BRAVO-1", "Cache", "AccessCacheHit", 2.0),
        sync(24, "BRAVO", "BRAVO-2", "Unknown", "", 0.0),
    ]
