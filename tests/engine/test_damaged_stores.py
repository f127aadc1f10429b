"""A damaged, vanished, re-created or shrunk site store: the site fails alone, nothing is lost
silently, and the way back is named (--rebuild-site) or taken by itself (rows restored)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from statetrace.cli import main
from statetrace.engine import IngestOptions, ingest
from statetrace.generate import load_state
from statetrace.store.sqlite import SqliteStore, site_store_path


def _options(tmp_path: Path, **extra: object) -> IngestOptions:
    return IngestOptions(data_dir=tmp_path / "Data", logs_dir=tmp_path / "Logs", workers=0, **extra)


def _two_sites(corpus: Path, tmp_path: Path) -> tuple[str, str]:
    ingest([corpus], _options(tmp_path))
    sites = SqliteStore.at(tmp_path / "Data").sites()
    assert len(sites) == 2
    return sites[0], sites[1]


def _hosts_of(corpus: Path, site: str) -> set[str]:
    return {h.hostname for h in load_state(corpus).hosts if h.hostname.startswith(site + "-")}


def test_a_garbled_store_fails_its_site_alone_and_names_the_way_back(corpus, tmp_path, capsys):
    victim, other = _two_sites(corpus, tmp_path)
    site_store_path(tmp_path / "Data", victim).write_bytes(b"not a database" * 100)
    args = ["ingest", str(corpus), "--data", str(tmp_path / "Data"), "--logs", str(tmp_path / "L")]
    assert main([*args, "--workers", "0"]) == 1
    printed = capsys.readouterr()
    assert f"--rebuild-site {victim}" in printed.out and "Traceback" not in printed.err
    summary = ingest([corpus], _options(tmp_path, use_history=False))
    assert {f.hostname for f in summary.failures} == _hosts_of(corpus, victim)
    assert {f.stage for f in summary.failures} == {"store"}
    rebuilt = ingest([corpus], _options(tmp_path, rebuild_sites=frozenset({victim})))
    assert rebuilt.ok and rebuilt.rows_inserted > 0
    moved = list((tmp_path / "Data" / victim).glob("*.damaged-*"))
    assert moved and moved[0].read_bytes().startswith(b"not a database")
    assert other in SqliteStore.at(tmp_path / "Data").sites()


def test_a_store_truncated_to_nothing_is_not_taken_for_a_new_one(corpus, tmp_path):
    victim, _ = _two_sites(corpus, tmp_path)
    site_store_path(tmp_path / "Data", victim).write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        site_store_path(tmp_path / "Data", victim).with_name(f"{victim}.sqlite{suffix}").unlink(
            missing_ok=True
        )
    refused = ingest([corpus], _options(tmp_path))
    assert {f.hostname for f in refused.failures} == _hosts_of(corpus, victim)
    assert "re-created" in refused.failures[0].reason
    assert ingest([corpus], _options(tmp_path, rebuild_sites=frozenset({victim}))).ok


def test_a_vanished_store_is_refused_until_rebuilt(corpus, tmp_path):
    victim, _ = _two_sites(corpus, tmp_path)
    for path in (tmp_path / "Data" / victim).iterdir():
        path.unlink()
    refused = ingest([corpus], _options(tmp_path))
    assert refused.failures and "store is missing" in refused.failures[0].reason
    assert victim not in SqliteStore.at(tmp_path / "Data").sites()
    assert ingest([corpus], _options(tmp_path, rebuild_sites=frozenset({victim}))).ok


def test_rows_deleted_outside_statetrace_are_restored_by_the_next_run(corpus, tmp_path):
    victim, _ = _two_sites(corpus, tmp_path)
    path = site_store_path(tmp_path / "Data", victim)
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT count(*) FROM interfaces").fetchone()[0]
        conn.execute("DELETE FROM interfaces WHERE rowid IN (SELECT rowid FROM interfaces LIMIT 3)")
    again = ingest([corpus], _options(tmp_path))
    assert again.ok and again.rows_inserted == 3
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM interfaces").fetchone()[0] == before
    quiet = ingest([corpus], _options(tmp_path))
    assert quiet.rows_written == 0 and quiet.existing_row_reads == 0


def test_a_dropped_ingest_history_table_is_found_and_repaired(corpus, tmp_path, capsys):
    victim, _ = _two_sites(corpus, tmp_path)
    with sqlite3.connect(site_store_path(tmp_path / "Data", victim)) as conn:
        conn.execute("DROP TABLE ingest_history")
    store = ["--data", str(tmp_path / "Data")]
    assert main(["store", "check", *store]) == 1
    assert "missing table ingest_history" in capsys.readouterr().out
    assert main(["store", "check", "--repair", *store, "--logs", str(tmp_path / "L")]) == 1
    out = capsys.readouterr().out
    assert "recreated table ingest_history" in out and "the next ingest" in out
    again = ingest([corpus], _options(tmp_path))
    assert again.ok and again.rows_written == 0 and again.hosts_failed == 0
    assert main(["store", "check", *store]) == 0


def test_history_without_data_is_reingested_from_its_capture(corpus, tmp_path, capsys):
    victim, _ = _two_sites(corpus, tmp_path)
    host = sorted(_hosts_of(corpus, victim))[0]
    with sqlite3.connect(site_store_path(tmp_path / "Data", victim)) as conn:
        ports = conn.execute("SELECT count(*) FROM interfaces WHERE hostname = ?", (host,))
        expected = ports.fetchone()[0]
        conn.execute("DELETE FROM interfaces WHERE hostname = ?", (host,))
        conn.execute("DELETE FROM devices WHERE hostname = ?", (host,))
    store = ["--data", str(tmp_path / "Data"), "--logs", str(tmp_path / "L")]
    assert main(["store", "check", *store]) == 1
    assert main(["store", "check", "--repair", *store]) == 0
    assert "re-ingested" in capsys.readouterr().out
    with sqlite3.connect(site_store_path(tmp_path / "Data", victim)) as conn:
        ports = conn.execute("SELECT count(*) FROM interfaces WHERE hostname = ?", (host,))
        assert ports.fetchone()[0] == expected
