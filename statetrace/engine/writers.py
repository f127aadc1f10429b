"""The site writers: exactly one open store, and so one writer, per site."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
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

    def apply(self, site: str, change: HostChange) -> WriteResult:
        """Apply one host's change in its own transaction."""
        return self.store(site).apply(change, self._run)

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


@dataclass(frozen=True, slots=True)
class Written:
    """How one host's write ended: its result, or why it failed; its time in ms."""

    result: WriteResult | None = None
    failure: str = ""
    ms: float = 0.0
    #: The site store's identity as of this run's first write to it.
    identity: StoreIdentity | None = None


class WriteQueue:
    """The site writers on one thread of their own, so the coordinator keeps going.

    Every store call of the run happens on that thread, in the order hosts were
    put (still one writer per site); results come back in the same order.  While
    a server executes a host's transaction, the coordinator unpickles and records
    the next outcomes instead of waiting.
    """

    def __init__(self, writers: SiteWriters, max_pending: int = MAX_PENDING) -> None:
        self._writers = writers
        self._max_pending = max_pending
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="statetrace-writer")
        self._pending: deque[tuple[HostOutcome, Future[Written] | None]] = deque()

    def put(self, outcome: HostOutcome) -> None:
        """Queue the host's write (a host with nothing to write needs no thread)."""
        future = None
        if outcome.ok and outcome.change is not None:
            future = self._thread.submit(self._write, outcome.job.site, outcome)
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

    def _write(self, site: str, outcome: HostOutcome) -> Written:
        assert outcome.change is not None
        started = time.perf_counter()
        try:
            result = self._writers.apply(site, outcome.change)
            identity = self._writers.identity(site)
        except StoreError as error:
            return Written(failure=str(error), ms=_ms_since(started))
        return Written(result, "", _ms_since(started), identity)

    def __enter__(self) -> WriteQueue:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._thread.shutdown(wait=True, cancel_futures=True)


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
