"""``statetrace store check``: is every site of a store sound?"""

from __future__ import annotations

from dataclasses import dataclass, field

from statetrace.store.base import Repair, SiteCounts, Store, StoreError


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
            problems = site_store.problems()
            counts = None if problems else site_store.counts()
            results.append(SiteCheck(site, counts, problems))
        except StoreError as error:
            results.append(SiteCheck(site, None, [str(error)]))
        finally:
            site_store.close()
    return results


def repair_store(store: Store) -> dict[str, Repair]:
    """Repair every site whose check finds problems; what was done, per site."""
    repairs = {}
    for result in check_store(store):
        if result.ok:
            continue
        try:
            site_store = store.open_site(result.site)
        except StoreError as error:
            repairs[result.site] = Repair(
                [f"{error}: cannot be repaired in place; rebuild it with --rebuild-site"]
            )
            continue
        try:
            repairs[result.site] = site_store.repair()
        finally:
            site_store.close()
    return repairs
