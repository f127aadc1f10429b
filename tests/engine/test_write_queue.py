"""WriteQueue: one writer thread, hosts of a site batched, results in put order."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any, cast

import pytest

from statetrace.engine.writers import SiteWriters, WriteQueue
from statetrace.store.base import DeviceInfo, HostChange, StoreError, StoreIdentity, WriteResult


def _outcome(site: str, host: str) -> Any:
    change = HostChange(DeviceInfo(host, site, "cisco_ios"), "h", 1, "f.log", "1-2", 2)
    return SimpleNamespace(ok=True, change=change, job=SimpleNamespace(site=site), hostname=host)


class _Writers:
    """Records the batches; the first batch waits until released, so others queue up."""

    def __init__(self, fail: set[str] | None = None, crash: bool = False) -> None:
        self.batches: list[tuple[str, list[str]]] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self.fail = fail or set()
        self.crash = crash

    def apply_many(self, site: str, changes: list[HostChange]) -> list[WriteResult | StoreError]:
        self.entered.set()
        self.release.wait(10)
        if self.crash:
            raise RuntimeError("writer bug")
        hosts = [change.device.hostname for change in changes]
        self.batches.append((site, hosts))
        return [
            StoreError(f"host {host}: rolled back")
            if host in self.fail
            else WriteResult(1, 0, 0, 1.0, 0.5, 0.0, 1)
            for host in hosts
        ]

    def identity(self, site: str) -> StoreIdentity:
        return StoreIdentity("sqlite", site, "id", 0)


def _queue(writers: _Writers) -> WriteQueue:
    return WriteQueue(cast(SiteWriters, writers))


def test_queued_hosts_of_one_site_are_written_as_one_batch_in_order() -> None:
    writers = _Writers(fail={"A-3"})
    puts = [("A", "A-1"), ("A", "A-2"), ("A", "A-3"), ("B", "B-1"), ("A", "A-4")]
    with _queue(writers) as queue:
        queue.put(_outcome(*puts[0]))
        assert writers.entered.wait(10)
        for site, host in puts[1:]:
            queue.put(_outcome(site, host))
        writers.release.set()
        done = [(outcome.hostname, written) for outcome, written in queue.drain()]
    assert [host for host, _ in done] == [host for _, host in puts]
    assert writers.batches == [
        ("A", ["A-1"]),
        ("A", ["A-2", "A-3"]),
        ("B", ["B-1"]),
        ("A", ["A-4"]),
    ]
    failed = {host: written.failure for host, written in done if written.failure}
    assert failed == {"A-3": "host A-3: rolled back"}
    assert all(written.result is not None for host, written in done if host != "A-3")


def test_a_writer_bug_reaches_the_coordinator_instead_of_hanging() -> None:
    writers = _Writers(crash=True)
    writers.release.set()
    with pytest.raises(RuntimeError, match="writer bug"), _queue(writers) as queue:
        queue.put(_outcome("A", "A-1"))
        list(queue.drain())


def test_leaving_on_an_error_cancels_what_is_still_queued() -> None:
    writers = _Writers()
    with pytest.raises(KeyboardInterrupt), _queue(writers) as queue:
        queue.put(_outcome("A", "A-0"))
        assert writers.entered.wait(10)
        for number in range(1, 5):
            queue.put(_outcome("A", f"A-{number}"))
        threading.Timer(0.5, writers.release.set).start()
        raise KeyboardInterrupt
    assert writers.batches == [("A", ["A-0"])]  # in progress: finished; queued: cancelled
