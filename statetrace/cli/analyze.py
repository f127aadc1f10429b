"""``statetrace analyze <name>``: the telemetry analyzers (table by default, ``--json``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statetrace.analyzers import (
    check_integrity,
    diff_hotspots,
    hotspot_site_totals,
    provider_reasons,
    rollup,
    shared_cache,
    warm_comparison,
)
from statetrace.analyzers.diff_hotspots import COLUMNS as HOTSPOT_COLUMNS
from statetrace.analyzers.diff_hotspots import write_hotspots_csv
from statetrace.analyzers.output import json_text, table_text
from statetrace.analyzers.rollup import COLUMNS as ROLLUP_COLUMNS
from statetrace.analyzers.rollup import write_hash_manifest, write_rollup_csv
from statetrace.telemetry.reader import ReadReport

SHARED_CACHE_TABLE = (
    "File",
    "SnapshotImported",
    "InitDelegatedStore",
    "InitNewStore",
    "InitAdoptedStore",
    "InitReuseStore",
    "GetMiss",
    "GetHit",
    "Set",
    "Remove",
    "FirstTimestamp",
    "LastTimestamp",
)
#: Reader issues printed per file (all are counted).
SHOWN_ISSUES = 5


def utc_time(value: str) -> datetime:
    """An ISO-8601 time argument; without an offset it is UTC."""
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO-8601 time: {value!r}") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def expand_inputs(paths: Sequence[Path], *, newest_first: bool = False) -> list[Path]:
    """Files as given; a folder stands for its ``*.json`` files, by name or (as the
    upstream cache analyzers list a ``-Directory``) newest first."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
        elif newest_first:
            files.extend(sorted(path.glob("*.json"), key=lambda p: -p.stat().st_mtime))
        else:
            files.extend(sorted(path.glob("*.json")))
    return files


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("analyze")
    names = parser.add_subparsers(dest="analyzer", metavar="ANALYZER", required=True)
    for add in (_shared_cache, _provider_reasons, _diff_hotspots, _rollup, _warm, _integrity):
        sub = add(names)
        sub.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _window(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start", type=utc_time, help="first instant (ISO-8601; UTC if no offset)")
    parser.add_argument("--end", type=utc_time, help="last instant, inclusive")


def _files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="telemetry files or folders"
    )


