"""The same corpus cold and churned-next-day on SQLite, PostgreSQL and ODBC, side by side.

Generates HOSTS hosts × PORTS ports (default 2,000 × 48) and its next day (2 %
churn), then, for each backend in a fresh scratch store, ingests the corpus cold
and then the next day, printing wall time, rows written and rows/s, and each
server backend's wall time as a ratio to SQLite's measured in the same run.
Backends are measured in alternating order over the repeats; the best wall per
backend and pass is reported.  Targets: PostgreSQL cold <= 1.3x SQLite, next
day <= 1.3x SQLite.

    python benchmarks/store_backends.py [--hosts 2000] [--ports 48] [--repeats 2]
        [--postgresql URL] [--odbc ODBC-CONNECTION-STRING] [--workers N]
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from statetrace.engine import IngestOptions, RunSummary, ingest
from statetrace.generate import generate_corpus, generate_next_day
from statetrace.store.scratch import scratch_store

POSTGRESQL = "postgresql://postgres@127.0.0.1:5432/test"
ODBC = "odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;PORT=5432;DATABASE=test;UID=postgres;"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=2000)
    parser.add_argument("--ports", type=int, default=48)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--postgresql", default=POSTGRESQL, metavar="URL")
    parser.add_argument("--odbc", default=ODBC, metavar="URL")
    args = parser.parse_args()
    backends = {"sqlite": None, "postgresql": args.postgresql, "odbc-postgresql": args.odbc}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        corpus, next_day = _corpora(root, args.hosts, args.ports)
        best: dict[tuple[str, str], tuple[float, int]] = {}
        for repeat in range(args.repeats):
            order = list(backends) if repeat % 2 == 0 else list(reversed(backends))
            for name in order:
                with _store(backends[name], root / f"{name}-{repeat}", name, repeat) as url:
                    for label, folder in (("cold", corpus), ("next-day", next_day)):
                        summary = _ingest(url, folder, root / "Logs", args.workers)
                        key = (name, label)
                        wall = summary.wall_seconds
                        if key not in best or wall < best[key][0]:
                            best[key] = (wall, summary.rows_written)
        _print(best, list(backends))


def _corpora(root: Path, hosts: int, ports: int) -> tuple[Path, Path]:
    sites = max(1, hosts // 200)
    corpus, next_day = root / "corpus", root / "next-day"
    generate_corpus(corpus, sites=sites, hosts_per_site=hosts // sites, ports=ports, seed=7)
    generate_next_day(corpus, next_day, churn=0.02, seed=8)
    return corpus, next_day


@contextmanager
def _store(server: str | None, folder: Path, name: str, repeat: int) -> Iterator[str]:
    scratch_name = f"statetrace_bench_{name.replace('-', '_')}_{repeat}"
    with scratch_store(server, folder, scratch_name) as url:
        yield url


def _ingest(url: str, folder: Path, logs: Path, workers: int | None) -> RunSummary:
    summary = ingest([folder], IngestOptions(store=url, logs_dir=logs, workers=workers))
    if not summary.ok:
        raise SystemExit(f"{url}: {summary.hosts_failed} hosts failed: {summary.failures[:3]}")
    return summary


def _print(best: dict[tuple[str, str], tuple[float, int]], names: list[str]) -> None:
    print(f"{'backend':<16} {'pass':<9} {'wall s':>8} {'rows':>8} {'rows/s':>10} {'vs sqlite':>10}")
    for label in ("cold", "next-day"):
        base = best[("sqlite", label)][0]
        for name in names:
            wall, rows = best[(name, label)]
            rate = rows / wall if wall else 0.0
            print(
                f"{name:<16} {label:<9} {wall:>8.2f} {rows:>8} {rate:>10.0f} {wall / base:>9.2f}x"
            )


if __name__ == "__main__":
    main()
