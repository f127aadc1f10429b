"""Reading the inventory back: a host's interfaces or a site's devices."""

from __future__ import annotations

from pathlib import Path

from statetrace.sites import DEFAULT_RULES, SiteRules, site_of
from statetrace.store.base import DeviceInfo, StoredInterface
from statetrace.store.sqlite import list_sites, open_site_store


def host_interfaces(
    data_dir: Path, hostname: str, rules: SiteRules = DEFAULT_RULES
) -> list[StoredInterface] | None:
    """The stored interfaces of ``hostname``, or ``None`` if the host is unknown."""
    site = site_of(hostname, rules)
    if site not in list_sites(data_dir):
        return None
    store = open_site_store(data_dir, site, create=False)
    try:
        if not any(device.hostname == hostname for device in store.devices()):
            return None
        return store.interfaces(hostname)
    finally:
        store.close()


def site_devices(data_dir: Path, site: str) -> list[DeviceInfo] | None:
    """The devices stored for ``site``, or ``None`` if there is no such site."""
    site = site.upper()
    if site not in list_sites(data_dir):
        return None
    store = open_site_store(data_dir, site, create=False)
    try:
        return store.devices()
    finally:
        store.close()
