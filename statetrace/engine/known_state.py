"""The coordinator's view of every site: host history and port signatures.

Filled from the shared snapshot where it is valid, else from each site's store
(one query per site).  It decides which hosts are unchanged and becomes the
next snapshot at run end.  What the run commits is not kept in memory: each
host's new state is appended to a temporary spool file, and the next snapshot
is streamed from the loaded states it did not replace plus that spool, so the
coordinator's memory does not grow with the number of hosts it writes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, NamedTuple

from statetrace.engine.site_cache import HandedState
from statetrace.snapshot import (
    SiteSnapshot,
    SiteSummary,
    SnapshotError,
    host_line,
    line_prefix,
    load_snapshot,
    stale_sites,
    write_snapshot,
)
from statetrace.store.base import HostState, Store, StoreError, StoreIdentity


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a snapshot (``site`` empty) or one site of it was not used."""

    site: str
    reason: str
    detail: str


class SiteTotals(NamedTuple):
    """A site's hosts and rows after a commit, and what the commit changed."""

    hosts: int
    rows: int
    host_delta: int
    row_delta: int


@dataclass(slots=True)
class _SiteRun:
    """What this run recorded for one site: its store identity, hosts and rows now."""

    store: StoreIdentity
    hosts: int
    rows: int
    #: Port count of every host recorded this run (its state itself is in the spool).
    recorded: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class KnownState:
    """Per-site host states as loaded at run start, plus what the run recorded since."""

    store: Store
    #: Sites as loaded at run start (from the snapshot or the store); not updated.
    sites: dict[str, SiteSnapshot] = field(default_factory=dict)
    from_snapshot: set[str] = field(default_factory=set)
    rejections: list[Rejection] = field(default_factory=list)
    store_reads: int = 0
    #: Sites that had a store when the state was loaded.
    stored_sites: frozenset[str] = frozenset()
    #: The imported snapshot file, while the state still equals it.
    unchanged_snapshot: Path | None = None
    #: Sites this run must not write, with why and how to recover (damaged, vanished or
    #: re-created stores the snapshot knew with data).
    broken: dict[str, str] = field(default_factory=dict)
    #: Sites whose store lost rows the snapshot knew (deleted outside StateTrace): read
    #: from the store and every host parsed in full, so its captures restore the rows.
    diverged: set[str] = field(default_factory=set)
    #: Sites the user asked to rebuild from today's captures (``--rebuild-site``).
    rebuild: frozenset[str] = frozenset()
    _runs: dict[str, _SiteRun] = field(default_factory=dict)
    _forgotten: set[str] = field(default_factory=set)
    _spool: IO[bytes] | None = None

    @classmethod
    def load(
        cls,
        store: Store,
        snapshot_path: Path | None,
        sites: set[str],
        rebuild: frozenset[str] = frozenset(),
    ) -> KnownState:
        """State of ``sites``: from the snapshot where valid, else from the store.

        A site whose store cannot be read, or that the snapshot knew with data while
        its store is now missing or re-created, lands in :attr:`broken` (unless listed
        in ``rebuild``); a site whose store holds fewer rows than the snapshot knew is
        read from the store and lands in :attr:`diverged`.
        """
        known = cls(store, stored_sites=frozenset(store.sites()), rebuild=rebuild)
        if snapshot_path is not None:
            known._adopt_snapshot(snapshot_path, sites)
        for site in sorted(
            (sites & known.stored_sites) - known.from_snapshot - known.broken.keys()
        ):
            known._load_from_store(site)
        if snapshot_path is not None and not known.rejections and not known.store_reads:
            known.unchanged_snapshot = snapshot_path
        return known

    def _adopt_snapshot(self, path: Path, sites: set[str]) -> None:
        try:
            snapshot = load_snapshot(path, self.store.location)
        except SnapshotError as error:
            self.rejections.append(Rejection("", error.reason, error.detail))
            return
        facts = self._facts(set(snapshot.sites))
        identities = {site: identity for site, (identity, _) in facts.items()}
        stale = stale_sites(snapshot, identities)
        for site, entry in snapshot.sites.items():
            if site in self.broken:
                continue
            refusal = self._refusal(site, entry, identities.get(site), snapshot.created_at)
            if refusal and site in sites:
                self.broken[site] = refusal
                self.rejections.append(Rejection(site, "Refused", refusal))
            elif site in stale:
                self.rejections.append(Rejection(site, "Stale", stale[site]))
            elif facts[site][1] < entry.total_rows:
                detail = f"the store holds {facts[site][1]} rows, the snapshot {entry.total_rows}"
                self.diverged.add(site)
                self.rejections.append(Rejection(site, "Diverged", detail))
            else:
                self.sites[site] = entry
                self.from_snapshot.add(site)

    def _refusal(
        self, site: str, entry: SiteSnapshot, now: StoreIdentity | None, taken: str
    ) -> str:
        """Why writing ``site`` would silently lose data the snapshot knew (empty: it would not)."""
        if site in self.rebuild or not entry.hosts:
            return ""
        known = f"the snapshot of {taken} knew {len(entry.hosts)} hosts, {entry.total_rows} rows"
        if now is None:
            problem = "its store is missing"
        elif now.store_id != entry.store.store_id:
            problem = f"its store was re-created (store id {now.store_id})"
        else:
            return ""
        return (
            f"site {site}: {problem}, but {known}; restore the store from a backup, or"
            f" rebuild it from today's captures with --rebuild-site {site}"
        )

    def _facts(self, sites: set[str]) -> dict[str, tuple[StoreIdentity, int]]:
        """Identity and interface row count of every stored site among ``sites``."""
        facts = {}
        for site in sorted(sites & self.stored_sites):
            try:
                store = self.store.open_site(site)
                try:
                    facts[site] = (store.identity(), store.counts().interfaces)
                finally:
                    store.close()
            except StoreError as error:
                self._damaged(site, error)
        return facts

    def _load_from_store(self, site: str) -> None:
        try:
            store = self.store.open_site(site)
            try:
                self.sites[site] = SiteSnapshot(store.identity(), store.load_site_state())
            finally:
                store.close()
        except StoreError as error:
            self._damaged(site, error)
            return
        self.store_reads += 1

    def _damaged(self, site: str, error: StoreError) -> None:
        if site in self.rebuild:
            moved = self.store.discard_site(site)
            self.rejections.append(Rejection(site, "Rebuilt", f"{error}; {moved}"))
            self.stored_sites = self.stored_sites - {site}
            return
        self.broken[site] = (
            f"site {site}: {error}; restore the store from a backup, or rebuild it from"
            f" today's captures with --rebuild-site {site}"
        )
        self.rejections.append(Rejection(site, "Damaged", str(error)))

    def handed(self, site: str, hostname: str) -> HandedState | None:
        """What a worker needs of a host whose site is outside the trusted snapshot.

        In a diverged site the content hash is withheld, so the host is parsed and
        diffed in full against what the store still holds.
        """
        if site in self.from_snapshot:
            return None
        entry = self.sites.get(site)
        if entry is None:
            return HandedState(None, None)
        previous = entry.hosts.get(hostname)
        if previous is not None and site in self.diverged:
            previous = replace(previous, slice_hash="", content_hash="")
        return HandedState(previous, len(entry.hosts))

    def host(self, site: str, hostname: str) -> HostState | None:
        """What was known of a host when the run started, if anything."""
        entry = self.sites.get(site)
        return entry.hosts.get(hostname) if entry else None

    def trusted_snapshot_sites(self) -> frozenset[str]:
        """Sites whose snapshot entry workers may use instead of their store."""
        return frozenset(self.from_snapshot)

    def committed(self, site: str, state: HostState, identity: StoreIdentity) -> SiteTotals:
        """Record a committed host; returns the site's totals afterwards and the deltas."""
        run = self._site_run(site, identity)
        run.store = identity
        previous = self._port_count(site, state.hostname)
        row_delta = len(state.ports) - (previous or 0)
        run.hosts += previous is None
        run.rows += row_delta
        self._record(site, state)
        return SiteTotals(run.hosts, run.rows, int(previous is None), row_delta)

    def parsed_unchanged(self, site: str, state: HostState) -> None:
        """Remember the new capture hash of a host whose stored rows did not change.

        Nothing is written to the store, so its generation stays valid; the next
        snapshot lets the next run skip this capture instead of parsing it again.
        """
        entry = self.sites.get(site)
        if entry is not None and site not in self._forgotten and state.hostname in entry.hosts:
            self._site_run(site, entry.store)
            self._record(site, state)

    def forget(self, site: str) -> None:
        """Drop a site whose state is no longer known to match its store."""
        self.unchanged_snapshot = None
        self._forgotten.add(site)
        self.sites.pop(site, None)
        self._runs.pop(site, None)
        self.from_snapshot.discard(site)

    def write_snapshot(self, folder: Path) -> Path:
        """Write the next snapshot: every site whose state matches its store."""
        names = sorted((self.sites.keys() | self._runs.keys()) - self._forgotten)
        return write_snapshot(
            self.store.location,
            datetime.now(UTC).isoformat(),
            [self._summary(site) for site in names],
            self._lines(names),
            folder,
        )

    def close(self) -> None:
        """Delete the spool of recorded states."""
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def _site_run(self, site: str, identity: StoreIdentity) -> _SiteRun:
        run = self._runs.get(site)
        if run is None:
            entry = self.sites.get(site)
            hosts, rows = (len(entry.hosts), entry.total_rows) if entry else (0, 0)
            run = self._runs[site] = _SiteRun(identity, hosts, rows)
        return run

    def _port_count(self, site: str, hostname: str) -> int | None:
        recorded = self._runs[site].recorded.get(hostname)
        if recorded is not None:
            return recorded
        previous = self.host(site, hostname)
        return len(previous.ports) if previous else None

    def _record(self, site: str, state: HostState) -> None:
        self.unchanged_snapshot = None
        self._runs[site].recorded[state.hostname] = len(state.ports)
        if self._spool is None:
            self._spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by close())
        self._spool.write(host_line(site, state))

    def _summary(self, site: str) -> SiteSummary:
        run = self._runs.get(site)
        if run is not None:
            return SiteSummary(site, run.store, run.hosts, run.rows)
        entry = self.sites[site]
        return SiteSummary(site, entry.store, len(entry.hosts), entry.total_rows)

    def _lines(self, sites: list[str]) -> Iterator[bytes]:
        """Loaded states the run did not replace, then the recorded ones."""
        for site in sites:
            entry = self.sites.get(site)
            recorded = self._runs[site].recorded if site in self._runs else {}
            for host, state in entry.hosts.items() if entry else ():
                if host not in recorded:
                    yield host_line(site, state)
        if self._spool is None:
            return
        self._spool.flush()
        self._spool.seek(0)
        skipped = tuple(line_prefix(site) for site in self._forgotten)
        for line in self._spool:
            if not skipped or not line.startswith(skipped):
                yield line
