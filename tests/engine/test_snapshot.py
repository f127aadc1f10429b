"""Warm runs read the shared snapshot; a bad or stale one falls back to the store, same results."""

from dataclasses import replace
from pathlib import Path

import pytest

from statetrace.engine import IngestOptions, ingest
from statetrace.snapshot import (
    FORMAT_VERSION,
    EncodedHosts,
    SnapshotError,
    host_line,
    host_state,
    latest_snapshot_path,
    line_keys,
    load_snapshot,
)
from statetrace.store.base import HostState


def _options(tmp_path: Path, **extra: object) -> IngestOptions:
    extra.setdefault("workers", 0)
    return IngestOptions(data_dir=tmp_path / "Data", logs_dir=tmp_path / "Logs", **extra)


def _warm(corpus: Path, tmp_path: Path, **extra: object):
    return ingest([corpus], _options(tmp_path, use_history=False, **extra))


def _providers(read_events, logs: Path, run_id: str) -> set[str]:
    return {
        e["SiteCacheProvider"]
        for e in read_events(logs, run_id)
        if e["EventName"] == "InterfaceSyncTiming"
    }


def test_run_end_writes_snapshot_latest_and_summary(corpus: Path, tmp_path: Path):
    summary = ingest([corpus], _options(tmp_path))
    latest = latest_snapshot_path(tmp_path / "Logs" / "SharedCacheSnapshot")
    snapshot = load_snapshot(latest, tmp_path / "Data")
    assert sum(len(site.hosts) for site in snapshot.sites.values()) == summary.hosts_parsed
    assert Path(summary.snapshot_path).read_bytes() == latest.read_bytes()
    assert list(latest.parent.glob("*-summary.json"))


def test_warm_pass_uses_snapshot_and_reads_no_rows(corpus: Path, tmp_path: Path, read_events):
    ingest([corpus], _options(tmp_path))
    warm = _warm(corpus, tmp_path)
    assert warm.existing_row_reads == 0 and warm.rows_written == 0
    assert _providers(read_events, tmp_path / "Logs", warm.run_id) == {"SharedCache"}
    imported = [
        e
        for e in read_events(tmp_path / "Logs", warm.run_id)
        if e["EventName"] == "InterfaceSiteCacheSharedStoreState"
    ]
    assert [e["Operation"] for e in imported] == ["SnapshotImported"]


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-40])


def _wrong_version(path: Path) -> None:
    header, _, payload = path.read_bytes().partition(b"\n")
    header = header.replace(
        f'"FormatVersion":{FORMAT_VERSION}'.encode(),
        f'"FormatVersion":{FORMAT_VERSION + 1}'.encode(),
    )
    path.write_bytes(header + b"\n" + payload)


def _delete(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_corrupt, "Corrupt"),
        (_truncate, "Truncated"),
        (_wrong_version, "WrongVersion"),
        (_delete, "Missing"),
    ],
)
def test_bad_snapshot_falls_back_to_store(corpus, tmp_path, read_events, read_rows, damage, reason):
    ingest([corpus], _options(tmp_path))
    latest = latest_snapshot_path(tmp_path / "Logs" / "SharedCacheSnapshot")
    damage(latest)
    warm = _warm(corpus, tmp_path, snapshot=latest)
    assert warm.ok and warm.rows_written == 0
    assert warm.existing_row_reads > 0
    emitted = read_events(tmp_path / "Logs", warm.run_id)
    rejected = [e for e in emitted if e["EventName"] == "SharedCacheSnapshotRejected"]
    assert [e["Reason"] for e in rejected] == [reason]
    assert "SharedCache" not in _providers(read_events, tmp_path / "Logs", warm.run_id)


def test_stale_site_falls_back_to_store(corpus: Path, tmp_path: Path, read_events):
    ingest([corpus], _options(tmp_path))
    snapshot = tmp_path / "old-snapshot.json"
    snapshot.write_bytes(
        latest_snapshot_path(tmp_path / "Logs" / "SharedCacheSnapshot").read_bytes()
    )
    # Another run changes the stores after the snapshot was taken.
    ingest([corpus], _options(tmp_path, use_history=False, use_snapshot=False))
    first = next(corpus.rglob("*.log"))
    first.write_text(first.read_text().replace("connected", "notconnect", 1))
    ingest([corpus], _options(tmp_path, use_snapshot=False))
    warm = _warm(corpus, tmp_path, snapshot=snapshot)
    stale = [
        e
        for e in read_events(tmp_path / "Logs", warm.run_id)
        if e["EventName"] == "SharedCacheSnapshotRejected"
    ]
    assert stale and {e["Reason"] for e in stale} == {"Stale"}
    assert warm.rows_written == 0 and warm.ok


def test_snapshot_of_another_data_directory_is_refused(corpus: Path, tmp_path: Path, read_events):
    ingest([corpus], _options(tmp_path))
    foreign = latest_snapshot_path(tmp_path / "Logs" / "SharedCacheSnapshot")
    other = tmp_path / "other"
    ingest([corpus], IngestOptions(data_dir=other / "Data", logs_dir=other / "Logs", workers=0))
    warm = ingest(
        [corpus],
        IngestOptions(
            data_dir=other / "Data",
            logs_dir=other / "Logs",
            workers=0,
            snapshot=foreign,
            use_history=False,
        ),
    )
    rejected = [
        e
        for e in read_events(other / "Logs", warm.run_id)
        if e["EventName"] == "SharedCacheSnapshotRejected"
    ]
    assert [e["Reason"] for e in rejected] == ["ForeignDataDirectory"]
    assert warm.rows_written == 0


