"""``statetrace generate``: arguments, one-line summary, exit code 2 on usage errors."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from statetrace.cli import generate


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="statetrace")
    generate.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["generate", *argv])
    return args.handler(args)


def test_generate_and_next_day(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    day0, day1 = tmp_path / "d0", tmp_path / "d1"
    small = ("--sites", "1", "--hosts-per-site", "3", "--ports", "8", "--seed", "5")
    assert _run("--out", str(day0), *small, "--vendors", "cisco,brocade") == 0
    line = capsys.readouterr().out
    assert line.count("\n") == 1 and "3 hosts" in line and "bytes" in line
    assert _run("--from", str(day0), "--out", str(day1), "--churn", "0.25") == 0
    line = capsys.readouterr().out
    assert "6 ports changed, 1 hosts added, 1 removed" in line
    assert (day1 / "churn-manifest.json").is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ("--vendors", "cisco,juniper"),
        ("--ports", "0"),
        ("--churn", "0.1"),
        ("--from", "{src}", "--churn", "1.5"),
        ("--from", "{src}", "--churn", "-0.5"),
        ("--from", "{src}"),
        ("--from", "{empty}", "--churn", "0.1"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv) -> None:
    src = tmp_path / "src"
    assert _run("--out", str(src), "--sites", "1", "--hosts-per-site", "1", "--ports", "2") == 0
    (tmp_path / "empty").mkdir()
    filled = [a.format(src=src, empty=tmp_path / "empty") for a in argv]
    capsys.readouterr()
    assert _run("--out", str(tmp_path / "new"), *filled) == 2
    assert capsys.readouterr().err.startswith("statetrace generate: ")
    assert not (tmp_path / "new").exists()


def test_non_empty_out_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("x")
    assert _run("--out", str(tmp_path)) == 2
    assert "not an empty folder" in capsys.readouterr().err
