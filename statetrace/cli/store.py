"""``statetrace store migrate|digest|check``: move, compare and check inventories."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from statetrace.cli.common import add_location_options, settings_from
from statetrace.engine import IngestOptions, ingest
from statetrace.store import Store, StoreConfigError, StoreError, open_store
from statetrace.store.check import check_store, repair_store
from statetrace.store.copy import CopiedSite, copy_store
from statetrace.store.digest import store_digest
from statetrace.tables import format_table
from statetrace.terminal.progress import progress_display


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``store`` with its ``migrate``, ``digest`` and ``check`` actions."""
    parser = subparsers.add_parser("store", help="migrate, digest or check an inventory store")
    actions = parser.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    migrate = actions.add_parser(
        "migrate",
        help="copy every site (inventory, change and ingest history, runs) to another store",
    )
    migrate.add_argument("--from", dest="source", required=True, metavar="URL")
    migrate.add_argument("--to", dest="target", required=True, metavar="URL")
    migrate.add_argument(
        "--force", action="store_true", help="replace the content of a non-empty target"
    )
    migrate.add_argument("--json", action="store_true", help="print what was copied as JSON")
    migrate.set_defaults(handler=run_migrate)
    digest = actions.add_parser(
        "digest", help="per site: content digest and device, interface and change counts"
    )
    add_location_options(digest, logs=False)
    digest.add_argument("--json", action="store_true", help="print JSON")
    digest.set_defaults(handler=run_digest)
    check = actions.add_parser(
        "check", help="schema, integrity and orphan rows of every site; exit 1 on problems"
    )
    add_location_options(check)
    check.add_argument(
        "--repair",
        action="store_true",
        help="recreate missing tables, forget ingest history without data and re-ingest"
        " those hosts from their last captures",
    )
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(handler=run_check)


def run_migrate(args: argparse.Namespace) -> int:
    """Copy the store; exit 2 when either store cannot be used, 1 when the copy fails."""

    def report(site: CopiedSite) -> None:
        if not args.json:
            counts = site.counts
            print(
                f"{site.site}: {counts.devices} devices, {counts.interfaces} interfaces,"
                f" {counts.changes} changes"
            )

    with _stores("migrate", args.source, args.target) as opened:
        if opened is None:
            return 2
        source, target = opened
        try:
            with progress_display(not args.json) as on_progress:
                copied = copy_store(
                    source, target, force=args.force, on_site=report, on_progress=on_progress
                )
        except StoreError as error:
            print(f"statetrace store migrate: {error}", file=sys.stderr)
            return 1
        if args.json:
            print(json.dumps([{"site": c.site, **vars_of(c)} for c in copied], indent=2))
        else:
            print(f"copied {len(copied)} sites from {source.url.display} to {target.url.display}")
    return 0


def run_digest(args: argparse.Namespace) -> int:
    """Print each site's digest and counts."""
    return _with_store("digest", args, lambda store: _print_digest(store, args.json))


def run_check(args: argparse.Namespace) -> int:
    """Print each site's problems (repair them with ``--repair``); exit 1 when any remain."""
    if args.repair:
        return _with_store("check", args, lambda store: _repair(store, args))
    return _with_store("check", args, lambda store: _print_check(store, args.json))


def _repair(store: Store, args: argparse.Namespace) -> int:
    repairs = repair_store(store)
    captures = sorted({c for r in repairs.values() for c in r.captures if Path(c).is_file()})
    for repair in repairs.values():
        for action in repair.actions:
            print(action)
    if captures:
        settings = settings_from(args)
        options = IngestOptions(
            data_dir=settings.data_dir,
            store=settings.store_url,
            logs_dir=settings.logs_dir,
            use_snapshot=False,
        )
        summary = ingest([Path(c) for c in captures], options)
        print(f"re-ingested {summary.hosts_parsed} hosts from {len(captures)} captures")
    return _print_check(store, args.json)


def _print_digest(store: Store, as_json: bool) -> int:
    digests = store_digest(store)
    if as_json:
        print(json.dumps([d.as_dict() for d in digests], indent=2))
    else:
        rows = [d.as_dict() for d in digests]
        print(format_table(rows, ["site", "digest", "devices", "interfaces", "changes"]))
    return 0


def _print_check(store: Store, as_json: bool) -> int:
    results = check_store(store)
    if as_json:
        print(
            json.dumps(
                [
                    {"site": r.site, "ok": r.ok, "problems": r.problems}
                    | (vars_of(r) if r.counts else {})
                    for r in results
                ],
                indent=2,
            )
        )
    else:
        for result in results:
            verdict = "ok" if result.ok else f"{len(result.problems)} problem(s)"
            print(f"{result.site}: {verdict}")
            for problem in result.problems:
                print(f"  {problem}")
        print(f"{store.url.display}: {len(results)} sites checked")
    return 0 if all(result.ok for result in results) else 1


def vars_of(item: CopiedSite | object) -> dict[str, int]:
    """The row counts of a copied or checked site as a dict."""
    counts = getattr(item, "counts")  # noqa: B009  (both result types carry counts)
    return {name: getattr(counts, name) for name in counts.__slots__}


def _with_store(action: str, args: argparse.Namespace, work: Callable[[Store], int]) -> int:
    try:
        url = settings_from(args).store_url
    except StoreConfigError as error:
        print(f"statetrace store {action}: {error}", file=sys.stderr)
        return 2
    with _stores(action, url) as opened:
        if opened is None:
            return 2
        try:
            return work(opened[0])
        except StoreError as error:
            print(f"statetrace store {action}: {error}", file=sys.stderr)
            return 1


@contextmanager
def _stores(action: str, *urls: str) -> Iterator[list[Store] | None]:
    """Open every store, or print why one cannot be used and yield ``None``."""
    opened: list[Store] = []
    try:
        for url in urls:
            opened.append(open_store(url))
    except StoreConfigError as error:
        print(f"statetrace store {action}: {error}", file=sys.stderr)
        for store in opened:
            store.close()
        yield None
        return
    try:
        yield opened
    finally:
        for store in opened:
            store.close()
