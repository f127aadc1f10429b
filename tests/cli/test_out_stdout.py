"""``--out -`` means standard output, never a file named ``-``; folders refuse it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from statetrace.cli import main
from statetrace.telemetry.schema import render_telemetry_docs
from tests.gates.synthetic import write_synthetic_run


@pytest.fixture
def in_tmp(tmp_path: Path) -> Path:
    old = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def test_schema_docs_out_dash_is_stdout(in_tmp: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["schema", "docs", "--out", "-"]) == 0
    assert capsys.readouterr().out == render_telemetry_docs()
    assert not (in_tmp / "-").exists()


def test_export_out_dash_is_stdout(in_tmp: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["demo", "--out", "demo"]) == 0
    capsys.readouterr()
    code = main(["export", "--data", "demo/Data", "--format", "csv", "--out", "-"])
    out = capsys.readouterr().out
    assert code == 0 and out.count("\n") > 1 and not (in_tmp / "-").exists()


@pytest.mark.parametrize("argv", [["schema", "export", "--out", "-"], ["generate", "--out", "-"]])
def test_folder_outputs_refuse_dash(argv: list[str], capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "cannot be standard output" in capsys.readouterr().err


def test_report_out_dash_is_stdout(in_tmp: Path, capsys: pytest.CaptureFixture) -> None:
    pytest.importorskip("matplotlib", reason="statetrace[report] (matplotlib) not installed")
    export = write_synthetic_run(in_tmp / "Logs")
    assert main(["report", "--warm-run", str(export), "--out", "-"]) == 0
    out = capsys.readouterr().out
    assert out.lstrip().lower().startswith("<!doctype html") and not (in_tmp / "-").exists()
