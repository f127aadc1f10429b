"""``statetrace prune``: old history goes, current rows and newer history stay."""

from __future__ import annotations

from datetime import datetime, timedelta

from statetrace.cli import main
from statetrace.history import Window, list_changes, prune
from statetrace.store import open_store


def _state(url: str) -> tuple[dict, list]:
    """Every site's current interface rows, and all change rows."""
    store = open_store(url)
    try:
        rows = {}
        for site in store.sites():
            site_store = store.open_site(site)
            rows[site] = (site_store.dump().interfaces, site_store.devices(), site_store.runs())
            site_store.close()
        return rows, list_changes(store, Window(None, None), store.sites())
    finally:
        store.close()


def test_prune_removes_only_history_older_than_kept(two_days) -> None:
    first, second = two_days.runs
    current, changes = _state(two_days.url)
    assert {c.row.run_id for c in changes} == {first.run_id, second.run_id}
    store = open_store(two_days.url)
    try:
        now = datetime.fromisoformat(second.started_at) + timedelta(hours=1)
        removed = prune(store, timedelta(hours=1), store.sites(), now=now)
    finally:
        store.close()
    after, kept = _state(two_days.url)
    assert after == current
    assert kept == [c for c in changes if c.row.run_id == second.run_id]
    assert sum(removed.values()) == len(changes) - len(kept)


def test_prune_cli_keeps_current_rows(two_days, capsys) -> None:
    current, changes = _state(two_days.url)
    assert main(["prune", "--store", two_days.url, "--keep", "30d", "--json"]) == 0
    assert _state(two_days.url) == (current, changes)
    assert main(["prune", "--store", two_days.url, "--keep", "0m"]) == 0
    assert _state(two_days.url) == (current, [])


def test_a_bad_duration_is_a_usage_error(two_days, capsys) -> None:
    assert main(["prune", "--store", two_days.url, "--keep", "forever"]) == 2
    assert "--keep 'forever'" in capsys.readouterr().err
