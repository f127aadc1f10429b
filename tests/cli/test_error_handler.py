"""The top-level handler: one line per error, the documented exit codes, no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from statetrace import cli
from statetrace.cli import errors, main
from statetrace.generate import generate_corpus

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _statetrace(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "statetrace", *args],
        capture_output=True, text=True, timeout=120, **kwargs,
    )  # fmt: skip


def _boom(args) -> int:
    raise RuntimeError("kaput")


def test_unexpected_error_is_one_line_with_the_debug_hint(monkeypatch, capsys):
    monkeypatch.setattr("statetrace.cli.show.run", _boom)
    monkeypatch.delenv("STATETRACE_DEBUG", raising=False)
    assert main(["show", "X"]) == errors.FAILED
    err = capsys.readouterr().err
    assert err == (
        "statetrace show: unexpected error: RuntimeError: kaput; "
        "run with --debug (or STATETRACE_DEBUG=1) for details\n"
    )


@pytest.mark.parametrize("how", ["flag", "env"])
def test_debug_shows_the_traceback(monkeypatch, capsys, how):
    monkeypatch.setattr("statetrace.cli.show.run", _boom)
    monkeypatch.setenv("STATETRACE_DEBUG", "1" if how == "env" else "0")
    argv = ["--debug", "show", "X"] if how == "flag" else ["show", "X"]
    assert main(argv) == errors.FAILED
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_known_errors_name_what_and_why(capsys):
    assert errors.exit_code_for(FileNotFoundError(2, "No such file", "a.json"), "statetrace x") == 2
    assert errors.exit_code_for(ValueError("f.toml: line 3: bad"), "statetrace y") == 2
    assert (
        capsys.readouterr().err
        == "statetrace x: a.json: No such file\nstatetrace y: f.toml: line 3: bad\n"
    )


def test_ctrl_c_while_a_command_module_imports(monkeypatch, capsys):
    def interrupted(name: str):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.importlib, "import_module", interrupted)
    assert main(["ingest", "x"]) == errors.INTERRUPTED
    assert capsys.readouterr().err == "interrupted\n"


def _blocks_sigint(pid: int) -> bool:
    """True once ``pid`` holds SIGINT back (``main`` is importing its command)."""
    with open(f"/proc/{pid}/status") as status:
        mask = next(line for line in status if line.startswith("SigBlk:")).split()[1]
    return bool(int(mask, 16) & (1 << (signal.SIGINT - 1)))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.1])
def test_sigint_while_the_command_imports_exits_130_quietly(tmp_path, delay):
    """SIGINT while ``ingest``'s modules are still importing (they take ~0.25 s): the
    signal is sent once the child holds SIGINT back, i.e. from inside ``main``."""
    command = ["ingest", str(tmp_path), "--data", str(tmp_path / "D")]
    run = subprocess.Popen(
        [sys.executable, "-m", "statetrace", *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not _blocks_sigint(run.pid):
        assert run.poll() is None and time.monotonic() < deadline, "main never started"
        time.sleep(0.0005)
    time.sleep(delay)
    os.kill(run.pid, signal.SIGINT)
    out, err = run.communicate(timeout=60)
    assert "Traceback" not in err
    if run.returncode == errors.INTERRUPTED:
        assert err == "interrupted\n"
    else:  # the command finished first (a fast machine): it must have said why
        assert run.returncode == errors.FAILED and "no capture files" in err, (run.returncode, err)


def test_closed_pipe_ends_quietly(tmp_path):
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, sites=1, hosts_per_site=2, ports=4, seed=1)
    store = ["--data", str(tmp_path / "D"), "--logs", str(tmp_path / "L")]
    assert _statetrace("ingest", str(corpus), *store).returncode == 0
    for args in (["ingest", str(corpus), *store, "--json"], ["show", "WLLS", *store], ["--help"]):
        run = subprocess.Popen(
            [sys.executable, "-m", "statetrace", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert run.stdout is not None
        run.stdout.close()  # the reader is gone before the command writes (`| true`)
        err = run.stderr.read().decode() if run.stderr else ""
        run.wait(timeout=60)
        assert err == "", args
        assert run.returncode in (0, errors.FAILED)


def test_help_and_version_import_no_command_module():
    probe = (
        "import sys; from statetrace.cli import main\n"
        "for argv in (['--help'], ['--version']):\n"
        "    try: main(argv)\n"
        "    except SystemExit: pass\n"
        "heavy = [m for m in sys.modules if m.startswith(('statetrace.cli.', 'pydantic', "
        "'jsonschema', 'statetrace.engine'))]\n"
        "print(sorted(m for m in heavy if m != 'statetrace.cli.errors'))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().endswith("[]"), out.stdout + out.stderr


def test_every_command_listed_and_registered():
    full = cli.build_parser("*")
    listed = cli.build_parser()
    choices = [next(a for a in p._actions if a.dest == "command").choices for p in (full, listed)]
    assert list(choices[0]) == list(choices[1]) == list(cli.COMMANDS)
    for name in cli.COMMANDS:
        assert choices[0][name].format_usage() != choices[1][name].format_usage()


def test_readme_states_the_exit_codes():
    for code in ("`0`", "`1`", "`2`", "`130`"):
        assert code in README
    assert "--debug" in README and "STATETRACE_DEBUG" in README


def test_the_label_is_the_command_run_not_an_option_of_the_same_name(capsys):
    assert main(["parse", "--platform", "nosuch", "--command", "show version", "x"]) == 2
    assert capsys.readouterr().err.startswith("statetrace parse: unknown platform 'nosuch'")
    assert main(["gates", "evaluate", "--telemetry", "/nonexistent"]) == 2
    err = capsys.readouterr().err
    assert err == "statetrace gates evaluate: /nonexistent: No such file or directory\n"
