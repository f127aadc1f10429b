"""Existing-row signatures for diffing, kept per site inside a worker process.

Workers never open a store.  Sites covered by a valid shared snapshot are served
from it (provider ``SharedCache`` / ``SharedCacheMatch``).  For every other site
the coordinator has read the store once at run start and hands each job its
host's previous state: the first host of such a site in a process reports the
site as ``Refreshed`` / ``AccessRefresh`` (the coordinator's read), later ones
``Cache`` / ``AccessCacheHit``.  A site that had no store when the run started is
empty (``MissingDatabase``).  After a host's change is handed to the writer, its
new state replaces the snapshot's (unless SkipSiteCacheUpdate is on).
"""

from __future__ import annotations

import time
from collections.abc import MutableMapping
from dataclasses import dataclass

from statetrace.store.base import HostState


@dataclass(frozen=True, slots=True)
class HandedState:
    """What the coordinator knows of a host of a site outside the shared snapshot."""

    #: The host's state as stored at run start (``None``: a new host).
    previous: HostState | None
    #: Hosts the site's store held at run start (``None``: the site had no store).
    site_hosts: int | None


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
    hosts: MutableMapping[str, HostState]
    provider: str
    reason: str


class SiteCache:
    """Per-process cache: site → host → (history, port signatures)."""

    def __init__(
        self,
        shared: dict[str, MutableMapping[str, HostState]] | None = None,
        *,
        update_after_write: bool = True,
    ) -> None:
        self._update_after_write = update_after_write
        self._sites: dict[str, _SiteEntry] = {
            site: _SiteEntry(hosts, "SharedCache", "SharedCacheMatch")
            for site, hosts in (shared or {}).items()
        }
        self._hydrations: list[Hydration] = []

    def existing(self, site: str, hostname: str, handed: HandedState | None) -> ExistingRows:
        """The stored signatures of ``hostname`` (empty for a new host).

        ``handed`` is the coordinator's state for sites outside the snapshot.
        """
        started = time.perf_counter()
        entry = self._sites.get(site)
        first = entry is None
        if entry is None:
            entry = self._enter(site, handed)
        if entry.provider == "SharedCache":
            state = entry.hosts.get(hostname)
            provider, reason, status = "SharedCache", "SharedCacheMatch", "Hit"
            site_hosts = len(entry.hosts)
        else:
            state = handed.previous if handed else None
            site_hosts = handed.site_hosts or 0 if handed else 0
            if first:
                provider, reason, status = entry.provider, entry.reason, "Refreshed"
            else:
                provider, reason, status = "Cache", "AccessCacheHit", "Hit"
        from_store = first and entry.provider == "Refreshed"
        return ExistingRows(
            ports=dict(state.ports) if state else {},
            provider=provider,
            reason=reason,
            fetch_status=status,
            source="DatabaseQuery" if from_store else "SiteExistingCache",
            fetch_ms=0.0,
            load_ms=(time.perf_counter() - started) * 1000,
            from_cache=not from_store,
            site_hosts=site_hosts,
            host_known=state is not None,
        )

    def state(self, site: str, hostname: str, handed: HandedState | None) -> HostState | None:
        """The previous state of a host: from the snapshot, else as the coordinator handed it."""
        entry = self._sites.get(site)
        if entry is not None and entry.provider == "SharedCache":
            return entry.hosts.get(hostname)
        return handed.previous if handed else None

    def remember(self, site: str, state: HostState) -> None:
        """Replace a host's snapshot state with what was just handed to the writer.

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

    def _enter(self, site: str, handed: HandedState | None) -> _SiteEntry:
        """Note a site outside the snapshot: read by the coordinator, or without a store."""
        stored = handed is not None and handed.site_hosts is not None
        if stored:
            entry = _SiteEntry({}, "Refreshed", "AccessRefresh")
        else:
            entry = _SiteEntry({}, "MissingDatabase", "SharedCacheUnavailable")
        self._sites[site] = entry
        self._hydrations.append(
            Hydration(
                site=site,
                provider=entry.provider,
                reason=entry.reason,
                status="Hydrated" if stored else "Missing",
                duration_ms=0.0,
                query_ms=0.0,
                hosts=handed.site_hosts or 0 if handed else 0,
                rows=0,
            )
        )
        return entry
