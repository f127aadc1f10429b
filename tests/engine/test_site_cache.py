"""The workers' site cache: where a host's previous state comes from (never a store)."""

from statetrace.engine.site_cache import HandedState, SiteCache
from statetrace.store.base import HostState

STATE = HostState("A-1", "h", 2, {"GigabitEthernet1/0/1": "sig"})


def test_a_site_the_coordinator_read_is_reported_refreshed_once_then_cached():
    cache = SiteCache()
    handed = HandedState(STATE, site_hosts=1)
    first = cache.existing("A", "A-1", handed)
    again = cache.existing("A", "A-1", handed)
    assert (first.provider, first.source, list(first.ports)) == (
        "Refreshed",
        "DatabaseQuery",
        ["GigabitEthernet1/0/1"],
    )
    assert (again.provider, again.source) == ("Cache", "SiteExistingCache")
    assert cache.state("A", "A-1", handed) is STATE
    assert [h.status for h in cache.take_hydrations()] == ["Hydrated"]


def test_a_site_without_a_store_at_run_start_is_empty():
    """Rows the run writes to a new site belong to hosts it already parsed."""
    cache = SiteCache()
    existing = cache.existing("A", "A-1", HandedState(None, site_hosts=None))
    assert (existing.provider, existing.ports, existing.from_cache) == ("MissingDatabase", {}, True)
    assert [h.status for h in cache.take_hydrations()] == ["Missing"]


def test_a_snapshot_site_is_served_from_the_snapshot_and_updated_after_a_write():
    cache = SiteCache({"A": {"A-1": STATE}})
    existing = cache.existing("A", "A-1", None)
    assert (existing.provider, existing.fetch_status, existing.site_hosts) == (
        "SharedCache",
        "Hit",
        1,
    )
    newer = HostState("A-1", "h2", 2, {})
    cache.remember("A", newer)
    assert cache.state("A", "A-1", None) is newer
