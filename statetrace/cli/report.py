"""``statetrace report``: one self-contained HTML page of a warm run and the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from statetrace.cli.common import settings_from, to_stdout
from statetrace.cli.errors import UsageError
from statetrace.gates import gates_path_for, newest_warm_run_file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        description="Write one HTML page (no network fetches): the gate table, cold vs warm"
        " per-host latency, rows written per site, cache providers and today's changes"
        " per site, with plots inlined as SVG.",
    )
    parser.add_argument(
        "--warm-run", type=Path, metavar="FILE", help="WarmRunTelemetry export or day file"
    )
    parser.add_argument(
        "--bundle", type=Path, metavar="DIR", help="take the telemetry from this bundle folder"
    )
    parser.add_argument("--gates", type=Path, help="gate file or folder (default: ./gates)")
    parser.add_argument("--store", metavar="URL", help="store whose changes of today to show")
    parser.add_argument("--logs", type=Path, default=Path("Logs"), help="default: ./Logs")
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="the HTML page (-: stdout)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        from statetrace.report import collect, render_page, write_report
    except ImportError as error:
        raise UsageError(f"needs matplotlib ({error}): pip install 'statetrace[report]'") from None
    telemetry = _telemetry(args)
    gates = args.gates or gates_path_for(Path.cwd())
    store = settings_from(args).store_url if args.store else None
    data = collect(telemetry, gates if gates.exists() else None, store)
    if to_stdout(args.out):
        print(render_page(data), end="")
    else:
        print(f"wrote {write_report(data, args.out)}", file=sys.stderr)
    return 0


def _telemetry(args: argparse.Namespace) -> Path | None:
    """The telemetry file the options name: --warm-run, the bundle's, else the newest."""
    if args.warm_run:
        return args.warm_run
    if args.bundle:
        found = sorted(args.bundle.rglob("WarmRunTelemetry-*.json"))
        if not found:
            raise UsageError(f"--bundle {args.bundle}: no WarmRunTelemetry file in it")
        return found[-1]
    try:
        return newest_warm_run_file(args.logs)
    except FileNotFoundError:
        return None
