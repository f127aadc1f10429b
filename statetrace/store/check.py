"""``statetrace store check``: is every site of a store sound?"""

from __future__ import annotations

from dataclasses import dataclass, field

from statetrace.store.base import SiteCounts, Store, StoreError


@dataclass(frozen=True, slots=True)
class SiteCheck:
    """One site: its row counts and every problem found."""

    site: str
    counts: SiteCounts | None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def check_store(store: Store) -> list[SiteCheck]:
    """Open every site (which checks and migrates its schema) and look for problems.

    A site that cannot be opened at all is reported with the reason, not raised.
    """
    results = []
    for site in store.sites():
        try:
            site_store = store.open_site(site)
        except StoreError as error:
            results.append(SiteCheck(site, None, [str(error)]))
            continue
        try:
            results.append(SiteCheck(site, site_store.counts(), site_store.problems()))
        except StoreError as error:
            results.append(SiteCheck(site, None, [str(error)]))
        finally:
            site_store.close()
    return results
