"""``statetrace changes``: the window after the first run is exactly the churn manifest."""

from __future__ import annotations

from history_helpers import ports_of, run_json

from statetrace.cli import main


def test_changes_since_the_first_run_are_the_manifest(two_days, capsys) -> None:
    first, second = two_days.runs
    code, rows = run_json(
        capsys, "changes", "--store", two_days.url, "--since", first.run_id, "--json"
    )
    assert code == 0
    manifest = two_days.manifest
    updates = [row for row in rows if row["change"] == "update"]
    assert {(r["hostname"], r["port"]) for r in updates} == {
        (c.hostname, c.port) for c in manifest.changes
    }
    recorded = {
        (r["hostname"], r["port"], r["field"], r["old_value"], r["new_value"]) for r in updates
    }
    for change in manifest.changes:
        assert (change.hostname, change.port, change.field, change.old, change.new) in recorded
    inserts = {(r["hostname"], r["port"]) for r in rows if r["change"] == "insert"}
    assert inserts == {
        (host, port) for host in manifest.hosts_added for port in ports_of(two_days.day1, host)
    }
    assert not [row for row in rows if row["change"] == "delete"]
    assert {row["run_id"] for row in rows} == {second.run_id}
    assert [row["at"] for row in rows] == sorted((row["at"] for row in rows), reverse=True)


def test_default_window_is_since_the_previous_run(two_days, capsys) -> None:
    first, _ = two_days.runs
    _, default = run_json(capsys, "changes", "--store", two_days.url, "--json")
    _, since = run_json(
        capsys, "changes", "--store", two_days.url, "--since", first.run_id, "--json"
    )
    assert default == since


def test_until_the_first_run_is_every_first_day_port_inserted(two_days, capsys) -> None:
    first, _ = two_days.runs
    _, rows = run_json(
        capsys, "changes", "--store", two_days.url, "--until", first.run_id, "--json"
    )
    expected = {(h.hostname, p.port) for h in two_days.day0.hosts for p in h.ports}
    assert {(r["hostname"], r["port"], r["change"]) for r in rows} == {
        (host, port, "insert") for host, port in expected
    }


def test_filters_by_host_port_and_field(two_days, capsys) -> None:
    first, _ = two_days.runs
    change = two_days.manifest.changes[0]
    args = ["changes", "--store", two_days.url, "--since", first.run_id, "--json"]
    _, rows = run_json(capsys, *args, "--host", change.hostname, "--port", change.port)
    assert rows and {(r["hostname"], r["port"]) for r in rows} == {(change.hostname, change.port)}
    _, rows = run_json(capsys, *args, "--field", change.field)
    assert {r["field"] for r in rows} == {change.field}
    assert (change.hostname, change.port) in {(r["hostname"], r["port"]) for r in rows}


def test_table_groups_rows_per_host(two_days, capsys) -> None:
    assert main(["changes", "--store", two_days.url]) == 0
    titles = [line for line in capsys.readouterr().out.splitlines() if line.endswith(")")]
    hosts = {c.hostname for c in two_days.manifest.changes} | set(two_days.manifest.hosts_added)
    assert sorted(titles) == sorted(f"{host} ({host.split('-')[0]})" for host in hosts)


def test_a_bad_time_is_a_usage_error(two_days, capsys) -> None:
    assert main(["changes", "--store", two_days.url, "--since", "last tuesday"]) == 2
    assert "'last tuesday' is not a time" in capsys.readouterr().err
