"""``statetrace schema``: export event JSON Schemas, regenerate the event docs,
validate a telemetry file against the schemas."""

from __future__ import annotations

import argparse
from pathlib import Path

from statetrace.telemetry.schema import (
    DEFAULT_SCHEMA_DIR,
    export_schemas,
    load_schemas,
    render_telemetry_docs,
    validate_file,
    write_telemetry_docs,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("schema")
    actions = parser.add_subparsers(dest="schema_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write one JSON Schema file per event")
    export.add_argument(
        "--out", type=Path, default=DEFAULT_SCHEMA_DIR, help="folder (default: docs/schemas)"
    )
    export.set_defaults(handler=run_export)
    docs = actions.add_parser("docs", help="print (or --out: write) the event reference")
    docs.add_argument("--out", type=Path, help="Markdown file to write, e.g. docs/telemetry.md")
    docs.set_defaults(handler=run_docs)
    validate = actions.add_parser("validate", help="check a JSON-lines file against the schemas")
    validate.add_argument("file", type=Path)
    validate.add_argument("--schemas", type=Path, help="exported schema folder (default: built-in)")
    validate.set_defaults(handler=run_validate)


def run_export(args: argparse.Namespace) -> int:
    written = export_schemas(args.out)
    print(f"wrote {len(written)} schema files to {args.out}")
    return 0


def run_docs(args: argparse.Namespace) -> int:
    """The event reference on stdout, or written to ``--out`` (never into ./docs unasked)."""
    if args.out is None:
        print(render_telemetry_docs(), end="")
    else:
        print(f"wrote {write_telemetry_docs(args.out)}")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    schemas = load_schemas(args.schemas) if args.schemas else None
    problems = 0
    for problem in validate_file(args.file, schemas):
        problems += 1
        print(problem)
    print(f"{args.file}: {problems} problem(s)")
    return 1 if problems else 0
