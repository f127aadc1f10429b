"""``statetrace diff``: between the two runs, a host's differences are its manifest entries."""

from __future__ import annotations

from history_helpers import ports_of, run_json


def _diff(capsys, two_days, name: str) -> list[dict]:
    first, second = two_days.runs
    args = ["diff", name, "--store", two_days.url, "--from", first.run_id, "--json"]
    code, found = run_json(capsys, *args, "--to", second.run_id)
    assert code == 0
    assert run_json(capsys, *args) == (0, found)  # --to defaults to now: the second run
    return found


def test_host_diff_between_the_runs_is_the_manifest(two_days, capsys) -> None:
    manifest = two_days.manifest
    for host in {h.hostname for h in two_days.day0.hosts} & {
        h.hostname for h in two_days.day1.hosts
    }:
        expected = [c for c in manifest.changes if c.hostname == host]
        found = _diff(capsys, two_days, host)
        assert {d["port"] for d in found} == {c.port for c in expected}
        assert {d["change"] for d in found} <= {"changed"}
        for change in expected:
            (port,) = [d for d in found if d["port"] == change.port]
            assert {"field": change.field, "before": change.old, "after": change.new} in port[
                "fields"
            ]


def test_an_added_host_has_every_port_added(two_days, capsys) -> None:
    host = two_days.manifest.hosts_added[0]
    found = _diff(capsys, two_days, host)
    assert {d["port"] for d in found} == ports_of(two_days.day1, host)
    assert {d["change"] for d in found} == {"added"}


def test_site_diff_is_the_union_of_its_hosts(two_days, capsys) -> None:
    manifest = two_days.manifest
    site = manifest.changes[0].hostname.split("-")[0]
    found = _diff(capsys, two_days, site)
    changed = {(d["hostname"], d["port"]) for d in found if d["change"] == "changed"}
    assert changed == {
        (c.hostname, c.port) for c in manifest.changes if c.hostname.startswith(f"{site}-")
    }
    added = {(d["hostname"], d["port"]) for d in found if d["change"] == "added"}
    assert added == {
        (host, port)
        for host in manifest.hosts_added
        if host.startswith(f"{site}-")
        for port in ports_of(two_days.day1, host)
    }
