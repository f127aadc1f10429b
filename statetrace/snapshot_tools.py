"""Snapshot tools: build one from the stores, describe one, check one against minimums."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statetrace.engine.known_state import KnownState
from statetrace.snapshot import Snapshot, load_snapshot
from statetrace.store.base import Store, StoreError


def warmup(store: Store, folder: Path) -> Path:
    """Write a snapshot of every site of ``store`` (one query per site).

    Raises StoreError when the store holds no site: a snapshot of nothing helps no run.
    """
    sites = set(store.sites())
    if not sites:
        raise StoreError(f"{store.url.display}: no site stored, nothing to snapshot")
    known = KnownState.load(store, None, sites)
    try:
        return known.write_snapshot(folder)
    finally:
        known.close()


def describe(snapshot: Snapshot, *, list_hosts: bool = False) -> dict[str, Any]:
    """Sites, hosts, rows, age and the store generation each site was taken from."""
    created = datetime.fromisoformat(snapshot.created_at)
    sites = []
    for name, entry in sorted(snapshot.sites.items()):
        site: dict[str, object] = {
            "Site": name,
            "Hosts": len(entry.hosts),
            "TotalRows": entry.total_rows,
            "StoreId": entry.store.store_id,
            "Generation": entry.store.generation,
            "Location": entry.store.location,
        }
        if list_hosts:
            site["HostNames"] = sorted(entry.hosts)
        sites.append(site)
    return {
        "DataDir": snapshot.data_dir,
        "CreatedAt": snapshot.created_at,
        "AgeSeconds": round((datetime.now(UTC) - created).total_seconds(), 1),
        "SiteCount": len(sites),
        "HostCount": sum(len(entry.hosts) for entry in snapshot.sites.values()),
        "RowCount": sum(entry.total_rows for entry in snapshot.sites.values()),
        "Sites": sites,
    }


@dataclass(frozen=True)
class SnapshotMinimums:
    """What a usable snapshot must at least hold."""

    sites: int = 1
    hosts: int = 1
    rows: int = 1
    required_sites: tuple[str, ...] = ()


def check(snapshot: Snapshot, minimums: SnapshotMinimums) -> list[str]:
    """Every way ``snapshot`` falls short of ``minimums`` (empty when it is fine)."""
    facts = describe(snapshot)
    problems = []
    for label, found, wanted in (
        ("sites", facts["SiteCount"], minimums.sites),
        ("hosts", facts["HostCount"], minimums.hosts),
        ("rows", facts["RowCount"], minimums.rows),
    ):
        if int(found) < wanted:
            problems.append(f"{found} {label}, at least {wanted} required")
    present = {name.upper() for name in snapshot.sites}
    missing = [site for site in minimums.required_sites if site.upper() not in present]
    if missing:
        problems.append(f"required sites missing: {', '.join(missing)}")
    return problems


def open_snapshot(path: Path, store: Store) -> Snapshot:
    """Load a snapshot of ``store`` for inspection (raises SnapshotError with the reason)."""
    return load_snapshot(path, store.location)
