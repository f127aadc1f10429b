"""The workers' site cache: which sites it reads from their store, and when."""

from pathlib import Path

from statetrace.engine.site_cache import SiteCache
from statetrace.model import InterfaceRecord
from statetrace.store.base import DeviceInfo, HostChange, RunRecord
from statetrace.store.sqlite import open_site_store


def _store_with_one_host(data_dir: Path) -> None:
    device = DeviceInfo("A-1", "A", "cisco_ios")
    change = HostChange(device, "h", 1, "f.log", "1-2", 2, upserts=[InterfaceRecord("Gi1/0/1")])
    with open_site_store(data_dir, "A") as store:
        store.apply(change, RunRecord("r1", "2026-01-01T00:00:00+00:00", 2))


def test_a_site_with_a_store_at_run_start_is_read_once(tmp_path: Path):
    _store_with_one_host(tmp_path)
    cache = SiteCache(tmp_path, stored_sites=frozenset({"A"}))
    first = cache.existing("A", "A-1")
    again = cache.existing("A", "A-1")
    assert (first.provider, first.source, list(first.ports)) == (
        "Refreshed",
        "DatabaseQuery",
        ["GigabitEthernet1/0/1"],
    )
    assert (again.provider, again.source) == ("Cache", "SiteExistingCache")


def test_a_site_created_during_the_run_is_never_read(tmp_path: Path):
    """Rows the run wrote to a new site belong to hosts it already parsed: no query."""
    _store_with_one_host(tmp_path)  # written by this run's coordinator, say
    cache = SiteCache(tmp_path, stored_sites=frozenset())
    existing = cache.existing("A", "A-1")
    assert (existing.provider, existing.ports, existing.from_cache) == ("MissingDatabase", {}, True)
    assert [h.status for h in cache.take_hydrations()] == ["Missing"]
