"""``statetrace compare access``: the PowerShell StateTrace's Access databases next to ours."""

from __future__ import annotations

import argparse

from statetrace.access import compare_access
from statetrace.cli.common import (
    access_site_rules,
    add_access_arguments,
    existing_store,
    settings_from,
)
from statetrace.cli.errors import FAILED, OK
from statetrace.cli.output import summary_json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``compare`` with its ``access`` action."""
    parser = subparsers.add_parser(
        "compare", description="Compare another tool's inventory with ours."
    )
    actions = parser.add_subparsers(dest="action", metavar="SOURCE", required=True)
    access = actions.add_parser(
        "access",
        help="the PowerShell StateTrace's Access databases",
        description="Per site and host: Access interface rows next to ours, hosts on one side "
        "only, field differences after normalisation (docs/migrating.md). Exit 1 when a site's "
        "row count differs by more than the tolerance or any field differs.",
    )
    add_access_arguments(access)
    access.add_argument(
        "--tolerance",
        type=percent,
        default=1.0,
        metavar="PERCENT",
        help="allowed interface-row deviation per site (default: 1%%)",
    )
    access.set_defaults(handler=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    """Compare; exit 1 on differences beyond the tolerance or unreadable files."""
    settings = settings_from(args)
    existing_store(settings)  # a mistyped --data is a usage error, not "all hosts missing"
    comparison = compare_access(
        args.paths, settings.store_url, tolerance=args.tolerance, rules=access_site_rules(args)
    )
    code = OK if comparison.ok else FAILED
    print(summary_json(comparison.to_dict(), code) if args.json else comparison.format_table())
    return code


def percent(text: str) -> float:
    """``1%``, ``0.5 %`` or ``2`` as a non-negative percentage (an option type)."""
    try:
        value = float(text.strip().removesuffix("%").strip())
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"expected a percentage >= 0 such as 1%, got {text!r}")
    return value
