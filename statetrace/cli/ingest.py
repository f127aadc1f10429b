"""``statetrace ingest``: captures in, per-site stores and telemetry out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from statetrace.capture import CaptureError
from statetrace.cli.common import (
    add_concurrency_options,
    add_store_options,
    concurrency_flags_from,
    seconds,
    settings_from,
    site_rules_from,
)
from statetrace.cli.errors import FAILED, OK, USAGE
from statetrace.cli.output import summary_json
from statetrace.engine import IngestOptions, IngestPlan, RunSummary, ingest, plan_ingest
from statetrace.progress import ProgressListener
from statetrace.store import StoreConfigError, StoreError
from statetrace.tables import format_table
from statetrace.terminal.progress import progress_display


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        description="Parse raw CLI captures (.log/.txt, folders recursed) and update the "
        "per-site inventory. Unchanged captures are skipped; only changed rows are written.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add_store_options(parser)
    parser.add_argument(
        "--workers", type=int, default=None, help="same as --thread-ceiling (0/1: in-process)"
    )
    add_concurrency_options(parser)
    parser.add_argument(
        "--persist-overrides",
        action="store_true",
        help="write the overrides into <data>/statetrace.toml for this run (restored after)",
    )
    parser.add_argument(
        "--plan", action="store_true", help="print the resolved profile and dispatch order only"
    )
    parser.add_argument(
        "--lock-timeout",
        type=seconds,
        metavar="SECONDS",
        help="give up after waiting this long for another run's site locks (default: wait)",
    )
    parser.add_argument(
        "--rebuild-site",
        action="append",
        default=[],
        metavar="SITE",
        help="rebuild SITE from these captures although its store is damaged, missing or"
        " re-created (a damaged SQLite file is moved aside); repeatable",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with progress_display(not args.json and not args.plan) as on_progress:
        outcome = _ingest(args, on_progress)
    if isinstance(outcome, int):
        return outcome
    code = OK if outcome.ok and not outcome.file_problems and outcome.files else FAILED
    if args.json:
        print(summary_json(outcome.to_dict(), code))
    else:
        print(outcome.format_table())
    if not outcome.files:
        print("statetrace ingest: no capture files (.log/.txt) found", file=sys.stderr)
    return code


def _ingest(args: argparse.Namespace, on_progress: ProgressListener | None) -> RunSummary | int:
    """The run's summary, or the exit code of the plan or of an error (printed)."""
    try:
        settings = settings_from(args)
        options = IngestOptions(
            data_dir=settings.data_dir,
            store=settings.store_url,
            logs_dir=settings.logs_dir,
            environ=settings.environ,
            workers=args.workers,
            rebuild_sites=frozenset(site.upper() for site in args.rebuild_site),
            concurrency=concurrency_flags_from(args),
            persist_overrides=args.persist_overrides,
            site_rules=site_rules_from(args),
            on_progress=on_progress,
            lock_timeout=args.lock_timeout,
        )
        if args.plan:
            return _print_plan(plan_ingest(args.paths, options), args.json)
        return ingest(args.paths, options)
    except (CaptureError, ValueError, StoreConfigError) as error:
        print(f"statetrace ingest: {error}", file=sys.stderr)
        return USAGE
    except StoreError as error:
        print(f"statetrace ingest: {error}", file=sys.stderr)
        return FAILED


def _print_plan(plan: IngestPlan, as_json: bool) -> int:
    data = plan.to_dict()
    if as_json:
        print(summary_json(data, OK))
        return OK
    print(format_table(data["Values"], ["Key", "Requested", "Autoscaled", "Resolved", "Source"]))
    rows = [dict(launch, Hosts=len(launch["Hosts"])) for launch in data["Dispatch"]]
    print(format_table(rows, ["Sequence", "Site", "Hosts"]))
    return OK
