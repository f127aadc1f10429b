"""Every telemetry event StateTrace emits, one typed model per event.

Event and field names follow the PowerShell StateTrace so that existing analyzers
and months of history stay comparable.  Models live in one module per area;
:func:`all_event_models` collects them for schema export and documentation.
"""

from __future__ import annotations

from statetrace.telemetry.events.base import Event, all_event_models, event_model
from statetrace.telemetry.events.cache import (
    InterfaceSiteCacheHostPersisted,
    InterfaceSiteCacheMetrics,
    InterfaceSiteCacheSharedStore,
    InterfaceSiteCacheSharedStoreState,
    SharedCacheSnapshotRejected,
    SiteExistingRowCacheState,
)
from statetrace.telemetry.events.concurrency import (
    ConcurrencyOverrideSummary,
    ConcurrencyProfileResolved,
    ParserSchedulerLaunch,
)
from statetrace.telemetry.events.ingest import (
    DatabaseWriteBreakdown,
    DatabaseWriteLatency,
    HostIngestFailure,
    IngestionRunSummary,
    InterfacePersistenceFailure,
    InterfaceSyncTiming,
    ParseDuration,
    RowsWritten,
    SkippedDuplicate,
    SliceSuperseded,
)

__all__ = [
    "ConcurrencyOverrideSummary",
    "ConcurrencyProfileResolved",
    "DatabaseWriteBreakdown",
    "DatabaseWriteLatency",
    "Event",
    "HostIngestFailure",
    "IngestionRunSummary",
    "InterfacePersistenceFailure",
    "InterfaceSiteCacheHostPersisted",
    "InterfaceSiteCacheMetrics",
    "InterfaceSiteCacheSharedStore",
    "InterfaceSiteCacheSharedStoreState",
    "InterfaceSyncTiming",
    "ParseDuration",
    "ParserSchedulerLaunch",
    "RowsWritten",
    "SharedCacheSnapshotRejected",
    "SiteExistingRowCacheState",
    "SkippedDuplicate",
    "SliceSuperseded",
    "all_event_models",
    "event_model",
]
