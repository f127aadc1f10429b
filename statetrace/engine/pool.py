"""The parse workers of one run, and site-fair dispatch of host batches to them.

The splitter, the worker module (parsers, platform descriptors) and the process
pool (multiprocessing) are imported when a file is indexed, a batch is parsed or
workers start, not before: a run whose captures are all unchanged needs none.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, wait
from pathlib import Path
from typing import TYPE_CHECKING, cast

from statetrace.capture.slices import FileIndex
from statetrace.concurrency import ConcurrencyProfile, Job, Launch, SiteFairScheduler
from statetrace.engine.jobs import HostJob, HostOutcome, WorkerSetup

if TYPE_CHECKING:
    from statetrace.engine.worker import WorkerContext


class _InProcess(Executor):
    """Runs tasks in the calling process (one worker); same interface as a pool."""

    def __init__(self) -> None:
        self._context: WorkerContext | None = None

    def submit(self, fn, /, *args, **kwargs):
        from statetrace.engine import worker

        future: Future = Future()
        try:
            if fn is worker.ingest_batch:
                jobs, setup = args
                if self._context is None or self._context.setup != setup:
                    self._context = worker.WorkerContext.start(setup)
                future.set_result([self._context.ingest(job) for job in jobs])
            else:
                future.set_result(fn(*args, **kwargs))
        except Exception as error:  # delivered through the future, like a pool
            future.set_exception(error)
        return future


class WorkerPool:
    """The run's worker processes, used first to index the captures, then to parse.

    With at most one worker the work runs in the coordinator: a single separate
    worker would only add inter-process traffic.  A pool whose worker process died
    is replaced by a fresh one.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.setup: WorkerSetup | None = None
        self.executor: Executor = self._start()

    def _start(self) -> Executor:
        if self.workers <= 1:
            return _InProcess()
        from concurrent.futures import ProcessPoolExecutor

        from statetrace.engine.worker import init_worker

        return ProcessPoolExecutor(max_workers=self.workers, initializer=init_worker)

    def index(self, files: list[Path]) -> Iterator[FileIndex]:
        """Index every file, in parallel; the indexes come in file order as they are done."""
        if not files:
            return iter(())
        from statetrace.capture.split import index_file

        if isinstance(self.executor, _InProcess):
            return (index_file(path) for path in files)
        chunk = max(1, len(files) // (self.workers * 8))
        return self.executor.map(index_file, files, chunksize=chunk)

    def start_parsing(self, setup: WorkerSetup, workers: int) -> None:
        """Parse with ``workers`` workers; the indexing pool is kept when it has as many."""
        self.setup = setup
        if workers != self.workers:
            self.workers = workers
            self.replace()

    def replace(self) -> None:
        """Abandon the current pool and start a new one."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def scheduler_jobs(jobs: list[HostJob]) -> list[Job]:
    """The scheduler's view of the hosts to parse (site, host, size)."""
    return [Job(job.site, job.slice.host, job.slice.size, job) for job in jobs]


def dispatch(
    pool: WorkerPool,
    jobs: list[HostJob],
    profile: ConcurrencyProfile,
    on_launch: Callable[[Launch], None],
) -> Iterator[HostOutcome]:
    """Launch batches as the site-fair scheduler allows; yield outcomes as they finish.

    When a worker process dies, every unfinished batch becomes a suspect and is
    re-run alone on a fresh pool: a batch that kills its worker again fails (with
    the reason), the others succeed.  The run always continues and always ends.
    """
    scheduler = SiteFairScheduler(scheduler_jobs(jobs), profile)
    in_flight: dict[Future, Launch] = {}
    suspects: deque[Launch] = deque()

    def refill() -> None:
        while (launch := scheduler.next_batch()) is not None:
            on_launch(launch)
            in_flight[_submit(pool, launch)] = launch

    while suspects or in_flight or not scheduler.finished:
        if suspects:
            yield from _run_alone(pool, suspects.popleft())
            continue
        refill()
        done, _ = wait(in_flight, return_when="FIRST_COMPLETED")
        finished = [(future, in_flight.pop(future)) for future in done]
        for _, launch in finished:
            scheduler.done(launch)
        refill()  # workers get their next batch before the coordinator persists this one
        for future, launch in finished:
            if isinstance(future.exception(), BrokenExecutor):
                suspects.append(launch)
            else:
                yield from future.result()
        if suspects:
            for launch in in_flight.values():
                scheduler.done(launch)
            suspects.extend(in_flight.values())
            in_flight.clear()
            pool.replace()


def _run_alone(pool: WorkerPool, launch: Launch) -> Iterator[HostOutcome]:
    """Run one suspect batch with nothing else in flight: it either succeeds or is the culprit."""
    future = _submit(pool, launch)
    if isinstance(future.exception(), BrokenExecutor):
        pool.replace()
        yield from (_crashed(job) for job in _host_jobs(launch))
    else:
        yield from future.result()


def _submit(pool: WorkerPool, launch: Launch) -> Future:
    """Submit a batch; on a pool that already broke, a future holding that error."""
    assert pool.setup is not None, "start_parsing() sets up the workers before dispatch"
    from statetrace.engine.worker import ingest_batch

    try:
        return pool.executor.submit(ingest_batch, _host_jobs(launch), pool.setup)
    except BrokenExecutor as error:
        future: Future = Future()
        future.set_exception(error)
        return future


def _host_jobs(launch: Launch) -> list[HostJob]:
    """The hosts of a batch (the scheduler carries them as opaque payloads)."""
    return [cast(HostJob, job.payload) for job in launch.jobs]


def _crashed(job: HostJob) -> HostOutcome:
    return HostOutcome(
        job=job,
        hostname=job.slice.host,
        error_stage="worker",
        error=f"{job.slice.source}: the worker process parsing this host died",
    )
