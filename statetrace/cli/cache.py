"""``statetrace cache warmup|inspect|check``: the shared snapshot without ingesting."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from statetrace.cli.common import add_location_options, existing_store, settings_from
from statetrace.snapshot import Snapshot, SnapshotError, latest_snapshot_path, snapshot_dir
from statetrace.snapshot_tools import SnapshotMinimums, check, describe, open_snapshot, warmup
from statetrace.store import Store, StoreConfigError, StoreError, open_store
from statetrace.tables import format_table


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("cache")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("warmup", help="write a snapshot from the stores, no ingest")
    _common(build)
    build.set_defaults(handler=run_warmup)
    show = actions.add_parser("inspect", help="sites, hosts, rows, age and store generation")
    _common(show)
    show.add_argument("--list-hosts", action="store_true", help="list every host per site")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=run_inspect)
    verify = actions.add_parser("check", help="exit 1 with reasons when a snapshot falls short")
    _common(verify)
    verify.add_argument("--min-sites", type=int, default=1)
    verify.add_argument("--min-hosts", type=int, default=1)
    verify.add_argument("--min-rows", type=int, default=1)
    verify.add_argument("--required-sites", default="", help="comma-separated site codes")
    verify.set_defaults(handler=run_check)


def _common(parser: argparse.ArgumentParser) -> None:
    add_location_options(parser)
    parser.add_argument(
        "--snapshot", type=Path, metavar="FILE", help="snapshot file (default: the -latest one)"
    )


def run_warmup(args: argparse.Namespace) -> int:
    try:
        settings = settings_from(args)
        existing_store(settings)
        store = open_store(settings.store_url)
    except StoreConfigError as error:
        print(f"statetrace cache warmup: {error}", file=sys.stderr)
        return 2
    try:
        print(warmup(store, snapshot_dir(settings.logs_dir)))
    except StoreError as error:
        print(f"statetrace cache warmup: {error}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


def run_inspect(args: argparse.Namespace) -> int:
    try:
        facts = describe(_load(args), list_hosts=args.list_hosts)
    except StoreConfigError as error:
        print(f"statetrace cache inspect: {error}", file=sys.stderr)
        return 2
    except (SnapshotError, StoreError) as error:
        print(f"statetrace cache inspect: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(facts, indent=2))
        return 0
    print(
        f"{facts['DataDir']}: {facts['SiteCount']} sites, {facts['HostCount']} hosts, "
        f"{facts['RowCount']} rows, created {facts['CreatedAt']} ({facts['AgeSeconds']} s ago)"
    )
    columns = ["Site", "Hosts", "TotalRows", "Generation", "StoreId"]
    print(format_table(facts["Sites"], columns + (["HostNames"] if args.list_hosts else [])))
    return 0


def run_check(args: argparse.Namespace) -> int:
    minimums = SnapshotMinimums(
        sites=args.min_sites,
        hosts=args.min_hosts,
        rows=args.min_rows,
        required_sites=tuple(s.strip() for s in args.required_sites.split(",") if s.strip()),
    )
    try:
        problems = check(_load(args), minimums)
    except StoreConfigError as error:
        print(f"statetrace cache check: {error}", file=sys.stderr)
        return 2
    except (SnapshotError, StoreError) as error:
        problems = [str(error)]
    for problem in problems:
        print(f"snapshot check failed: {problem}", file=sys.stderr)
    if not problems:
        print("snapshot check passed")
    return 1 if problems else 0


def _load(args: argparse.Namespace) -> Snapshot:
    """The snapshot asked for: ``--snapshot``, else the store's own ``-latest`` one."""
    settings = settings_from(args)
    store: Store = open_store(settings.store_url)
    try:
        folder = snapshot_dir(settings.logs_dir)
        path = args.snapshot or latest_snapshot_path(folder, store.location)
        if args.snapshot is None and not path.exists():
            path = latest_snapshot_path(folder)
        return open_snapshot(path, store)
    finally:
        store.close()
