"""A generated corpus and its churned next day, ingested into a fresh store per test.

``store_url`` is the suite-wide fixture (tests/conftest.py): every test runs on
every backend.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from history_helpers import ingest_day

from statetrace.generate import (
    ChurnManifest,
    CorpusManifest,
    CorpusState,
    generate_corpus,
    generate_next_day,
    load_state,
)
from statetrace.history import all_runs
from statetrace.store import open_store
from statetrace.store.base import StoredRun

SMALL = {"sites": 2, "hosts_per_site": 5, "ports": 12, "seed": 11}


@dataclass(frozen=True)
class TwoDays:
    """The store after ingesting day 0 then day 1, and what each day was."""

    url: str
    day0: CorpusState
    day1: CorpusState
    manifest: ChurnManifest
    runs: list[StoredRun]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[CorpusManifest, ChurnManifest]:
    """Day 0 and its next day at 10 % churn (generated once per session)."""
    root = tmp_path_factory.mktemp("history")
    day0 = generate_corpus(root / "day0", **SMALL)
    return day0, generate_next_day(day0.out, root / "day1", churn=0.1, seed=5)


@pytest.fixture()
def two_days(store_url: str, corpus, tmp_path: Path) -> TwoDays:
    """``store_url`` with day 0 ingested, then day 1."""
    day0, day1 = corpus
    ingest_day(store_url, day0.out, tmp_path / "Logs")
    ingest_day(store_url, day1.out, tmp_path / "Logs")
    store = open_store(store_url)
    try:
        runs = list(all_runs(store, store.sites()).values())
    finally:
        store.close()
    assert len(runs) == 2
    return TwoDays(store_url, load_state(day0.out), load_state(day1.out), day1, runs)
