"""The site writers: exactly one open store, and so one writer, per site."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from statetrace.store.base import HostChange, RunRecord, SiteStore, StoreIdentity, WriteResult
from statetrace.store.sqlite import open_site_store


class SiteWriters:
    """Opens each site's store on first use and applies host changes to it."""

    def __init__(self, data_dir: Path, run: RunRecord) -> None:
        self._data_dir = data_dir
        self._run = run
        self._stores: dict[str, SiteStore] = {}
        self._identities: dict[str, StoreIdentity] = {}

    def store(self, site: str) -> SiteStore:
        """The site's store, created and stamped with the run on first use."""
        store = self._stores.get(site)
        if store is None:
            store = open_site_store(self._data_dir, site, create=True)
            store.begin_run(self._run)
            self._stores[site] = store
            self._identities[site] = store.identity()
        return store

    def identity(self, site: str) -> StoreIdentity:
        """The site store's identity as of when this run opened it."""
        self.store(site)
        return self._identities[site]

    def apply(self, site: str, change: HostChange) -> WriteResult:
        """Apply one host's change in its own transaction."""
        return self.store(site).apply(change, self._run)

    def finish(self, totals: dict[str, dict[str, int]]) -> None:
        """Record per-site totals in every store this run wrote to."""
        for site, store in self._stores.items():
            store.finish_run(self._run, totals.get(site, {}))

    def close(self) -> None:
        """Close every store."""
        for store in self._stores.values():
            store.close()
        self._stores.clear()

    def __enter__(self) -> SiteWriters:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
