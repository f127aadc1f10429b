"""Options shared by several sub-commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from statetrace.sites import SiteRules


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """``--data``, ``--logs`` and the site-rule options."""
    parser.add_argument(
        "--data", type=Path, default=Path("Data"), help="store root (default: ./Data)"
    )
    parser.add_argument(
        "--logs", type=Path, default=Path("Logs"), help="telemetry root (default: ./Logs)"
    )
    parser.add_argument(
        "--site-regex", help="regex whose first group is the site (default: prefix before '-')"
    )
    parser.add_argument("--site-map", type=Path, help="JSON file mapping hostname to site")


def site_rules_from(args: argparse.Namespace) -> SiteRules:
    """The site rules the options ask for."""
    return SiteRules.from_options(regex=args.site_regex, mapping_file=args.site_map)
