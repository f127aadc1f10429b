"""What the coordinator hands a parse worker, and what comes back: plain data.

Kept apart from :mod:`statetrace.engine.worker` (which imports the parsers and
platform descriptors) so that a run with nothing to parse never imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from statetrace.capture.slices import HostSlice
from statetrace.engine.diff import RowDiff
from statetrace.engine.site_cache import ExistingRows, HandedState, Hydration
from statetrace.store.base import HostChange, HostState


@dataclass(frozen=True, slots=True)
class HostJob:
    """One host to ingest: its winning slice, its site, and (for sites outside the
    shared snapshot) what the coordinator read of it from the store."""

    slice: HostSlice
    site: str
    handed: HandedState | None = None


@dataclass(slots=True)
class HostOutcome:
    """The result of one host's parse and diff, sent back to the coordinator."""

    job: HostJob
    hostname: str
    platform: str = ""
    error_stage: str = ""
    error: str = ""
    error_line: int | None = None
    change: HostChange | None = None
    new_state: HostState | None = None
    diff: RowDiff = field(default_factory=RowDiff)
    existing: ExistingRows | None = None
    started_at: str = ""
    parse_ms: float = 0.0
    control_chars_removed: int = 0
    worker_ms: float = 0.0
    invalid_bytes: int = 0
    process_id: int = 0
    warnings: list[str] = field(default_factory=list)
    hydrations: list[Hydration] = field(default_factory=list)
    #: Parsed by content hash alone: the interface blocks equal the stored ones.
    content_unchanged: bool = False

    @property
    def ok(self) -> bool:
        """True when the host parsed (whether or not anything needs writing)."""
        return not self.error_stage


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What every worker process needs to know when it starts."""

    #: The store's location as snapshots name it (a snapshot of another store is refused).
    store_location: str
    logs_dir: Path
    run_id: str
    snapshot_path: Path | None
    trusted_sites: frozenset[str]
    update_cache_after_write: bool = True
    #: False (history seed "empty"): parse every host in full, never by content hash.
    use_history: bool = True
