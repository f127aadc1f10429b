"""Copy every site of one store into another (``statetrace store migrate``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from statetrace.progress import ProgressCounter, ProgressListener
from statetrace.store.base import SiteCounts, Store, StoreError


@dataclass(frozen=True, slots=True)
class CopiedSite:
    """One site copied, with the rows it holds now in the target."""

    site: str
    counts: SiteCounts


def copy_store(
    source: Store,
    target: Store,
    *,
    force: bool = False,
    on_site: Callable[[CopiedSite], None] | None = None,
    on_progress: ProgressListener | None = None,
) -> list[CopiedSite]:
    """Copy inventory, change history, ingest history and runs of every site.

    A target that holds any site is refused unless ``force``: then its content
    is replaced entirely.  Each site is copied in one transaction of the target.
    """
    if source.location == target.location:
        raise StoreError(f"{source.url.display}: source and target are the same store")
    existing = target.sites()
    if existing and not force:
        raise StoreError(
            f"{target.url.display}: target is not empty ({len(existing)} sites:"
            f" {', '.join(existing[:5])}{'…' if len(existing) > 5 else ''}); use --force to"
            " replace its content"
        )
    if existing:
        target.drop()
    copied = []
    sites = source.sites()
    progress = ProgressCounter("migrate", len(sites), on_progress, unit="sites")
    for site in sites:
        reader = source.open_site(site)
        try:
            dump = reader.dump()
        finally:
            reader.close()
        writer = target.open_site(site, create=True)
        try:
            writer.restore(dump)
            done = CopiedSite(site, writer.counts())
        finally:
            writer.close()
        copied.append(done)
        if on_site is not None:
            on_site(done)
        progress.advance()
    return copied
