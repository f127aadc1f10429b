"""``statetrace export``: the whole inventory, one row per port, as CSV or JSON lines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from statetrace.cli.common import to_stdout
from statetrace.cli.history_options import add_history_options, open_history_store, sites_from
from statetrace.history import export_rows, write_export
from statetrace.history.export import FORMATS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        description="Stream every stored port (the fields show prints, with site and host)"
        " to a file or stdout, in constant memory.",
    )
    add_history_options(parser, site_help="only this site")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="default: csv")
    parser.add_argument("--out", type=Path, metavar="FILE", help="default (and -): stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    store = open_history_store(args)
    try:
        rows = export_rows(store, sites_from(store, args.site))
        if to_stdout(args.out):
            write_export(rows, sys.stdout, args.format)
            return 0
        with args.out.open("w", encoding="utf-8", newline="") as out:
            count = write_export(rows, out, args.format)
    finally:
        store.close()
    print(f"exported {count} ports to {args.out}", file=sys.stderr)
    return 0
