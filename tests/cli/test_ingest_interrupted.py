"""Overrides persisted for one run are restored when the run is killed mid-way."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from statetrace.concurrency.settings import settings_path
from statetrace.generate import generate_corpus

SETTINGS = b"# hand-tuned\r\n[concurrency]\r\njobs_per_thread = 7  # keep\r\n"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_killed_ingest_restores_the_settings_file(tmp_path: Path, sig: signal.Signals):
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, sites=2, hosts_per_site=150, ports=48, seed=4)
    data = tmp_path / "Data"
    settings = settings_path(data)
    settings.parent.mkdir(parents=True)
    settings.write_bytes(SETTINGS)
    command = [
        sys.executable, "-c",
        "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
        "from statetrace.cli import main; sys.exit(main(sys.argv[1:]))",
        "ingest", str(corpus), "--data", str(data), "--logs", str(tmp_path / "Logs"),
        "--workers", "1", "--jobs-per-thread", "1", "--persist-overrides",
    ]  # fmt: skip
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while settings.read_bytes() == SETTINGS and time.monotonic() < deadline:
        time.sleep(0.005)
    assert b"jobs_per_thread = 1" in settings.read_bytes(), "the run never persisted"
    assert run.poll() is None, "the run ended before it could be interrupted"
    os.kill(run.pid, sig)
    run.wait(timeout=60)
    assert run.returncode != 0
    assert settings.read_bytes() == SETTINGS
