"""``statetrace show``: a host's interface table or a site's device list."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from statetrace.cli.common import add_store_options, site_rules_from
from statetrace.cli.jsonout import print_json
from statetrace.inventory import host_interfaces, site_devices
from statetrace.model import InterfaceRecord
from statetrace.tables import format_table

#: The record's fields up to the auth state (the client MAC and config are too wide).
INTERFACE_COLUMNS = InterfaceRecord._fields[: InterfaceRecord._fields.index("auth_state") + 1]
DEVICE_COLUMNS = ("hostname", "platform", "model", "version", "serial", "uptime")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print a host's interfaces or a site's devices from the store",
        description="Look NAME up as a hostname first, then as a site.",
    )
    parser.add_argument("name", metavar="HOST|SITE")
    add_store_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    interfaces = host_interfaces(args.data, args.name, site_rules_from(args))
    if interfaces is not None:
        rows, columns = [asdict(row) for row in interfaces], INTERFACE_COLUMNS
    else:
        devices = site_devices(args.data, args.name)
        if devices is None:
            print(
                f"statetrace show: no host or site named {args.name!r} in {args.data}",
                file=sys.stderr,
            )
            return 1
        rows, columns = [asdict(device) for device in devices], DEVICE_COLUMNS
    if args.json:
        print_json(rows)
    else:
        print(format_table(rows, columns))
    return 0
