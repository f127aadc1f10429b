"""Events of one ingestion run: per host (parse, skip, write) and per run."""

from __future__ import annotations

from pydantic import Field

from statetrace.telemetry.events.base import Event

_HOST = "Hostname as parsed (the prompt name when parsing failed)."
_SITE = "Site of the host, as decided by statetrace.sites.site_of."


class ParseDuration(Event):
    """Whole per-host ingest time: read, hash, parse, diff and write."""

    event_name = "ParseDuration"
    emitted_when = "once for every host that was not skipped, successful or not"

    Hostname: str = Field(description=_HOST)
    Site: str = Field(description=_SITE)
    Vendor: str = Field(description="Detected platform (cisco_ios, arista_eos, ruckus_fastiron).")
    StartTime: str = Field(description="UTC ISO-8601 start of the host ingest.")
    DurationSeconds: float = Field(description="Seconds, 3 decimals; whole host ingest incl. DB.")
    Success: bool = Field(description="True when the host's transaction committed.")
    FileName: str = Field(description="Capture file the host's slice came from.")
    ParseMs: float = Field(default=0.0, description="Milliseconds spent in the vendor parser.")
    Bytes: int = Field(default=0, description="Size of the host's slice in bytes.")
    ContentUnchanged: bool = Field(
        default=False,
        description="Interface parsing skipped: every block but show version equals the "
        "stored content hash (only volatile output such as uptime changed).",
    )
    ControlCharsRemoved: int = Field(
        default=0,
        description="Control characters and U+FFFD removed from the host's stored text.",
    )


class SkippedDuplicate(Event):
    """A host whose slice hash and parser version match its stored history."""

    event_name = "SkippedDuplicate"
    emitted_when = "for every host skipped because its capture is unchanged"

    Hostname: str = Field(description="Host name from the capture prompt.")
    Site: str = Field(description=_SITE)
    Reason: str = Field(description="Why it was skipped; `HashMatch`.")
    FileHash: str = Field(description="SHA-256 of the host's slice, lower-case hex.")
    SourceLength: int = Field(description="Slice size in bytes.")
    LastIngestedUtc: str = Field(description="UTC ISO-8601 time the stored history was written.")
    SourceFile: str = Field(default="", description="Capture file of the slice.")


class SliceSuperseded(Event):
    """The same host appeared in several captures; the newest (by mtime) wins."""

    event_name = "SliceSuperseded"
    emitted_when = "for every slice dropped because a newer capture of the host exists"

    Hostname: str = Field(description="Host name from the capture prompt.")
    Site: str = Field(description=_SITE)
    WinningFile: str = Field(description="Capture file whose slice is ingested.")
    WinningMtimeUtc: str = Field(description="Modification time of the winning file, UTC.")
    SupersededFile: str = Field(description="Capture file whose slice is ignored.")
    SupersededMtimeUtc: str = Field(description="Modification time of the ignored file, UTC.")
    SupersededLines: str = Field(description="Line range of the ignored slice, `first-last`.")


class HostIngestFailure(Event):
    """A host could not be ingested; the rest of the run continues."""

    event_name = "HostIngestFailure"
    emitted_when = "for every host that failed to read, detect, parse or persist"

    Hostname: str = Field(description=_HOST)
    Site: str = Field(description=_SITE)
    Stage: str = Field(description="read, detect, parse, persist or worker.")
    Reason: str = Field(description="Human-readable reason, naming the file and line.")
    SourceFile: str = Field(description="Capture file of the host's slice.")
    Line: int | None = Field(default=None, description="1-based line of the problem, if known.")


class DatabaseWriteLatency(Event):
    """Time of the host's write transaction (BEGIN … COMMIT)."""

    event_name = "DatabaseWriteLatency"
    emitted_when = "after every host transaction that wrote something"

    Hostname: str = Field(description=_HOST)
    Site: str = Field(description=_SITE)
    LatencyMs: float = Field(description="Milliseconds from BEGIN to COMMIT.")


class RowsWritten(Event):
    """Rows a host's transaction inserted/updated and deleted."""

    event_name = "RowsWritten"
    emitted_when = "after every committed host transaction"

    Hostname: str = Field(description=_HOST)
    Site: str = Field(description=_SITE)
    RunDate: str = Field(description="Local time of the run, `yyyy-MM-dd HH:mm:ss`.")
    Rows: int = Field(description="Interface rows inserted plus updated.")
    DeletedRows: int = Field(description="Interface rows deleted.")


