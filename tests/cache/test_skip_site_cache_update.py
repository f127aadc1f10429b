"""SkipSiteCacheUpdate: the policy, its effect on the snapshot, and the cold-pass guard."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from statetrace.cache_policy import ENV_NAME, site_cache_updates_enabled, skip_site_cache_update
from statetrace.concurrency.settings import settings_path
from statetrace.engine import IngestOptions, ingest
from statetrace.generate import generate_corpus
from statetrace.snapshot import latest_snapshot_path, load_snapshot

SETTINGS = "# ops\r\n[cache]\r\nskip_site_cache_update = true  # during migration\r\n"


def test_policy_comes_from_environment_then_settings(tmp_path: Path):
    assert skip_site_cache_update(tmp_path, environ={}) is False
    settings_path(tmp_path).write_text("[cache]\nskip_site_cache_update = true\n")
    assert skip_site_cache_update(tmp_path, environ={}) is True
    assert skip_site_cache_update(tmp_path, environ={ENV_NAME: "0"}) is False
    with pytest.raises(ValueError, match=ENV_NAME):
        skip_site_cache_update(tmp_path, environ={ENV_NAME: "maybe"})


def test_skipping_updates_leaves_written_sites_out_of_the_snapshot(tmp_path: Path):
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, sites=2, hosts_per_site=2, ports=4, seed=8)
    options = IngestOptions(
        data_dir=tmp_path / "Data", logs_dir=tmp_path / "Logs", workers=0,
        skip_site_cache_update=True,
    )  # fmt: skip
    ingest([corpus], options)
    latest = latest_snapshot_path(tmp_path / "Logs" / "SharedCacheSnapshot")
    assert load_snapshot(latest, tmp_path / "Data").sites == {}


def test_guard_turns_policy_off_and_restores_bytes_and_env(tmp_path: Path):
    path = settings_path(tmp_path)
    path.write_bytes(SETTINGS.encode())
    environ = {ENV_NAME: "1"}
    with site_cache_updates_enabled(tmp_path, environ) as report:
        assert skip_site_cache_update(tmp_path, environ) is False
        assert skip_site_cache_update(tmp_path, environ={}) is False  # the file says so too
    assert path.read_bytes() == SETTINGS.encode()
    assert environ == {ENV_NAME: "1"}
    assert report.reset_applied


def test_guard_restores_after_an_error(tmp_path: Path):
    path = settings_path(tmp_path)
    path.write_bytes(SETTINGS.encode())
    environ: dict[str, str] = {}
    with pytest.raises(RuntimeError), site_cache_updates_enabled(tmp_path, environ):
        raise RuntimeError("cold pass failed")
    assert path.read_bytes() == SETTINGS.encode() and environ == {}


CHILD = """
import signal, sys, time
from pathlib import Path
from statetrace.cache_policy import site_cache_updates_enabled
# A run started in the background inherits an ignored SIGINT; a terminal's has Ctrl-C.
signal.signal(signal.SIGINT, signal.default_int_handler)
with site_cache_updates_enabled(Path(sys.argv[1])):
    print("inside", flush=True)
    time.sleep(30)
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_guard_restores_when_the_run_is_killed(tmp_path: Path, sig: signal.Signals):
    path = settings_path(tmp_path)
    path.write_bytes(SETTINGS.encode())
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, ENV_NAME: "1"},
        text=True,
    )
    assert child.stdout.readline().strip() == "inside"
    assert b"false" in path.read_bytes()
    child.send_signal(sig)
    try:
        _, stderr = child.communicate(timeout=60)  # drains the pipes while waiting
    except subprocess.TimeoutExpired:
        child.kill()
        _, stderr = child.communicate()
        pytest.fail(f"the guarded child ignored {sig.name} for 60 s; stderr:\n{stderr}")
    time.sleep(0.05)
    assert child.returncode != 0, stderr
    assert path.read_bytes() == SETTINGS.encode()
