"""``statetrace warm-run``: cold pass, snapshot, warm pass, comparison."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from statetrace.capture import discover_captures
from statetrace.cli.common import add_concurrency_options, concurrency_flags_from, folder
from statetrace.cli.errors import FAILED, OK, UsageError
from statetrace.cli.output import summary_json
from statetrace.scenarios import HISTORY_SEEDS, ScenarioError, load_scenario
from statetrace.store import StoreConfigError, StoreError
from statetrace.terminal.progress import progress_display
from statetrace.warmrun import DEFAULT_KEEP_RUNS, WarmRunRequest, run_warm_run
from statetrace.warmrun.diagnostics import write_diff_hotspots, write_shared_cache_diagnostics
from statetrace.warmrun.report import comparison_table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "warm-run",
        description="Cold pass on empty stores (no snapshot), then a warm pass in fresh "
        "worker processes that import the snapshot the cold pass wrote.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--scenario", help="scenario name (smoke, standard, large) or TOML path")
    source.add_argument("--logs-from", type=Path, help="ingest this capture folder instead")
    parser.add_argument(
        "--history-seed",
        choices=HISTORY_SEEDS,
        help="empty: the warm pass re-parses every host; cold-output: unchanged captures "
        "are skipped (default: the scenario's, else empty)",
    )
    parser.add_argument(
        "--next-day",
        nargs="?",
        const="",
        metavar="DIR",
        help="warm pass over a churned corpus: DIR, or generated from the scenario's churn",
    )
    parser.add_argument("--logs", type=folder, default=Path("Logs"), help="logs root (./Logs)")
    parser.add_argument(
        "--store",
        metavar="URL",
        help="run both passes in a scratch database on this server (created and dropped);"
        " default: SQLite under Logs/WarmRuns/<ts>/Data",
    )
    parser.add_argument("--output", type=Path, help="WarmRunTelemetry file to write")
    parser.add_argument("--workers", type=int, help="same as --thread-ceiling")
    add_concurrency_options(parser)
    parser.add_argument("--diff-hotspots", action="store_true", help="write the hotspot CSV")
    parser.add_argument("--top", type=int, default=20, help="hotspot / host rows to keep (20)")
    parser.add_argument(
        "--shared-cache-diagnostics",
        action="store_true",
        help="write shared-cache and provider-reason summaries of each pass as JSON",
    )
    parser.add_argument(
        "--keep-runs",
        type=int,
        default=DEFAULT_KEEP_RUNS,
        metavar="N",
        help=f"keep the newest N folders of LOGS/WarmRuns ({DEFAULT_KEEP_RUNS}); "
        "folders a bundle references are never removed",
    )
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        scenario = load_scenario(args.scenario) if args.scenario else None
    except ScenarioError as error:
        print(f"statetrace warm-run: {error}", file=sys.stderr)
        return 2
    if args.logs_from is not None and not discover_captures([args.logs_from]):
        raise UsageError(f"--logs-from {args.logs_from}: no capture files (.log/.txt)")
    if args.next_day == "" and scenario is None:
        print("statetrace warm-run: --next-day needs DIR with --logs-from", file=sys.stderr)
        return 2
    request = WarmRunRequest(
        logs_dir=args.logs,
        scenario=scenario,
        captures=args.logs_from,
        history_seed=args.history_seed or (scenario.history_seed if scenario else "empty"),
        next_day=Path(args.next_day) if args.next_day else None,
        use_next_day=args.next_day is not None,
        output=args.output,
        workers=args.workers,
        concurrency=concurrency_flags_from(args),
        store=args.store,
        keep_runs=max(args.keep_runs, 0),
    )
    try:
        with progress_display(not args.json) as on_progress:
            result = run_warm_run(replace(request, on_progress=on_progress))
    except (ValueError, StoreConfigError) as error:
        print(f"statetrace warm-run: {error}", file=sys.stderr)
        return 2
    except StoreError as error:
        print(f"statetrace warm-run: {error}", file=sys.stderr)
        return 1
    extra = {"TelemetryPath": str(result.telemetry_path)}
    if args.diff_hotspots:
        extra["DiffHotspotsPath"] = str(write_diff_hotspots(result, args.top))
    if args.shared_cache_diagnostics:
        extra["SharedCacheDiagnosticsPath"] = str(write_shared_cache_diagnostics(result, args.top))
    failed = result.cold.summary.hosts_failed + result.warm.summary.hosts_failed
    code = FAILED if failed else OK
    removed = [str(folder) for folder in result.removed_runs]
    if args.json:
        print(summary_json(result.comparison | extra | {"RemovedWarmRuns": removed}, code))
    else:
        print(comparison_table(result.comparison))
        for label, path in extra.items():
            print(f"{label}: {path}")
        for folder in removed:
            print(f"removed old warm run: {folder}")
    return code
