"""Long commands draw progress on a terminal (standard error), and only there."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from terminal import run_statetrace

from statetrace.access import import_access
from statetrace.engine import IngestOptions, ingest
from statetrace.generate import generate_corpus
from statetrace.progress import ProgressUpdate
from statetrace.store import open_store
from statetrace.store.copy import copy_store

HOSTS = 6
#: ``<task> <bar> done/total <unit> <rate>/s <time left>`` once the task is over.
FINISHED = r"{task}\s+\S+\s+{total}/{total} {unit}\s+[\d.]+/s\s+\d+:\d\d:\d\d"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    generate_corpus(tmp_path / "corpus", sites=2, hosts_per_site=HOSTS // 2, ports=4, seed=3)
    return tmp_path / "corpus"


def plain(text: str) -> str:
    """``text`` without terminal control sequences, each redraw on its own line."""
    return ANSI.sub("", text).replace("\r", "\n")


def ingest_args(corpus: Path) -> list[str]:
    return ["ingest", str(corpus), "--data", "Data", "--logs", "Logs", "--workers", "0"]


@pytest.mark.parametrize("workers", ["0", "2"])
def test_ingest_draws_hosts_done_rate_and_time_left_on_a_terminal(
    corpus: Path, workers: str
) -> None:
    args = [*ingest_args(corpus)[:-1], workers]
    run = run_statetrace(args, corpus.parent, err_tty=True)
    assert run.code == 0
    err = plain(run.err)
    assert re.search(FINISHED.format(task="ingest", total=HOSTS, unit="hosts"), err), err
    assert re.search(rf"ingest\s+\S+\s+0/{HOSTS} hosts", err)  # drawn from the start
    assert re.search(r"index\s+\S+\s+(\d+)/\1 files", err)
    assert "rows inserted" in run.out and "\x1b[" not in run.out


def test_ingest_is_silent_when_standard_error_is_not_a_terminal(corpus: Path) -> None:
    run = run_statetrace(ingest_args(corpus), corpus.parent, out_tty=True)
    assert run.code == 0 and run.err == ""
    assert "rows inserted" in run.out


def test_ingest_json_draws_nothing_even_on_a_terminal(corpus: Path) -> None:
    run = run_statetrace([*ingest_args(corpus), "--json"], corpus.parent, err_tty=True)
    assert run.code == 0 and run.err == ""
    assert json.loads(run.out)["HostsParsed"] == HOSTS


def test_rich_is_not_imported_off_a_terminal(corpus: Path) -> None:
    code = (
        "import sys; from statetrace.cli import main; main(sys.argv[1:]);"
        " print('rich loaded' if 'rich' in sys.modules else 'rich not loaded')"
    )
    args = [sys.executable, "-c", code, *ingest_args(corpus)]
    done = subprocess.run(args, cwd=corpus.parent, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "rich not loaded"


def test_dumb_terminal_gets_no_bars(corpus: Path) -> None:
    run = run_statetrace(ingest_args(corpus), corpus.parent, err_tty=True, env={"TERM": "dumb"})
    assert run.code == 0 and run.err == ""


def test_warm_run_draws_the_cold_and_the_warm_pass(tmp_path: Path) -> None:
    run = run_statetrace(
        ["warm-run", "--scenario", "smoke", "--logs", "Logs"], tmp_path, err_tty=True
    )
    assert run.code == 0, run.err
    err = plain(run.err)
    for task in ("cold pass", "warm pass"):
        assert re.search(FINISHED.format(task=task, total=8, unit="hosts"), err), err
    # the warm pass reads the same captures: their indexes are reused, nothing to draw
    assert re.search(r"cold pass index\s+\S+\s+(\d+)/\1 files", err), err
    assert "warm pass index" not in err


def test_store_migrate_draws_sites_done(corpus: Path) -> None:
    assert run_statetrace(ingest_args(corpus), corpus.parent).code == 0
    args = ["store", "migrate", "--from", "sqlite:///Data", "--to", "sqlite:///Copy"]
    run = run_statetrace(args, corpus.parent, err_tty=True)
    assert run.code == 0, run.err
    assert re.search(FINISHED.format(task="migrate", total=2, unit="sites"), plain(run.err))
    assert "copied 2 sites" in run.out
    # printed while the bars were drawn, still on standard output (a pipe here)
    assert re.search(r"^WLLS: \d+ devices, \d+ interfaces", run.out, re.M), run.out


@pytest.fixture()
def boyo(shared_dir: Path, tmp_path: Path) -> Path:
    """A copy of the PowerShell StateTrace's BOYO.accdb (12 hosts) in tmp_path."""
    pytest.importorskip("access_parser", reason="the [access] extra (access-parser) is missing")
    source = shared_dir / "data/statetrace-upstream/Data/BOYO/BOYO.accdb"
    if not source.is_file():
        pytest.skip(f"{source} not present")
    shutil.copyfile(source, tmp_path / "BOYO.accdb")
    return tmp_path / "BOYO.accdb"


