"""Many processes append to one day file; every line stays a whole JSON object."""

import multiprocessing
from pathlib import Path

import orjson

from statetrace.telemetry.events import RowsWritten
from statetrace.telemetry.writer import TelemetryWriter, metrics_dir


def _write_many(logs: Path, process: int, count: int) -> None:
    with TelemetryWriter(logs, run_id=f"p{process}", batch_size=7) as writer:
        for index in range(count):
            writer.emit(
                RowsWritten(
                    Hostname=f"HOST-{process}-{index}" + "x" * 300,
                    Site="S",
                    RunDate="2026-01-01 00:00:00",
                    Rows=index,
                    DeletedRows=0,
                )
            )


def test_concurrent_appends_never_interleave(tmp_path: Path):
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_write_many, args=(tmp_path, p, 400)) for p in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
        assert process.exitcode == 0
    lines = b"".join(p.read_bytes() for p in metrics_dir(tmp_path).glob("*.json")).splitlines()
    events = [orjson.loads(line) for line in lines]
    assert len(events) == 1600
    assert {(e["RunId"], e["Rows"]) for e in events} == {
        (f"p{p}", i) for p in range(4) for i in range(400)
    }
