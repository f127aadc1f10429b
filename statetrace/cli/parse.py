"""``statetrace parse``: parse one command's output, like ntc-templates' ``parse_output``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from statetrace.cli.jsonout import print_json
from statetrace.parsers import ParseError, parse_output, parser_for
from statetrace.platforms import platform_names
from statetrace.tables import format_table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "parse",
        description="Parse FILE, the output of COMMAND on PLATFORM, and print its rows.",
    )
    parser.add_argument(
        "--platform",
        required=True,
        help=f"one of {', '.join(platform_names())}",
    )
    parser.add_argument("--command", required=True, help='e.g. "show interfaces status"')
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print a JSON list of row objects")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    parser_for(args.platform, args.command)  # an unknown one is a usage error (exit 2)
    text = args.file.read_text(encoding="utf-8-sig", errors="replace")
    try:
        rows = parse_output(args.platform, args.command, text)
    except ParseError as error:
        print(f"statetrace parse: {args.file}: {error}", file=sys.stderr)
        return 1
    if args.json:
        print_json(rows)
    elif rows:
        print(format_table(rows, list(rows[0])))
    return 0
