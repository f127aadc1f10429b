"""``statetrace schema``: export event JSON Schemas, regenerate the event docs and the
gate-file schema, validate a telemetry file against the schemas.  ``--out -`` is stdout."""

from __future__ import annotations

import argparse
from pathlib import Path

from statetrace.cli.common import folder, to_stdout
from statetrace.gates.load import render_gate_schema
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
        "--out",
        type=folder,
        default=DEFAULT_SCHEMA_DIR,
        metavar="DIR",
        help="folder (default: docs/schemas)",
    )
    export.set_defaults(handler=run_export)
    docs = actions.add_parser("docs", help="print (or --out: write) the event reference")
    docs.add_argument(
        "--out", type=Path, metavar="PATH", help="Markdown file, e.g. docs/telemetry.md (- stdout)"
    )
    docs.set_defaults(handler=run_docs)
    gates = actions.add_parser("gates", help="print (or --out: write) the gate-file JSON Schema")
    gates.add_argument(
        "--out", type=Path, metavar="PATH", help="e.g. gates/schema.json (default, -: stdout)"
    )
    gates.set_defaults(handler=run_gates)
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
    if to_stdout(args.out):
        print(render_telemetry_docs(), end="")
    else:
        print(f"wrote {write_telemetry_docs(args.out)}")
    return 0


def run_gates(args: argparse.Namespace) -> int:
    """The gate-file schema generated from the model (publish it to ``gates/schema.json``)."""
    text = render_gate_schema()
    if to_stdout(args.out):
        print(text, end="")
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    schemas = load_schemas(args.schemas) if args.schemas else None
    problems = 0
    for problem in validate_file(args.file, schemas):
        problems += 1
        print(problem)
    print(f"{args.file}: {problems} problem(s)")
    return 1 if problems else 0
