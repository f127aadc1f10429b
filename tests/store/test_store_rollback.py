"""A failing host transaction rolls back completely and names the host and the store."""

from __future__ import annotations

import re
import sqlite3

import pytest
from store_helpers import change, changes, device, ports, query, run

from statetrace.model import InterfaceRecord
from statetrace.store import sqlite as backend
from statetrace.store.base import StoreError
from statetrace.store.sqlite import SqliteSiteStore

HOST = "WLLS-A01-AS-01"


def _snapshot(store: SqliteSiteStore) -> tuple[object, ...]:
    return (
        store.interfaces(HOST),
        store.devices(),
        changes(store.path),
        query(store.path, "SELECT * FROM ingest_history"),
        store.identity(),
    )


@pytest.fixture
def filled(store: SqliteSiteStore) -> SqliteSiteStore:
    store.apply(change(ports(3, status="connected"), host=device(model="C9200L")), run(1))
    return store


def test_constraint_violation_mid_transaction_rolls_back(filled: SqliteSiteStore) -> None:
    before = _snapshot(filled)
    bad = change(
        [InterfaceRecord("Gi1/0/1", status="notconnect"), InterfaceRecord("")],
        deletes=["GigabitEthernet1/0/3"],
        host=device(model="C9300"),
        slice_hash="h2",
    )
    message = (
        rf"{re.escape(str(filled.path))}: host {HOST}: transaction rolled back: IntegrityError"
    )
    with pytest.raises(StoreError, match=message):
        filled.apply(bad, run(2))
    assert _snapshot(filled) == before


def test_failure_after_all_row_writes_rolls_back(
    filled: SqliteSiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(filled)

    def fail(*args: object) -> tuple[object, ...]:
        raise sqlite3.OperationalError("disk I/O error (injected)")

    monkeypatch.setattr(backend, "_history_values", fail)
    good = change([InterfaceRecord("Gi1/0/4")], deletes=["GigabitEthernet1/0/1"], slice_hash="h2")
    with pytest.raises(StoreError, match=f"host {HOST}: .*injected"):
        filled.apply(good, run(2))
    assert _snapshot(filled) == before
    monkeypatch.undo()
    result = filled.apply(good, run(2))
    assert (result.inserted, result.deleted, result.generation) == (1, 1, 2)


def test_text_that_cannot_be_encoded_fails_only_that_host(filled: SqliteSiteStore) -> None:
    before = _snapshot(filled)
    bad_row = change([InterfaceRecord("Gi1/0/9", name="bad \udcff byte")], slice_hash="h2")
    with pytest.raises(StoreError, match=f"host {HOST}: row cannot be stored"):
        filled.apply(bad_row, run(2))
    bad_device = change(ports(1), host=device(model="bad \udcff byte"), slice_hash="h2")
    with pytest.raises(StoreError, match=f"host {HOST}: transaction rolled back"):
        filled.apply(bad_device, run(2))
    assert _snapshot(filled) == before


def test_new_host_failing_mid_insert_leaves_nothing(store: SqliteSiteStore) -> None:
    """A host without rows is written by a plain INSERT; a bad row still rolls all back."""
    bad = change([InterfaceRecord("Gi1/0/1"), InterfaceRecord("")], host=device("WLLS-NEW"))
    with pytest.raises(StoreError, match="host WLLS-NEW: transaction rolled back: IntegrityError"):
        store.apply(bad, run(1))
    assert (store.interfaces("WLLS-NEW"), store.devices(), changes(store.path)) == ([], [], [])
    assert store.identity().generation == 0
