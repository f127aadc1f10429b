"""The same corpus cold and then its next day (2 % churn) on SQLite, PostgreSQL and ODBC.

Each item ingests the benchmark corpus cold and then its next day into a fresh
scratch store of its backend (timed: the pair, two rounds); a server backend's
item also runs the very same pair on SQLite before each round (untimed) as its
same-run baseline; the best wall of each pass is compared.  Rows written on the
next day must equal the churn manifest on every backend.  Targets: PostgreSQL
cold and next day ≤ 1.3× SQLite.  A server that cannot be reached skips its item
with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Corpora
from statetrace.engine import IngestOptions, RunSummary, ingest
from statetrace.store import StoreConfigError, StoreError
from statetrace.store.scratch import scratch_store

BACKENDS = {
    "sqlite": None,
    "postgresql": "postgresql://postgres@127.0.0.1:5432/test",
    "odbc-postgresql": "odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;PORT=5432;"
    "DATABASE=test;UID=postgres;",
}
ROUNDS = 2


class _Pairs:
    """Cold-then-next-day pairs on one backend; the best wall of each pass."""

    def __init__(self, server: str | None, name: str, corpora: Corpora, work: Path) -> None:
        self.server, self.name, self.corpora, self.work = server, name, corpora, work
        self.best: dict[str, RunSummary] = {}
        self.count = 0

    def run(self) -> None:
        self.count += 1
        scratch = f"statetrace_bench_{self.name.replace('-', '_')}_{self.count}"
        folder = self.work / f"{self.name}-{self.count}"
        with scratch_store(self.server, folder, scratch) as url:
            for label, corpus in (("cold", self.corpora.day0), ("next_day", self.corpora.day1)):
                options = IngestOptions(store=url, logs_dir=folder / "Logs")
                summary = ingest([corpus], options)
                assert summary.ok, f"{self.name}: {summary.failures[:3]}"
                if label not in self.best or summary.wall_seconds < self.best[label].wall_seconds:
                    self.best[label] = summary

    def figures(self) -> dict[str, object]:
        return {
            f"{label}_{key}": value
            for label, summary in self.best.items()
            for key, value in (
                ("seconds", round(summary.wall_seconds, 3)),
                ("rows_written", summary.rows_written),
            )
        }


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_store_backend(benchmark, backend: str, corpora: Corpora, tmp_path: Path):
    measured = _Pairs(BACKENDS[backend], backend, corpora, tmp_path)
    baseline = _Pairs(None, "sqlite-baseline", corpora, tmp_path) if BACKENDS[backend] else None
    try:
        measured.run()  # also proves the server answers before anything is timed
    except (StoreConfigError, StoreError) as error:
        pytest.skip(f"{backend}: {error}")

    def sqlite_first():  # the same-run baseline, untimed, before each timed round
        if baseline is not None:
            baseline.run()
        return (), {}

    benchmark.pedantic(measured.run, setup=sqlite_first, rounds=ROUNDS)
    info = {"hosts": corpora.hosts, "churn_manifest_rows": corpora.churn_rows}
    info.update(measured.figures())
    if baseline is not None:
        base = baseline.best
        for label in ("cold", "next_day"):
            ratio = measured.best[label].wall_seconds / base[label].wall_seconds
            info[f"{label}_ratio_to_sqlite"] = round(ratio, 2)
    benchmark.extra_info.update(info)
    assert measured.best["next_day"].rows_written == corpora.churn_rows
