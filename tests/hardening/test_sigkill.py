"""SIGKILL at random points of cold and next-day ingests: every store stays intact and
a re-run converges to the content of a run that was never interrupted.

A sample runs by default; ``STATETRACE_FAULT_SAMPLES=N`` runs N kill points per kind.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest

from statetrace.generate import generate_corpus, generate_next_day

SAMPLES = int(os.environ.get("STATETRACE_FAULT_SAMPLES", "2"))
CONTENT = {
    "devices": "hostname, site, platform, model, version, serial, uptime",
    "interfaces": "hostname, port_key, port, name, status, vlan, duplex, speed, type, "
    "learned_macs, auth_mode, auth_state, auth_client_mac, config, signature",
    "ingest_history": "hostname, slice_hash, parser_version",
}


def _ingest(captures: Path, data: Path, workers: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "statetrace", "ingest", str(captures), "--data", str(data),
         "--logs", str(data.parent / (data.name + "-logs")), "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip


def _complete(captures: Path, data: Path, workers: int = 1) -> float:
    started = time.monotonic()
    run = _ingest(captures, data, workers)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err.decode()
    return time.monotonic() - started


def _content(data: Path) -> dict[str, list[tuple]]:
    """Every store's rows that a run decides (not when or by which run)."""
    found: dict[str, list[tuple]] = {table: [] for table in CONTENT}
    for store in sorted(data.glob("*/*.sqlite")):
        with sqlite3.connect(store) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",), store
            for table, columns in CONTENT.items():
                found[table] += conn.execute(f"SELECT {columns} FROM {table}").fetchall()
    return {table: sorted(rows) for table, rows in found.items()}


@cache
def _corpora(root: str) -> tuple[Path, Path, dict, dict, dict]:
    """Day-0 and next-day corpora, the content after a clean cold and next-day run, and
    the wall seconds of each (process start to exit)."""
    base = Path(root)
    day0, day1 = base / "day0", base / "day1"
    generate_corpus(day0, sites=2, hosts_per_site=60, ports=24, seed=11)
    generate_next_day(day0, day1, churn=0.05, seed=12)
    clean = base / "clean"
    walls = {"cold": _complete(day0, clean)}
    cold = _content(clean)
    walls["next-day"] = _complete(day1, clean)
    return day0, day1, cold, _content(clean), walls


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict, dict, dict]:
    return _corpora(str(tmp_path_factory.mktemp("fault-corpora")))


def _kill_at(captures: Path, data: Path, delay: float, workers: int) -> bool:
    """Start an ingest, SIGKILL its process group after ``delay`` s; False if it had ended."""
    run = _ingest(captures, data, workers)
    time.sleep(delay)
    alive = run.poll() is None
    if alive:
        os.killpg(run.pid, signal.SIGKILL)
    run.communicate(timeout=60)
    return alive


@pytest.mark.parametrize("sample", range(SAMPLES))
@pytest.mark.parametrize("kind", ["cold", "next-day"])
def test_sigkill_then_rerun_converges(tmp_path: Path, corpora, kind: str, sample: int):
    day0, day1, cold, next_day, walls = corpora
    rng = random.Random(f"{kind}-{sample}")
    delay, workers = rng.uniform(0.05, 0.7 * walls[kind]), rng.choice([1, 2])
    data = tmp_path / "D"
    if kind == "next-day":
        _complete(day0, data)
    captures = day0 if kind == "cold" else day1
    assert _kill_at(captures, data, delay, workers), "the run ended before the kill"
    _content(data)  # every store passes PRAGMA integrity_check right after the kill
    _complete(captures, data, workers)
    assert _content(data) == (cold if kind == "cold" else next_day), (delay, workers)