def test_import_access_tells_each_host_written(boyo: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'Data'}"
    first: list[ProgressUpdate] = []
    import_access([boyo], url, site="BOYO", on_progress=first.append)
    assert [(u.task, u.done, u.total) for u in first] == [("import", n, 12) for n in range(13)]
    again: list[ProgressUpdate] = []
    import_access([boyo], url, site="BOYO", on_progress=again.append)
    assert [u.done for u in again] == [0, 12]  # unchanged hosts: counted when the site is done


def test_import_access_draws_hosts_done(boyo: Path, tmp_path: Path) -> None:
    args = ["import", "access", "BOYO.accdb", "--data", "Data", "--site", "BOYO"]
    run = run_statetrace(args, tmp_path, err_tty=True)
    assert run.code == 0, run.err
    assert re.search(FINISHED.format(task="import", total=12, unit="hosts"), plain(run.err))


def test_the_library_tells_every_host_and_draws_nothing(corpus: Path, tmp_path: Path, capfd):
    updates: list[ProgressUpdate] = []
    options = IngestOptions(
        data_dir=tmp_path / "Data",
        logs_dir=tmp_path / "Logs",
        workers=0,
        on_progress=updates.append,
    )
    files = ingest([corpus], options).files
    hosts = [u for u in updates if u.task == "ingest"]
    assert [u.done for u in hosts] == list(range(HOSTS + 1))
    assert {(u.total, u.unit) for u in hosts} == {(HOSTS, "hosts")}
    indexed = [(u.task, u.done, u.total, u.unit) for u in updates if u.task != "ingest"]
    assert indexed == [("index", done, files, "files") for done in range(files + 1)]
    assert updates.index(hosts[0]) == files + 1  # every file indexed before any host
    assert capfd.readouterr().err == ""
    source, target = (
        open_store(f"sqlite:///{tmp_path / 'Data'}"),
        open_store(f"sqlite:///{tmp_path / 'Copy'}"),
    )
    sites: list[ProgressUpdate] = []
    try:
        copy_store(source, target, on_progress=sites.append)
    finally:
        source.close()
        target.close()
    assert [(u.task, u.done, u.total, u.unit) for u in sites] == [
        ("migrate", done, 2, "sites") for done in range(3)
    ]


def test_nothing_to_parse_draws_no_bar(corpus: Path) -> None:
    assert run_statetrace(ingest_args(corpus), corpus.parent).code == 0
    again = run_statetrace(ingest_args(corpus), corpus.parent, err_tty=True)
    assert again.code == 0 and "hosts" not in plain(again.err)
    assert re.search(r"skipped \(unchanged\)\s+6", again.out)


def test_demo_draws_each_pass_it_parses(tmp_path: Path) -> None:
    args = ["demo", "--scenario", "smoke", "--out", "demo", "--workers", "0"]
    run = run_statetrace(args, tmp_path, err_tty=True)
    err = plain(run.err)
    for task in ("ingest", "cold pass", "warm pass"):
        assert re.search(FINISHED.format(task=task, total=8, unit="hosts"), err), err
    assert "re-run" not in err  # every host unchanged: nothing to draw
    assert "== telemetry gates" in run.out
