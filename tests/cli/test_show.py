import json
from pathlib import Path

from statetrace.cli import main
from statetrace.engine import IngestOptions, ingest
from statetrace.generate import generate_corpus, load_state


def _data(tmp_path: Path) -> tuple[Path, str]:
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, sites=1, hosts_per_site=2, ports=6, seed=4)
    ingest(
        [corpus], IngestOptions(data_dir=tmp_path / "Data", logs_dir=tmp_path / "Logs", workers=0)
    )
    return tmp_path / "Data", load_state(corpus).hosts[0].hostname


def test_show_host_prints_its_interfaces(tmp_path: Path, capsys):
    data, host = _data(tmp_path)
    assert main(["show", host, "--data", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:4] == ["port", "name", "status", "vlan"]
    assert len(out) == 2 + 6


def test_show_site_lists_devices_as_json(tmp_path: Path, capsys):
    data, host = _data(tmp_path)
    assert main(["show", "wlls", "--data", str(data), "--json"]) == 0
    devices = json.loads(capsys.readouterr().out)
    assert host in {d["hostname"] for d in devices} and len(devices) == 2


def test_show_unknown_name_exits_1(tmp_path: Path, capsys):
    data, _ = _data(tmp_path)
    assert main(["show", "NOPE-1", "--data", str(data)]) == 1
    assert "no host or site" in capsys.readouterr().err


def test_ingest_json_summary(tmp_path: Path, capsys):
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, sites=1, hosts_per_site=2, ports=4, seed=1)
    args = ["ingest", str(corpus), "--data", str(tmp_path / "D"), "--logs", str(tmp_path / "L")]
    assert main([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["HostsParsed"] == 2 and summary["RowsInserted"] == 8
    assert summary["ExitCode"] == 0
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["HostsSkipped"] == 2
