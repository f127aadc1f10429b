"""pytest-benchmark suite: ``pytest benchmarks --benchmark-only [--bench-full]``.

Not part of the default test run (``testpaths`` is ``tests``).  Every run is saved
with machine and commit info (pytest-benchmark's own) and the raw samples under
``Logs/Benchmarks/`` unless ``--benchmark-storage`` says otherwise; ratios and
counts against a baseline measured in the same run go into ``extra_info``.
"""

from __future__ import annotations

import compileall
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_benchmark.utils import get_tag

import statetrace
from statetrace.generate import generate_corpus, generate_next_day

REPO = Path(__file__).resolve().parent.parent
STORAGE = REPO / "Logs" / "Benchmarks"
STATETRACE = Path(sys.executable).with_name("statetrace")

#: (sites, hosts per site, ports) of the incremental, parse --json and backend items.
SMALL, FULL = (2, 250, 48), (4, 500, 48)


@pytest.fixture(scope="session", autouse=True)
def byte_compiled() -> None:
    """The package as ``pip install`` leaves it: byte-compiled.  Without this, a checkout
    under ``PYTHONDONTWRITEBYTECODE`` compiles every imported module from source again in
    each measured process (about 40 ms of an unchanged re-ingest)."""
    compileall.compile_dir(Path(statetrace.__file__).parent, quiet=1)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--bench-full",
        action="store_true",
        help="benchmark the full size (2,000 hosts × 48 ports) instead of 500 hosts",
    )
    parser.addoption(
        "--bench-scale-hosts",
        type=int,
        default=2_000,
        help="hosts of test_scale.py's measured corpus (its reference has 1,000)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Save every run (with its raw samples) under Logs/Benchmarks/ by default."""
    option = config.option
    if not hasattr(option, "benchmark_storage"):
        return
    if option.benchmark_storage == "file://./.benchmarks":
        option.benchmark_storage = f"file://{STORAGE}"
    if not option.benchmark_save and not option.benchmark_autosave:
        option.benchmark_autosave = get_tag()
    option.benchmark_save_data = True


@dataclass(frozen=True)
class Corpora:
    """A generated corpus, its next day at 2 % churn, and their size."""

    day0: Path
    day1: Path
    hosts: int
    ports: int
    megabytes: float
    churn_rows: int


@pytest.fixture(scope="session")
def corpora(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Corpora:
    """Day 0 and day 1 (2 % port churn) of the benchmark corpus."""
    sites, hosts, ports = FULL if request.config.getoption("--bench-full") else SMALL
    root = tmp_path_factory.mktemp("bench-corpus")
    generate_corpus(root / "day0", sites=sites, hosts_per_site=hosts, ports=ports, seed=7)
    manifest = generate_next_day(root / "day0", root / "day1", churn=0.02, seed=8)
    size = sum(path.stat().st_size for path in (root / "day0").rglob("*.log"))
    changed = {(change.hostname, change.port) for change in manifest.changes}
    rows = len(changed) + ports * len(manifest.hosts_added)
    return Corpora(root / "day0", root / "day1", sites * hosts, ports, size / 1e6, rows)


def run_cli(*args: str | Path) -> str:
    """Run ``statetrace ARGS`` as a user does (a new process); its stdout."""
    done = subprocess.run(
        [str(STATETRACE), *map(str, args)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def ingest_cli(corpus: Path, data: Path) -> str:
    """``statetrace ingest CORPUS --data DATA --logs DATA/Logs`` (summary as JSON)."""
    return run_cli("ingest", corpus, "--data", data, "--logs", data / "Logs", "--json")


@dataclass
class ColdBaseline:
    """Cold ingests of day 0 measured in this run, and one finished data dir to copy."""

    seconds: list[float]
    data: Path

    @property
    def median(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[len(ordered) // 2]


@pytest.fixture(scope="session")
def cold(corpora: Corpora, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ColdBaseline]:
    """Three cold ingests of day 0 through the CLI (the baseline of every ratio)."""
    root = tmp_path_factory.mktemp("bench-cold")
    seconds = []
    for attempt in range(3):
        data = root / f"Data{attempt}"
        started = time.perf_counter()
        ingest_cli(corpora.day0, data)
        seconds.append(time.perf_counter() - started)
    yield ColdBaseline(seconds, data)
    shutil.rmtree(root, ignore_errors=True)
