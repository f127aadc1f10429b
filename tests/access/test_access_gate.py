"""The rows-written-vs-access gate: its metric, ``gates evaluate`` and the pytest option."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from statetrace.cli import main
from statetrace.gates import default_gates_dir
from statetrace.gates.access_reference import deviation_samples

REPO = Path(__file__).resolve().parents[2]
GATE = "rows-written-vs-access"


def test_deviation_per_site() -> None:
    samples = deviation_samples({"BOYO": 120, "WLLS": 200}, {"BOYO": 118, "LABS": 3})
    assert [(s.site, round(s.value, 3), s.label) for s in samples] == [
        ("BOYO", 1.667, "BOYO: written 118, Access 120"),
        ("LABS", 100.0, "LABS: written 3, Access 0"),
        ("WLLS", 100.0, "WLLS: written 0, Access 200"),
    ]
    assert [s.value for s in deviation_samples({"BOYO": 120}, {"BOYO": 120})] == [0.0]


def day_file(tmp_path: Path, rows_per_host: list[int]) -> Path:
    """A JSON-lines day file with one RowsWritten (and InterfaceSyncTiming) per BOYO host."""
    lines = []
    for index, rows in enumerate(rows_per_host):
        where = {"RunId": "cold", "Site": "BOYO", "Hostname": f"BOYO-A05-AS-{index:02d}"}
        stamp = {"Timestamp": "2026-01-06T13:28:32Z"}
        lines.append({"EventName": "RowsWritten", **stamp, **where, "Rows": rows, "DeletedRows": 0})
        lines.append({"EventName": "InterfaceSyncTiming", **stamp, **where, "UpdateCandidates": 0})
    path = tmp_path / "Logs" / "IngestionMetrics" / "2026-01-06.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    return path


def evaluated(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["gates", "evaluate", "--gates", str(default_gates_dir()), "--json", *args])
    document = json.loads(capsys.readouterr().out)
    (gate,) = [g for g in document["Gates"] if g["Id"] == GATE]
    return code, gate


def test_gate_is_skipped_without_a_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, gate = evaluated(capsys, "--telemetry", str(day_file(tmp_path, [10] * 12)))
    assert gate["Outcome"] == "skipped" and "no Access reference given" in str(gate["Reason"])


@pytest.mark.parametrize(("rows", "outcome"), [([10] * 12, "passed"), ([10] * 11 + [8], "failed")])
def test_gate_against_boyo(
    boyo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[int], outcome: str
) -> None:
    telemetry = day_file(tmp_path, rows)
    _, gate = evaluated(capsys, "--telemetry", str(telemetry), "--access-reference", str(boyo))
    assert gate["Outcome"] == outcome
    assert gate["Value"] == round(abs(sum(rows) - 120) * 100 / 120, 3)


def test_unusable_reference_fails_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "BOYO.accdb"
    bad.write_text("not a database")
    telemetry = day_file(tmp_path, [10] * 12)
    code, gate = evaluated(capsys, "--telemetry", str(telemetry), "--access-reference", str(bad))
    assert code == 1 and gate["Outcome"] == "failed"
    assert "not an Access database" in json.dumps(gate)


def test_plugin_option_reports_the_deviation(
    pytester: pytest.Pytester, boyo: Path, tmp_path: Path
) -> None:
    telemetry = day_file(tmp_path, [10] * 11 + [8])
    gates = pytester.path / "gates"
    gates.mkdir()
    (gates / "plan-b.toml").write_bytes((default_gates_dir() / "plan-b.toml").read_bytes())
    result = pytester.runpytest(
        f"--statetrace-telemetry={telemetry}",
        f"--statetrace-access-reference={boyo}",
        "--statetrace-bundle=with-reference",
        "-m",
        "warm_regression",
        "-k",
        GATE,
    )
    result.assert_outcomes(failed=1, deselected=14)
    result.stdout.fnmatch_lines(["*value:      1.667 %", "*threshold:  <= 1 %", "*BOYO*118*120*"])
    skipped = pytester.runpytest(
        f"--statetrace-telemetry={telemetry}",
        "--statetrace-bundle=without-reference",
        "-m",
        "warm_regression",
        "-k",
        GATE,
        "-rs",
    )
    skipped.assert_outcomes(skipped=1, deselected=14)
    skipped.stdout.fnmatch_lines(["*no Access reference given*"])
