"""Bad captures fail alone, with a clear reason naming the file; everything else is ingested."""

import os
from pathlib import Path

import pytest

from statetrace.cli import main
from statetrace.generate import load_state
from statetrace.inventory import host_interfaces
from statetrace.store.sqlite import SqliteStore

STATUS_HEADER = "Port      Name               Status       Vlan       Duplex  Speed Type\n"
VERSION = "Cisco IOS XE Software, Version 17.09.04a\ncisco C9200L-48P-4X (ARM64) processor\n"


def _cisco_capture(host: str, status_rows: str, description: str = "x") -> str:
    return (
        f"{host}#show version\n{VERSION}"
        f"{host}#show interfaces status\n\n{STATUS_HEADER}{status_rows}"
        f"{host}#show running-config\nhostname {host}\n!\ninterface GigabitEthernet1/0/1\n"
        f" description {description}\n!\nend\n{host}#\n"
    )


BAD_FILES = {
    "empty.log": b"",
    "garbage.log": os.urandom(4096).replace(b"#", b"").replace(b">", b""),
    "cut.log": _cisco_capture(
        "CUT-SW-01", "Gi1/0/1   desk    connected    10    a-full a-1000 10/100/1000BaseTX\n"
    ).encode()[:-60],
    "unknown.log": b"JUNK-1#show version\nSomething OS 1.0\nJUNK-1#show clock\n12:00\nJUNK-1#\n",
    "columns.log": (
        "COLS-SW-01#show version\n" + VERSION + "COLS-SW-01#show interfaces status\n\n"
        "Port      Name\nGi1/0/1   desk\nCOLS-SW-01#\n"
    ).encode(),
    "longline.log": b"LONG-SW-01#show version\n" + b"x" * 10_000_000 + b"\nLONG-SW-01#\n",
}


@pytest.fixture
def messy(corpus: Path) -> Path:
    bad = corpus / "bad"
    bad.mkdir()
    for name, data in BAD_FILES.items():
        (bad / name).write_bytes(data)
    return corpus


def test_good_hosts_are_ingested_despite_bad_files(messy: Path, run, tmp_path: Path):
    state = load_state(messy)
    summary = run(messy)
    assert summary.hosts_parsed >= len(state.hosts)
    assert summary.rows_inserted >= state.total_ports()
    for host in state.hosts:
        assert host_interfaces(SqliteStore.at(tmp_path / "Data"), host.hostname)


def test_each_bad_file_is_reported_with_its_name(messy: Path, run):
    summary = run(messy)
    reported = "\n".join(summary.file_problems + [f.reason for f in summary.failures])
    for name in ("empty.log", "garbage.log", "unknown.log", "columns.log"):
        assert name in reported, reported
    unknown = next(f for f in summary.failures if f.hostname == "JUNK-1")
    assert unknown.stage == "detect" and "unknown.log:1" in unknown.reason
    columns = next(f for f in summary.failures if f.hostname == "COLS-SW-01")
    assert columns.stage == "parse" and "columns.log:" in columns.reason


def test_cli_exit_code_is_1_when_a_host_failed(messy: Path, tmp_path: Path, capsys):
    code = main(
        [
            "ingest",
            str(messy),
            "--data",
            str(tmp_path / "D"),
            "--logs",
            str(tmp_path / "L"),
            "--workers",
            "0",
        ]
    )
    assert code == 1
    assert "failed hosts:" in capsys.readouterr().out


def test_cli_exit_code_is_2_for_a_missing_path(tmp_path: Path, capsys):
    assert main(["ingest", str(tmp_path / "nope"), "--data", str(tmp_path / "D")]) == 2
    assert "nope" in capsys.readouterr().err


@pytest.mark.parametrize("host", ["../../etc/x-1", "A/B-1", 'Q"UOTE-1', "NUL\x00HOST-1"])
def test_hostile_hostnames_never_become_paths(host: str, tmp_path: Path, run):
    captures = tmp_path / "in"
    captures.mkdir()
    row = "Gi1/0/1   desk    connected    10    a-full a-1000 10/100/1000BaseTX\n"
    (captures / "odd.log").write_text(_cisco_capture(host, row))
    summary = run(captures)
    data = tmp_path / "Data"
    created = {p.relative_to(data).as_posix() for p in data.rglob("*")}
    sites = {path.split("/")[0] for path in created} - {".statetrace-ingest.lock"}
    assert all(site.replace("_", "").isalnum() and site.isupper() for site in sites), created
    assert created <= {".statetrace-ingest.lock"} | sites | {f"{s}/{s}.sqlite" for s in sites}
    assert not (tmp_path / "etc").exists()
    assert summary.hosts_parsed + summary.hosts_failed + len(summary.file_problems) >= 1


def test_descriptions_with_quotes_and_sql_round_trip(tmp_path: Path, run):
    captures = tmp_path / "in"
    captures.mkdir()
    evil = 'Robert\'); DROP TABLE interfaces;-- "desk"'
    row = "Gi1/0/1   desk    connected    10    a-full a-1000 10/100/1000BaseTX\n"
    (captures / "sql.log").write_text(_cisco_capture("SQL-SW-01", row, description=evil))
    assert run(captures).ok
    [stored] = host_interfaces(SqliteStore.at(tmp_path / "Data"), "SQL-SW-01")
    assert stored.name == evil


def test_a_block_the_device_rejected_is_a_warning_not_a_failure(tmp_path: Path, run):
    captures = tmp_path / "in"
    captures.mkdir()
    row = "Gi1/0/1   desk    connected    10    a-full a-1000 10/100/1000BaseTX\n"
    text = _cisco_capture("AUTH-SW-01", row).replace(
        "AUTH-SW-01#\n",
        "AUTH-SW-01#show authentication sessions\n% Invalid input detected at '^' marker.\n"
        "AUTH-SW-01#\n",
    )
    (captures / "auth.log").write_text(text)
    summary = run(captures)
    assert summary.ok and summary.rows_inserted == 1
