"""Reading the inventory back: a host's interfaces or spanning tree, or a site's devices."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from statetrace.sites import DEFAULT_RULES, SiteRules, site_of
from statetrace.store.base import DeviceInfo, SiteStore, Store, StoredInterface, StoredSpanningTree

T = TypeVar("T")


def host_interfaces(
    store: Store, hostname: str, rules: SiteRules = DEFAULT_RULES
) -> list[StoredInterface] | None:
    """The stored interfaces of ``hostname``, or ``None`` if the host is unknown."""
    return _of_host(store, hostname, rules, lambda site: site.interfaces(hostname))


def host_spanning_tree(
    store: Store, hostname: str, rules: SiteRules = DEFAULT_RULES
) -> list[StoredSpanningTree] | None:
    """The stored spanning-tree instances of ``hostname``, or ``None`` if the host is unknown."""
    return _of_host(store, hostname, rules, lambda site: site.spanning_tree(hostname))


def _of_host(
    store: Store, hostname: str, rules: SiteRules, read: Callable[[SiteStore], list[T]]
) -> list[T] | None:
    site = site_of(hostname, rules)
    if site not in store.sites():
        return None
    site_store = store.open_site(site)
    try:
        if not any(device.hostname == hostname for device in site_store.devices()):
            return None
        return read(site_store)
    finally:
        site_store.close()


def site_devices(store: Store, site: str) -> list[DeviceInfo] | None:
    """The devices stored for ``site``, or ``None`` if there is no such site."""
    site = site.upper()
    if site not in store.sites():
        return None
    site_store = store.open_site(site)
    try:
        return site_store.devices()
    finally:
        site_store.close()
