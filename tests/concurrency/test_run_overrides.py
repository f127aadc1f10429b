"""Overrides last one run: restored after success, failure, Ctrl-C and SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from statetrace.concurrency import Terminated, restore_on_exit, run_scoped_overrides

ORIGINAL = b"\xef\xbb\xbf# tuned by hand\r\n[concurrency]\r\njobs_per_thread = 7 # keep\r\n"


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "statetrace.toml"
    path.parent.mkdir()
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    return path


def test_overrides_apply_inside_and_are_restored_after(settings_file: Path) -> None:
    env = {"STATETRACE_JOBS_PER_THREAD": "7", "OTHER": "x"}
    with run_scoped_overrides(
        {"thread_ceiling": 1, "jobs_per_thread": 3}, settings_file=settings_file
    ) as scope:
        text = settings_file.read_bytes().decode("utf-8")
        assert text.startswith("\ufeff# tuned by hand\r\n")
        assert "jobs_per_thread = 3 # keep\r\nthread_ceiling = 1\r\n" in text
        assert env == {"STATETRACE_JOBS_PER_THREAD": "7", "OTHER": "x"}, "nothing exported"
        assert "STATETRACE_THREAD_CEILING" not in os.environ
    assert settings_file.read_bytes() == ORIGINAL
    assert settings_file.stat().st_mode & 0o777 == 0o640
    assert env == {"STATETRACE_JOBS_PER_THREAD": "7", "OTHER": "x"}
    assert scope.report.reset_applied
    assert scope.report.restored_files == [settings_file]
    assert scope.report.restored_env == []


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_restored_after_an_exception(settings_file: Path, error: BaseException) -> None:
    with (
        pytest.raises(type(error)),
        run_scoped_overrides({"min_workers": 1}, settings_file=settings_file),
    ):
        settings_file.write_bytes(b"garbage the run wrote")
        raise error
    assert settings_file.read_bytes() == ORIGINAL


def test_a_file_that_did_not_exist_is_removed_again(tmp_path: Path) -> None:
    path = tmp_path / "statetrace.toml"
    with run_scoped_overrides({"thread_ceiling": 2}, settings_file=path):
        assert b"thread_ceiling = 2" in path.read_bytes()
    assert not path.exists()


def test_nothing_changed_means_no_reset(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"x = 1\n")
    with restore_on_exit([path], ["STATETRACE_UNUSED"], environ={}) as report:
        pass
    assert not report.reset_applied


def test_invalid_override_fails_before_anything_changes(settings_file: Path) -> None:
    with (
        pytest.raises(ValueError, match="flag --thread-ceiling"),
        run_scoped_overrides({"thread_ceiling": 0}, settings_file=settings_file),
    ):
        pass
    assert settings_file.read_bytes() == ORIGINAL


def test_sigterm_becomes_an_exception_and_the_handler_is_restored() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Terminated), restore_on_exit([], []):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises long before this ends
    assert signal.getsignal(signal.SIGTERM) is before


CHILD = textwrap.dedent(
    """
    import json, os, signal, sys, time
    from pathlib import Path
    from statetrace.concurrency import Terminated, run_scoped_overrides

    # A run started in the background inherits an ignored SIGINT; a terminal's has Ctrl-C.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    path = Path(sys.argv[1])
    os.environ["STATETRACE_JOBS_PER_THREAD"] = "7"
    os.environ.pop("STATETRACE_THREAD_CEILING", None)
    try:
        with run_scoped_overrides(
            {"thread_ceiling": 1, "jobs_per_thread": 3}, settings_file=path
        ):
            print("ready", flush=True)
            time.sleep(60)
    except (KeyboardInterrupt, Terminated) as error:
        names = ("STATETRACE_JOBS_PER_THREAD", "STATETRACE_THREAD_CEILING")
        print(json.dumps({
            "error": type(error).__name__,
            "env": {name: os.environ.get(name) for name in names},
            "sigterm_default": signal.getsignal(signal.SIGTERM) == signal.SIG_DFL,
        }), flush=True)
        sys.exit(3)
    """
)


@pytest.mark.parametrize(
    ("signum", "error"), [(signal.SIGINT, "KeyboardInterrupt"), (signal.SIGTERM, "Terminated")]
)
def test_interrupted_child_run_restores_file_and_env(
    settings_file: Path, tmp_path: Path, signum: int, error: str
) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), str(settings_file)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        assert settings_file.read_bytes() != ORIGINAL, "the run did not persist its override"
        child.send_signal(signum)
        report = json.loads(child.stdout.readline())
        assert child.wait(timeout=10) == 3
    finally:
        child.kill()
    assert settings_file.read_bytes() == ORIGINAL
    assert report == {
        "error": error,
        "env": {"STATETRACE_JOBS_PER_THREAD": "7", "STATETRACE_THREAD_CEILING": None},
        "sigterm_default": True,
    }


def test_a_file_that_cannot_be_restored_is_reported_after_the_others(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked.toml"
    blocked.write_bytes(b"a = 1\n")
    other = tmp_path / "other.toml"
    other.write_bytes(b"b = 2\n")
    env = {"STATETRACE_MIN_WORKERS": "1"}
    with (
        pytest.raises(OSError, match="could not restore .*blocked.toml"),
        restore_on_exit([blocked, other], ["STATETRACE_MIN_WORKERS"], environ=env),
    ):
        blocked.unlink()
        blocked.mkdir()  # a directory cannot be replaced by the saved file
        other.write_bytes(b"changed")
        env["STATETRACE_MIN_WORKERS"] = "2"
    assert other.read_bytes() == b"b = 2\n"
    assert env == {"STATETRACE_MIN_WORKERS": "1"}


def test_an_ignored_sigterm_stays_ignored() -> None:
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        with restore_on_exit([], []):
            assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
    finally:
        signal.signal(signal.SIGTERM, previous)
