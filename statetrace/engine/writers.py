"""The site writers: exactly one open store, and so one writer, per site."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from queue import Empty, SimpleQueue
from types import TracebackType
from typing import TYPE_CHECKING

from statetrace.store.base import (
    HostChange,
    RunRecord,
    SiteStore,
    Store,
    StoreError,
    StoreIdentity,
    WriteResult,
)

if TYPE_CHECKING:
    from statetrace.engine.jobs import HostOutcome

#: Stores kept open at once; the least recently used one is closed beyond that.
MAX_OPEN_STORES = 8


class SiteWriters:
    """Opens each site's store on first use and applies host changes to it.

    At most ``max_open`` stores are open at a time (least recently used closed
    first), so a run over many sites does not hold a connection and page cache
    per site; the scheduler keeps only a few sites in flight at once.
    """

    def __init__(self, store: Store, run: RunRecord, max_open: int = MAX_OPEN_STORES) -> None:
        self._store = store
        self._run = run
        self._max_open = max(1, max_open)
        self._open: OrderedDict[str, SiteStore] = OrderedDict()
        self._identities: dict[str, StoreIdentity] = {}

    def store(self, site: str) -> SiteStore:
        """The site's store, created and stamped with the run on first use."""
        store = self._open.get(site)
        if store is not None:
            self._open.move_to_end(site)
            return store
        store = self._store.open_site(site, create=True)
        if site not in self._identities:
            store.begin_run(self._run)
            self._identities[site] = store.identity()
        self._open[site] = store
        if len(self._open) > self._max_open:
            _, oldest = self._open.popitem(last=False)
            oldest.close()
        return store

    @property
    def open_sites(self) -> list[str]:
        """Sites whose store is open now, least recently used first."""
        return list(self._open)

    def identity(self, site: str) -> StoreIdentity:
        """The site store's identity as of when this run first opened it."""
        self.store(site)
        return self._identities[site]

    def apply_many(self, site: str, changes: list[HostChange]) -> list[WriteResult | StoreError]:
        """Apply hosts' changes of one site in order; each rolls back alone."""
        return self.store(site).apply_many(changes, self._run)

    def finish(self, totals: dict[str, dict[str, int]]) -> None:
        """Record per-site totals in every store this run wrote to."""
        for site in list(self._identities):
            self.store(site).finish_run(self._run, totals.get(site, {}))

    def close(self) -> None:
        """Close every open store."""
        for store in self._open.values():
            store.close()
        self._open.clear()

    def __enter__(self) -> SiteWriters:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


#: Host writes queued behind the one in progress before the coordinator waits.
MAX_PENDING = 64
#: Most hosts of one site written in one batch (``SiteStore.apply_many``).
MAX_BATCH = 32


@dataclass(frozen=True, slots=True)
class Written:
    """How one host's write ended: its result, or why it failed; its time in ms."""

    result: WriteResult | None = None
    failure: str = ""
    ms: float = 0.0
    #: The site store's identity as of this run's first write to it.
    identity: StoreIdentity | None = None


class _Stop:
    """Put on the inbox to end the writer thread."""


@dataclass(frozen=True, slots=True)
class _Job:
    site: str
    change: HostChange
    future: Future[Written]


class WriteQueue:
    """The site writers on one thread of their own, so the coordinator keeps going.

    Every store call of the run happens on that thread, in the order hosts were
    put (still one writer per site); results come back in the same order.  While
    a server executes a transaction, the coordinator unpickles and records the
    next outcomes instead of waiting.  Hosts of one site that queued up meanwhile
    are written together as one batch (at most ``max_batch``), so a busy store
    costs a round trip per batch rather than per host; an idle one still gets
    each host at once.
    """

    def __init__(
        self, writers: SiteWriters, max_pending: int = MAX_PENDING, max_batch: int = MAX_BATCH
    ) -> None:
        self._writers = writers
        self._max_pending = max_pending
        self._max_batch = max(1, max_batch)
        self._pending: deque[tuple[HostOutcome, Future[Written] | None]] = deque()
        self._inbox: SimpleQueue[_Job | _Stop] = SimpleQueue()
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="statetrace-writer", daemon=True)
        self._thread.start()

    def put(self, outcome: HostOutcome) -> None:
        """Queue the host's write (a host with nothing to write needs no thread)."""
        future: Future[Written] | None = None
        if outcome.ok and outcome.change is not None:
            future = Future()
            self._inbox.put(_Job(outcome.job.site, outcome.change, future))
        self._pending.append((outcome, future))

    def ready(self) -> Iterator[tuple[HostOutcome, Written]]:
        """Finished hosts in order; waits only while too many are queued."""
        while self._pending:
            outcome, future = self._pending[0]
            if future is not None and not future.done() and len(self._pending) <= self._max_pending:
                return
            self._pending.popleft()
            yield outcome, future.result() if future is not None else Written()

    def drain(self) -> Iterator[tuple[HostOutcome, Written]]:
        """Every remaining host, in order, waiting for each."""
        while self._pending:
            outcome, future = self._pending.popleft()
            yield outcome, future.result() if future is not None else Written()

    def _serve(self) -> None:
        """The writer thread: take what has queued up, write it site by site."""
        first = self._inbox.get()
        while isinstance(first, _Job):
            batch, following = self._batch(first)
            if self._cancelled.is_set():
                for job in batch:
                    job.future.cancel()
            else:
                self._write(batch)
            first = following if following is not None else self._inbox.get()

    def _batch(self, first: _Job) -> tuple[list[_Job], _Job | _Stop | None]:
        """``first`` and the queued jobs of its site after it, and what came next (if any)."""
        batch = [first]
        while len(batch) < self._max_batch:
            try:
                job = self._inbox.get_nowait()
            except Empty:
                break
            if isinstance(job, _Stop) or job.site != first.site:
                return batch, job
            batch.append(job)
        return batch, None

    def _write(self, batch: list[_Job]) -> None:
        """Write one site's batch; every job's future ends set, whatever happens."""
        try:
            for job, written in zip(batch, self._written(batch), strict=True):
                job.future.set_result(written)
        except BaseException as exc:  # re-raised on the coordinator by future.result()
            for job in batch:
                if not job.future.done():
                    job.future.set_exception(exc)

    def _written(self, batch: list[_Job]) -> list[Written]:
        started = time.perf_counter()
        site = batch[0].site
        try:
            results = self._writers.apply_many(site, [job.change for job in batch])
            identity = self._writers.identity(site)
        except StoreError as error:
            results, identity = [error] * len(batch), None
        ms = _ms_since(started) / len(batch)
        return [
            Written(failure=str(result), ms=ms)
            if isinstance(result, StoreError)
            else Written(result, "", ms, identity)
            for result in results
        ]

    def __enter__(self) -> WriteQueue:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self._cancelled.set()
        self._inbox.put(_Stop())
        self._thread.join()


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
