"""Worker processes are capped by the machine; every concurrency value is validated alike."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from statetrace.cli import main
from statetrace.concurrency import CorpusShape, resolve_for_data_dir, resolve_profile
from statetrace.concurrency.limits import WORKER_MEMORY_BYTES, memory_bytes, worker_cap
from statetrace.concurrency.resolve import thread_ceiling_of_workers
from statetrace.generate import generate_corpus

SHAPE = CorpusShape(hosts=2_000, sites=10, bytes_per_host=100_000, cpu_count=2)


def test_cap_is_the_cpus_unless_memory_is_shorter():
    assert worker_cap(2, 64 * 2**30) == (2, "2 CPU(s)")
    assert worker_cap(8, 3 * WORKER_MEMORY_BYTES)[0] == 3
    assert worker_cap(8, 0)[0] == 1
    assert worker_cap(4, None) == (4, "4 CPU(s)")


def test_memory_is_read_without_psutil():
    available, total = memory_bytes(), memory_bytes("MemTotal")
    assert available is not None and total is not None
    assert 0 < available <= total


@pytest.mark.parametrize(
    ("flags", "env", "settings"),
    [
        ({"thread_ceiling": 200}, {}, {}),
        ({}, {"STATETRACE_THREAD_CEILING": "100000000"}, {}),
        ({}, {}, {"thread_ceiling": 100_000_000, "min_workers": 50}),
    ],
)
def test_every_source_is_capped_with_a_warning(caplog, flags, env, settings):
    with caplog.at_level(logging.WARNING):
        resolved = resolve_profile(SHAPE, flags, env, settings, max_workers=(2, "2 CPU(s)"))
    assert resolved.profile.thread_ceiling == 2
    assert resolved.profile.min_workers <= 2
    assert "capped to 2 worker process(es): 2 CPU(s)" in caplog.text
    assert resolved.capped and resolved.value("thread_ceiling").requested > 2


def test_a_value_within_the_cap_is_kept(caplog):
    resolved = resolve_profile(SHAPE, {"thread_ceiling": 2}, {}, {}, max_workers=(2, "2 CPU(s)"))
    assert resolved.profile.thread_ceiling == 2 and not resolved.capped and not caplog.text


def test_the_data_dir_resolution_applies_this_machines_cap(tmp_path: Path):
    resolved = resolve_for_data_dir(SHAPE, {"thread_ceiling": 10_000}, tmp_path)
    assert resolved.profile.thread_ceiling <= 2


@pytest.mark.parametrize("workers", [-3, -1])
def test_negative_workers_are_rejected_like_a_zero_thread_ceiling(workers):
    with pytest.raises(ValueError, match="flag --workers: expected an integer >= 0"):
        thread_ceiling_of_workers(workers)
    assert thread_ceiling_of_workers(0) == thread_ceiling_of_workers(1) == 1


def test_the_cli_rejects_bad_values_from_each_source(tmp_path: Path, capsys, monkeypatch):
    corpus = tmp_path / "c"
    generate_corpus(corpus, sites=1, hosts_per_site=1, ports=2, seed=1)
    data = tmp_path / "D"
    base = ["ingest", str(corpus), "--data", str(data), "--logs", str(tmp_path / "L")]
    assert main([*base, "--workers", "-3"]) == 2
    assert main([*base, "--thread-ceiling", "0"]) == 2
    monkeypatch.setenv("STATETRACE_JOBS_PER_THREAD", "-1")
    assert main(base) == 2
    monkeypatch.delenv("STATETRACE_JOBS_PER_THREAD")
    data.mkdir(exist_ok=True)
    (data / "statetrace.toml").write_text("[concurrency]\nmin_workers = 0\n")
    assert main(base) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "flag --workers",
        "flag --thread-ceiling",
        "environment STATETRACE_JOBS_PER_THREAD",
        f"{data / 'statetrace.toml'} [concurrency] min_workers",
    ]


def test_the_cli_prints_the_cap_warning(tmp_path: Path):
    corpus = tmp_path / "c"
    generate_corpus(corpus, sites=1, hosts_per_site=1, ports=2, seed=1)
    run = subprocess.run(
        [sys.executable, "-m", "statetrace", "ingest", str(corpus), "--plan",
         "--data", str(tmp_path / "D"), "--thread-ceiling", "100000"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stderr.startswith("statetrace ingest: warning: thread_ceiling 100000 (flag ")
