"""Telemetry events of one host, built from its outcome and write result."""

from __future__ import annotations

from datetime import datetime

from statetrace.engine.jobs import HostOutcome
from statetrace.store.base import WriteResult
from statetrace.telemetry.events import (
    DatabaseWriteBreakdown,
    DatabaseWriteLatency,
    Event,
    HostIngestFailure,
    InterfaceSyncTiming,
    ParseDuration,
    RowsWritten,
)


def host_events(
    outcome: HostOutcome,
    written: WriteResult | None,
    write_ms: float,
    run_date: datetime,
    failure: str = "",
) -> list[Event]:
    """Every event for one parsed (or failed) host, in emission order."""
    site = outcome.job.site
    host = outcome.hostname
    success = outcome.ok and not failure
    events: list[Event] = []
    if outcome.ok:
        events.extend(_sync_events(outcome, written, write_ms, run_date))
    if not success:
        events.append(
            HostIngestFailure(
                Hostname=host,
                Site=site,
                Stage=outcome.error_stage or "persist",
                Reason=outcome.error or failure,
                SourceFile=str(outcome.job.slice.source),
                Line=outcome.error_line,
            )
        )
    events.append(
        ParseDuration(
            Hostname=host,
            Site=site,
            Vendor=outcome.platform or "unknown",
            StartTime=outcome.started_at,
            DurationSeconds=round((outcome.worker_ms + write_ms) / 1000, 3),
            Success=success,
            FileName=str(outcome.job.slice.source),
            ParseMs=round(outcome.parse_ms, 3),
            Bytes=outcome.job.slice.size,
            ContentUnchanged=outcome.content_unchanged,
            ControlCharsRemoved=outcome.control_chars_removed,
        )
    )
    return events


def _sync_events(
    outcome: HostOutcome, written: WriteResult | None, write_ms: float, run_date: datetime
) -> list[Event]:
    site, host, diff, existing = outcome.job.site, outcome.hostname, outcome.diff, outcome.existing
    assert existing is not None
    inserts = written.inserted if written else 0
    updates = written.updated if written else 0
    cache_fields = {
        "SiteCacheProvider": existing.provider,
        "SiteCacheProviderReason": existing.reason,
        "SiteCacheFetchStatus": existing.fetch_status,
        "SiteCacheFetchDurationMs": round(existing.fetch_ms, 3),
        "SiteCacheExistingRowSource": existing.source,
        "LoadExistingDurationMs": round(existing.load_ms, 3),
        "LoadExistingRowSetCount": len(existing.ports),
        "InsertCandidates": diff.inserted,
        "UpdateCandidates": diff.changed,
        "DeleteCandidates": len(diff.deletes),
    }
    events: list[Event] = [
        InterfaceSyncTiming(
            Hostname=host,
            Site=site,
            DiffDurationMs=round(diff.diff_ms, 4),
            DiffComparisonDurationMs=round(diff.comparison_ms, 4),
            DiffRowsCompared=diff.compared,
            DiffRowsChanged=diff.changed,
            DiffRowsInserted=diff.inserted,
            DiffRowsUnchanged=diff.unchanged,
            DiffSeenPorts=len(diff.signatures),
            DiffDuplicatePorts=diff.duplicates,
            FactsConsidered=len(diff.signatures) + diff.duplicates,
            ExistingCount=len(existing.ports),
            LoadCacheHit=existing.from_cache,
            LoadCacheMiss=not existing.from_cache,
            **cache_fields,
        ),
        DatabaseWriteBreakdown(
            Hostname=host,
            Site=site,
            InterfaceCallDurationMs=round(existing.load_ms + diff.diff_ms + write_ms, 3),
            DatabaseWriteLatencyMs=round(written.latency_ms, 3) if written else 0.0,
            SummaryDurationMs=round(written.summary_ms, 3) if written else 0.0,
            CommitDurationMs=round(written.commit_ms, 3) if written else 0.0,
            InterfaceDiffDurationMs=round(diff.diff_ms, 4),
            InterfaceDiffComparisonDurationMs=round(diff.comparison_ms, 4),
            RowsStaged=len(diff.upserts),
            **cache_fields,
        ),
    ]
    if written is not None:
        events.append(
            DatabaseWriteLatency(Hostname=host, Site=site, LatencyMs=round(written.latency_ms, 3))
        )
        events.append(
            RowsWritten(
                Hostname=host,
                Site=site,
                RunDate=run_date.strftime("%Y-%m-%d %H:%M:%S"),
                Rows=inserts + updates,
                DeletedRows=written.deleted,
            )
        )
    return events
