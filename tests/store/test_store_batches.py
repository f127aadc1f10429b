"""apply_many: hosts of one site written together, each still rolled back alone."""

from __future__ import annotations

from store_helpers import change, device, ports, run

from statetrace.model import InterfaceRecord
from statetrace.store import open_store
from statetrace.store.base import HostChange, StoreError, WriteResult


def _host(name: str, count: int = 3) -> HostChange:
    return change(ports(count, status="connected"), host=device(hostname=name), slice_hash=name)


def test_a_failing_host_in_a_batch_fails_alone(store_url: str) -> None:
    store = open_store(store_url)
    try:
        site = store.open_site("WLLS", create=True)
        site.begin_run(run(1))
        bad = change([InterfaceRecord("Gi1/0/1"), InterfaceRecord("")], host=device("BAD-01"))
        batch = [_host("GOOD-01"), bad, _host("GOOD-02", 2)]
        results = site.apply_many(batch, run(1))
        assert [type(result) for result in results] == [WriteResult, StoreError, WriteResult]
        assert "host BAD-01" in str(results[1])
        assert [(r.inserted, r.updated) for r in results if isinstance(r, WriteResult)] == [
            (3, 0),
            (2, 0),
        ]
        assert [d.hostname for d in site.devices()] == ["GOOD-01", "GOOD-02"]
        assert site.interfaces("BAD-01") == []
        assert len(site.interfaces("GOOD-02")) == 2
    finally:
        store.close()


def test_a_batch_writes_what_single_hosts_write(store_url: str) -> None:
    store = open_store(store_url)
    try:
        site = store.open_site("WLLS", create=True)
        site.begin_run(run(1))
        first = [_host(f"H-{number:02d}") for number in range(5)]
        assert all(isinstance(r, WriteResult) for r in site.apply_many(first, run(1)))
        changed = [
            change([InterfaceRecord("Gi1/0/1", status="notconnect")], host=device(f"H-{n:02d}"))
            for n in range(5)
        ]
        results = site.apply_many(changed, run(2))
        assert [(r.inserted, r.updated) for r in results if isinstance(r, WriteResult)] == [
            (0, 1)
        ] * 5
        generations = [r.generation for r in results if isinstance(r, WriteResult)]
        assert generations == sorted(generations) and len(set(generations)) == 5
        history = site.changes(hostname="H-03")
        assert [(c.change, c.field) for c in history if c.run_id == run(2).run_id] == [
            ("update", "status")
        ]
    finally:
        store.close()
