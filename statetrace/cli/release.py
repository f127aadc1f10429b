"""``statetrace release check``: the release pipeline's verdict on a gate run."""

from __future__ import annotations

import argparse
from pathlib import Path

from statetrace.analyzers.output import json_text
from statetrace.release import release_check


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``release`` with ``check``."""
    parser = subparsers.add_parser("release")
    actions = parser.add_subparsers(dest="release_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="verify a bundle against the junit file of the same run; exit 1 unless releasable",
        description="Exit 0 when the bundle verifies, the junit file and the bundle describe"
        " the same run, gates and values, and no fail gate failed; 1 otherwise.",
    )
    check.add_argument("--junit", type=Path, required=True, metavar="PATH", help="junit XML")
    check.add_argument("--bundle", type=Path, required=True, metavar="DIR", help="bundle folder")
    check.add_argument("--json", action="store_true", help="print the verdict as JSON")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Print the problems and blocking gates; 0 releasable, 1 not."""
    check = release_check(args.junit, args.bundle)
    if args.json:
        print(json_text(check.as_dict()))
    else:
        for problem in check.problems:
            print(f"problem: {problem}")
        for gate in check.failed:
            print(f"failed fail gate: {gate}")
        for gate in check.warned:
            print(f"warned gate: {gate}")
        verdict = "releasable" if check.releasable else "NOT releasable"
        print(f"{args.bundle}: {check.gates} gate(s), {verdict}")
    return 0 if check.releasable else 1
