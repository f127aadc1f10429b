"""One ingestion run: discover, index, skip unchanged, parse in workers, write per site."""

from __future__ import annotations

import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any, Protocol

from statetrace import PARSER_VERSION
from statetrace.capture.files import discover_captures
from statetrace.capture.index_cache import CACHE_NAME as INDEX_CACHE_NAME
from statetrace.capture.index_cache import IndexCache
from statetrace.capture.slices import FileIndex, HostSlice, newest_per_host
from statetrace.concurrency import (
    Launch,
    ResolvedProfile,
    override_summary_event,
    plan_dispatch,
    profile_resolved_event,
    run_scoped_overrides,
    scheduler_launch_event,
    settings_path,
)
from statetrace.concurrency.resolve import resolve_for_data_dir
from statetrace.concurrency.scheduler import available_cpus, corpus_shape
from statetrace.engine import run_events
from statetrace.engine.host_events import host_events
from statetrace.engine.jobs import HostJob, HostOutcome, WorkerSetup
from statetrace.engine.known_state import KnownState
from statetrace.engine.options import IngestOptions
from statetrace.engine.pool import WorkerPool, dispatch, scheduler_jobs
from statetrace.engine.summary import HostFailure, RunSummary
from statetrace.engine.writers import SiteWriters, WriteQueue, Written
from statetrace.progress import ProgressCounter
from statetrace.sites import site_of
from statetrace.store import Store, open_store
from statetrace.store.base import RunRecord, StoreIdentity, WriteResult
from statetrace.telemetry.events import Event
from statetrace.telemetry.writer import TelemetryWriter


def new_run_id() -> str:
    """A sortable, unique run id: UTC time plus random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]


@dataclass(frozen=True)
class IngestPlan:
    """What a run would do: the resolved concurrency profile and the dispatch order."""

    resolved: ResolvedProfile
    launches: list[Launch]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``statetrace ingest --plan --json``)."""
        return {
            "Profile": self.resolved.profile.as_dict(),
            "Values": [
                {
                    "Key": v.key,
                    "Requested": v.requested,
                    "Autoscaled": v.autoscaled,
                    "Resolved": v.resolved,
                    "Source": v.source,
                }
                for v in self.resolved.values
            ],
            "Shape": asdict(self.resolved.shape),
            "Dispatch": [
                {"Sequence": launch.sequence, "Site": launch.site, "Hosts": list(launch.hosts)}
                for launch in self.launches
            ],
        }


def plan_ingest(paths: Iterable[Path], options: IngestOptions) -> IngestPlan:
    """Resolve the profile and dispatch order of an ingest without running it."""
    run = RunRecord(new_run_id(), datetime.now(UTC).isoformat(), PARSER_VERSION)
    store = open_store(options.store_url())
    try:
        summary = RunSummary(run_id=run.run_id)
        return _Run(options, store, run, summary, _NoTelemetry(), lock=False).plan(list(paths))
    finally:
        store.close()


def _notice_on_stderr(line: str) -> None:
    print(f"statetrace ingest: {line}", file=sys.stderr, flush=True)


class _NoTelemetry:
    """Telemetry sink of a plan: a plan is not a run and leaves no events."""

    def emit(self, event: Event) -> None:
        """Drop the event."""


class _Telemetry(Protocol):
    def emit(self, event: Event) -> None: ...


def ingest(paths: Iterable[Path], options: IngestOptions) -> RunSummary:
    """Ingest every capture under ``paths`` into the per-site stores of ``options.data_dir``.

    Bad files and failing hosts are reported in the summary (and telemetry); the
    rest of the run continues.  Unchanged captures are skipped without parsing;
    changed hosts write only the rows whose signature changed.
    """
    started = time.perf_counter()
    run = RunRecord(
        run_id=new_run_id(),
        started_at=datetime.now(UTC).isoformat(),
        parser_version=PARSER_VERSION,
    )
    summary = RunSummary(run_id=run.run_id, started_at=run.started_at)
    store = open_store(options.store_url())
    try:
        with TelemetryWriter(options.logs_dir, run_id=run.run_id) as telemetry:
            _Run(options, store, run, summary, telemetry).execute(list(paths))
            summary.wall_seconds = time.perf_counter() - started
            summary.ended_at = datetime.now(UTC).isoformat()
            telemetry.emit(run_events.run_summary(summary))
    finally:
        store.close()
    return summary


