"""Gate files: the default Plan B set, the packaged copies, malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from statetrace.gates import GateFileError, default_gates_dir, load_gate_file, load_gates
from tests.gates.conftest import REPO

PLAN_B_IDS = [
    "warm-improvement",
    "warm-cache-hit-ratio",
    "warm-cache-misses",
    "warm-not-slower",
    "db-write-latency-cold-p95",
    "db-write-latency-warm-p95",
    "db-write-latency-warm-alert",
    "snapshot-imported-every-worker",
    "access-refresh-warm",
    "parse-duration-p95",
    "parse-duration-max",
    "rows-written-vs-store",
    "rows-written-vs-access",
    "host-persisted-per-site",
    "benchmarks-not-slower",
]

GOOD_GATE = """
[[gate]]
id = "g1"
description = "d"
metric = { source = "comparison", key = "ImprovementPercent" }
statistic = "value"
comparator = ">="
threshold = 60
severity = "fail"
"""


def write(tmp_path: Path, text: str, name: str = "set.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_plan_b_set_has_every_gate_with_its_threshold() -> None:
    gates = {gate.id: gate for gate in load_gates(default_gates_dir())}
    assert list(gates) == PLAN_B_IDS
    assert (gates["warm-improvement"].comparator, gates["warm-improvement"].threshold) == (">=", 60)
    assert gates["db-write-latency-warm-alert"].severity == "warn"
    assert gates["db-write-latency-cold-p95"].threshold == 950
    assert "site-cache-fetch-p95" not in gates  # retired: no samples exist (plan-b.toml)
    assert all(gate.plans for gate in gates.values())


def test_gate_definitions_have_one_source() -> None:
    """The repository's gates/ is the one copy; the package's data folder links to it."""
    assert default_gates_dir().resolve() == (REPO / "gates").resolve()
    assert sorted(path.name for path in default_gates_dir().iterdir() if path.is_file()) == [
        "plan-b.toml",
        "schema.json",
    ]


def test_json_gate_file_loads(tmp_path: Path) -> None:
    text = (
        '{"name": "j", "gate": [{"id": "x", "description": "d", "statistic": "max",'
        ' "metric": {"source": "events", "event": "ParseDuration", "field": "DurationSeconds",'
        ' "pass": "all"}, "comparator": "<=", "threshold": 10, "severity": "warn"}]}'
    )
    (gate,) = load_gate_file(write(tmp_path, text, "set.json")).gates
    assert (gate.id, gate.metric.event, gate.severity) == ("x", "ParseDuration", "warn")


@pytest.mark.parametrize(
    ("broken", "where", "message"),
    [
        ('comparator = ">="', "gate[0] (id 'g1').comparator", "'=>' is not one of"),
        ('severity = "fail"', "gate[0] (id 'g1').severity", "'fatal' is not one of"),
        ('statistic = "value"', "gate[0] (id 'g1').statistic", "'median' is not one of"),
        ("threshold = 60", "gate[0] (id 'g1').threshold", "is not of type 'number'"),
        ('key = "ImprovementPercent"', "gate[0] (id 'g1').metric", "'kee' was unexpected"),
    ],
)
def test_schema_error_names_file_and_field(
    tmp_path: Path, broken: str, where: str, message: str
) -> None:
    replacement = {
        'comparator = ">="': 'comparator = "=>"',
        'severity = "fail"': 'severity = "fatal"',
        'statistic = "value"': 'statistic = "median"',
        "threshold = 60": 'threshold = "sixty"',
        'key = "ImprovementPercent"': 'kee = "ImprovementPercent"',
    }[broken]
    path = write(tmp_path, 'name = "s"\n' + GOOD_GATE.replace(broken, replacement))
    with pytest.raises(GateFileError) as error:
        load_gate_file(path)
    assert str(error.value).startswith(f"{path}: {where}: ")
    assert message in str(error.value)


def test_missing_required_field_and_unknown_analyzer(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = "s"\n' + GOOD_GATE.replace('severity = "fail"\n', ""))
    with pytest.raises(GateFileError, match=r"gate\[0\] \(id 'g1'\): 'severity' is a required"):
        load_gate_file(path)
    analyzer = GOOD_GATE.replace(
        'metric = { source = "comparison", key = "ImprovementPercent" }',
        'metric = { source = "analyzer", analyzer = "nope", pass = "warm" }',
    )
    with pytest.raises(GateFileError, match=r"metric\.analyzer: 'nope' is not one of"):
        load_gate_file(write(tmp_path, 'name = "s"\n' + analyzer))


def test_invalid_toml_and_duplicate_ids(tmp_path: Path) -> None:
    with pytest.raises(GateFileError, match="not valid TOML"):
        load_gate_file(write(tmp_path, "name = \n"))
    twice = write(tmp_path, 'name = "s"\n' + GOOD_GATE + GOOD_GATE)
    with pytest.raises(GateFileError, match="gate id 'g1': duplicate gate id"):
        load_gate_file(twice)


def test_duplicate_ids_across_files_and_missing_folder(tmp_path: Path) -> None:
    write(tmp_path, 'name = "a"\n' + GOOD_GATE, "a.toml")
    write(tmp_path, 'name = "b"\n' + GOOD_GATE, "b.toml")
    with pytest.raises(GateFileError, match=r"b\.toml: gate id 'g1': duplicate"):
        load_gates(tmp_path)
    with pytest.raises(GateFileError, match="no such gate file or folder"):
        load_gates(tmp_path / "absent")
