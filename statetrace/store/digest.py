"""Content digests of an inventory: equal digests mean equal inventories, on any backend.

A site's digest hashes its devices, interfaces and spanning-tree instances in a
canonical form: hosts sorted, ports and instances in natural order, and only the
fields ``statetrace show`` prints (a site without spanning-tree rows digests as it
did before they existed).
Row ids, insertion order, run ids and times do not enter it, so a store and its
migrated copy (or the same captures ingested into two backends) digest equal.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

import orjson

from statetrace.model import InterfaceRecord
from statetrace.store.base import (
    DeviceInfo,
    SiteStore,
    Store,
    StoredInterface,
    StoredSpanningTree,
)

#: The device fields the digest covers (``show SITE``'s columns).
DEVICE_FIELDS = ("hostname", "platform", "model", "version", "serial", "uptime")
#: The interface fields the digest covers (every stored content field, plus the VLAN number).
INTERFACE_FIELDS = (*InterfaceRecord._fields, "vlan_id")


@dataclass(frozen=True, slots=True)
class SiteDigest:
    """One site: its content digest and row counts."""

    site: str
    digest: str
    devices: int
    interfaces: int
    changes: int

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return asdict(self)


def site_digest(store: SiteStore) -> SiteDigest:
    """Digest and counts of one site."""
    hasher = hashlib.sha256()
    devices = store.devices()
    for device in devices:
        hasher.update(_device_line(device))
        for interface in store.interfaces(device.hostname):
            hasher.update(_interface_line(interface))
    for instance in store.spanning_tree():
        hasher.update(_spanning_tree_line(instance))
    counts = store.counts()
    return SiteDigest(
        store.site, hasher.hexdigest(), counts.devices, counts.interfaces, counts.changes
    )


def store_digest(store: Store) -> list[SiteDigest]:
    """Every site's digest, sorted by site."""
    digests = []
    for site in store.sites():
        site_store = store.open_site(site)
        try:
            digests.append(site_digest(site_store))
        finally:
            site_store.close()
    return digests


def _device_line(device: DeviceInfo) -> bytes:
    return orjson.dumps(["device", *(getattr(device, name) for name in DEVICE_FIELDS)]) + b"\n"


def _interface_line(row: StoredInterface) -> bytes:
    values = [
        ",".join(row.learned_macs) if name == "learned_macs" else getattr(row, name)
        for name in INTERFACE_FIELDS
    ]
    return orjson.dumps(["port", row.hostname, row.port_key, *values]) + b"\n"


def _spanning_tree_line(row: StoredSpanningTree) -> bytes:
    values = (row.vlan, row.root_switch, row.root_port, row.role, row.upstream)
    return orjson.dumps(["spanning-tree", row.hostname, *values]) + b"\n"
