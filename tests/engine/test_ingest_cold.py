from pathlib import Path

from statetrace.generate import load_state
from statetrace.inventory import host_interfaces, site_devices
from statetrace.store.sqlite import SqliteStore
from statetrace.telemetry.schema import validate_event


def test_every_port_of_every_host_is_stored(
    corpus: Path, run, tmp_path: Path, read_events, read_rows
):
    state = load_state(corpus)
    summary = run(corpus)
    assert summary.ok, summary.failures
    assert summary.hosts_parsed == len(state.hosts)
    assert summary.rows_inserted == state.total_ports()
    assert len(read_rows(tmp_path / "Data")) == state.total_ports()
    assert summary.sites == sorted({site.code for site in state.sites})


def test_stored_rows_match_the_corpus_model(
    corpus: Path, run, tmp_path: Path, read_events, read_rows
):
    state = load_state(corpus)
    run(corpus)
    host = state.hosts[0]
    stored = {
        row.port: row for row in host_interfaces(SqliteStore.at(tmp_path / "Data"), host.hostname)
    }
    assert set(stored) == {port.port for port in host.ports}
    for port in host.ports:
        assert stored[port.port].status.lower() == port.status.lower()
        assert stored[port.port].vlan == port.vlan
    devices = site_devices(SqliteStore.at(tmp_path / "Data"), state.sites[0].code)
    assert {d.hostname for d in devices} == {
        h.hostname for h in state.hosts if h.site == state.sites[0].code
    }


def test_every_event_matches_its_schema(corpus: Path, run, tmp_path: Path, read_events, read_rows):
    summary = run(corpus)
    emitted = read_events(tmp_path / "Logs", summary.run_id)
    names = {event["EventName"] for event in emitted}
    assert {
        "ParseDuration",
        "InterfaceSyncTiming",
        "DatabaseWriteBreakdown",
        "DatabaseWriteLatency",
        "RowsWritten",
        "IngestionRunSummary",
    } <= names
    for event in emitted:
        validate_event(event)
    assert list(emitted[0])[:2] == ["EventName", "Timestamp"]


def test_diff_comparison_is_measured(corpus: Path, run, tmp_path: Path, read_events, read_rows):
    summary = run(corpus)
    syncs = [
        e
        for e in read_events(tmp_path / "Logs", summary.run_id)
        if e["EventName"] == "InterfaceSyncTiming"
    ]
    assert syncs and all(e["DiffComparisonDurationMs"] > 0 for e in syncs)
    assert all(e["DiffRowsInserted"] == e["InsertCandidates"] for e in syncs)


def test_parallel_workers_store_the_same_inventory(
    corpus: Path, run, tmp_path: Path, read_events, read_rows
):
    from statetrace.engine import IngestOptions, ingest

    serial = run(corpus)
    parallel = ingest(
        [corpus],
        IngestOptions(data_dir=tmp_path / "Data2", logs_dir=tmp_path / "Logs2", workers=2),
    )
    assert parallel.workers == 2 and parallel.ok
    assert parallel.rows_inserted == serial.rows_inserted

    def content(data: Path) -> list[tuple]:
        return sorted((r["hostname"], r["port_key"], r["signature"]) for r in read_rows(data))

    assert content(tmp_path / "Data") == content(tmp_path / "Data2")
