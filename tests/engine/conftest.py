"""Fixtures for engine tests: small generated corpora and an ingest helper."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from statetrace.engine import IngestOptions, RunSummary, ingest
from statetrace.generate import generate_corpus
from statetrace.store.sqlite import list_sites, site_store_path
from statetrace.telemetry.reader import iter_events
from statetrace.telemetry.writer import metrics_dir


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2 sites × 3 hosts × 8 ports, all three vendors (read-only: copy before changing)."""
    out = tmp_path_factory.mktemp("corpus") / "corpus"
    generate_corpus(out, sites=2, hosts_per_site=3, ports=8, seed=3)
    return out


@pytest.fixture
def corpus(small_corpus: Path, tmp_path: Path) -> Path:
    """A private copy of the small corpus that a test may modify."""
    return Path(shutil.copytree(small_corpus, tmp_path / "captures"))


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., RunSummary]:
    """Ingest paths into this test's Data/ and Logs/ (in-process unless workers given)."""

    def _run(*paths: Path, **options: object) -> RunSummary:
        options.setdefault("workers", 0)
        return ingest(
            list(paths),
            IngestOptions(data_dir=tmp_path / "Data", logs_dir=tmp_path / "Logs", **options),
        )

    return _run


@pytest.fixture
def read_events() -> Callable[..., list[dict]]:
    """``read_events(logs_dir, run_id=None)``: every telemetry event (of one run)."""
    return events


@pytest.fixture
def read_rows() -> Callable[..., list[dict]]:
    """``read_rows(data_dir, table="interfaces")``: every row of a table over all stores."""
    return store_rows


def events(logs_dir: Path, run_id: str | None = None) -> list[dict]:
    """Every telemetry event under ``logs_dir`` (of one run, if given)."""
    found = []
    for path in sorted(metrics_dir(logs_dir).glob("????-??-??.json")):
        found.extend(e for e in iter_events(path) if run_id is None or e.get("RunId") == run_id)
    return found


def store_rows(data_dir: Path, table: str = "interfaces") -> list[dict]:
    """Every row of ``table`` over all site stores."""
    rows = []
    for site in list_sites(data_dir):
        with sqlite3.connect(site_store_path(data_dir, site)) as conn:
            conn.row_factory = sqlite3.Row
            rows.extend(dict(row) for row in conn.execute(f"SELECT * FROM {table}"))
    return rows
