"""``statetrace generate``: write a synthetic capture corpus, or its next day."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from statetrace.cli.common import folder
from statetrace.generate import CorpusManifest, GenerateError, generate_corpus, generate_next_day


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``generate`` sub-command."""
    parser = subparsers.add_parser(
        "generate",
        description=(
            "Write captures in each vendor's real CLI format. With --from, load that "
            "corpus, advance it by a day with --churn, and write churn-manifest.json."
        ),
    )
    parser.add_argument(
        "--out", type=folder, required=True, metavar="DIR", help="output folder (new or empty)"
    )
    parser.add_argument("--from", dest="source", type=Path, help="corpus folder to advance a day")
    parser.add_argument("--churn", type=float, help="fraction of ports to change (with --from)")
    parser.add_argument("--sites", type=int, default=3)
    parser.add_argument("--hosts-per-site", type=int, default=10)
    parser.add_argument("--ports", type=int, default=48)
    parser.add_argument("--vendors", default="cisco,arista,brocade", help="comma-separated list")
    parser.add_argument("--seed", type=int, default=0)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Generate; print a one-line summary; 2 on usage errors."""
    try:
        manifest: CorpusManifest
        if args.source is not None:
            if args.churn is None:
                raise GenerateError("--from needs --churn FRACTION")
            manifest = generate_next_day(args.source, args.out, churn=args.churn, seed=args.seed)
        else:
            if args.churn is not None:
                raise GenerateError("--churn needs --from DIR")
            vendors = [v.strip().lower() for v in args.vendors.split(",") if v.strip()]
            manifest = generate_corpus(
                args.out,
                sites=args.sites,
                hosts_per_site=args.hosts_per_site,
                ports=args.ports,
                vendors=vendors,
                seed=args.seed,
            )
    except GenerateError as exc:
        print(f"statetrace generate: {exc}", file=sys.stderr)
        return 2
    print(manifest.summary())
    return 0
