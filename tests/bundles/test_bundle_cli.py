"""``statetrace bundle publish`` and ``statetrace bundle verify``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statetrace.cli import main
from statetrace.gates import default_gates_dir

GATES = str(default_gates_dir())


def test_publish_then_verify(logs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["bundle", "publish", "--name", "B1", "--logs", str(logs), "--gates", GATES,
         "--plan-references", "PlanB,PlanE", "--task-ids", "ST-B-008", "--notes", "n",
         "--risk-entries", "RR-001,RR-002"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 1, "a failing gate is published, and the verdict is exit 1"
    assert "bundle: " in out and "risk register: RR-001 gate warm-cache-hit-ratio" in out
    bundle = logs / "TelemetryBundles" / "B1"
    manifest = json.loads((bundle / "TelemetryBundle.json").read_text())
    assert manifest["PlanReferences"] == ["PlanB", "PlanE"]
    assert manifest["RiskRegisterEntries"] == ["RR-001", "RR-002"]
    assert manifest["CommandLine"].startswith("statetrace bundle publish --name B1 --logs ")
    assert "--plan-references PlanB,PlanE" in manifest["CommandLine"]
    assert main(["bundle", "verify", str(bundle)]) == 0
    assert "READY" in capsys.readouterr().out
    (bundle / "SharedCacheStoreState.json").write_text("{}")
    assert main(["bundle", "verify", str(bundle), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["Ready"] is False
    assert report["Problems"][0].startswith("SharedCacheStoreState.json: size")


def test_publish_refuses_existing_and_bad_names(
    logs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gates = ["--gates", str(default_gates_dir()), "--logs", str(logs)]
    assert main(["bundle", "publish", "--name", "B1", *gates]) == 1  # published, a gate failed
    assert main(["bundle", "publish", "--name", "B1", *gates]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["bundle", "publish", "--name", "../up", *gates]) == 2
    assert "bad bundle name" in capsys.readouterr().err
    assert main(["bundle", "publish", "--name", "B1", "--force", *gates]) == 1
