"""Options shared by several sub-commands."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from statetrace.cli.errors import UsageError
from statetrace.concurrency.profile import PROFILE_KEYS
from statetrace.settings import STORE_ENV, Settings, resolve_settings
from statetrace.sites import SiteRules
from statetrace.store.url import parse_store_url


def add_location_options(parser: argparse.ArgumentParser, *, logs: bool = True) -> None:
    """``--store``, ``--data`` and (with ``logs``) ``--logs``."""
    parser.add_argument(
        "--store",
        metavar="URL",
        help="inventory store: sqlite:///DIR, postgresql://USER@HOST:PORT/DB or odbc:<connection"
        f" string> (default: ${STORE_ENV}, else [store] url in <data>/statetrace.toml, else"
        " sqlite:///Data)",
    )
    parser.add_argument(
        "--data",
        type=folder,
        metavar="DIR",
        help="SQLite store folder, same as --store sqlite:///DIR; also where statetrace.toml"
        " is read (default: ./Data)",
    )
    if logs:
        parser.add_argument(
            "--logs", type=folder, metavar="DIR", help="telemetry root (default: ./Logs)"
        )


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """The location options and the site-rule options."""
    add_location_options(parser)
    add_site_rule_options(parser)


def add_site_rule_options(parser: argparse.ArgumentParser) -> None:
    """``--site-regex`` and ``--site-map`` (read with :func:`site_rules_from`)."""
    parser.add_argument(
        "--site-regex", help="regex whose first group is the site (default: prefix before '-')"
    )
    parser.add_argument("--site-map", type=Path, help="JSON file mapping hostname to site")


def add_access_arguments(parser: argparse.ArgumentParser) -> None:
    """The Access files or folders, the store and site-rule options and ``--json``
    (import/compare access)."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE.accdb|DIR")
    add_location_options(parser, logs=False)
    add_site_rule_options(parser)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def settings_from(args: argparse.Namespace) -> Settings:
    """The command's settings: flags, then environment, then settings file, then defaults."""
    return resolve_settings(
        store=getattr(args, "store", None),
        data=getattr(args, "data", None),
        logs=getattr(args, "logs", None),
    )


#: ``--out -``: standard output (file-valued outputs only).
STDOUT = "-"


def to_stdout(out: Path | None) -> bool:
    """Whether an output option means standard output (absent or ``-``)."""
    return out is None or str(out) == STDOUT


def folder(value: str) -> Path:
    """A folder option: a folder, or a path where one can be created (never ``-``)."""
    if value == STDOUT:
        raise argparse.ArgumentTypeError("a folder cannot be standard output (-)")
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


def existing_store(settings: Settings) -> None:
    """A usage error naming the folder when a SQLite store's folder does not exist."""
    url = parse_store_url(settings.store_url)
    if url.backend == "sqlite":
        existing_folder("--data", url.data_dir)


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


def access_site_rules(args: argparse.Namespace) -> SiteRules | None:
    """The site rules of ``import``/``compare access``: ``None`` without ``--site-regex`` and
    ``--site-map`` (the ``<SITE>/<SITE>.accdb`` folder then decides)."""
    if args.site_regex is None and args.site_map is None:
        return None
    return site_rules_from(args)


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
