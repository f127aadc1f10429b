"""The coordinator's view of every site: host history and port signatures.

Filled from the shared snapshot where it is valid, else from each site's store
(one query per site), and updated after every committed host transaction.  It
decides which hosts are unchanged and becomes the next snapshot at run end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from statetrace.snapshot import (
    SiteSnapshot,
    Snapshot,
    SnapshotError,
    load_snapshot,
    new_snapshot,
    stale_sites,
)
from statetrace.store.base import HostState, StoreIdentity
from statetrace.store.sqlite import list_sites, open_site_store


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
class KnownState:
    """Per-site host states plus where each site's state came from."""

    data_dir: Path
    sites: dict[str, SiteSnapshot] = field(default_factory=dict)
    from_snapshot: set[str] = field(default_factory=set)
    rejections: list[Rejection] = field(default_factory=list)
    #: Running row totals of the sites committed to (summing ports per host is O(hosts)).
    _rows: dict[str, int] = field(default_factory=dict)
    store_reads: int = 0
    #: The imported snapshot file, while the state still equals it.
    unchanged_snapshot: Path | None = None

    @classmethod
    def load(cls, data_dir: Path, snapshot_path: Path | None, sites: set[str]) -> KnownState:
        """State of ``sites``: from the snapshot where valid, else from the stores."""
        known = cls(data_dir)
        if snapshot_path is not None:
            known._adopt_snapshot(snapshot_path)
        stored = set(list_sites(data_dir))
        for site in sorted((sites & stored) - known.from_snapshot):
            known._load_from_store(site)
        if snapshot_path is not None and not known.rejections and not known.store_reads:
            known.unchanged_snapshot = snapshot_path
        return known

    def _adopt_snapshot(self, path: Path) -> None:
        try:
            snapshot = load_snapshot(path, self.data_dir)
        except SnapshotError as error:
            self.rejections.append(Rejection("", error.reason, error.detail))
            return
        identities = self._identities(set(snapshot.sites))
        stale = stale_sites(snapshot, identities)
        for site, entry in snapshot.sites.items():
            if site in stale:
                self.rejections.append(Rejection(site, "Stale", stale[site]))
            else:
                self.sites[site] = entry
                self.from_snapshot.add(site)

    def _identities(self, sites: set[str]) -> dict[str, StoreIdentity]:
        stored = set(list_sites(self.data_dir))
        identities = {}
        for site in sorted(sites & stored):
            store = open_site_store(self.data_dir, site, create=False)
            try:
                identities[site] = store.identity()
            finally:
                store.close()
        return identities

    def _load_from_store(self, site: str) -> None:
        store = open_site_store(self.data_dir, site, create=False)
        try:
            self.sites[site] = SiteSnapshot(store.identity(), store.load_site_state())
        finally:
            store.close()
        self.store_reads += 1

    def host(self, site: str, hostname: str) -> HostState | None:
        """What is known of a host, if anything."""
        entry = self.sites.get(site)
        return entry.hosts.get(hostname) if entry else None

    def trusted_snapshot_sites(self) -> frozenset[str]:
        """Sites whose snapshot entry workers may use instead of their store."""
        return frozenset(self.from_snapshot)

    def committed(self, site: str, state: HostState, identity: StoreIdentity) -> SiteTotals:
        """Record a committed host; returns the site's totals afterwards and the deltas."""
        self.unchanged_snapshot = None
        entry = self.sites.setdefault(site, SiteSnapshot(identity))
        rows = self._rows.get(site)
        if rows is None:
            rows = entry.total_rows
        previous = entry.hosts.get(state.hostname)
        entry.hosts[state.hostname] = state
        entry.store = identity
        row_delta = len(state.ports) - (len(previous.ports) if previous else 0)
        self._rows[site] = rows + row_delta
        return SiteTotals(len(entry.hosts), rows + row_delta, 0 if previous else 1, row_delta)

    def parsed_unchanged(self, site: str, state: HostState) -> None:
        """Remember the new capture hash of a host whose stored rows did not change.

        Nothing is written to the store, so its generation stays valid; the next
        snapshot lets the next run skip this capture instead of parsing it again.
        """
        entry = self.sites.get(site)
        if entry is not None and state.hostname in entry.hosts:
            self.unchanged_snapshot = None
            entry.hosts[state.hostname] = state

    def forget(self, site: str) -> None:
        """Drop a site whose state is no longer known to match its store."""
        self.unchanged_snapshot = None
        self.sites.pop(site, None)
        self._rows.pop(site, None)
        self.from_snapshot.discard(site)

    def to_snapshot(self) -> Snapshot:
        """The next snapshot: every site whose state matches its store."""
        snapshot = new_snapshot(self.data_dir)
        snapshot.sites = dict(sorted(self.sites.items()))
        return snapshot
