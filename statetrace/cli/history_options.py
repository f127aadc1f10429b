"""What the history commands (``changes``, ``diff``, ``find``, ``export``, ``prune``) share:
the store options, ``--site``, and opening the store."""

from __future__ import annotations

import argparse

from statetrace.cli.common import add_location_options, existing_store, settings_from
from statetrace.store import Store, StoreError, open_store


def add_history_options(parser: argparse.ArgumentParser, *, site_help: str) -> None:
    """``--store``/``--data`` and ``--site``."""
    add_location_options(parser, logs=False)
    parser.add_argument("--site", metavar="S", help=site_help)


def open_history_store(args: argparse.Namespace) -> Store:
    """The store the options name (a usage error when a SQLite folder is missing)."""
    settings = settings_from(args)
    existing_store(settings)
    return open_store(settings.store_url)


def sites_from(store: Store, site: str | None) -> list[str]:
    """``site`` (upper-cased) if the store has it, else every site; StoreError if not."""
    sites = store.sites()
    if site is None:
        return sites
    if site.upper() not in sites:
        raise StoreError(f"no site {site.upper()} in {store.url.display}")
    return [site.upper()]
