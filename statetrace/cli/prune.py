"""``statetrace prune``: remove change history older than a duration (never current rows)."""

from __future__ import annotations

import argparse
import json

from statetrace.cli.history_options import add_history_options, open_history_store, sites_from
from statetrace.history import parse_duration, prune
from statetrace.tables import format_table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "prune",
        description="Delete change history rows older than --keep, one transaction per site;"
        " current ports, devices and runs are kept.",
    )
    parser.add_argument(
        "--keep", required=True, metavar="DURATION", help="history to keep: 90d, 2w, 12h, 30m"
    )
    add_history_options(parser, site_help="only this site")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    keep = parse_duration(args.keep)
    store = open_history_store(args)
    try:
        removed = prune(store, keep, sites_from(store, args.site))
    finally:
        store.close()
    if args.json:
        print(json.dumps(removed, indent=2))
    else:
        rows = [{"site": site, "history_rows_removed": count} for site, count in removed.items()]
        print(format_table(rows, ("site", "history_rows_removed")))
    return 0
