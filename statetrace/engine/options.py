"""Options of one ingestion run."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from statetrace.cache_policy import skip_site_cache_update
from statetrace.concurrency.resolve import thread_ceiling_of_workers
from statetrace.progress import ProgressListener
from statetrace.sites import DEFAULT_RULES, SiteRules
from statetrace.snapshot import latest_snapshot_path
from statetrace.snapshot import snapshot_dir as default_snapshot_dir

#: Below this many capture bytes to index, a process pool costs more than it saves
#: (indexing runs at 50-150 MB/s per core; forking the pool, which then also
#: parses, costs a few tens of milliseconds).
IN_PROCESS_BYTES = 4_000_000


@dataclass(frozen=True)
class IngestOptions:
    """Where data and telemetry go, and how the run is parallelised.

    ``store`` is the inventory's URL (see :mod:`statetrace.store.url`); ``None``
    means the SQLite folder ``data_dir``.  ``data_dir`` is also where the settings
    file ``statetrace.toml`` is read from.

    ``concurrency`` holds the run's override flags (``thread_ceiling``,
    ``jobs_per_thread``, … see :mod:`statetrace.concurrency`); unset keys come from
    ``STATETRACE_*`` variables, then ``<data_dir>/statetrace.toml``, then autoscale.
    ``workers`` is shorthand for ``thread_ceiling`` (0 or 1: parse in this process).
    ``persist_overrides`` writes the flags into the settings file for the run only.
    """

    data_dir: Path = Path("Data")
    store: str | None = None
    logs_dir: Path = Path("Logs")
    workers: int | None = None
    concurrency: Mapping[str, int | None] = field(default_factory=dict)
    persist_overrides: bool = False
    site_rules: SiteRules = field(default_factory=lambda: DEFAULT_RULES)
    #: Told each capture file indexed (task ``index``) and each host finished (task
    #: ``ingest``); ``None``: nobody.
    on_progress: ProgressListener | None = None
    #: Snapshot to import: ``None`` = the ``-latest`` one under ``logs_dir`` if any.
    snapshot: Path | None = None
    #: Where this data directory's snapshots live: ``None`` = ``<logs_dir>/SharedCacheSnapshot``.
    snapshot_dir: Path | None = None
    use_snapshot: bool = True
    write_snapshot: bool = True
    #: False re-parses every host in full even when its capture (or its content) is unchanged.
    use_history: bool = True
    #: SkipSiteCacheUpdate: ``None`` = as the environment / settings say (statetrace.cache_policy).
    skip_site_cache_update: bool | None = None
    #: Seconds to wait for another run's site locks (``None``: as long as it takes).
    lock_timeout: float | None = None
    #: Sites to rebuild from this run's captures although their store is damaged,
    #: missing or re-created (``--rebuild-site``).
    rebuild_sites: frozenset[str] = frozenset()
    #: The environment the run's ``STATETRACE_*`` settings are read from, captured once by
    #: the command's settings (``None``: the process environment at run start).
    environ: Mapping[str, str] | None = None
    #: Where notices go while the run waits for a lock (``None``: standard error).
    on_notice: Callable[[str], None] | None = None

    def store_url(self) -> str:
        """The URL of the store this run writes."""
        return self.store if self.store is not None else f"sqlite:///{self.data_dir}"

    def skip_cache_update(self) -> bool:
        """The SkipSiteCacheUpdate policy in force for this run."""
        if self.skip_site_cache_update is not None:
            return self.skip_site_cache_update
        return skip_site_cache_update(self.data_dir, self.environ)

    def snapshot_to_import(self, store_location: str) -> Path | None:
        """The snapshot file this run imports, if any: the store's own latest first."""
        if not self.use_snapshot:
            return None
        if self.snapshot is not None:
            return self.snapshot
        for latest in (
            latest_snapshot_path(self.snapshot_folder, store_location),
            latest_snapshot_path(self.snapshot_folder),
        ):
            if latest.exists():
                return latest
        return None

    @property
    def snapshot_folder(self) -> Path:
        """Folder the run reads its ``-latest`` snapshot from and writes its snapshot to."""
        return self.snapshot_dir or default_snapshot_dir(self.logs_dir)

    def concurrency_flags(self) -> dict[str, int]:
        """The override flags that are set (``workers`` counts as ``thread_ceiling``)."""
        flags = {key: value for key, value in self.concurrency.items() if value is not None}
        if self.workers is not None:
            flags.setdefault("thread_ceiling", thread_ceiling_of_workers(self.workers))
        return flags

    def index_workers(self, files: int, total_bytes: int, cpus: int) -> int:
        """Processes to index the files with (at most 1: in this process)."""
        ceiling = self.concurrency_flags().get("thread_ceiling", cpus)
        if ceiling <= 1 or files < 2 or total_bytes < IN_PROCESS_BYTES:
            return 1
        return min(ceiling, cpus, files)
