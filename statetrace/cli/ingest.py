"""``statetrace ingest``: captures in, per-site stores and telemetry out."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from statetrace.capture import CaptureError
from statetrace.cli.common import add_store_options, site_rules_from
from statetrace.engine import IngestOptions, ingest


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="ingest capture files or folders into the per-site stores",
        description="Parse raw CLI captures (.log/.txt, folders recursed) and update the "
        "per-site inventory. Unchanged captures are skipped; only changed rows are written.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add_store_options(parser)
    parser.add_argument(
        "--workers", type=int, default=None, help="parse worker processes (default: all cores)"
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = IngestOptions(
        data_dir=args.data,
        logs_dir=args.logs,
        workers=args.workers,
        site_rules=site_rules_from(args),
        progress=not args.json,
    )
    try:
        summary = ingest(args.paths, options)
    except CaptureError as error:
        print(f"statetrace ingest: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2))
    else:
        print(summary.format_table())
    return 0 if summary.ok else 1
