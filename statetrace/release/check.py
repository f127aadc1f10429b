"""``statetrace release check``: may this run be released?

The bundle must verify (artifacts present, hashes and sizes as recorded), the junit
file and the bundle must describe the same run (bundle name, run ids, the bundled
copy of the junit file), the same gates and the same values; and no ``fail`` gate
may have failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from statetrace.analyzers.rollup import sha256_upper
from statetrace.bundles.publish import GATE_RESULTS, MANIFEST
from statetrace.bundles.verify import verify_bundle
from statetrace.release.junit import JunitCase, JunitError, JunitRun, number_of, read_junit

#: junit status each gate outcome must have.
JUNIT_STATUS = {"passed": "passed", "warned": "passed", "failed": "failed", "skipped": "skipped"}
#: Manifest keys the junit testsuite properties must repeat (same run).
RUN_KEYS = (("statetrace_cold_run_id", "ColdRunId"), ("statetrace_warm_run_id", "WarmRunId"))


@dataclass
class ReleaseCheck:
    """The verdict: every problem with the evidence and the blocking gates."""

    junit: Path
    bundle: Path
    problems: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warned: list[str] = field(default_factory=list)
    gates: int = 0

    @property
    def releasable(self) -> bool:
        """Evidence complete and unaltered, and no ``fail`` gate failed."""
        return not self.problems and not self.failed

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (``--json``)."""
        return {
            "Junit": str(self.junit),
            "Bundle": str(self.bundle),
            "Releasable": self.releasable,
            "Gates": self.gates,
            "FailedGates": self.failed,
            "WarnedGates": self.warned,
            "Problems": self.problems,
        }


def release_check(junit: Path, bundle: Path) -> ReleaseCheck:
    """Check a junit file and a telemetry bundle of one run against each other."""
    check = ReleaseCheck(junit, bundle)
    check.problems += [f"bundle: {problem}" for problem in verify_bundle(bundle).problems]
    manifest, results = _json(bundle / MANIFEST), _json(bundle / GATE_RESULTS)
    try:
        run = read_junit(junit)
    except JunitError as error:
        check.problems.append(f"junit: {error}")
        run = None
    if manifest is None or results is None:
        return check
    gates = {str(gate.get("Id")): gate for gate in results.get("Gates", [])}
    check.gates = len(gates)
    check.failed = [i for i, g in gates.items() if g.get("Outcome") == "failed"]
    check.warned = [i for i, g in gates.items() if g.get("Outcome") == "warned"]
    if run is not None:
        check.problems += _same_run(run, manifest, bundle)
        check.problems += _same_gates(run, gates)
    return check


def _json(path: Path) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None  # verify_bundle has reported it


def _same_run(run: JunitRun, manifest: dict[str, Any], bundle: Path) -> list[str]:
    problems = []
    named = run.suite.get("statetrace_bundle")
    if named is None:
        problems.append("junit: no statetrace_bundle testsuite property (not a gate run?)")
    elif Path(named).name != manifest.get("BundleName"):
        problems.append(
            f"junit names bundle {named!r}, the bundle is {manifest.get('BundleName')!r}"
        )
    for prop, key in RUN_KEYS:
        if run.suite.get(prop) != manifest.get(key):
            problems.append(
                f"junit {prop} {run.suite.get(prop)!r} != bundle {key} {manifest.get(key)!r}"
            )
    copies = [a for a in manifest.get("Artifacts", []) if a.get("Category") == "JunitXml"]
    if copies and run.path.is_file() and sha256_upper(run.path) != copies[0].get("Sha256"):
        problems.append(f"junit differs from the bundle's copy {copies[0].get('TargetFile')}")
    return problems


def _same_gates(run: JunitRun, gates: dict[str, dict[str, Any]]) -> list[str]:
    problems = [f"gate {i}: in the bundle, not in the junit file" for i in gates.keys() - run.gates]
    problems += [
        f"gate {i}: in the junit file, not in the bundle" for i in run.gates.keys() - gates
    ]
    for gate_id in sorted(gates.keys() & run.gates.keys()):
        problems += [f"gate {gate_id}: {p}" for p in _same_gate(run.gates[gate_id], gates[gate_id])]
    return problems


def _same_gate(case: JunitCase, gate: dict[str, Any]) -> list[str]:
    props, outcome = case.properties, str(gate.get("Outcome"))
    differences = []
    if props.get("outcome") != outcome:
        differences.append(f"outcome {props.get('outcome')!r} in junit, {outcome!r} in the bundle")
    if case.status != JUNIT_STATUS.get(outcome):
        differences.append(f"junit testcase {case.status} but the outcome is {outcome}")
    for name, key in (("severity", "Severity"), ("comparator", "Comparator")):
        if props.get(name) != gate.get(key):
            differences.append(f"{name} {props.get(name)!r} in junit, {gate.get(key)!r} in bundle")
    for name, key in (("value", "Value"), ("threshold", "Threshold")):
        try:
            ours = number_of(props.get(name, ""))
        except ValueError:
            ours = None
        if ours != gate.get(key):
            differences.append(f"{name} {props.get(name)!r} in junit, {gate.get(key)} in bundle")
    return differences