def _shared_cache(names: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = names.add_parser("shared-cache", help="shared-cache store state, one summary per file")
    _files(parser)
    _window(parser)
    parser.add_argument("--top-sites", type=int, default=10, metavar="N")
    parser.add_argument("--site-breakdown", action="store_true", help="print each file's top sites")
    parser.set_defaults(handler=run_shared_cache)
    return parser


def _provider_reasons(names: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = names.add_parser("provider-reasons", help="site-cache provider reasons per site")
    _files(parser)
    parser.add_argument("--site", action="append", default=[], help="only this site (repeatable)")
    _window(parser)
    parser.add_argument("--host-breakdown", action="store_true", help="hosts with AccessRefresh")
    parser.add_argument("--top-hosts", type=int, default=10, metavar="N")
    parser.set_defaults(handler=run_provider_reasons)
    return parser


def _diff_hotspots(names: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = names.add_parser("diff-hotspots", help="slowest warm-pass diffs of a warm-run export")
    parser.add_argument("warm_run", type=Path, metavar="WARMRUN.json")
    parser.add_argument("--top", type=int, default=20, metavar="N", help="rows (<= 0: all)")
    parser.add_argument("--min-ms", type=float, default=0.0, metavar="X")
    parser.add_argument("--output", type=Path, metavar="CSV", help="also write the CSV")
    parser.set_defaults(handler=run_diff_hotspots)
    return parser


def _rollup(names: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = names.add_parser("rollup", help="daily metric rollup (Date, Scope, Metric, …)")
    _files(parser)
    parser.add_argument("--per-site", action="store_true", help="add one scope per site")
    parser.add_argument("--site-cache", action="store_true", help="add SiteCacheFetchDurationMs")
    parser.add_argument("--output", type=Path, metavar="CSV", help="write the CSV here")
    parser.add_argument("--hash-manifest", action="store_true", help="write <CSV>.hashes.json")
    parser.add_argument("--fail-on-warnings", action="store_true", help="exit 1 on bad lines")
    parser.set_defaults(handler=run_rollup)
    return parser


def _warm(names: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = names.add_parser("warm-comparison", help="recompute a warm-run comparison")
    parser.add_argument("warm_run", type=Path, metavar="WARMRUN.json")
    parser.add_argument(
        "--legacy-refresh-rule",
        action="store_true",
        help="keep warm refresh rows (files written before 2025-12-23 13:18 -0700)",
    )
    parser.set_defaults(handler=run_warm_comparison)
    return parser


def _integrity(names: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = names.add_parser("integrity", help="every line JSON? exit 1 if not")
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--require-interface-sync", action="store_true")
    parser.add_argument("--require-queue-summary", action="store_true")
    parser.set_defaults(handler=run_integrity)
    return parser


def _warn(reports: Sequence[ReadReport]) -> None:
    for report in reports:
        if report.wrong_kind:
            print(f"warning: {report.path} is a {report.kind.value}; skipped", file=sys.stderr)
        elif report.skipped:
            print(
                f"warning: {report.path}: {report.malformed} malformed and "
                f"{report.non_object} non-object line(s) skipped",
                file=sys.stderr,
            )
            for issue in report.issues[:SHOWN_ISSUES]:
                print(f"  {issue}", file=sys.stderr)


def _emit(args: argparse.Namespace, data: Any, table: str) -> None:
    print(json_text(data) if args.json else table)


def run_shared_cache(args: argparse.Namespace) -> int:
    reports: list[ReadReport] = []
    summaries = shared_cache(
        expand_inputs(args.files, newest_first=True),
        start=args.start,
        end=args.end,
        top_sites=args.top_sites,
        reports=reports,
    )
    _warn(reports)
    table = table_text(summaries, SHARED_CACHE_TABLE)
    if args.site_breakdown:
        for summary in summaries:
            table += f"\n\nTop sites of {summary['File']}:\n" + table_text(summary["TopSites"])
    _emit(args, summaries, table)
    return 0


def run_provider_reasons(args: argparse.Namespace) -> int:
    reports: list[ReadReport] = []
    result = provider_reasons(
        expand_inputs(args.files, newest_first=True),
        sites=args.site,
        start=args.start,
        end=args.end,
        top_hosts=args.top_hosts,
        reports=reports,
    )
    _warn(reports)
    if not result.rows:
        print("warning: no InterfaceSyncTiming events found", file=sys.stderr)
    table = table_text(result.rows)
    data: Any = result.rows
    if args.host_breakdown:
        table += "\n\nHosts with AccessRefresh:\n" + table_text(result.hosts)
        data = {"Sites": result.rows, "Hosts": result.hosts}
    _emit(args, data, table)
    return 0


def run_diff_hotspots(args: argparse.Namespace) -> int:
    hotspots = diff_hotspots(args.warm_run, top=args.top, min_ms=args.min_ms)
    if not hotspots:
        print(
            "warning: no warm-pass rows with DiffComparisonDurationMs; no CSV written",
            file=sys.stderr,
        )
        return 0
    if args.output:
        write_hotspots_csv(args.output, hotspots)
    totals = hotspot_site_totals(hotspots)
    table = table_text(hotspots, HOTSPOT_COLUMNS) + "\n\nPer site:\n" + table_text(totals)
    _emit(args, hotspots, table)
    return 0


def run_rollup(args: argparse.Namespace) -> int:
    result = rollup(expand_inputs(args.files), per_site=args.per_site, site_cache=args.site_cache)
    _warn(result.reports)
    if not result.rows:
        print("warning: no summary rows were produced; no CSV written", file=sys.stderr)
    elif args.output:
        write_rollup_csv(args.output, result.rows)
        if args.hash_manifest:
            write_hash_manifest(args.output, result)
    _emit(args, result.rows, table_text(result.rows, ROLLUP_COLUMNS))
    if args.fail_on_warnings and result.warning_count:
        print(f"rollup failed: {result.warning_count} warning(s)", file=sys.stderr)
        return 1
    return 0


def run_warm_comparison(args: argparse.Namespace) -> int:
    comparison = warm_comparison(args.warm_run, legacy_refresh_rule=args.legacy_refresh_rule)
    table = "\n".join(f"{key:<32} {value}" for key, value in comparison.items())
    _emit(args, comparison, table)
    return 0


def run_integrity(args: argparse.Namespace) -> int:
    result = check_integrity(
        args.file,
        require_queue_summary=args.require_queue_summary,
        require_interface_sync=args.require_interface_sync,
    )
    table = "\n".join(f"{key:<20} {value}" for key, value in result.items())
    _emit(args, result, table)
    return 0 if result["Pass"] else 1
