"""Events of the site cache, the shared snapshot and the keyed existing-row cache."""

from __future__ import annotations

from pydantic import Field

from statetrace.telemetry.events.base import Event

_SITE = "Site the cache entry belongs to."


class InterfaceSiteCacheSharedStoreState(Event):
    """Lifecycle of a process's view of the shared snapshot."""

    event_name = "InterfaceSiteCacheSharedStoreState"
    emitted_when = "when a worker process starts (SnapshotImported or InitNewStore)"

    Operation: str = Field(description="SnapshotImported, InitNewStore, ClearRequested or Cleared.")
    EntryCount: int = Field(description="Sites in the process's shared store afterwards.")
    HostCount: int = Field(default=0, description="Hosts in the shared store afterwards.")
    ProcessId: int = Field(description="Operating-system id of the process.")
    SnapshotPath: str = Field(default="", description="Snapshot file imported, if any.")
    Reason: str = Field(default="", description="Why no snapshot was imported, if none was.")


class InterfaceSiteCacheSharedStore(Event):
    """One lookup in, or update of, the shared store for a site."""

    event_name = "InterfaceSiteCacheSharedStore"
    emitted_when = "per host lookup (GetHit/GetMiss) and per committed host (Set/Remove)"

    Site: str = Field(description=_SITE)
    Operation: str = Field(description="GetHit, GetMiss, Set or Remove.")
    Hostname: str = Field(default="", description="Host looked up or stored.")
    EntryCount: int = Field(default=0, description="Sites in the store.")
    HostCount: int = Field(default=0, description="Hosts of the site in the store afterwards.")
    TotalRows: int = Field(default=0, description="Rows of the site in the store afterwards.")
    ProcessId: int = Field(default=0, description="Operating-system id of the process.")


class SharedCacheSnapshotRejected(Event):
    """A snapshot (or one site of it) could not be used; the store is read instead."""

    event_name = "SharedCacheSnapshotRejected"
    emitted_when = "when a snapshot is missing, corrupt, of another version, stale or foreign"

    Site: str = Field(default="", description="Site concerned; empty when the whole file is.")
    SnapshotPath: str = Field(description="Snapshot file considered.")
    Reason: str = Field(
        description="Missing, Corrupt, Truncated, WrongVersion, Stale or ForeignDataDirectory."
    )
    Detail: str = Field(default="", description="Human-readable detail.")


class InterfaceSiteCacheMetrics(Event):
    """A site cache was filled in a process (from the store or from the snapshot)."""

    event_name = "InterfaceSiteCacheMetrics"
    emitted_when = "once per site and process when the site's cache entry is created"

    Site: str = Field(description=_SITE)
    CacheStatus: str = Field(description="Hydrated, SharedOnly, Missing.")
    Provider: str = Field(description="SharedCache, Refreshed or MissingDatabase.")
    SiteCacheProviderReason: str = Field(description="Provider reason (see InterfaceSyncTiming).")
    HydrationDurationMs: float = Field(description="Milliseconds to fill the entry.")
    SiteCacheFetchDurationMs: float = Field(description="Same as HydrationDurationMs.")
    SiteCacheRecordsetDurationMs: float = Field(
        description="Milliseconds of the store query (0 when served from the snapshot)."
    )
    HostCount: int = Field(description="Hosts in the entry.")
    TotalRows: int = Field(description="Rows in the entry.")
    ProcessId: int = Field(description="Operating-system id of the process.")


class SiteExistingRowCacheState(Event):
    """Whether a host's existing rows were served by the keyed existing-row cache."""

    event_name = "SiteExistingRowCacheState"
    emitted_when = "for every parsed host"

    Site: str = Field(description=_SITE)
    Hostname: str = Field(description="Host looked up.")
    CacheEnabled: bool = Field(description="The keyed cache is in use.")
    CacheHit: bool = Field(description="Rows were served from memory.")
    HostEntryExists: bool = Field(description="The host was known to the cache.")
    HostEntryRowCount: int = Field(description="Rows cached for the host.")
    SiteHostEntryCount: int = Field(description="Hosts cached for the site.")
    SkipSiteCacheUpdate: bool = Field(description="The post-write cache update is disabled.")
    ExistingRowSource: str = Field(description="SiteExistingCache, SharedCache or DatabaseQuery.")


class InterfaceSiteCacheHostPersisted(Event):
    """A host's committed rows were published to the site cache."""

    event_name = "InterfaceSiteCacheHostPersisted"
    emitted_when = "after every committed host write, unless SkipSiteCacheUpdate is on"

    Site: str = Field(description=_SITE)
    Hostname: str = Field(description="Host persisted.")
    PersistedPortCount: int = Field(description="Ports of the host now cached.")
    EntryHostCount: int = Field(description="Hosts of the site in the cache afterwards.")
    EntryHostCountDelta: int = Field(description="Change in EntryHostCount (1 for a new host).")
    EntryTotalRows: int = Field(description="Rows of the site in the cache afterwards.")
    EntryTotalRowsDelta: int = Field(description="Change in EntryTotalRows.")
    SharedStoreUpdated: bool = Field(description="The shared snapshot state was updated.")
