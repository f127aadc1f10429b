"""``statetrace bundle publish|verify``: telemetry bundles as release evidence."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from statetrace.analyzers.output import json_text, table_text
from statetrace.bundles import BundleRequest, publish_with_risks, verify_bundle
from statetrace.bundles.publish import default_bundle_name
from statetrace.cli.gates import add_benchmark_options, benchmarks_from
from statetrace.gates import (
    evaluate_gates,
    evidence_from_file,
    format_gate_table,
    gates_path_for,
    load_gates,
    newest_warm_run_file,
)
from statetrace.scenarios import load_scenario
from statetrace.terminal.highlight import print_verdicts


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``bundle`` with ``publish`` and ``verify``."""
    parser = subparsers.add_parser("bundle")
    actions = parser.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    publish = actions.add_parser("publish", help="bundle the newest warm run's evidence")
    publish.add_argument("--name", default=None, help="bundle name (default: yyyyMMdd-HHmmss)")
    publish.add_argument("--logs", type=Path, default=Path("Logs"), help="default: ./Logs")
    publish.add_argument("--telemetry", type=Path, help="WarmRunTelemetry file (default: newest)")
    publish.add_argument("--gates", type=Path, help="gate file or folder (default: ./gates)")
    publish.add_argument("--scenario", help="scenario for expected host counts")
    publish.add_argument("--plan-references", type=_csv, default=[], help="e.g. PlanB,PlanG")
    publish.add_argument("--task-ids", type=_csv, default=[], help="e.g. ST-B-008")
    publish.add_argument("--notes", default="", help="free text for the manifest and README")
    publish.add_argument("--risk-entries", type=_csv, default=[], help="e.g. RR-001,RR-002")
    publish.add_argument(
        "--risk-register",
        type=Path,
        help="register for failed gates (default: <logs>/RiskRegister.md)",
    )
    add_benchmark_options(publish)
    publish.add_argument("--force", action="store_true", help="replace an existing bundle")
    publish.set_defaults(handler=run_publish)
    verify = actions.add_parser("verify", help="check a bundle's artifacts and gate results")
    verify.add_argument("bundle", type=Path, help="bundle folder")
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.set_defaults(handler=run_verify)


def run_publish(args: argparse.Namespace) -> int:
    """Evaluate the gates on the newest run, record risks, write the bundle."""
    name = args.name or default_bundle_name()
    telemetry = args.telemetry or newest_warm_run_file(args.logs)
    scenario = load_scenario(args.scenario) if args.scenario else None
    evidence = evidence_from_file(telemetry, scenario=scenario)
    evidence.benchmarks = benchmarks_from(args)
    results = evaluate_gates(load_gates(args.gates or gates_path_for(Path.cwd())), evidence)
    request = BundleRequest(
        logs_dir=args.logs,
        name=name,
        evidence=evidence,
        results=results,
        command_line=_command_line(args, name),
        plan_references=args.plan_references,
        task_ids=args.task_ids,
        notes=args.notes,
        risk_entries=args.risk_entries,
        force=args.force,
    )
    path = publish_with_risks(request, args.risk_register or args.logs / "RiskRegister.md")
    print_verdicts(format_gate_table(results))
    print(f"\nbundle: {path}")
    for entry in request.risk_appended:
        print(f"risk register: {entry.id} gate {entry.gate} value {entry.value}")
    return 1 if any(result.blocking for result in results) else 0


def _command_line(args: argparse.Namespace, name: str) -> str:
    """The publish command as parsed (so it can be re-run), option by option."""
    words = ["statetrace", "bundle", "publish", "--name", name]
    for option in (
        "logs", "telemetry", "gates", "scenario", "risk_register", "benchmark_results",
        "benchmark_baseline",
    ):  # fmt: skip
        value = getattr(args, option)
        if value is not None:
            words += [f"--{option.replace('_', '-')}", str(value)]
    for option in ("plan_references", "task_ids", "risk_entries"):
        if getattr(args, option):
            words += [f"--{option.replace('_', '-')}", ",".join(getattr(args, option))]
    if args.notes:
        words += ["--notes", args.notes]
    return shlex.join(words + (["--force"] if args.force else []))


def run_verify(args: argparse.Namespace) -> int:
    """Readiness of a bundle; exit 1 on any problem."""
    report = verify_bundle(args.bundle)
    if args.json:
        print(json_text(report.as_dict()))
    else:
        print(table_text(report.artifacts, ("Category", "TargetFile", "Status")))
        for problem in report.problems:
            print(f"problem: {problem}")
        print_verdicts(f"\n{args.bundle}: {'READY' if report.ready else 'NOT READY'}")
    return 0 if report.ready else 1
