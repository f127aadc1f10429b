"""Existing-row signatures for diffing, kept per site inside a worker process.

Sites covered by a valid shared snapshot are served from it without touching the
store (provider ``SharedCache`` / ``SharedCacheMatch``).  Other sites are
hydrated from their store with one query on first use (``Refreshed`` /
``AccessRefresh``) and served from memory afterwards (``Cache`` /
``AccessCacheHit``).  A site whose store did not exist when the run started is
empty (``MissingDatabase``) without a query: whatever the run has written to it
since belongs to hosts this run has already parsed.  After a host's change is
handed to the writer, its new state replaces the cached one (unless
SkipSiteCacheUpdate is on).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from statetrace.store.base import HostState
from statetrace.store.sqlite import open_site_store, site_store_path


@dataclass(frozen=True, slots=True)
class ExistingRows:
    """A host's stored port signatures and where they came from."""

    ports: dict[str, str]
    provider: str
    reason: str
    fetch_status: str
    source: str
    fetch_ms: float
    load_ms: float
    from_cache: bool
    site_hosts: int
    host_known: bool


@dataclass(frozen=True, slots=True)
class Hydration:
    """One site's cache entry being filled in this process."""

    site: str
    provider: str
    reason: str
    status: str
    duration_ms: float
    query_ms: float
    hosts: int
    rows: int


@dataclass(slots=True)
class _SiteEntry:
    hosts: dict[str, HostState]
    provider: str
    reason: str


class SiteCache:
    """Per-process cache: site → host → (history, port signatures)."""

    def __init__(
        self,
        data_dir: Path,
        shared: dict[str, dict[str, HostState]] | None = None,
        *,
        update_after_write: bool = True,
        stored_sites: frozenset[str] | None = None,
    ) -> None:
        self._data_dir = data_dir
        self._update_after_write = update_after_write
        self._stored_sites = stored_sites
        self._sites: dict[str, _SiteEntry] = {
            site: _SiteEntry(hosts, "SharedCache", "SharedCacheMatch")
            for site, hosts in (shared or {}).items()
        }
        self._hydrations: list[Hydration] = []

    def existing(self, site: str, hostname: str) -> ExistingRows:
        """The stored signatures of ``hostname`` (empty for a new host)."""
        started = time.perf_counter()
        entry = self._sites.get(site)
        hydrated = entry is None
        if entry is None:
            entry = self._hydrate(site)
        fetch_ms = (time.perf_counter() - started) * 1000 if hydrated else 0.0
        if hydrated:
            provider, reason, status = entry.provider, entry.reason, "Refreshed"
        elif entry.provider == "SharedCache":
            provider, reason, status = "SharedCache", "SharedCacheMatch", "Hit"
        else:
            provider, reason, status = "Cache", "AccessCacheHit", "Hit"
        load_started = time.perf_counter()
        state = entry.hosts.get(hostname)
        ports = dict(state.ports) if state else {}
        from_store = hydrated and entry.provider == "Refreshed"
        return ExistingRows(
            ports=ports,
            provider=provider,
            reason=reason,
            fetch_status=status,
            source="DatabaseQuery" if from_store else "SiteExistingCache",
            fetch_ms=fetch_ms,
            load_ms=(time.perf_counter() - load_started) * 1000 + fetch_ms,
            from_cache=not from_store,
            site_hosts=len(entry.hosts),
            host_known=state is not None,
        )

    def state(self, site: str, hostname: str) -> HostState | None:
        """The cached state of a host (after :meth:`existing` loaded its site)."""
        entry = self._sites.get(site)
        return entry.hosts.get(hostname) if entry else None

    def remember(self, site: str, state: HostState) -> None:
        """Replace a host's cached state with what was just handed to the writer.

        Hosts the cache does not hold are not added: a run parses each host once,
        so no later batch asks for them, and the cache stays the size it was loaded at.
        """
        entry = self._sites.get(site)
        if entry is not None and self._update_after_write and state.hostname in entry.hosts:
            entry.hosts[state.hostname] = state

    def take_hydrations(self) -> list[Hydration]:
        """Site entries filled since the last call (for telemetry)."""
        hydrations, self._hydrations = self._hydrations, []
        return hydrations

    def _hydrate(self, site: str) -> _SiteEntry:
        started = time.perf_counter()
        path = site_store_path(self._data_dir, site)
        query_ms = 0.0
        new_site = self._stored_sites is not None and site not in self._stored_sites
        if new_site or not path.exists():
            entry = _SiteEntry({}, "MissingDatabase", "SharedCacheUnavailable")
        else:
            store = open_site_store(self._data_dir, site, create=False)
            try:
                query_started = time.perf_counter()
                hosts = store.load_site_state()
                query_ms = (time.perf_counter() - query_started) * 1000
            finally:
                store.close()
            entry = _SiteEntry(hosts, "Refreshed", "AccessRefresh")
        self._sites[site] = entry
        self._hydrations.append(
            Hydration(
                site=site,
                provider=entry.provider,
                reason=entry.reason,
                status="Hydrated" if entry.provider == "Refreshed" else "Missing",
                duration_ms=(time.perf_counter() - started) * 1000,
                query_ms=query_ms,
                hosts=len(entry.hosts),
                rows=sum(len(state.ports) for state in entry.hosts.values()),
            )
        )
        return entry
