"""The next day: every file changes, exactly the manifest's ports change, hosts come and go."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from generate_helpers import CHURN, capture_files, expand_members, read_corpus

from statetrace.generate import MANIFEST_FILE, GenerateError, generate_next_day
from statetrace.generate.state import CorpusState

FIELDS = ("status", "vlan", "name")


def _diff(before: CorpusState, after: CorpusState) -> list[dict[str, str]]:
    """Every (host, port, field) whose value differs between two days, from the models."""
    old_hosts = {h.hostname: h for h in before.hosts}
    changes = []
    for host in after.hosts:
        old = old_hosts.get(host.hostname)
        if old is None:
            continue
        for was, now in zip(old.ports, host.ports, strict=True):
            changes += [
                {"hostname": host.hostname, "port": now.port, "field": f,
                 "old": getattr(was, f), "new": getattr(now, f)}
                for f in FIELDS
                if getattr(was, f) != getattr(now, f)
            ]  # fmt: skip
    return changes


def test_every_file_changes_bytes(corpus, next_day) -> None:
    before, after = capture_files(corpus.out), capture_files(next_day.out)
    common = before.keys() & after.keys()
    assert len(common) >= len(before) - len(next_day.hosts_removed)
    assert all(before[name] != after[name] for name in common)


def test_manifest_matches_model_diff_exactly(corpus, next_day) -> None:
    before, _ = read_corpus(corpus.out)
    after, _ = read_corpus(next_day.out)
    manifest = json.loads((next_day.out / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["changes"] == _diff(before, after)
    assert manifest["changed_ports"] == len(manifest["changes"]) == round(CHURN * corpus.ports)
    assert len({(c["hostname"], c["port"]) for c in manifest["changes"]}) == len(
        manifest["changes"]
    )
    assert {c["field"] for c in manifest["changes"]} == set(FIELDS)
    assert [c.new for c in next_day.changes] == [c["new"] for c in manifest["changes"]]


def test_hosts_added_and_removed(corpus, next_day) -> None:
    before, _ = read_corpus(corpus.out)
    after, blocks = read_corpus(next_day.out)
    assert len(next_day.hosts_added) == len(next_day.hosts_removed) == 1
    old_names = {h.hostname for h in before.hosts}
    new_names = {h.hostname for h in after.hosts}
    assert set(next_day.hosts_added) == new_names - old_names <= blocks.keys()
    assert set(next_day.hosts_removed) == old_names - new_names
    assert not set(next_day.hosts_removed) & blocks.keys()
    assert all(after_host.captured_at > 0 for after_host in after.hosts)


def test_unchanged_ports_keep_their_rows_and_vlan_changes_reach_the_config(
    corpus, next_day
) -> None:
    after, blocks = read_corpus(next_day.out)
    hosts = {h.hostname: h for h in after.hosts}
    vlan_changes = [c for c in next_day.changes if c.field == "vlan"]
    assert vlan_changes
    for change in vlan_changes:
        host = hosts[change.hostname]
        port = next(p for p in host.ports if p.port == change.port)
        config = blocks[host.hostname]["show running-config"]
        if host.vendor == "brocade":
            stanza = config.split(f"vlan {change.new} name ", 1)[1].split("!", 1)[0]
            untagged = stanza.split(" untagged ", 1)[1].split("\n", 1)[0]
            assert change.port in expand_members(untagged)
        else:
            stanza = config.split(f"interface {port.long_name}\n", 1)[1].split("!", 1)[0]
            assert f"switchport access vlan {change.new}\n" in stanza
            assert f"switchport access vlan {change.old}\n" not in stanza


def test_uptime_and_clock_advance_one_day(corpus, next_day) -> None:
    before, _ = read_corpus(corpus.out)
    after, _ = read_corpus(next_day.out)
    old = {h.hostname: h for h in before.hosts}
    for host in after.hosts:
        if host.hostname in old:
            assert host.uptime_seconds - old[host.hostname].uptime_seconds == 86400
            assert host.captured_at - old[host.hostname].captured_at == 86400


def test_churn_zero_changes_no_port_but_every_file(corpus, tmp_path: Path) -> None:
    quiet = generate_next_day(corpus.out, tmp_path / "quiet", churn=0.0)
    assert (quiet.changes, quiet.hosts_added, quiet.hosts_removed) == ((), (), ())
    before, after = capture_files(corpus.out), capture_files(quiet.out)
    assert before.keys() == after.keys() and all(before[k] != after[k] for k in before)
    old, _ = read_corpus(corpus.out)
    new, _ = read_corpus(quiet.out)
    assert _diff(old, new) == []


def test_next_day_is_deterministic(corpus, next_day, tmp_path: Path) -> None:
    again = generate_next_day(corpus.out, tmp_path / "again", churn=CHURN, seed=3)
    assert capture_files(again.out) == capture_files(next_day.out)
    assert (again.out / MANIFEST_FILE).read_bytes() == (next_day.out / MANIFEST_FILE).read_bytes()


def test_next_day_can_be_chained(next_day, tmp_path: Path) -> None:
    day2 = generate_next_day(next_day.out, tmp_path / "day2", churn=0.05, seed=3)
    assert len(day2.changes) == round(0.05 * next_day.ports)
    assert json.loads((day2.out / MANIFEST_FILE).read_text())["day"] == 2


@pytest.mark.parametrize("churn", [-0.1, 1.5])
def test_churn_outside_unit_interval_is_refused(corpus, tmp_path: Path, churn: float) -> None:
    with pytest.raises(GenerateError, match="churn"):
        generate_next_day(corpus.out, tmp_path / "x", churn=churn)


def test_source_without_corpus_json_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GenerateError, match="corpus.json"):
        generate_next_day(tmp_path, tmp_path / "x", churn=0.1)
