"""``statetrace diff``: what differs for a host or a site between two moments."""

from __future__ import annotations

import argparse
import json

from statetrace.cli.changes import WHEN_HELP
from statetrace.cli.common import add_store_options, site_rules_from
from statetrace.cli.history_options import open_history_store
from statetrace.history import all_runs, diff_host, diff_site, resolve_when
from statetrace.sites import site_of
from statetrace.store import Store, StoreError
from statetrace.tables import LOOKUP, format_table, terminal_width

TABLE_COLUMNS = ("hostname", "port", "change", "field", "before", "after")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff",
        description="Ports added, removed or changed (field: before -> after) between two"
        " moments; NAME is a hostname or, when no host has that name, a site.",
    )
    parser.add_argument("name", metavar="HOST|SITE")
    parser.add_argument("--from", dest="start", required=True, metavar="WHEN", help=WHEN_HELP)
    parser.add_argument("--to", dest="end", metavar="WHEN", help="default: now")
    add_store_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--wide", action="store_true", help="full cells (default on a terminal: fit its width)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    store = open_history_store(args)
    try:
        site, is_site = _site_of_name(store, args)
        runs = all_runs(store, [site])
        start = resolve_when(args.start, runs)
        end = resolve_when(args.end, runs) if args.end else None
        site_store = store.open_site(site)
        try:
            found = (
                diff_site(site_store, start, end)
                if is_site
                else diff_host(site_store, args.name, start, end)
            )
        finally:
            site_store.close()
    finally:
        store.close()
    if args.json:
        print(json.dumps([item.to_dict() for item in found], indent=2))
        return 0
    rows = [
        {
            "hostname": d.hostname,
            "port": d.port,
            "change": d.change,
            "field": f,
            "before": b,
            "after": a,
        }
        for d in found
        for f, b, a in d.fields
        if d.change == "changed" or f == "port"
    ]
    print(
        format_table(rows, TABLE_COLUMNS, max_width=terminal_width(args.wide), whole=LOOKUP)
        if rows
        else "(no differences)"
    )
    return 0


def _site_of_name(store: Store, args: argparse.Namespace) -> tuple[str, bool]:
    """The site ``args.name`` belongs to, and whether it names the site (no such host)."""
    sites = store.sites()
    site = site_of(args.name, site_rules_from(args))
    if site in sites:
        site_store = store.open_site(site)
        try:
            if any(device.hostname == args.name for device in site_store.devices()):
                return site, False
        finally:
            site_store.close()
    if args.name.upper() in sites:
        return args.name.upper(), True
    raise StoreError(f"no host or site named {args.name!r} in {store.url.display}")
