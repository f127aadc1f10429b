"""``statetrace show``: a host's interface table or a site's device list."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from statetrace.cli.common import add_store_options, existing_store, settings_from, site_rules_from
from statetrace.cli.jsonout import print_json
from statetrace.history import host_interfaces_as_of
from statetrace.inventory import host_interfaces, host_spanning_tree, site_devices
from statetrace.model import InterfaceRecord
from statetrace.store import Store, StoreConfigError, StoreError, open_store
from statetrace.tables import LOOKUP, format_table, terminal_width

#: The record's fields up to the auth state (the client MAC and config are too wide).
INTERFACE_COLUMNS = InterfaceRecord._fields[: InterfaceRecord._fields.index("auth_state") + 1]
DEVICE_COLUMNS = ("hostname", "platform", "model", "version", "serial", "uptime")
SPANNING_TREE_COLUMNS = ("vlan", "root_switch", "root_port", "role", "upstream")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show",
        description="Look NAME up as a hostname first, then as a site.",
    )
    parser.add_argument("name", metavar="HOST|SITE")
    add_store_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    view = parser.add_mutually_exclusive_group()
    view.add_argument(
        "--as-of",
        metavar="WHEN",
        help="a host's interfaces as they were then (ISO date or time, run id, yesterday, 7d)",
    )
    view.add_argument(
        "--spanning-tree",
        action="store_true",
        help="a host's spanning-tree instances (imported from the Access SpanInfo table)",
    )
    parser.add_argument(
        "--wide", action="store_true", help="full cells (default on a terminal: fit its width)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = settings_from(args)
        existing_store(settings)
        store = open_store(settings.store_url)
    except StoreConfigError as error:
        print(f"statetrace show: {error}", file=sys.stderr)
        return 2
    if args.as_of:
        return _as_of(store, args, settings.store_display)
    if args.spanning_tree:
        return _spanning_tree(store, args, settings.store_display)
    try:
        interfaces = host_interfaces(store, args.name, site_rules_from(args))
        devices = site_devices(store, args.name) if interfaces is None else None
    except StoreError as error:
        print(f"statetrace show: {error}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if interfaces is not None:
        rows, columns = [asdict(row) for row in interfaces], INTERFACE_COLUMNS
    else:
        if devices is None:
            print(
                f"statetrace show: no host or site named {args.name!r} in {settings.store_display}",
                file=sys.stderr,
            )
            return 1
        rows, columns = [asdict(device) for device in devices], DEVICE_COLUMNS
    if args.json:
        print_json(rows)
    else:
        print(format_table(rows, columns, max_width=terminal_width(args.wide), whole=LOOKUP))
    return 0


def _as_of(store: Store, args: argparse.Namespace, where: str) -> int:
    """``show HOST --as-of WHEN``: the host's ports rebuilt from the change history."""
    try:
        records = host_interfaces_as_of(store, args.name, args.as_of, site_rules_from(args))
    finally:
        store.close()
    if records is None:
        print(f"statetrace show: no host {args.name!r} at {args.as_of} in {where}", file=sys.stderr)
        return 1
    rows = [{"hostname": args.name, **record._asdict()} for record in records]
    if args.json:
        print_json(rows)
    else:
        print(
            format_table(rows, INTERFACE_COLUMNS, max_width=terminal_width(args.wide), whole=LOOKUP)
        )
    return 0


def _spanning_tree(store: Store, args: argparse.Namespace, where: str) -> int:
    """``show HOST --spanning-tree``: the host's stored spanning-tree instances."""
    try:
        instances = host_spanning_tree(store, args.name, site_rules_from(args))
    except StoreError as error:
        print(f"statetrace show: {error}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if instances is None:
        print(f"statetrace show: no host named {args.name!r} in {where}", file=sys.stderr)
        return 1
    rows = [asdict(row) for row in instances]
    if args.json:
        print_json(rows)
    else:
        print(format_table(rows, SPANNING_TREE_COLUMNS, max_width=terminal_width(args.wide)))
    return 0
