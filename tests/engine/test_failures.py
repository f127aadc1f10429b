"""A host whose write fails is rolled back alone; its previous data stays intact."""

from pathlib import Path

import pytest

from statetrace.generate import generate_next_day, load_state
from statetrace.inventory import host_interfaces
from statetrace.store.base import StoreError
from statetrace.store.sqlite import SqliteSiteStore, SqliteStore


def test_failed_write_fails_only_that_host(corpus: Path, run, tmp_path: Path, monkeypatch):
    run(corpus)
    state = load_state(corpus)
    victim = state.hosts[0].hostname
    before = host_interfaces(SqliteStore.at(tmp_path / "Data"), victim)
    next_day = tmp_path / "next"
    generate_next_day(corpus, next_day, churn=1.0, seed=9)
    original = SqliteSiteStore.apply

    def failing_apply(self, change, run_record):
        if change.device.hostname == victim:
            raise StoreError(f"injected failure for {victim}")
        return original(self, change, run_record)

    monkeypatch.setattr(SqliteSiteStore, "apply", failing_apply)
    summary = run(next_day)
    assert [f.hostname for f in summary.failures] == [victim]
    assert summary.failures[0].stage == "persist"
    assert host_interfaces(SqliteStore.at(tmp_path / "Data"), victim) == before
    assert summary.hosts_parsed == len(load_state(next_day).hosts) - 1


def test_failed_host_is_retried_next_run(corpus: Path, run, monkeypatch):
    victim = load_state(corpus).hosts[1].hostname

    def failing_apply(self, change, run_record):
        raise StoreError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(SqliteSiteStore, "apply", failing_apply)
        assert run(corpus).hosts_failed == len(load_state(corpus).hosts)
    again = run(corpus)
    assert again.hosts_skipped == 0 and again.ok
    assert victim not in {f.hostname for f in again.failures}


@pytest.mark.parametrize("workers", [0, 2])
def test_worker_bug_fails_only_its_host(corpus: Path, run, monkeypatch, workers):
    import statetrace.engine.worker as worker

    original = worker.build_facts

    def exploding(platform, blocks, hostname_hint, *rest):
        if hostname_hint.endswith("-02"):
            raise RuntimeError("parser bug")
        return original(platform, blocks, hostname_hint, *rest)

    monkeypatch.setattr(worker, "build_facts", exploding)
    summary = run(corpus, workers=workers)
    failed = {f.hostname for f in summary.failures}
    assert failed and all(name.endswith("-02") for name in failed)
    assert all("parser bug" in f.reason for f in summary.failures)


def test_capture_changed_after_indexing_fails_that_host(corpus: Path, run, monkeypatch):
    from statetrace.capture import index_file

    victim = next(corpus.rglob("*.log"))

    def index_then_modify(path):
        index = index_file(path)
        if path == victim:
            path.write_bytes(path.read_bytes().replace(b"connected", b"CONNECTED"))
        return index

    monkeypatch.setattr("statetrace.capture.split.index_file", index_then_modify)
    summary = run(corpus)
    assert summary.failures and {f.stage for f in summary.failures} == {"read"}
    assert all(str(victim) in f.reason for f in summary.failures)


def test_a_dying_worker_process_fails_its_batch_and_the_run_goes_on(corpus: Path, run, monkeypatch):
    import os

    import statetrace.engine.worker as worker

    original = worker.build_facts

    def dying(platform, blocks, hostname_hint, *rest):
        if hostname_hint.endswith("-02"):
            os._exit(13)  # a segfault in a parser library, say
        return original(platform, blocks, hostname_hint, *rest)

    monkeypatch.setattr(worker, "build_facts", dying)
    summary = run(corpus, workers=2, concurrency={"jobs_per_thread": 1})
    crashed = {f.hostname for f in summary.failures}
    assert crashed == {h.hostname for h in load_state(corpus).hosts if h.hostname.endswith("-02")}
    assert all(f.stage == "worker" and "died" in f.reason for f in summary.failures)
    assert summary.hosts_parsed == len(load_state(corpus).hosts) - len(crashed)
