"""The parse workers of one run, and how batches of hosts flow through them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from statetrace.capture import FileIndex, index_file
from statetrace.engine.worker import (
    HostJob,
    HostOutcome,
    WorkerContext,
    WorkerSetup,
    ingest_batch,
    init_worker,
)


class _InProcess(Executor):
    """Runs tasks in the calling process (``workers=0``); same interface as a pool."""

    def __init__(self, setup: WorkerSetup | None) -> None:
        self._setup = setup
        self._context: WorkerContext | None = None

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        future: Future = Future()
        try:
            if fn is ingest_batch:
                if self._context is None:
                    assert self._setup is not None, "parse tasks need start_parsing() first"
                    self._context = WorkerContext.start(self._setup)
                future.set_result([self._context.ingest(job) for job in args[0]])
            else:
                future.set_result(fn(*args, **kwargs))
        except Exception as error:  # delivered through the future, like a pool
            future.set_exception(error)
        return future


class WorkerPool:
    """The run's parse workers; replaced by a fresh pool when a worker process dies.

    The setup (snapshot to import, trusted sites) is given with :meth:`start_parsing`
    because it is known only after the files are indexed; indexing runs in a
    plain pool first.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._setup: WorkerSetup | None = None
        self.executor: Executor = self._start()

    def _start(self) -> Executor:
        if self.workers == 0:
            return _InProcess(self._setup)
        if self._setup is None:
            return ProcessPoolExecutor(max_workers=self.workers)
        return ProcessPoolExecutor(
            max_workers=self.workers, initializer=init_worker, initargs=(self._setup,)
        )

    def index(self, files: list[Path]) -> list[FileIndex]:
        """Index every file, in parallel, in file order."""
        futures = [self.executor.submit(index_file, path) for path in files]
        return [future.result() for future in futures]

    def start_parsing(self, setup: WorkerSetup) -> None:
        """Replace the indexing pool by parse workers that import the snapshot."""
        self._setup = setup
        self.replace()

    def replace(self) -> None:
        """Abandon the current pool and start a new one."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def batches(jobs: list[HostJob], size: int) -> list[list[HostJob]]:
    """Batches of at most ``size`` hosts of one site, largest hosts first."""
    by_site: dict[str, list[HostJob]] = defaultdict(list)
    for job in jobs:
        by_site[job.site].append(job)
    result = []
    for site_jobs in by_site.values():
        site_jobs.sort(key=lambda job: job.slice.size, reverse=True)
        result.extend(site_jobs[i : i + size] for i in range(0, len(site_jobs), size))
    return result


def run_jobs(pool: WorkerPool, jobs: list[HostJob], batch_size: int) -> Iterator[HostOutcome]:
    """Yield each host's outcome as batches finish.

    When a worker process dies, the batch found broken first fails (with the
    reason) and the other in-flight batches are retried on a fresh pool, so the
    run always continues and always ends.
    """
    pending = batches(jobs, batch_size)
    in_flight: dict[Future, list[HostJob]] = {}
    limit = max(1, pool.workers) * 2
    while pending or in_flight:
        while pending and len(in_flight) < limit:
            batch = pending.pop(0)
            in_flight[pool.executor.submit(ingest_batch, batch)] = batch
        done, _ = wait(in_flight, return_when="FIRST_COMPLETED")
        for future in done:
            batch = in_flight.pop(future)
            try:
                yield from future.result()
            except BrokenProcessPool as error:
                yield from (_crashed(job, error) for job in batch)
                pool.replace()
                retry = list(in_flight.values())
                in_flight = {pool.executor.submit(ingest_batch, b): b for b in retry}
                break


def _crashed(job: HostJob, error: BaseException) -> HostOutcome:
    return HostOutcome(
        job=job,
        hostname=job.slice.host,
        error_stage="worker",
        error=f"{job.slice.source}: worker process died ({error})",
    )
