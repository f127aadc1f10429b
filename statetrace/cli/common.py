"""Options shared by several sub-commands."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from statetrace.cli.errors import UsageError
from statetrace.concurrency import PROFILE_KEYS
from statetrace.sites import SiteRules


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """``--data``, ``--logs`` and the site-rule options."""
    parser.add_argument(
        "--data", type=folder, default=Path("Data"), help="store root (default: ./Data)"
    )
    parser.add_argument(
        "--logs", type=folder, default=Path("Logs"), help="telemetry root (default: ./Logs)"
    )
    parser.add_argument(
        "--site-regex", help="regex whose first group is the site (default: prefix before '-')"
    )
    parser.add_argument("--site-map", type=Path, help="JSON file mapping hostname to site")


def folder(value: str) -> Path:
    """A folder option: a folder, or a path where one can be created."""
    path = Path(value)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value} exists and is not a folder")
    return path


def seconds(value: str) -> float:
    """A duration option: seconds >= 0."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number >= 0:
        raise argparse.ArgumentTypeError(f"expected seconds >= 0, got {value!r}")
    return number


def existing_folder(option: str, path: Path) -> Path:
    """``path`` if it is a folder, else a usage error naming ``option``."""
    if not path.is_dir():
        raise UsageError(f"{option} {path}: no such folder")
    return path


def site_rules_from(args: argparse.Namespace) -> SiteRules:
    """The site rules the options ask for; a bad option is a usage error naming it."""
    try:
        return SiteRules.from_options(regex=args.site_regex, mapping_file=args.site_map)
    except re.error as error:
        raise UsageError(f"--site-regex {args.site_regex!r}: {error}") from None
    except OSError as error:
        raise UsageError(f"--site-map {args.site_map}: {error.strerror or error}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise UsageError(f"--site-map {args.site_map}: not UTF-8 JSON: {error}") from None


def add_concurrency_options(parser: argparse.ArgumentParser) -> None:
    """The override flags of the concurrency profile (one run only)."""
    group = parser.add_argument_group(
        "concurrency overrides (this run only; flag > STATETRACE_* env > statetrace.toml > "
        "autoscale)"
    )
    for key in PROFILE_KEYS:
        group.add_argument(
            f"--{key.replace('_', '-')}", dest=key, type=int, metavar="N", help=_HELP[key]
        )


def concurrency_flags_from(args: argparse.Namespace) -> dict[str, int | None]:
    """The override flags given on the command line."""
    return {key: getattr(args, key) for key in PROFILE_KEYS}


_HELP = {
    "thread_ceiling": "parse worker processes",
    "max_workers_per_site": "batches of one site in flight at once",
    "max_active_sites": "sites with batches in flight at once",
    "max_consecutive_site_launches": "launches of one site in a row while others wait",
    "jobs_per_thread": "hosts per task batch",
    "min_workers": "worker processes started up front",
}
