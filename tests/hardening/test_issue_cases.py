"""Each case seen when the CLI was tried as a new user and an operator (issue 12)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from statetrace.cli import main
from statetrace.generate import generate_corpus
from statetrace.snapshot import latest_snapshot_path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    generate_corpus(folder, sites=1, hosts_per_site=2, ports=4, seed=1)
    return folder


def _store(tmp_path: Path) -> list[str]:
    return ["--data", str(tmp_path / "D"), "--logs", str(tmp_path / "L")]


def _one_line(err: str, prefix: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(prefix), err
    return lines[0]


def test_a_folder_of_non_captures_exits_1(tmp_path, capsys):
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "binary.log").write_bytes(bytes(range(256)) * 8)
    (junk / "prose.txt").write_text("no prompt here\njust words\n")
    assert main(["ingest", str(junk), *_store(tmp_path)]) == 1
    assert "file problems:" in capsys.readouterr().out


def test_an_empty_folder_exits_1(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["ingest", str(tmp_path / "empty"), *_store(tmp_path), "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["ExitCode"] == 1
    assert "no capture files" in captured.err


def test_warm_run_from_an_empty_folder_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["warm-run", "--logs-from", str(tmp_path / "empty"), "--logs", str(tmp_path)]) == 2
    line = _one_line(capsys.readouterr().err, "statetrace warm-run: --logs-from ")
    assert "no capture files" in line


def test_cache_warmup_of_a_missing_data_folder_writes_nothing(tmp_path, capsys):
    code = main(
        ["cache", "warmup", "--data", str(tmp_path / "nope"), "--logs", str(tmp_path / "L")]
    )
    assert code == 2
    _one_line(capsys.readouterr().err, "statetrace cache warmup: --data ")
    assert not (tmp_path / "L").exists()


def test_a_dangling_symlink_is_named_and_the_good_capture_beside_it_ingested(
    tmp_path, corpus, capsys
):
    (corpus / "gone.log").symlink_to(tmp_path / "nowhere.log")
    assert main(["ingest", str(corpus), *_store(tmp_path), "--json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["HostsParsed"] == 2
    assert summary["FileProblems"] == [f"{corpus / 'gone.log'}: skipped, dangling symlink"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_log_is_skipped_not_waited_on(tmp_path, corpus, capsys):
    fifo = corpus / "pipe.log"
    os.mkfifo(fifo)
    done: list[int] = []
    worker = threading.Thread(
        target=lambda: done.append(main(["ingest", str(corpus), *_store(tmp_path)])), daemon=True
    )
    worker.start()
    worker.join(timeout=60)
    if worker.is_alive():  # unblock the reader so the test process can end
        with open(fifo, "w"):
            pass
        pytest.fail("ingest blocked on a FIFO")
    assert done == [1]
    assert f"{fifo}: skipped, a FIFO, not a regular file" in capsys.readouterr().out
    assert main(["ingest", str(fifo), *_store(tmp_path)]) == 1  # given explicitly: not "not found"
    assert "a FIFO, not a regular file" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("option", "setup", "expected"),
    [
        ("--site-map", None, "--site-map {path}: No such file or directory"),
        ("--site-map", b"{not json", "--site-map {path}: not UTF-8 JSON"),
        ("--site-map", b'{"a": "\xff"}', "--site-map {path}: not UTF-8 JSON"),
        ("--site-regex", None, "--site-regex '(': missing )"),
    ],
)
def test_bad_site_options_name_the_option(tmp_path, corpus, capsys, option, setup, expected):
    path = tmp_path / "map.json"
    if setup is not None:
        path.write_bytes(setup)
    value = "(" if option == "--site-regex" else str(path)
    assert main(["ingest", str(corpus), *_store(tmp_path), option, value]) == 2
    line = _one_line(capsys.readouterr().err, "statetrace ingest: ")
    assert expected.format(path=path) in line


@pytest.mark.parametrize("option", ["--data", "--logs"])
def test_data_or_logs_pointing_at_a_file(tmp_path, corpus, capsys, option):
    plain = tmp_path / "plain"
    plain.write_text("x")
    args = {"--data": str(tmp_path / "D"), "--logs": str(tmp_path / "L"), option: str(plain)}
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", str(corpus), *[w for pair in args.items() for w in pair]])
    assert exit_.value.code == 2
    assert f"argument {option}: {plain} exists and is not a folder" in capsys.readouterr().err


def test_an_unwritable_data_folder(tmp_path, corpus, capsys):
    if os.geteuid() == 0:  # root writes anywhere but in /proc
        place, why = Path("/proc/statetrace-test"), "No such file or directory"
    else:
        place, why = tmp_path / "ro", "Permission denied"
        place.mkdir(mode=0o500)
    assert main(["ingest", str(corpus), "--data", str(place / "D"), "--logs", str(tmp_path)]) == 2
    line = _one_line(capsys.readouterr().err, "statetrace ingest: ")
    assert str(place) in line and why in line


def test_demo_into_proc_and_an_unknown_scenario(tmp_path, capsys):
    assert main(["demo", "--out", "/proc/x"]) == 2
    _one_line(capsys.readouterr().err, "statetrace demo: /proc/x")
    assert main(["demo", "--out", str(tmp_path / "d"), "--scenario", "nosuch"]) == 2
    line = _one_line(capsys.readouterr().err, "statetrace demo: unknown scenario 'nosuch'")
    assert "standard" in line


def test_schema_validate_of_a_missing_file(capsys):
    assert main(["schema", "validate", "/nonexistent"]) == 2
    _one_line(capsys.readouterr().err, "statetrace schema validate: /nonexistent: No such file")


def test_show_without_a_data_folder_says_so(tmp_path, capsys):
    assert main(["show", "X", "--data", str(tmp_path / "nodata")]) == 2
    line = _one_line(capsys.readouterr().err, "statetrace show: --data ")
    assert "no such folder" in line and "no host" not in line


@pytest.mark.parametrize("victim", ["snapshot", "settings", "lock"])
def test_state_files_replaced_by_a_folder(tmp_path, corpus, capsys, victim):
    store = _store(tmp_path)
    assert main(["ingest", str(corpus), *store]) == 0
    snapshots = tmp_path / "L" / "SharedCacheSnapshot"
    target = {
        "snapshot": latest_snapshot_path(snapshots, str((tmp_path / "D").resolve())),
        "settings": tmp_path / "D" / "statetrace.toml",
        "lock": tmp_path / "D" / ".statetrace-ingest.lock",
    }[victim]
    target.unlink(missing_ok=True)
    target.mkdir()
    capsys.readouterr()
    assert main(["ingest", str(corpus), *store]) == 2
    line = _one_line(capsys.readouterr().err, "statetrace ingest: ")
    assert str(target.name) in line and "Is a directory" in line


def test_an_index_cache_replaced_by_a_folder_is_only_a_warning(tmp_path, corpus, caplog):
    cache = tmp_path / "L" / "SharedCacheSnapshot" / "CaptureIndexCache.json"
    cache.mkdir(parents=True)
    assert main(["ingest", str(corpus), *_store(tmp_path)]) == 0  # the run's work is done
    assert f"capture index cache {cache} not saved: Is a directory" in caplog.text
    assert not list(cache.parent.glob(".CaptureIndexCache.json.*")), "no temp file left"


def test_the_index_cache_holding_a_list(tmp_path, corpus, capsys):
    store = _store(tmp_path)
    assert main(["ingest", str(corpus), *store]) == 0
    (tmp_path / "L" / "SharedCacheSnapshot" / "CaptureIndexCache.json").write_text("[]")
    capsys.readouterr()
    assert main(["ingest", str(corpus), *store, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["HostsSkipped"] == 2


def test_settings_file_with_invalid_utf8_names_the_file(tmp_path, corpus, capsys):
    settings = tmp_path / "D" / "statetrace.toml"
    settings.parent.mkdir()
    settings.write_bytes(b"[concurrency]\nthread_ceiling = 2 # \xff\n")
    assert main(["ingest", str(corpus), *_store(tmp_path)]) == 2
    line = _one_line(capsys.readouterr().err, "statetrace ingest: ")
    assert str(settings) in line and "UTF-8" in line


@pytest.mark.parametrize("long_name", ["A" * 253, "WLLS-" + "A" * 248])
def test_a_253_character_hostname_does_not_abort_the_run(tmp_path, corpus, capsys, long_name):
    """Its site (the whole name when it has no ``-``) once named a store file too long."""
    (corpus / "long.log").write_text(
        f"{long_name}#show version\nCisco IOS Software, Version 15.2(4)E7\n"
        f"{long_name}#show interfaces status\n"
        "Port      Name  Status       Vlan  Duplex  Speed Type\n"
        "Gi1/0/1         connected    10    a-full  a-1000 10/100/1000BaseTX\n"
        f"{long_name}#\n"
    )
    assert main(["ingest", str(corpus), *_store(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["HostsParsed"] == 3
    assert main(["show", long_name, *_store(tmp_path), "--json"]) == 0
    assert [row["port"] for row in json.loads(capsys.readouterr().out)] == ["Gi1/0/1"]
