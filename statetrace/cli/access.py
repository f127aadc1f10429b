"""``statetrace import access`` and ``statetrace compare access``: the PowerShell
StateTrace's Access databases into our store, and next to it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from statetrace.access import compare_access, import_access
from statetrace.cli.common import add_location_options, settings_from
from statetrace.store import StoreConfigError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``import`` and ``compare``, each with its ``access`` action."""
    importer = subparsers.add_parser("import", help="import another tool's inventory")
    actions = importer.add_subparsers(dest="import_command", metavar="SOURCE", required=True)
    parser = actions.add_parser(
        "access",
        help="import the PowerShell StateTrace's Access databases",
        description="Import DeviceSummary, Interfaces, DeviceHistory and InterfaceHistory of "
        "each .accdb (folders recursed) into the store, one transaction per host. Re-importing "
        "writes nothing; hosts whose stored data is newer than the file's RunDate are kept.",
    )
    _add_common(parser)
    parser.add_argument("--site", help="site of every host (default: <SITE>/<SITE>.accdb folder)")
    parser.add_argument(
        "--lock-timeout",
        type=float,
        metavar="SECONDS",
        help="give up after waiting this long for another run's site locks (default: wait)",
    )
    parser.set_defaults(handler=run_import)

    comparer = subparsers.add_parser("compare", help="compare another tool's inventory with ours")
    actions = comparer.add_subparsers(dest="compare_command", metavar="SOURCE", required=True)
    parser = actions.add_parser(
        "access",
        help="compare the PowerShell StateTrace's Access databases with the store",
        description="Per site and host: Access interface rows next to ours, hosts on one side "
        "only, field differences after normalisation (docs/migrating.md). Exit 1 when a site's "
        "row count differs by more than the tolerance or any field differs.",
    )
    _add_common(parser)
    parser.add_argument(
        "--tolerance",
        default="1%",
        metavar="PERCENT",
        help="allowed interface-row deviation per site (default: 1%%)",
    )
    parser.set_defaults(handler=run_compare)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE.accdb|DIR")
    add_location_options(parser, logs=False)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run_import(args: argparse.Namespace) -> int:
    """Import; exit 1 when a file could not be used or a host failed, 2 on a bad store."""
    try:
        summary = import_access(
            args.paths,
            settings_from(args).store_url,
            site=args.site,
            lock_timeout=args.lock_timeout,
            on_notice=lambda line: print(line, file=sys.stderr),
        )
    except StoreConfigError as error:
        print(f"statetrace import access: {error}", file=sys.stderr)
        return 2
    print(json.dumps(summary.to_dict(), indent=2) if args.json else summary.format_table())
    return 0 if summary.ok else 1


def run_compare(args: argparse.Namespace) -> int:
    """Compare; exit 1 on differences or unreadable files, 2 on bad options or store."""
    try:
        tolerance = parse_percent(args.tolerance)
        comparison = compare_access(args.paths, settings_from(args).store_url, tolerance=tolerance)
    except (StoreConfigError, ValueError) as error:
        print(f"statetrace compare access: {error}", file=sys.stderr)
        return 2
    print(json.dumps(comparison.to_dict(), indent=2) if args.json else comparison.format_table())
    return 0 if comparison.ok else 1


def parse_percent(text: str) -> float:
    """``1%``, ``0.5 %`` or ``2`` as a non-negative percentage."""
    try:
        value = float(text.strip().removesuffix("%").strip())
    except ValueError:
        raise ValueError(f"--tolerance {text!r}: expected a percentage such as 1%") from None
    if value < 0:
        raise ValueError(f"--tolerance {text!r}: must not be negative")
    return value
