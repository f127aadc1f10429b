"""A second run on the same data folder says whom it waits for, and can give up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from statetrace.cli import main
from statetrace.generate import generate_corpus
from statetrace.store import StoreError
from statetrace.store.locks import LOCK_NAME, folder_lock

HOLD = (
    "import sys, time; from pathlib import Path; from statetrace.store.locks import folder_lock\n"
    "with folder_lock(Path(sys.argv[1]), timeout=None, on_wait=print):\n"
    "    print('held', flush=True); time.sleep(30)\n"
)


@pytest.fixture
def holder(tmp_path: Path):
    """Another process holding ``tmp_path / 'D'``."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / "D")], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    yield process
    process.kill()
    process.wait(timeout=30)


def test_the_waiting_run_names_the_holder_and_gives_up(tmp_path, holder, capsys):
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, sites=1, hosts_per_site=1, ports=2, seed=1)
    args = ["ingest", str(corpus), "--data", str(tmp_path / "D"), "--logs", str(tmp_path / "L")]
    started = time.monotonic()
    assert main([*args, "--lock-timeout", "0.3"]) == 1
    assert time.monotonic() - started < 20
    err = capsys.readouterr().err
    assert f"waiting for {tmp_path / 'D'}: held by " in err and f"pid {holder.pid} since 20" in err
    assert "gave up after 0.3 s" in err
    assert not (tmp_path / "L" / "SharedCacheSnapshot").exists(), "nothing was done"


def test_the_lock_is_taken_once_the_holder_ends(tmp_path, holder):
    holder.kill()
    holder.wait(timeout=30)  # a killed holder leaves its owner file: it is only a note
    with folder_lock(tmp_path / "D", timeout=5, on_wait=print):
        owner = (tmp_path / "D" / f"{LOCK_NAME}.owner").read_text()
        assert f"pid {os.getpid()} since" in owner
    assert not (tmp_path / "D" / f"{LOCK_NAME}.owner").exists()


def test_a_timeout_raises_a_named_error(tmp_path, holder):
    with (
        pytest.raises(StoreError, match=rf"D: another run holds the store \(.* pid {holder.pid} "),
        folder_lock(tmp_path / "D", timeout=0, on_wait=lambda line: None),
    ):
        pass


def test_negative_lock_timeout_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", str(tmp_path), "--lock-timeout", "-1"])
    assert exit_.value.code == 2
    assert "expected seconds >= 0" in capsys.readouterr().err


def test_two_concurrent_runs_take_turns_and_both_succeed(tmp_path):
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, sites=2, hosts_per_site=40, ports=12, seed=3)
    data = tmp_path / "D"
    command = [sys.executable, "-m", "statetrace", "ingest", str(corpus), "--data", str(data)]
    runs = [
        subprocess.Popen([*command, "--logs", str(tmp_path / f"L{n}"), "--json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in (1, 2)
    ]  # fmt: skip
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in results]
    summaries = [json.loads(out) for out, _ in results]
    assert sorted(s["HostsParsed"] + s["HostsSkipped"] for s in summaries) == [80, 80]
    assert sum(s["RowsInserted"] for s in summaries) == 80 * 12, "every row written once"
