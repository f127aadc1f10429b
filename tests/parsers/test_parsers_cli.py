"""``statetrace parse``: JSON rows, plain table, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statetrace.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STATUS = FIXTURES / "cisco_ios" / "show_interfaces_status.txt"


def test_json_rows(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["parse", "--platform", "cisco_ios", "--command", "sh int status", str(STATUS), "--json"]
    )
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    assert len(rows) == 10
    assert rows[4]["vlan"] == "trunk"
    assert list(rows[0]) == ["port", "name", "status", "vlan", "duplex", "speed", "type"]


def test_plain_table(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["parse", "--platform", "cisco_ios", "--command", "show interfaces status", str(STATUS)]
    )
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0].split() == ["port", "name", "status", "vlan", "duplex", "speed", "type"]
    assert len(lines) == 12


@pytest.mark.parametrize(
    ("platform", "command", "file", "message"),
    [
        ("juniper", "show version", STATUS, "unknown platform"),
        ("cisco_ios", "show clock", STATUS, "no cisco_ios parser"),
        ("cisco_ios", "show version", FIXTURES / "missing.txt", "missing.txt"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], platform: str, command: str, file: Path, message: str
) -> None:
    code = main(["parse", "--platform", platform, "--command", command, str(file)])
    assert code == 2
    assert message in capsys.readouterr().err


def test_malformed_table_exits_1_with_line(capsys: pytest.CaptureFixture[str]) -> None:
    bad = FIXTURES / "status_missing_columns.txt"
    code = main(["parse", "--platform", "cisco_ios", "--command", "show int status", str(bad)])
    assert code == 1
    assert "line 2" in capsys.readouterr().err
