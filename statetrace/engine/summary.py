"""The result of one ingestion run, as a table or as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class HostFailure:
    """A host (or file) that could not be ingested, and why."""

    hostname: str
    site: str
    stage: str
    reason: str


@dataclass(slots=True)
class RunSummary:
    """Totals of one run plus the failures, in the order they happened."""

    run_id: str
    started_at: str = ""
    ended_at: str = ""
    snapshot_path: str = ""
    files: int = 0
    files_reused: int = 0
    bytes: int = 0
    invalid_bytes: int = 0
    hosts_seen: int = 0
    hosts_parsed: int = 0
    hosts_skipped: int = 0
    hosts_content_unchanged: int = 0
    hosts_failed: int = 0
    hosts_superseded: int = 0
    rows_inserted: int = 0
    rows_updated: int = 0
    rows_deleted: int = 0
    rows_unchanged: int = 0
    sites: list[str] = field(default_factory=list)
    workers: int = 0
    wall_seconds: float = 0.0
    existing_row_reads: int = 0
    failures: list[HostFailure] = field(default_factory=list)
    file_problems: list[str] = field(default_factory=list)

    @property
    def rows_written(self) -> int:
        """Rows inserted, updated or deleted."""
        return self.rows_inserted + self.rows_updated + self.rows_deleted

    @property
    def ok(self) -> bool:
        """True when no host failed."""
        return not self.failures

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (``statetrace ingest --json``)."""
        data = asdict(self)
        data["rows_written"] = self.rows_written
        data["megabytes_per_second"] = round(self.megabytes_per_second, 3)
        return data

    @property
    def megabytes_per_second(self) -> float:
        """Capture bytes read per wall-clock second, in MB/s."""
        return self.bytes / 1e6 / self.wall_seconds if self.wall_seconds else 0.0

    def format_table(self) -> str:
        """Human-readable summary with the failures listed."""
        rows = [
            (
                "files",
                f"{self.files} ({self.bytes / 1e6:.1f} MB, {self.invalid_bytes} bad bytes, "
                f"{self.files_reused} unchanged since indexed)",
            ),
            ("hosts", f"{self.hosts_seen} seen"),
            ("  parsed", str(self.hosts_parsed)),
            ("  skipped (unchanged)", str(self.hosts_skipped)),
            ("  parsed by content hash", str(self.hosts_content_unchanged)),
            ("  failed", str(self.hosts_failed)),
            ("  superseded captures", str(self.hosts_superseded)),
            ("rows inserted", str(self.rows_inserted)),
            ("rows updated", str(self.rows_updated)),
            ("rows deleted", str(self.rows_deleted)),
            ("rows unchanged", str(self.rows_unchanged)),
            ("sites", f"{len(self.sites)} ({', '.join(self.sites)})"),
            ("workers", str(self.workers)),
            ("wall time", f"{self.wall_seconds:.2f} s ({self.megabytes_per_second:.1f} MB/s)"),
        ]
        width = max(len(label) for label, _ in rows)
        lines = [f"{label.ljust(width)}  {value}" for label, value in rows]
        if self.file_problems:
            lines.append("file problems:")
            lines.extend(f"  {problem}" for problem in self.file_problems)
        if self.failures:
            lines.append("failed hosts:")
            lines.extend(f"  {f.hostname} [{f.site}] {f.stage}: {f.reason}" for f in self.failures)
        return "\n".join(lines)
