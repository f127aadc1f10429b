"""``statetrace gates evaluate``: gate verdicts on a warm run's telemetry, without pytest."""

from __future__ import annotations

import argparse
from pathlib import Path

from statetrace.analyzers.output import json_text
from statetrace.cli.errors import UsageError
from statetrace.gates import (
    Outcome,
    evaluate_gates,
    evidence_from_file,
    failure_report,
    format_gate_table,
    gates_path_for,
    load_gates,
    newest_warm_run_file,
    results_document,
)
from statetrace.gates.evidence import BenchmarkEvidence
from statetrace.scenarios import load_scenario
from statetrace.store import parse_store_url
from statetrace.terminal.highlight import print_verdicts


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``gates`` with its ``evaluate`` sub-command."""
    parser = subparsers.add_parser("gates")
    actions = parser.add_subparsers(dest="gates_command", metavar="ACTION", required=True)
    evaluate = actions.add_parser("evaluate", help="gate verdicts on a WarmRunTelemetry file")
    evaluate.add_argument("--gates", type=Path, help="gate file or folder (default: ./gates)")
    evaluate.add_argument(
        "--telemetry", type=Path, help="WarmRunTelemetry or day file (default: newest in --logs)"
    )
    evaluate.add_argument("--logs", type=Path, default=Path("Logs"), help="default: ./Logs")
    evaluate.add_argument("--scenario", help="scenario for expected host counts")
    evaluate.add_argument(
        "--store",
        metavar="URL",
        help="count stored rows in this store for rows-written-vs-store (default: the counts"
        " the export recorded)",
    )
    evaluate.add_argument("--data", type=Path, metavar="DIR", help="same as --store sqlite:///DIR")
    evaluate.add_argument(
        "--access-reference",
        type=Path,
        metavar="FILE_OR_DIR",
        help="Access databases of a PowerShell run over the same captures, for"
        " rows-written-vs-access (skipped without)",
    )
    add_benchmark_options(evaluate)
    evaluate.add_argument("--json", action="store_true", help="print the results as JSON")
    evaluate.set_defaults(handler=run_evaluate)


def add_benchmark_options(parser: argparse.ArgumentParser) -> None:
    """``--benchmark-results`` and ``--benchmark-baseline`` (benchmark gates, bundles)."""
    parser.add_argument(
        "--benchmark-results", type=Path, metavar="PATH", help="pytest-benchmark JSON of a run"
    )
    parser.add_argument(
        "--benchmark-baseline", type=Path, metavar="PATH", help="saved pytest-benchmark JSON"
    )


def benchmarks_from(args: argparse.Namespace) -> BenchmarkEvidence | None:
    """The benchmark files given (both or neither; each must exist)."""
    results, baseline = args.benchmark_results, args.benchmark_baseline
    if results is None and baseline is None:
        return None
    if results is None or baseline is None:
        raise UsageError("--benchmark-results and --benchmark-baseline go together")
    for option, path in (("--benchmark-results", results), ("--benchmark-baseline", baseline)):
        if not path.is_file():
            raise UsageError(f"{option}: no such file: {path}")
    return BenchmarkEvidence(results, baseline)


def run_evaluate(args: argparse.Namespace) -> int:
    """Print the verdicts; exit 1 when a ``fail`` gate failed (bad input: the CLI handler)."""
    gates = load_gates(args.gates or gates_path_for(Path.cwd()))
    telemetry = args.telemetry or newest_warm_run_file(args.logs)
    scenario = load_scenario(args.scenario) if args.scenario else None
    store = args.store or (f"sqlite:///{args.data}" if args.data else None)
    if store is not None:
        parse_store_url(store)  # a bad URL is a usage error (StoreConfigError, exit 2)
    evidence = evidence_from_file(telemetry, scenario=scenario, store_url=store)
    evidence.access_reference = args.access_reference
    evidence.benchmarks = benchmarks_from(args)
    results = evaluate_gates(gates, evidence)
    if args.json:
        print(json_text(results_document(results, evidence)))
    else:
        for result in results:
            if result.outcome in (Outcome.FAILED, Outcome.WARNED):
                print_verdicts(failure_report(result) + "\n")
        print_verdicts(format_gate_table(results))
    return 1 if any(result.blocking for result in results) else 0
