"""The ``statetrace`` command line: argument parsing only; the work is in the library.

Each sub-command lives in its own module exposing ``register(subparsers)``, which
adds a parser whose ``handler`` default takes the parsed arguments and returns
the exit code (0 ok, 1 the job found failures, 2 usage error).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from statetrace import __version__

#: Modules under ``statetrace.cli`` that register sub-commands, in help order.
COMMAND_MODULES: tuple[str, ...] = (
    "demo",
    "ingest",
    "show",
    "parse",
    "generate",
    "warm_run",
    "cache",
    "store",
    "analyze",
    "schema",
    "gates",
    "bundle",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="statetrace",
        description="Turn raw switch CLI captures into a per-site interface inventory.",
    )
    parser.add_argument("--version", action="version", version=f"statetrace {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"statetrace.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``statetrace`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
