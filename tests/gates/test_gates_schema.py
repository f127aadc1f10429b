"""The gate-file JSON Schema: generated from the pydantic model, published in gates/."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from statetrace.cli import main
from statetrace.gates import GateFileError, load_gate_file
from statetrace.gates.load import gate_schema, generated_gate_schema, render_gate_schema
from statetrace.gates.model import BenchmarkMetric, EventsMetric, GateSet
from tests.gates.conftest import REPO

PUBLISHED = REPO / "gates" / "schema.json"


def test_published_schema_is_the_generated_one() -> None:
    assert PUBLISHED.read_text(encoding="utf-8") == render_gate_schema(), (
        "gates/schema.json is out of date: run `statetrace schema gates --out gates/schema.json`"
    )
    assert gate_schema() == generated_gate_schema()


def test_default_set_validates_against_the_published_schema() -> None:
    data = tomllib.loads((REPO / "gates" / "plan-b.toml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.loads(PUBLISHED.read_text())).validate(data)
    assert len(GateSet.model_validate(data).gates) == len(data["gate"])


def test_defaults_live_in_the_model_only(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text(
        'name = "s"\n[[gate]]\nid = "g"\ndescription = "d"\nstatistic = "max"\n'
        'comparator = "<="\nthreshold = 1\nseverity = "warn"\n'
        'metric = { source = "events", event = "E", pass = "warm" }\n',
        encoding="utf-8",
    )
    gate_set = load_gate_file(path)
    (gate,) = gate_set.gates
    assert (gate.unit, gate.required, gate.report_above, gate.plans) == ("", False, None, ())
    assert isinstance(gate.metric, EventsMetric) and gate.metric.where == {}
    assert (gate.source_file, gate_set.path, gate_set.description) == (path, path, "")


def test_benchmark_metric_and_unknown_source(tmp_path: Path) -> None:
    body = (
        'name = "s"\n[[gate]]\nid = "b"\ndescription = "d"\nstatistic = "sum"\n'
        'comparator = "<="\nthreshold = 0\nseverity = "fail"\nmetric = {{ {metric} }}\n'
    )
    good = tmp_path / "b.toml"
    good.write_text(body.format(metric='source = "benchmark", select = "parse"'))
    (gate,) = load_gate_file(good).gates
    assert gate.metric == BenchmarkMetric(source="benchmark", select="parse")
    bad = tmp_path / "x.toml"
    bad.write_text(body.format(metric='source = "nope"'))
    with pytest.raises(GateFileError, match=r"metric\.source: 'nope' is not one of"):
        load_gate_file(bad)


def test_null_is_not_a_value_in_gate_files(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    path.write_text(
        '{"name": "j", "gate": [{"id": "x", "description": "d", "statistic": "max",'
        ' "metric": {"source": "comparison", "key": "K", "minus": null},'
        ' "comparator": "<=", "threshold": 10, "severity": "warn"}]}'
    )
    with pytest.raises(GateFileError, match=r"metric\.minus: None is not of type 'string'"):
        load_gate_file(path)


@pytest.mark.parametrize("out", [None, "-"])
def test_schema_gates_prints_the_schema(out: str | None, capsys: pytest.CaptureFixture) -> None:
    assert main(["schema", "gates", *(["--out", out] if out else [])]) == 0
    assert capsys.readouterr().out == render_gate_schema()


def test_schema_gates_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    target = tmp_path / "schema.json"
    assert main(["schema", "gates", "--out", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render_gate_schema()
