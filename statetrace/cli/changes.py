"""``statetrace changes``: every port inserted, changed or deleted in a time window."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from statetrace.cli.history_options import add_history_options, open_history_store, sites_from
from statetrace.history import Window, all_runs, list_changes, resolve_when
from statetrace.history.when import previous_run_window
from statetrace.tables import LOOKUP, format_table, terminal_width, to_the_second

TABLE_COLUMNS = ("at", "run_id", "port", "change", "field", "old_value", "new_value")
WHEN_HELP = "ISO date or time (UTC unless an offset is given), a run id, today, yesterday, 7d, 12h"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "changes",
        description="Ports inserted, changed (field, old -> new) or deleted, newest first."
        " Default window: since the previous run.",
    )
    parser.add_argument("--since", metavar="WHEN", help=f"after this moment ({WHEN_HELP})")
    parser.add_argument("--until", metavar="WHEN", help="up to and including this moment")
    add_history_options(parser, site_help="only this site")
    parser.add_argument("--host", metavar="H", help="only this host")
    parser.add_argument("--port", metavar="P", help="only this port (any spelling)")
    parser.add_argument("--field", metavar="F", help="only updates of this field (e.g. vlan)")
    parser.add_argument(
        "--wide", action="store_true", help="full cells (default on a terminal: fit its width)"
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--csv", action="store_true", help="print CSV")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    store = open_history_store(args)
    try:
        sites = sites_from(store, args.site)
        runs = all_runs(store, sites)
        if args.since is None and args.until is None:
            window = previous_run_window(runs)
        else:
            since = resolve_when(args.since, runs) if args.since else None
            window = Window(since, resolve_when(args.until, runs) if args.until else None)
        found = list_changes(
            store, window, sites, hostname=args.host, port=args.port, field=args.field
        )
    finally:
        store.close()
    rows = [change.to_dict() for change in found]
    if args.json:
        print(json.dumps(rows, indent=2))
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["site"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        print(_tables(rows, terminal_width(args.wide)))
    return 0


def _tables(rows: list[dict[str, object]], width: int | None) -> str:
    """One table per host under a ``HOST (SITE)`` line; hosts by their newest change."""
    if not rows:
        return "(no changes)"
    hosts: dict[tuple[object, object], list[dict[str, object]]] = {}
    for row in rows:
        shown = row | {"at": to_the_second(row["at"])}
        hosts.setdefault((row["hostname"], row["site"]), []).append(shown)
    return "\n\n".join(
        f"{host} ({site})\n{format_table(host_rows, TABLE_COLUMNS, max_width=width, whole=LOOKUP)}"
        for (host, site), host_rows in hosts.items()
    )
