"""``statetrace gates evaluate``: verdicts, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statetrace.cli import main
from statetrace.gates import default_gates_dir


def test_evaluate_prints_failures_and_the_table(
    synthetic_export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "gates",
            "evaluate",
            "--gates",
            str(default_gates_dir()),
            "--telemetry",
            str(synthetic_export),
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "gate parse-duration-max FAILED (fail)" in out
    assert out.rstrip().splitlines()[-1].startswith("benchmarks-not-slower")


def test_evaluate_json_on_the_newest_run(
    synthetic_export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logs = synthetic_export.parent.parent
    gates = default_gates_dir() / "plan-b.toml"
    code = main(["gates", "evaluate", "--gates", str(gates), "--logs", str(logs), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 1
    assert document["TelemetryPath"] == str(synthetic_export)
    assert document["Summary"]["failed"] == 7
    assert document["Gates"][0]["Id"] == "warm-improvement"


def test_upstream_export_exits_1_on_warm_improvement(
    upstream_warm_run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "gates",
            "evaluate",
            "--gates",
            str(default_gates_dir()),
            "--telemetry",
            str(upstream_warm_run),
        ]
    )
    assert code == 1
    assert "value:      46.2 %" in capsys.readouterr().out


def test_bad_inputs_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gates", "evaluate", "--logs", str(tmp_path)]) == 2
    assert "no WarmRunTelemetry" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n')
    assert main(["gates", "evaluate", "--gates", str(bad), "--logs", str(tmp_path)]) == 2
    assert "bad.toml: (top level): 'gate' is a required property" in capsys.readouterr().err


def _bench(path: Path, center: float) -> Path:
    bench = {
        "name": "t",
        "fullname": "b.py::t",
        "stats": {"data": [center + i / 1000 for i in range(20)]},
    }
    path.write_text(json.dumps({"benchmarks": [bench]}))
    return path


def test_evaluate_and_publish_with_benchmark_files(
    synthetic_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, run = _bench(tmp_path / "base.json", 1.0), _bench(tmp_path / "run.json", 2.0)
    files = ["--benchmark-results", str(run), "--benchmark-baseline", str(base)]
    telemetry = ["--telemetry", str(synthetic_export)]
    assert main(["gates", "evaluate", *telemetry, *files, "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    (bench,) = [g for g in document["Gates"] if g["Id"] == "benchmarks-not-slower"]
    assert (bench["Outcome"], bench["Value"]) == ("failed", 1.0)
    logs = synthetic_export.parent.parent
    publish = ["bundle", "publish", "--name", "bb", "--logs", str(logs), *telemetry, *files]
    main(publish)
    manifest = json.loads((logs / "TelemetryBundles/bb/TelemetryBundle.json").read_text())
    categories = {artifact["Category"] for artifact in manifest["Artifacts"]}
    assert {"BenchmarkResults", "BenchmarkBaseline"} <= categories
    assert "--benchmark-baseline" in manifest["CommandLine"]
    assert main(["gates", "evaluate", *telemetry, "--benchmark-results", str(run)]) == 2
    assert "go together" in capsys.readouterr().err
