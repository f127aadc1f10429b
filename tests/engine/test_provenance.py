"""The newest capture of a host wins; the superseded one is named in telemetry."""

import os
from pathlib import Path

from statetrace.inventory import host_interfaces
from statetrace.store.sqlite import SqliteStore

ROW = "Gi1/0/1   {desc:<8} connected    10    a-full a-1000 10/100/1000BaseTX\n"


def _capture(desc: str) -> str:
    return (
        "DUP-SW-01#show version\nCisco IOS XE Software, Version 17.09.04a\n"
        "DUP-SW-01#show interfaces status\n\n"
        "Port      Name     Status       Vlan       Duplex  Speed Type\n"
        + ROW.format(desc=desc)
        + "DUP-SW-01#\n"
    )


def test_newest_capture_wins_by_mtime(tmp_path: Path, run, read_events):
    captures = tmp_path / "in"
    captures.mkdir()
    old, new = captures / "b-old.log", captures / "a-new.log"
    old.write_text(_capture("old"))
    new.write_text(_capture("new"))
    os.utime(old, (1_000_000_000, 1_000_000_000))
    os.utime(new, (2_000_000_000, 2_000_000_000))
    summary = run(captures)
    assert summary.hosts_seen == 1 and summary.hosts_superseded == 1
    [row] = host_interfaces(SqliteStore.at(tmp_path / "Data"), "DUP-SW-01")
    assert row.name == "new"
    [event] = [e for e in read_events(tmp_path / "Logs") if e["EventName"] == "SliceSuperseded"]
    assert event["WinningFile"].endswith("a-new.log")
    assert event["SupersededFile"].endswith("b-old.log")


def test_runs_on_one_data_directory_take_turns(tmp_path: Path, run):
    import threading

    from filelock import FileLock

    captures = tmp_path / "in"
    captures.mkdir()
    (captures / "a.log").write_text(_capture("desk"))
    lock = FileLock(tmp_path / "Data" / ".statetrace-ingest.lock")
    (tmp_path / "Data").mkdir()
    finished = threading.Event()
    with lock:
        worker = threading.Thread(target=lambda: (run(captures), finished.set()))
        worker.start()
        assert not finished.wait(0.5)  # the run waits for the lock holder
    worker.join(timeout=30)
    assert finished.is_set()
