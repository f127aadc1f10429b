"""``statetrace show HOST --as-of WHEN``: the first day's table, rebuilt after the second."""

from __future__ import annotations

from pathlib import Path

from history_helpers import ingest_day, run_json

from statetrace.cli import main
from statetrace.history import all_runs
from statetrace.model import InterfaceRecord
from statetrace.store import open_store


def _fields(rows: list[dict]) -> list[tuple]:
    """Each port's interface fields (what the table prints, and more)."""
    return [tuple(str(row[name]) for name in InterfaceRecord._fields) for row in rows]


def test_as_of_between_the_runs_equals_the_first_days_show(
    store_url: str, corpus, tmp_path: Path, capsys
) -> None:
    day0, day1 = corpus
    ingest_day(store_url, day0.out, tmp_path / "Logs")
    hosts = sorted({c.hostname for c in day1.changes} | set(day1.hosts_removed))
    shown = {host: run_json(capsys, "show", host, "--store", store_url, "--json") for host in hosts}
    ingest_day(store_url, day1.out, tmp_path / "Logs")
    store = open_store(store_url)
    first, _ = all_runs(store, store.sites()).values()
    store.close()
    for host in hosts:
        code, before = shown[host]
        assert code == 0 and before
        for when in (first.run_id, first.finished_at):
            assert run_json(
                capsys, "show", host, "--store", store_url, "--as-of", when, "--json"
            ) == (
                0,
                [{"hostname": host, **row} for row in _as_records(before)],
            )
        now = run_json(capsys, "show", host, "--store", store_url, "--json")[1]
        assert (_fields(now) == _fields(before)) == (host in day1.hosts_removed)


def _as_records(rows: list[dict]) -> list[dict]:
    return [{name: row[name] for name in InterfaceRecord._fields} for row in rows]


def test_a_host_added_later_did_not_exist_then(two_days, capsys) -> None:
    first, _ = two_days.runs
    added = two_days.manifest.hosts_added[0]
    assert main(["show", added, "--store", two_days.url, "--as-of", first.run_id]) == 1
    assert f"no host {added!r} at {first.run_id}" in capsys.readouterr().err
    assert main(["show", added, "--store", two_days.url, "--as-of", "now"]) == 0