def test_results_are_identical_with_or_without_snapshot(corpus, tmp_path, read_rows):
    from statetrace.generate import generate_next_day

    ingest([corpus], _options(tmp_path))
    next_day = tmp_path / "next"
    generate_next_day(corpus, next_day, churn=0.3, seed=4)
    with_snapshot = ingest([next_day], _options(tmp_path / "a" if False else tmp_path))
    other = tmp_path / "b"
    ingest([corpus], IngestOptions(data_dir=other / "Data", logs_dir=other / "Logs", workers=0))
    without = ingest(
        [next_day],
        IngestOptions(
            data_dir=other / "Data", logs_dir=other / "Logs", workers=0, use_snapshot=False
        ),
    )
    assert with_snapshot.rows_written == without.rows_written > 0

    def content(data: Path) -> list[tuple]:
        return sorted((r["hostname"], r["port_key"], r["signature"]) for r in read_rows(data))

    assert content(tmp_path / "Data") == content(other / "Data")


def test_two_workers_on_one_site_lose_no_host(tmp_path: Path):
    from statetrace.generate import generate_corpus

    corpus = tmp_path / "one-site"
    generate_corpus(corpus, sites=1, hosts_per_site=12, ports=4, seed=6)
    summary = ingest([corpus], _options(tmp_path, workers=2, concurrency={"jobs_per_thread": 1}))
    snapshot = load_snapshot(
        latest_snapshot_path(tmp_path / "Logs" / "SharedCacheSnapshot"), tmp_path / "Data"
    )
    [site] = snapshot.sites.values()
    assert len(site.hosts) == summary.hosts_parsed == 12


def test_an_unchanged_run_keeps_the_snapshot_it_imported(corpus: Path, tmp_path: Path):
    first = ingest([corpus], _options(tmp_path))
    again = ingest([corpus], _options(tmp_path))
    assert again.hosts_skipped == first.hosts_parsed
    folder, location = tmp_path / "Logs" / "SharedCacheSnapshot", str((tmp_path / "Data").resolve())
    assert again.snapshot_path == str(latest_snapshot_path(folder, location))
    assert len(list((tmp_path / "Logs" / "SharedCacheSnapshot").glob("*-summary.json"))) == 1


def test_old_snapshots_are_pruned(corpus: Path, tmp_path: Path):
    from statetrace.snapshot import KEEP

    for _ in range(KEEP + 2):
        ingest([corpus], _options(tmp_path, use_history=False, use_snapshot=False))
    folder = tmp_path / "Logs" / "SharedCacheSnapshot"
    assert len(list(folder.glob("SharedCacheSnapshot-2*-summary.json"))) == KEEP
    assert len(list(folder.glob("SharedCacheSnapshot-2*.json"))) == 2 * KEEP


def test_two_stores_sharing_one_logs_folder_keep_their_own_snapshot(corpus: Path, tmp_path: Path):
    """The other store's newer snapshot is ignored; this store's own one is still used."""
    first_store = _options(tmp_path)
    other_store = replace(first_store, data_dir=tmp_path / "Other")
    ingest([corpus], first_store)
    ingest([corpus], other_store)
    again = ingest([corpus], first_store)
    assert again.existing_row_reads == 0
    assert again.hosts_skipped == again.hosts_seen


def test_loading_some_sites_decodes_only_those_and_still_verifies_all(corpus, tmp_path):
    ingest([corpus], _options(tmp_path))
    latest = latest_snapshot_path(tmp_path / "Logs" / "SharedCacheSnapshot")
    full = load_snapshot(latest, tmp_path / "Data")
    first, *others = sorted(full.sites)
    assert others
    some = load_snapshot(latest, tmp_path / "Data", {first})
    assert some.sites[first].hosts == full.sites[first].hosts
    assert all(not some.sites[site].hosts for site in others)
    data = latest.read_bytes()
    latest.write_bytes(data[:-3] + bytes([data[-3] ^ 1]) + data[-2:])  # one payload byte
    with pytest.raises(SnapshotError) as rejected:
        load_snapshot(latest, tmp_path / "Data", {first})
    assert rejected.value.reason == "Corrupt"


def test_workers_keep_hosts_encoded_and_decode_the_same_states(corpus: Path, tmp_path: Path):
    ingest([corpus], _options(tmp_path))
    latest = latest_snapshot_path(tmp_path / "Logs" / "SharedCacheSnapshot")
    eager = load_snapshot(latest, tmp_path / "Data")
    encoded = load_snapshot(latest, tmp_path / "Data", encoded=True)
    assert list(encoded.sites) == list(eager.sites)
    for site, entry in eager.sites.items():
        hosts = encoded.sites[site].hosts
        assert isinstance(hosts, EncodedHosts)
        assert list(hosts) == list(entry.hosts)
        assert {host: hosts[host] for host in hosts} == dict(entry.hosts)
        host, state = next(iter(entry.hosts.items()))
        hosts[host] = replace(state, slice_hash="replaced")
        assert hosts[host].slice_hash == "replaced"
    assert "no-such-host" not in hosts and hosts.get("no-such-host") is None


@pytest.mark.parametrize(("site", "host"), [("WLLS", "A-01"), ('we"ird', "h\\x"), ("Zürich", "ü")])
def test_an_encoded_line_names_its_site_and_host_with_any_characters(site: str, host: str):
    line = host_line(site, HostState(host, "slice", 3, {"gi1/0/1": "sig"}, "dev", "content"))
    hosts = EncodedHosts()
    site_of, host_of = line_keys(line)
    hosts.add_line(host_of, line)
    assert (site_of, host_of) == (site, host)
    assert hosts[host] == host_state(line)[1]
