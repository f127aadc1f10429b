"""Run-level and cache telemetry events built by the coordinator."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from statetrace.capture.slices import HostSlice
from statetrace.engine.jobs import HostOutcome
from statetrace.engine.known_state import Rejection, SiteTotals
from statetrace.engine.summary import RunSummary
from statetrace.telemetry.events import (
    Event,
    IngestionRunSummary,
    InterfaceSiteCacheHostPersisted,
    InterfaceSiteCacheMetrics,
    InterfaceSiteCacheSharedStore,
    SharedCacheSnapshotRejected,
    SiteExistingRowCacheState,
    SkippedDuplicate,
    SliceSuperseded,
)


def skipped(piece: HostSlice, site: str) -> SkippedDuplicate:
    """A host skipped because its capture is byte-identical to the last one ingested."""
    return SkippedDuplicate(
        Hostname=piece.host,
        Site=site,
        Reason="HashMatch",
        FileHash=piece.sha256,
        SourceLength=piece.size,
        LastIngestedUtc="",
        SourceFile=str(piece.source),
    )


def superseded(old: HostSlice, new: HostSlice, site: str) -> SliceSuperseded:
    """An older capture of a host that a newer one replaces."""
    return SliceSuperseded(
        Hostname=new.host,
        Site=site,
        WinningFile=str(new.source),
        WinningMtimeUtc=_utc(new.mtime_ns),
        SupersededFile=str(old.source),
        SupersededMtimeUtc=_utc(old.mtime_ns),
        SupersededLines=f"{old.line_start}-{old.line_end}",
    )


def rejected(rejection: Rejection, path: Path | None) -> SharedCacheSnapshotRejected:
    """A snapshot, or one of its sites, that could not be trusted."""
    return SharedCacheSnapshotRejected(
        Site=rejection.site,
        SnapshotPath=str(path or ""),
        Reason=rejection.reason,
        Detail=rejection.detail,
    )


def cache_lookup(outcome: HostOutcome, skip_update: bool) -> list[Event]:
    """Site-cache hydrations and the existing-row lookup of one parsed host."""
    events: list[Event] = [
        InterfaceSiteCacheMetrics(
            Site=h.site,
            CacheStatus=h.status,
            Provider=h.provider,
            SiteCacheProviderReason=h.reason,
            HydrationDurationMs=round(h.duration_ms, 3),
            SiteCacheFetchDurationMs=round(h.duration_ms, 3),
            SiteCacheRecordsetDurationMs=round(h.query_ms, 3),
            HostCount=h.hosts,
            TotalRows=h.rows,
            ProcessId=outcome.process_id,
        )
        for h in outcome.hydrations
    ]
    existing = outcome.existing
    if existing is None:
        return events
    site = outcome.job.site
    events.append(
        InterfaceSiteCacheSharedStore(
            Site=site,
            Operation="GetHit" if existing.provider == "SharedCache" else "GetMiss",
            Hostname=outcome.hostname,
            HostCount=existing.site_hosts,
            ProcessId=outcome.process_id,
        )
    )
    events.append(
        SiteExistingRowCacheState(
            Site=site,
            Hostname=outcome.hostname,
            CacheEnabled=True,
            CacheHit=existing.from_cache,
            HostEntryExists=existing.host_known,
            HostEntryRowCount=len(existing.ports),
            SiteHostEntryCount=existing.site_hosts,
            SkipSiteCacheUpdate=skip_update,
            ExistingRowSource=existing.source,
        )
    )
    return events


def published(site: str, outcome: HostOutcome, totals: SiteTotals) -> list[Event]:
    """A committed host published to the shared state."""
    return [
        InterfaceSiteCacheSharedStore(
            Site=site,
            Operation="Set",
            Hostname=outcome.hostname,
            HostCount=totals.hosts,
            TotalRows=totals.rows,
        ),
        InterfaceSiteCacheHostPersisted(
            Site=site,
            Hostname=outcome.hostname,
            PersistedPortCount=len(outcome.new_state.ports) if outcome.new_state else 0,
            EntryHostCount=totals.hosts,
            EntryHostCountDelta=totals.host_delta,
            EntryTotalRows=totals.rows,
            EntryTotalRowsDelta=totals.row_delta,
            SharedStoreUpdated=True,
        ),
    ]


def run_summary(summary: RunSummary) -> IngestionRunSummary:
    """The run's totals."""
    return IngestionRunSummary(
        HostsSeen=summary.hosts_seen,
        HostsParsed=summary.hosts_parsed,
        HostsSkipped=summary.hosts_skipped,
        HostsFailed=summary.hosts_failed,
        RowsInserted=summary.rows_inserted,
        RowsUpdated=summary.rows_updated,
        RowsDeleted=summary.rows_deleted,
        RowsUnchanged=summary.rows_unchanged,
        Sites=len(summary.sites),
        Files=summary.files,
        Bytes=summary.bytes,
        InvalidBytes=summary.invalid_bytes,
        Workers=summary.workers,
        WallSeconds=round(summary.wall_seconds, 3),
        ExistingRowReads=summary.existing_row_reads,
    )


def _utc(mtime_ns: int) -> str:
    return datetime.fromtimestamp(mtime_ns / 1e9, UTC).isoformat()
