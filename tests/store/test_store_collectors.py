"""Several collectors, one store: site locks, waiting, crashes, and migration between backends."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from backends import BACKENDS, ScratchServers, fresh_store_url

from statetrace.engine import IngestOptions, ingest
from statetrace.generate import generate_corpus
from statetrace.store import open_store
from statetrace.store.copy import copy_store
from statetrace.store.digest import store_digest


def _digest(url: str) -> list[tuple[str, str, int, int]]:
    store = open_store(url)
    try:
        return [(d.site, d.digest, d.devices, d.interfaces) for d in store_digest(store)]
    finally:
        store.close()


def _statetrace(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "statetrace", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def two_collectors(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two capture folders whose sites overlap: each holds other switches of WLLS."""
    root = tmp_path_factory.mktemp("collectors")
    corpus = root / "corpus"
    generate_corpus(corpus, sites=3, hosts_per_site=6, ports=24, seed=22)  # BOYO, CLMA, WLLS
    first, second = root / "first", root / "second"
    for folder, picks in (
        (first, ["BOYO/*.log", "WLLS/WLLS-A01-AS-*.log"]),
        (second, ["CLMA/*.log", "WLLS/WLLS-capture-batch.log"]),
    ):
        folder.mkdir()
        for pattern in picks:
            for capture in corpus.glob(pattern):
                (folder / capture.name).write_bytes(capture.read_bytes())
    return first, second


def test_two_concurrent_collectors_end_as_a_sequential_run(
    store_url: str, two_collectors: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = two_collectors
    runs = [
        _statetrace(
            "ingest", str(folder), "--store", store_url, "--logs", str(tmp_path / name), "--json"
        )
        for folder, name in ((first, "LogsA"), (second, "LogsB"))
    ]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    reference = f"sqlite:///{tmp_path / 'Sequential'}"
    expected = [
        ingest([folder], IngestOptions(store=reference, logs_dir=tmp_path / "Ref", workers=0))
        for folder in (first, second)
    ]
    assert _digest(store_url) == _digest(reference)
    summaries = [json.loads(out) for out, _ in results]
    assert [s["RowsInserted"] for s in summaries] == [e.rows_inserted for e in expected]
    assert [s["HostsParsed"] for s in summaries] == [e.hosts_parsed for e in expected]


def test_a_waiting_run_names_the_holder_and_can_give_up(
    store_url: str, two_collectors: tuple[Path, Path], tmp_path: Path
) -> None:
    first, _ = two_collectors
    store = open_store(store_url)
    try:
        with store.lock_sites(["BOYO", "WLLS"], timeout=5, on_wait=print):
            run = _statetrace(
                "ingest", str(first), "--store", store_url, "--logs", str(tmp_path / "L"),
                "--lock-timeout", "1",
            )  # fmt: skip
            out, err = run.communicate(timeout=60)
    finally:
        store.close()
    assert run.returncode == 1, out + err
    assert "waiting for" in err and f"pid {os.getpid()}" in err
    assert "gave up after 1 s" in err and "Traceback" not in err


def test_a_killed_collector_does_not_block_the_next(store_url: str, tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from statetrace.store import open_store\n"
            "store = open_store(sys.argv[1])\n"
            "with store.lock_sites(['WLLS'], timeout=5, on_wait=print):\n"
            "    print('locked', flush=True)\n"
            "    time.sleep(600)\n",
            store_url,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
        store = open_store(store_url)
        try:
            started = time.monotonic()
            with store.lock_sites(["WLLS"], timeout=20, on_wait=lambda line: None):
                waited = time.monotonic() - started
        finally:
            store.close()
        assert waited < 20
    finally:
        if holder.poll() is None:
            holder.kill()


def test_migrate_round_trip_through_every_backend_keeps_the_digest(
    scratch_servers: ScratchServers, tmp_path: Path
) -> None:
    """SQLite → PostgreSQL → PostgreSQL over ODBC → MariaDB over ODBC → SQLite."""
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, sites=2, hosts_per_site=3, ports=8, seed=5)
    start = f"sqlite:///{tmp_path / 'Start'}"
    ingest([corpus], IngestOptions(store=start, logs_dir=tmp_path / "Logs", workers=0))
    chain = [start]
    for backend in BACKENDS[1:]:
        chain.append(next(fresh_store_url(scratch_servers, backend, tmp_path)))
    chain.append(f"sqlite:///{tmp_path / 'End'}")
    expected = _digest(start)
    for source_url, target_url in zip(chain, chain[1:], strict=False):
        source, target = open_store(source_url), open_store(target_url)
        try:
            copy_store(source, target)
        finally:
            source.close()
            target.close()
        assert _digest(target_url) == expected, target_url
    end = open_store(chain[-1])
    try:
        counts = [end.open_site(site).counts() for site in end.sites()]
    finally:
        end.close()
    assert all(c.changes == c.interfaces and c.history == c.devices for c in counts)


def test_locking_a_site_does_not_create_it(store_url: str) -> None:
    """A cold run's sites have no store yet even though the run holds their locks."""
    store = open_store(store_url)
    try:
        with store.lock_sites(["WLLS"], timeout=5, on_wait=print):
            assert store.sites() == []
    finally:
        store.close()
