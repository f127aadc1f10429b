"""``statetrace demo``: the whole product on a generated corpus, in one command."""

from __future__ import annotations

import argparse
from pathlib import Path

from statetrace.cli.common import folder
from statetrace.demo import run_demo
from statetrace.gates import Outcome, format_gate_table
from statetrace.scenarios import load_scenario
from statetrace.terminal.highlight import print_verdicts
from statetrace.terminal.progress import progress_display
from statetrace.warmrun.report import comparison_table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo")
    parser.add_argument("--out", type=folder, default=Path("demo"), help="output folder (./demo)")
    parser.add_argument("--scenario", default="standard", help="scenario to generate (standard)")
    parser.add_argument("--workers", type=int, help="parse worker processes (default: all)")
    parser.add_argument(
        "--store",
        metavar="URL",
        help="ingest into this store (default: sqlite:///OUT/Data); a server URL also hosts"
        " the cold/warm run's scratch database",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    with progress_display() as on_progress:
        result = run_demo(
            args.out, scenario, args.workers, store=args.store, on_progress=on_progress
        )
    print(f"== first ingest of {result.corpus_dir} ==")
    print(result.first.format_table())
    print("\n== same captures again (unchanged hosts are skipped) ==")
    print(result.rerun.format_table())
    print("\n== cold pass vs warm pass (fresh stores, snapshot imported by every worker) ==")
    print(comparison_table(result.warm_run.comparison))
    print(f"telemetry: {result.warm_run.telemetry_path}")
    where = f"--store {result.store_display}" if args.store else f"--data {args.out / 'Data'}"
    print(f"inventory: statetrace show WLLS {where}")
    print("\n== telemetry gates (Plan B) on the cold/warm run ==")
    print_verdicts(format_gate_table(result.gates))
    failed = result.first.hosts_failed + result.warm_run.warm.summary.hosts_failed
    gate_failures = [g for g in result.gates if g.outcome == Outcome.FAILED]
    return 1 if failed or gate_failures else 0
