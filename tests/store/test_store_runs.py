"""begin_run / finish_run record each ingestion run in the store."""

from __future__ import annotations

import json

from store_helpers import query, run

from statetrace.store.sqlite import SqliteSiteStore


def test_run_is_recorded_once_with_totals(store: SqliteSiteStore) -> None:
    store.begin_run(run(1))
    store.begin_run(run(1))
    sql = "SELECT run_id, started_at, finished_at, parser_version, totals FROM ingest_runs"
    assert query(store.path, sql) == [("run-1", "2026-01-01T00:00:00+00:00", None, 1, None)]
    store.finish_run(run(1), {"inserted": 5, "deleted": 1})
    ((run_id, _, finished_at, _, totals),) = query(store.path, sql)
    assert run_id == "run-1" and finished_at.endswith("+00:00")
    assert json.loads(totals) == {"deleted": 1, "inserted": 5}


def test_finish_without_begin_still_records_the_run(store: SqliteSiteStore) -> None:
    store.finish_run(run(2), {})
    assert query(store.path, "SELECT run_id, totals FROM ingest_runs") == [("run-2", "{}")]