class _SiteCacheFields(Event):
    """Where a host's existing rows came from (shared by sync timing and breakdown)."""

    SiteCacheProvider: str = Field(
        default="Unknown",
        description="SharedCache, Cache, Refreshed, MissingDatabase or Unknown.",
    )
    SiteCacheProviderReason: str = Field(
        default="NotEvaluated",
        description="SharedCacheMatch, AccessCacheHit, AccessRefresh, SkipSiteCacheUpdate, "
        "SharedCacheUnavailable or DatabaseQueryFallback.",
    )
    SiteCacheFetchStatus: str = Field(default="Unknown", description="Hit, Miss, Refreshed, …")
    SiteCacheFetchDurationMs: float = Field(
        default=0.0, description="Milliseconds spent hydrating the site cache for this host."
    )
    SiteCacheExistingRowSource: str = Field(
        default="Unknown", description="SiteExistingCache, SharedCache, DatabaseQuery, …"
    )
    LoadExistingDurationMs: float = Field(
        description="Milliseconds to obtain the host's existing rows."
    )
    LoadExistingRowSetCount: int = Field(description="Number of existing rows obtained.")
    InsertCandidates: int = Field(description="Rows new to the store.")
    UpdateCandidates: int = Field(description="Rows whose signature changed.")
    DeleteCandidates: int = Field(description="Stored rows no longer present.")


class InterfaceSyncTiming(_SiteCacheFields):
    """The diff of one host's parsed rows against its existing rows."""

    event_name = "InterfaceSyncTiming"
    emitted_when = "after every host diff (also when nothing changed)"

    Hostname: str = Field(description=_HOST)
    Site: str = Field(description=_SITE)
    DiffDurationMs: float = Field(description="Milliseconds for the whole diff incl. signatures.")
    DiffComparisonDurationMs: float = Field(
        description="Milliseconds comparing signatures (measured, never a placeholder)."
    )
    DiffRowsCompared: int = Field(description="Parsed rows compared with existing rows.")
    DiffRowsChanged: int = Field(description="Compared rows whose signature differs.")
    DiffRowsInserted: int = Field(description="Parsed rows with no existing row.")
    DiffRowsUnchanged: int = Field(description="Compared rows with equal signatures.")
    DiffSeenPorts: int = Field(description="Distinct ports in the parsed facts.")
    DiffDuplicatePorts: int = Field(description="Parsed rows dropped as duplicate ports.")
    FactsConsidered: int = Field(description="Parsed interface rows.")
    ExistingCount: int = Field(description="Existing rows before the diff.")
    LoadCacheHit: bool = Field(description="Existing rows came from a cache.")
    LoadCacheMiss: bool = Field(description="Existing rows had to be read from the store.")


class DatabaseWriteBreakdown(_SiteCacheFields):
    """Where the time of one host's persistence went."""

    event_name = "DatabaseWriteBreakdown"
    emitted_when = "after every host persistence (also when nothing was written)"

    Hostname: str = Field(description=_HOST)
    Site: str = Field(description=_SITE)
    InterfaceCallDurationMs: float = Field(
        description="Milliseconds for the whole interface sync: load existing, diff, write."
    )
    DatabaseWriteLatencyMs: float = Field(description="Milliseconds BEGIN … COMMIT (0 if none).")
    LockWaitMs: float = Field(default=0.0, description="Milliseconds waiting for the site writer.")
    SummaryDurationMs: float = Field(
        default=0.0, description="Milliseconds writing the device row."
    )
    CommitDurationMs: float = Field(default=0.0, description="Milliseconds in COMMIT.")
    InterfaceDiffDurationMs: float = Field(
        description="Same as InterfaceSyncTiming.DiffDurationMs."
    )
    InterfaceDiffComparisonDurationMs: float = Field(
        description="Same as InterfaceSyncTiming.DiffComparisonDurationMs."
    )
    RowsStaged: int = Field(description="Rows sent to the store (inserts + updates).")


class InterfacePersistenceFailure(Event):
    """A host's transaction failed and was rolled back; its previous data is intact."""

    event_name = "InterfacePersistenceFailure"
    emitted_when = "when a host's write transaction raises"

    Stage: str = Field(description="Step that failed (persist).")
    Hostname: str = Field(description=_HOST)
    Site: str = Field(description=_SITE)
    ExceptionMessage: str = Field(description="Message of the error.")
    ExceptionType: str = Field(description="Python type name of the error.")
    DatabasePath: str = Field(description="Store the host was written to.")
    Provider: str = Field(description="Store backend (sqlite, postgresql, odbc).")


class IngestionRunSummary(Event):
    """Totals of one ingestion run."""

    event_name = "IngestionRunSummary"
    emitted_when = "once at the end of every run"

    HostsSeen: int = Field(description="Distinct hosts found in the captures.")
    HostsParsed: int = Field(description="Hosts parsed (not skipped).")
    HostsSkipped: int = Field(description="Hosts skipped as unchanged.")
    HostsFailed: int = Field(description="Hosts that failed.")
    RowsInserted: int = Field(description="Interface rows inserted.")
    RowsUpdated: int = Field(description="Interface rows updated.")
    RowsDeleted: int = Field(description="Interface rows deleted.")
    RowsUnchanged: int = Field(description="Interface rows left untouched.")
    Sites: int = Field(description="Sites touched.")
    Files: int = Field(description="Capture files read.")
    Bytes: int = Field(description="Bytes of capture read.")
    InvalidBytes: int = Field(description="Undecodable bytes replaced while reading.")
    Workers: int = Field(description="Parse worker processes used.")
    WallSeconds: float = Field(description="Seconds from start to end of the run.")
    ExistingRowReads: int = Field(
        default=0, description="Store queries for existing rows (site hydrations)."
    )
