"""``statetrace import access``: the PowerShell StateTrace's Access databases into the store."""

from __future__ import annotations

import argparse
import sys

from statetrace.access import import_access
from statetrace.cli.common import access_site_rules, add_access_arguments, seconds, settings_from
from statetrace.cli.errors import FAILED, OK
from statetrace.cli.output import summary_json
from statetrace.terminal.progress import progress_display


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``import`` with its ``access`` action."""
    parser = subparsers.add_parser("import", description="Import another tool's inventory.")
    actions = parser.add_subparsers(dest="action", metavar="SOURCE", required=True)
    access = actions.add_parser(
        "access",
        help="the PowerShell StateTrace's Access databases",
        description="Import DeviceSummary, Interfaces, DeviceHistory and InterfaceHistory of "
        "each .accdb (folders recursed) into the store, one transaction per host. Re-importing "
        "writes nothing; hosts whose stored data is newer than the file's RunDate are kept "
        "(docs/migrating.md).",
    )
    add_access_arguments(access)
    access.add_argument("--site", help="site of every host (default: <SITE>/<SITE>.accdb folder)")
    access.add_argument(
        "--lock-timeout",
        type=seconds,
        metavar="SECONDS",
        help="give up after waiting this long for another run's site locks (default: wait)",
    )
    access.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace) -> int:
    """Import; exit 1 when a file could not be used or a host failed."""
    with progress_display(not args.json) as on_progress:
        summary = import_access(
            args.paths,
            settings_from(args).store_url,
            site=args.site,
            rules=access_site_rules(args),
            lock_timeout=args.lock_timeout,
            on_notice=lambda line: print(line, file=sys.stderr),
            on_progress=on_progress,
        )
    code = OK if summary.ok else FAILED
    print(summary_json(summary.to_dict(), code) if args.json else summary.format_table())
    return code
