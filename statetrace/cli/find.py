"""``statetrace find``: where a MAC address is learned (any notation, or a prefix), or
which ports' descriptions or configs hold a text."""

from __future__ import annotations

import argparse
import json

from statetrace.cli.history_options import add_history_options, open_history_store, sites_from
from statetrace.history import find, mac_query
from statetrace.tables import LOOKUP, format_table, terminal_width, to_the_second

COLUMNS = (
    "site", "hostname", "port", "vlan", "description", "mac", "current", "first_seen", "last_seen",
)  # fmt: skip


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "find",
        description="A MAC (aabb.ccdd.eeff, aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF, aabbccddeeff,"
        " or a prefix such as an OUI aa:bb:cc) is looked up in the learned and"
        " authenticated MACs of every port; anything else is searched in port"
        " descriptions and interface configs (ignoring case).",
    )
    parser.add_argument("query", metavar="MAC|TEXT")
    parser.add_argument(
        "--history", action="store_true", help="also the ports a MAC was seen on before"
    )
    add_history_options(parser, site_help="only this site")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--wide", action="store_true", help="full cells (default on a terminal: fit its width)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the sightings; 1 when there is none."""
    query = mac_query(args.query)
    store = open_history_store(args)
    try:
        found = find(store, query, sites_from(store, args.site), history=args.history)
    finally:
        store.close()
    rows = [sighting.to_dict() for sighting in found]
    if args.json:
        print(json.dumps(rows, indent=2))
    elif rows:
        times = ("first_seen", "last_seen")
        shown = [row | {name: to_the_second(row[name]) for name in times} for row in rows]
        print(format_table(shown, COLUMNS, max_width=terminal_width(args.wide), whole=LOOKUP))
    else:
        print(f"{args.query}: not found")
    return 0 if rows else 1