class _Run:
    """The coordinator of one run (lives only for that run).

    It holds the write lock of every site it ingests from before it reads their
    known state until its snapshot is written (``lock=False``: a plan, which writes
    nothing).
    """

    def __init__(
        self,
        options: IngestOptions,
        store: Store,
        run: RunRecord,
        summary: RunSummary,
        telemetry: _Telemetry,
        *,
        lock: bool = True,
    ) -> None:
        self.options = options
        self.store = store
        self.lock = lock
        self.locks = ExitStack()
        self.run = run
        self.summary = summary
        self.telemetry = telemetry
        self.run_date = datetime.now().astimezone()
        self.site_totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.known = KnownState(store)
        self.resolved: ResolvedProfile | None = None
        self.skip_cache_update = options.skip_cache_update()
        self.index_cache = IndexCache.load(options.snapshot_folder / INDEX_CACHE_NAME)
        self.indexes: list[FileIndex] = []
        #: Hosts of sites the run must not write (see KnownState.broken), failed unparsed.
        self.refused: list[HostOutcome] = []

    def execute(self, paths: list[Path]) -> None:
        """Run the ingest under the run's overrides, which are restored afterwards."""
        flags = self.options.concurrency_flags()
        settings = settings_path(self.options.data_dir) if self.options.persist_overrides else None
        with run_scoped_overrides(flags, settings_file=settings) as scope:
            self._ingest(paths)
        if self.resolved is not None:
            self.telemetry.emit(
                override_summary_event(self.resolved, scope, _override_source(self.resolved))
            )

    def plan(self, paths: list[Path]) -> IngestPlan:
        """The resolved profile and dispatch order, without parsing or writing."""
        with WorkerPool(1) as pool:
            jobs = self._prepare(paths, pool)
        assert self.resolved is not None
        return IngestPlan(self.resolved, plan_dispatch(scheduler_jobs(jobs), self.resolved.profile))

    def _ingest(self, paths: list[Path]) -> None:
        try:
            self._ingest_and_snapshot(paths)
        finally:
            self.known.close()
            self.locks.close()

    def _ingest_and_snapshot(self, paths: list[Path]) -> None:
        with WorkerPool(1) as pool:
            jobs = self._prepare(paths, pool)
            assert self.resolved is not None
            profile = self.resolved.profile
            self.telemetry.emit(profile_resolved_event(self.resolved))
            self.summary.workers = profile.thread_ceiling
            pool.start_parsing(self._worker_setup(), profile.thread_ceiling)
            progress = ProgressCounter(
                "ingest", len(self.refused) + len(jobs), self.options.on_progress
            )
            with SiteWriters(self.store, self.run) as writers, WriteQueue(writers) as queue:
                for outcome in chain(self.refused, dispatch(pool, jobs, profile, self._launched)):
                    queue.put(outcome)
                    for done, written in queue.ready():
                        self._persist(done, written)
                        progress.advance()
                for done, written in queue.drain():
                    self._persist(done, written)
                    progress.advance()
                writers.finish({s: dict(t) for s, t in self.site_totals.items()})
        self.summary.sites = sorted(self.site_totals)
        self.summary.existing_row_reads += self.known.store_reads
        self.index_cache.save(self.options.snapshot_folder / INDEX_CACHE_NAME, self.indexes)
        if self.known.unchanged_snapshot is not None:
            self.summary.snapshot_path = str(self.known.unchanged_snapshot)
        elif self.options.write_snapshot:
            self.summary.snapshot_path = str(
                self.known.write_snapshot(self.options.snapshot_folder)
            )

    def _prepare(self, paths: list[Path], pool: WorkerPool) -> list[HostJob]:
        """Discover and index the captures, pick the hosts to parse, resolve the profile."""
        files = discover_captures(paths, self.summary.file_problems)
        self.summary.files = len(files)
        cached = {path: self.index_cache.lookup(path) for path in files}
        fresh = [path for path, index in cached.items() if index is None]
        fresh_bytes = sum(path.stat().st_size for path in fresh)
        workers = self.options.index_workers(len(fresh), fresh_bytes, available_cpus())
        if workers != pool.workers:
            pool.workers = workers
            pool.replace()
        progress = ProgressCounter("index", len(fresh), self.options.on_progress, unit="files")
        indexed = {}
        for path, index in zip(fresh, pool.index(fresh), strict=True):
            indexed[path] = index
            progress.advance()
        self.indexes = [cached[path] or indexed[path] for path in files]
        self.summary.files_reused = self.index_cache.reused
        jobs = self._select_jobs(self.indexes)
        self.resolved = resolve_for_data_dir(
            corpus_shape(scheduler_jobs(jobs)),
            self.options.concurrency_flags(),
            self.options.data_dir,
            self.options.environ,
        )
        return jobs

    def _launched(self, launch: Launch) -> None:
        assert self.resolved is not None
        self.telemetry.emit(scheduler_launch_event(launch, self.resolved.profile))

    def _select_jobs(self, indexes: list[FileIndex]) -> list[HostJob]:
        slices: list[HostSlice] = []
        for index in indexes:
            self.summary.bytes += index.bytes
            self.summary.file_problems.extend(str(problem) for problem in index.problems)
            slices.extend(index.slices)
        winners, superseded = newest_per_host(slices)
        self.summary.hosts_seen = len(winners)
        self.summary.hosts_superseded = len(superseded)
        for old, new in superseded:
            self.telemetry.emit(run_events.superseded(old, new, self._site(new.host)))
        sites = {self._site(piece.host) for piece in winners}
        if self.lock:
            notice = self.options.on_notice or _notice_on_stderr
            self.locks.enter_context(
                self.store.lock_sites(sites, timeout=self.options.lock_timeout, on_wait=notice)
            )
        snapshot = self.options.snapshot_to_import(self.store.location)
        self.known = KnownState.load(self.store, snapshot, sites, self.options.rebuild_sites)
        for rejection in self.known.rejections:
            self.telemetry.emit(run_events.rejected(rejection, snapshot))
        jobs = []
        for piece in winners:
            site = self._site(piece.host)
            if site in self.known.broken:
                self.refused.append(_refused(HostJob(piece, site), self.known.broken[site]))
            elif self._unchanged(piece, site):
                self._skip(piece, site)
            else:
                jobs.append(HostJob(piece, site, self.known.handed(site, piece.host)))
        return jobs

    def _unchanged(self, piece: HostSlice, site: str) -> bool:
        state = self.known.host(site, piece.host)
        return (
            self.options.use_history
            and site not in self.known.diverged
            and state is not None
            and state.slice_hash == piece.sha256
            and state.parser_version == PARSER_VERSION
        )

    def _worker_setup(self) -> WorkerSetup:
        return WorkerSetup(
            store_location=self.store.location,
            logs_dir=self.options.logs_dir,
            run_id=self.run.run_id,
            snapshot_path=self.options.snapshot_to_import(self.store.location),
            trusted_sites=self.known.trusted_snapshot_sites(),
            update_cache_after_write=not self.skip_cache_update,
            use_history=self.options.use_history,
        )

    def _skip(self, piece: HostSlice, site: str) -> None:
        self.summary.hosts_skipped += 1
        self.site_totals[site]["hosts_skipped"] += 1
        self.telemetry.emit(run_events.skipped(piece, site))

    def _persist(self, outcome: HostOutcome, write: Written) -> None:
        """Everything after a host's write (or its failure): telemetry, known state, totals."""
        site = outcome.job.site
        self.summary.invalid_bytes += outcome.invalid_bytes
        for event in run_events.cache_lookup(outcome, self.skip_cache_update):
            self.telemetry.emit(event)
        written, failure = write.result, write.failure
        for event in host_events(outcome, written, write.ms, self.run_date, failure):
            self.telemetry.emit(event)
        if written is not None and outcome.new_state is not None:
            assert write.identity is not None
            self._publish(site, outcome, replace(write.identity, generation=written.generation))
        elif outcome.ok and not failure and outcome.new_state is not None:
            self.known.parsed_unchanged(site, outcome.new_state)
        self._count(outcome, written, failure)

    def _publish(self, site: str, outcome: HostOutcome, identity: StoreIdentity) -> None:
        """Update the run's known state (the next snapshot) after a commit."""
        if self.skip_cache_update:
            self.known.forget(site)
            return
        assert outcome.new_state is not None
        totals = self.known.committed(site, outcome.new_state, identity)
        for event in run_events.published(site, outcome, totals):
            self.telemetry.emit(event)

    def _count(self, outcome: HostOutcome, written: WriteResult | None, failure: str) -> None:
        site, totals = outcome.job.site, self.site_totals[outcome.job.site]
        if not outcome.ok or failure:
            self.summary.hosts_failed += 1
            totals["hosts_failed"] += 1
            stage = outcome.error_stage or "persist"
            reason = outcome.error or failure
            self.summary.failures.append(HostFailure(outcome.hostname, site, stage, reason))
            return
        self.summary.hosts_parsed += 1
        totals["hosts_parsed"] += 1
        self.summary.hosts_content_unchanged += outcome.content_unchanged
        self.summary.rows_unchanged += outcome.diff.unchanged
        totals["rows_unchanged"] += outcome.diff.unchanged
        if written is not None:
            for name, value in (
                ("rows_inserted", written.inserted),
                ("rows_updated", written.updated),
                ("rows_deleted", written.deleted),
            ):
                setattr(self.summary, name, getattr(self.summary, name) + value)
                totals[name] += value

    def _site(self, hostname: str) -> str:
        return site_of(hostname, self.options.site_rules)


def _refused(job: HostJob, reason: str) -> HostOutcome:
    """A host not ingested because its site's store must not be written."""
    return HostOutcome(job=job, hostname=job.slice.host, error_stage="store", error=reason)


def _override_source(resolved: ResolvedProfile) -> str:
    sources = {resolved.sources[key] for key in resolved.manual_overrides}
    return ",".join(sorted(sources)) or "autoscale"
