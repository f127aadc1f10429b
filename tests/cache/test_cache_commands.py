from pathlib import Path

from statetrace.cli import main
from statetrace.engine import IngestOptions, ingest
from statetrace.generate import generate_corpus


def _ingested(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, sites=2, hosts_per_site=2, ports=4, seed=2)
    ingest(
        [corpus], IngestOptions(data_dir=tmp_path / "Data", logs_dir=tmp_path / "Logs", workers=0)
    )
    return tmp_path / "Data", tmp_path / "Logs"


def test_warmup_then_inspect(tmp_path: Path, capsys):
    data, logs = _ingested(tmp_path)
    (logs / "SharedCacheSnapshot" / "SharedCacheSnapshot-latest.json").unlink()
    assert main(["cache", "warmup", "--data", str(data), "--logs", str(logs)]) == 0
    assert main(["cache", "inspect", "--data", str(data), "--logs", str(logs), "--list-hosts"]) == 0
    out = capsys.readouterr().out
    assert "2 sites, 4 hosts, 16 rows" in out
    assert "WLLS-A01-AS-01" in out


def test_check_reports_every_shortfall(tmp_path: Path, capsys):
    data, logs = _ingested(tmp_path)
    args = ["cache", "check", "--data", str(data), "--logs", str(logs)]
    assert main(args) == 0
    assert main([*args, "--min-hosts", "5", "--required-sites", "WLLS,NOPE"]) == 1
    err = capsys.readouterr().err
    assert "4 hosts, at least 5 required" in err and "NOPE" in err


def test_inspect_of_a_foreign_snapshot_fails_clearly(tmp_path: Path, capsys):
    _, logs = _ingested(tmp_path)
    assert main(["cache", "inspect", "--data", str(tmp_path / "Other"), "--logs", str(logs)]) == 1
    assert "ForeignDataDirectory" in capsys.readouterr().err
