"""The site writers: exactly one open store, and so one writer, per site."""

from __future__ import annotations

from collections import OrderedDict
from types import TracebackType

from statetrace.store.base import (
    HostChange,
    RunRecord,
    SiteStore,
    Store,
    StoreIdentity,
    WriteResult,
)

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
