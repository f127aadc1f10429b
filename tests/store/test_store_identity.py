"""identity(): store id fixed per database, generation counts committed host transactions."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import change, device, ports, run

from statetrace.model import InterfaceRecord
from statetrace.store.base import StoreError
from statetrace.store.sqlite import SqliteSiteStore, open_site_store


def test_generation_counts_committed_host_transactions(store: SqliteSiteStore) -> None:
    store_id = store.identity().store_id
    generations = [
        store.apply(change(ports(2), host=device(f"WLLS-{n}")), run(1)).generation for n in range(3)
    ]
    assert generations == [1, 2, 3]
    with pytest.raises(StoreError):
        store.apply(change([InterfaceRecord("")], host=device("WLLS-X")), run(1))
    store.apply(change(host=device("WLLS-0")), run(2))
    identity = store.identity()
    assert (identity.store_id, identity.generation) == (store_id, 3)


def test_identity_is_one_query(store: SqliteSiteStore) -> None:
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    store.identity()
    store._conn.set_trace_callback(None)
    assert len(statements) == 1


def test_each_site_store_has_its_own_id(data_dir: Path) -> None:
    with open_site_store(data_dir, "WLLS") as a, open_site_store(data_dir, "BOYO") as b:
        assert a.identity().store_id != b.identity().store_id
        assert a.identity().location != b.identity().location
