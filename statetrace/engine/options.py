"""Options of one ingestion run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from statetrace.sites import DEFAULT_RULES, SiteRules
from statetrace.snapshot import latest_snapshot_path
from statetrace.snapshot import snapshot_dir as default_snapshot_dir

#: Below this many capture bytes a process pool costs more than it saves.
IN_PROCESS_BYTES = 2_000_000


@dataclass(frozen=True)
class IngestOptions:
    """Where data and telemetry go, and how many worker processes parse.

    ``workers=None`` uses every core (or parses in the calling process when the
    corpus is too small to repay starting a pool); ``workers=0`` always parses in
    the calling process.
    """

    data_dir: Path = Path("Data")
    logs_dir: Path = Path("Logs")
    workers: int | None = None
    site_rules: SiteRules = field(default_factory=lambda: DEFAULT_RULES)
    progress: bool = False
    batch_size: int = 8
    #: Snapshot to import: ``None`` = the ``-latest`` one under ``logs_dir`` if any.
    snapshot: Path | None = None
    #: Where this data directory's snapshots live: ``None`` = ``<logs_dir>/SharedCacheSnapshot``.
    snapshot_dir: Path | None = None
    use_snapshot: bool = True
    write_snapshot: bool = True
    #: False re-parses every host even when its capture is unchanged.
    use_history: bool = True
    skip_site_cache_update: bool = False

    def snapshot_to_import(self) -> Path | None:
        """The snapshot file this run imports, if any."""
        if not self.use_snapshot:
            return None
        if self.snapshot is not None:
            return self.snapshot
        latest = latest_snapshot_path(self.snapshot_folder)
        return latest if latest.exists() else None

    @property
    def snapshot_folder(self) -> Path:
        """Folder the run reads its ``-latest`` snapshot from and writes its snapshot to."""
        return self.snapshot_dir or default_snapshot_dir(self.logs_dir)

    def worker_count(self, files: int, total_bytes: int) -> int:
        """Worker processes to start (0 = parse in the calling process)."""
        if self.workers is not None:
            return max(0, self.workers)
        if total_bytes < IN_PROCESS_BYTES or files < 2:
            return 0
        return os.cpu_count() or 1
