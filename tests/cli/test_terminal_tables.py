"""Tables fit the terminal (``--wide``: whole cells); verdicts in colour on a terminal only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from terminal import COLUMNS, run_statetrace

from statetrace.engine import IngestOptions, ingest
from statetrace.generate import generate_corpus, generate_next_day, load_state
from tests.gates.synthetic import write_synthetic_run

GATES = Path(__file__).resolve().parents[2] / "gates"
RED_NOT_READY = re.compile(r"\x1b\[[0-9;]*31[0-9;]*mNOT READY\x1b\[0m")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A store with two days of a corpus ingested, and one of its hosts."""
    root = tmp_path_factory.mktemp("tables")
    day0 = generate_corpus(root / "day0", sites=1, hosts_per_site=2, ports=8, seed=7)
    generate_next_day(day0.out, root / "day1", churn=0.5, seed=2)
    for day in ("day0", "day1"):
        options = IngestOptions(data_dir=root / "Data", logs_dir=root / "Logs", workers=0)
        ingest([root / day], options)
    return root, load_state(day0.out).hosts[0].hostname


def widths(text: str) -> list[int]:
    return [len(line) for line in text.splitlines() if line]


COMMANDS = {
    "show": lambda host: ["show", host],
    "changes": lambda host: ["changes", "--since", "2000-01-01", "--host", host],
    "find": lambda host: ["find", "Printer"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_tables_fit_the_terminal_and_wide_shows_everything(store, command: str) -> None:
    root, host = store
    args = [*COMMANDS[command](host), "--data", "Data"]
    fitted = run_statetrace(args, root, out_tty=True)
    assert fitted.code == 0, fitted.err
    assert max(widths(fitted.out)) <= COLUMNS and "…" in fitted.out
    wide = run_statetrace([*args, "--wide"], root, out_tty=True)
    assert wide.code == 0 and max(widths(wide.out)) > COLUMNS and "…" not in wide.out
    piped = run_statetrace(args, root)
    assert piped.out == wide.out.replace("\r", "")  # not a terminal: whole cells


@pytest.fixture(scope="module")
def warm_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder whose Logs hold the hand-made warm run (gates pass, fail and skip on it)."""
    root = tmp_path_factory.mktemp("verdicts")
    write_synthetic_run(root / "Logs")
    return root


def gate_args() -> list[str]:
    return ["gates", "evaluate", "--gates", str(GATES), "--logs", "Logs"]


def test_gate_verdicts_are_coloured_on_a_terminal(warm_run: Path) -> None:
    run = run_statetrace(gate_args(), warm_run, out_tty=True)
    verdicts = re.findall(r"\x1b\[([0-9;]*)m(PASSED|FAILED|WARNED|SKIPPED)\x1b\[0m", run.out)
    assert verdicts, run.out
    colours = {word: {codes.split(";")[-1] for codes, found in verdicts if found == word}
               for word in ("PASSED", "FAILED", "SKIPPED")}  # fmt: skip
    assert colours == {"PASSED": {"32"}, "FAILED": {"31"}, "SKIPPED": {"36"}}  # green, red, cyan
    plain = re.sub(r"\x1b\[[0-9;]*m", "", run.out)
    assert plain == run_statetrace(gate_args(), warm_run).out  # the same text, coloured


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}], ids=["piped", "NO_COLOR"])
def test_gate_verdicts_are_plain_off_a_terminal_or_with_no_color(warm_run: Path, env) -> None:
    run = run_statetrace(gate_args(), warm_run, out_tty=bool(env), env=env)
    assert "PASSED" in run.out and "\x1b[" not in run.out


def test_bundle_verify_says_not_ready_in_red(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    run = run_statetrace(["bundle", "verify", "empty"], tmp_path, out_tty=True)
    assert run.code == 1 and RED_NOT_READY.search(run.out), run.out
