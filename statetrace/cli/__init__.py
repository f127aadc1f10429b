"""The ``statetrace`` command line: argument parsing only; the work is in the library.

Each sub-command lives in its own module exposing ``register(subparsers)``, which
adds a parser whose ``handler`` default takes the parsed arguments and returns
the exit code (see :mod:`statetrace.cli.errors`).  Only the module of the command
that runs is imported, so ``statetrace --help`` and ``--version`` stay instant;
the other commands are listed from :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from statetrace import __version__
from statetrace.cli.errors import exit_code_for

#: Sub-commands in help order: name -> (module under ``statetrace.cli``, one-line summary).
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": (
        "demo",
        "generate a demo corpus, ingest it, re-run it unchanged, then a cold/warm run",
    ),
    "ingest": ("ingest", "ingest capture files or folders into the per-site stores"),
    "show": ("show", "print a host's interfaces or a site's devices from the store"),
    "changes": ("changes", "ports inserted, changed or deleted in a time window"),
    "diff": ("diff", "what differs for a host or site between two moments"),
    "find": ("find", "where a MAC address is learned, or which ports mention a text"),
    "export": ("export", "the whole inventory as CSV or JSON lines, one row per port"),
    "prune": ("prune", "remove change history older than a duration"),
    "report": ("report", "write a self-contained HTML report of a warm run and the store"),
    "parse": ("parse", "parse one show command's output into rows"),
    "generate": (
        "generate",
        "write deterministic synthetic switch captures (or the next day of a corpus)",
    ),
    "warm-run": ("warm_run", "measure a cold pass against a warm pass and export WarmRunTelemetry"),
    "cache": ("cache", "build, inspect or check the shared snapshot"),
    "store": ("store", "migrate, digest or check an inventory store"),
    "analyze": ("analyze", "analyze telemetry files (PowerShell-compatible)"),
    "schema": ("schema", "telemetry event schemas and docs"),
    "gates": ("gates", "evaluate telemetry gates"),
    "bundle": ("bundle", "publish or verify a telemetry bundle"),
    "release": ("release", "check a gate run's junit file and bundle before a release"),
    "import": ("importing", "import the PowerShell StateTrace's Access databases"),
    "compare": ("compare", "compare the PowerShell StateTrace's Access databases with ours"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; only ``command``'s module is imported and registered
    (``None``: none, every command is a summary line; ``"*"``: all of them)."""
    parser = argparse.ArgumentParser(
        prog="statetrace",
        description="Turn raw switch CLI captures into a per-site interface inventory.",
        epilog="exit codes: 0 done, 1 something given could not be used, "
        "2 usage or configuration error, 130 interrupted",
    )
    parser.add_argument("--version", action="version", version=f"statetrace {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an unexpected error"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, summary) in COMMANDS.items():
        if command in (name, "*"):
            importlib.import_module(f"statetrace.cli.{module}").register(subparsers)
        else:
            subparsers.add_parser(name, help=summary, add_help=False)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` runs: its first word that is not an option, unless
    top-level help or the version is asked for first (then none)."""
    for word in argv:
        if word in ("-h", "--help", "--version"):
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``statetrace`` console script: run one command, return its
    exit code; every error ends as one line on stderr (:mod:`statetrace.cli.errors`)."""
    words = list(sys.argv[1:] if argv is None else argv)
    command = command_in(words)
    args: argparse.Namespace | None = None
    try:
        with _ctrl_c_held():
            args = build_parser(command).parse_args(words)
        import logging  # here, not at the top: start-up stays minimal (Ctrl-C, --help)

        logging.basicConfig(format=f"{_label(args, command)}: warning: %(message)s")
        return int(args.handler(args))
    except SystemExit:
        raise
    except BaseException as error:  # Ctrl-C, SIGTERM, anything: one line, an exit code
        return exit_code_for(error, _label(args, command), debug=_debug(words))


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold SIGINT back while the command's modules import (POSIX): a Ctrl-C then
    arrives right after, as ``KeyboardInterrupt``, instead of inside an extension
    module's initialisation (which can crash the interpreter)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _debug(words: Sequence[str]) -> bool:
    """``--debug`` before the command, or ``STATETRACE_DEBUG`` set to a true value."""
    command = command_in(words)
    before = words[: words.index(command)] if command else words
    return "--debug" in before or os.environ.get("STATETRACE_DEBUG", "") not in ("", "0")


def _label(args: argparse.Namespace | None, command: str | None) -> str:
    """``statetrace <command> [<action>]`` for error lines (``command`` as in argv:
    ``args.command`` may be a sub-command's own option, as in ``parse --command``)."""
    words = ["statetrace"] + ([command] if command else [])
    for key in (
        "analyzer",
        "action",
        "bundle_command",
        "gates_command",
        "schema_command",
        "release_command",
    ):
        if args is not None and isinstance(getattr(args, key, None), str):
            words.append(getattr(args, key))
            break
    return " ".join(words)


if __name__ == "__main__":
    sys.exit(main())
