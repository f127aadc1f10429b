"""Publishing a telemetry bundle ``<logs>/TelemetryBundles/<name>/``.

The bundle holds the run's telemetry slice (its events, in day files named as
the originals), the WarmRunTelemetry export, analyzer outputs (shared cache and
provider reasons as JSON, diff hotspots and rollup as CSV), the gate results,
the junit XML when there is one, the HTML report (``Report.html``, when matplotlib
is installed; else the manifest's ``ReportMissing`` says why), ``README.md`` and
``TelemetryBundle.json`` (every artifact with SHA-256 and size, gate outcomes,
scenario, command line, package version, git commit, machine facts).  It is assembled in a temporary
folder and renamed into place, so a bundle is never half-written.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from statetrace.analyzers import diff_hotspots, provider_reasons, shared_cache_summary
from statetrace.analyzers.diff_hotspots import write_hotspots_csv
from statetrace.analyzers.output import write_json
from statetrace.analyzers.rollup import rollup_events, write_rollup_csv
from statetrace.atomic import replace_folder
from statetrace.bundle_layout import BUNDLES_FOLDER, MANIFEST, WARM_RUN_FOLDER_KEY
from statetrace.bundles.facts import artifact_entry, git_commit, machine_facts, package_version
from statetrace.bundles.readme import render_readme
from statetrace.bundles.report import write_bundle_report
from statetrace.gates.evaluate import outcome_counts, results_document, write_results
from statetrace.gates.evidence import PASS_LABELS, Evidence
from statetrace.gates.model import GateResult
from statetrace.gates.risk import RiskEntry, append_risk_entries
from statetrace.telemetry.reader import iter_events

README = "README.md"
GATE_RESULTS = "GateResults.json"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class BundleError(ValueError):
    """A bundle cannot be published (bad name, already exists, no evidence)."""


@dataclass
class BundleRequest:
    """What to publish and the facts to record with it."""

    logs_dir: Path
    name: str
    evidence: Evidence
    results: Sequence[GateResult]
    command_line: str
    plan_references: Sequence[str] = ()
    task_ids: Sequence[str] = ()
    notes: str = ""
    risk_entries: Sequence[str] = ()
    risk_appended: Sequence[RiskEntry] = ()
    junit_path: Path | None = None
    force: bool = False


def bundle_path(logs_dir: Path, name: str) -> Path:
    """``<logs>/TelemetryBundles/<name>``; names are one plain path component."""
    if not _NAME.match(name) or ".." in name:
        raise BundleError(
            f"bad bundle name {name!r}: use letters, digits, '.', '_' and '-' "
            "(one folder inside TelemetryBundles)"
        )
    root = (logs_dir / BUNDLES_FOLDER).resolve()
    target = (root / name).resolve()
    if target.parent != root:
        raise BundleError(f"bundle name {name!r} escapes {root}")
    return target


def default_bundle_name(now: datetime | None = None) -> str:
    """``yyyyMMdd-HHmmss`` (upstream's default)."""
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


#: The fields a bundle name template may use.
NAME_FIELDS = ("date", "time", "commit")


def expand_bundle_name(template: str, root: Path, now: datetime | None = None) -> str:
    """A bundle name from a template such as ``rc1-{date}-{time}-{commit}``:
    ``{date}`` is yyyyMMdd, ``{time}`` HHmmss, ``{commit}`` the short git commit of
    ``root`` (``nocommit`` outside a repository)."""
    moment = now or datetime.now()
    values = {
        "date": moment.strftime("%Y%m%d"),
        "time": moment.strftime("%H%M%S"),
        "commit": (git_commit(root) or "nocommit")[:12],
    }
    try:
        return template.format_map(values)
    except (KeyError, ValueError, IndexError) as error:
        known = ", ".join(f"{{{name}}}" for name in NAME_FIELDS)
        raise BundleError(
            f"bad bundle name template {template!r} ({error}); known: {known}"
        ) from None


def publish_bundle(request: BundleRequest) -> Path:
    """Write the bundle and return its folder; refuses to overwrite unless ``force``."""
    target = bundle_path(request.logs_dir, request.name)
    if target.exists() and not request.force:
        raise BundleError(f"bundle {target} already exists (pass force to replace it)")
    staging = target.with_name(f".{target.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        artifacts, report_missing = _write_artifacts(request, staging)
        manifest = _manifest(request, target, artifacts) | {"ReportMissing": report_missing}
        gates = manifest["Gates"]
        (staging / README).write_text(render_readme(manifest, gates), encoding="utf-8")
        manifest["Artifacts"].append(artifact_entry("Readme", staging / README, staging, None))
        write_json(staging / MANIFEST, manifest)
        replace_folder(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _write_artifacts(
    request: BundleRequest, folder: Path
) -> tuple[list[dict[str, Any]], str | None]:
    """The artifacts written, and why the HTML report is missing (None: it is there)."""
    evidence = request.evidence
    artifacts = []

    def add(category: str, path: Path, source: Path | None = None) -> None:
        artifacts.append(artifact_entry(category, path, folder, source))

    warm = folder / evidence.telemetry_path.name
    shutil.copyfile(evidence.telemetry_path, warm)
    add("WarmTelemetry", warm, evidence.telemetry_path)
    for day_file, source in _write_slice(evidence, folder):
        add("TelemetrySlice", day_file, source)
    add("SharedCacheAnalyzer", write_json(folder / "SharedCacheStoreState.json", _store(evidence)))
    add("ProviderReasons", write_json(folder / "SiteCacheProviderReasons.json", _reasons(evidence)))
    hotspots = diff_hotspots(evidence.rows)
    add("DiffHotspots", write_hotspots_csv(folder / "WarmRunDiffHotspots.csv", hotspots))
    add("RollupCsv", write_rollup_csv(folder / "IngestionMetricsSummary.csv", _rollup(evidence)))
    document = results_document(request.results, evidence)
    add("GateResults", write_results(folder / GATE_RESULTS, document))
    if evidence.benchmarks is not None:
        for category, source in (
            ("BenchmarkResults", evidence.benchmarks.results),
            ("BenchmarkBaseline", evidence.benchmarks.baseline),
        ):
            copy = folder / f"{category}.json"
            shutil.copyfile(source, copy)
            add(category, copy, source)
    if request.junit_path is not None and request.junit_path.is_file():
        junit = folder / request.junit_path.name
        shutil.copyfile(request.junit_path, junit)
        add("JunitXml", junit, request.junit_path)
    report, report_missing = write_bundle_report(evidence, request.results, folder)
    if report is not None:
        add("HtmlReport", report)
    return artifacts, report_missing


def _write_slice(evidence: Evidence, folder: Path) -> list[tuple[Path, Path]]:
    """The run's events, one file per source day file (same name), same order."""
    events = evidence.events("all")
    if not events:
        return []
    wanted = {orjson.dumps(event) for event in events}
    written = []
    for source in evidence.event_files:
        lines = [line for e in iter_events(source) if (line := orjson.dumps(e)) in wanted]
        if lines:
            target = folder / source.name
            target.write_bytes(b"".join(line + b"\n" for line in lines))
            written.append((target, source))
    return written


def _store(evidence: Evidence) -> list[dict[str, Any]]:
    return [
        shared_cache_summary(events, label=PASS_LABELS[name])
        for name in ("cold", "warm")
        if (events := evidence.events(name)) is not None
    ]


def _reasons(evidence: Evidence) -> dict[str, Any]:
    reports = {}
    for name in ("cold", "warm"):
        events = evidence.events(name)
        if events is not None:
            report = provider_reasons([events])
            reports[PASS_LABELS[name]] = {"Sites": report.rows, "Hosts": report.hosts}
    return reports


def _rollup(evidence: Evidence) -> list[dict[str, Any]]:
    events = evidence.events("all") or []
    label = evidence.event_files[0].stem if evidence.event_files else "run"
    return rollup_events(events, label, per_site=True, site_cache=True)


def _manifest(
    request: BundleRequest, target: Path, artifacts: list[dict[str, Any]]
) -> dict[str, Any]:
    evidence = request.evidence
    gates = [result.as_dict() for result in request.results]
    return {
        "BundleName": request.name,
        "AreaName": "Telemetry",
        "CreatedAt": datetime.now().astimezone().isoformat(),
        "BundlePath": str(target),
        "Scenario": evidence.scenario_name,
        "CommandLine": request.command_line,
        "PackageVersion": package_version(),
        "GitCommit": git_commit(Path.cwd()),
        "Machine": machine_facts(),
        "WarmRunTelemetry": str(target / evidence.telemetry_path.name),
        "ColdRunId": (evidence.comparison or {}).get("ColdRunId"),
        "WarmRunId": (evidence.comparison or {}).get("WarmRunId"),
        WARM_RUN_FOLDER_KEY: str(evidence.warm_run_folder) if evidence.warm_run_folder else None,
        "EventsAvailable": evidence.events("all") is not None,
        "PlanReferences": list(request.plan_references),
        "TaskIds": list(request.task_ids),
        "RiskRegisterEntries": list(request.risk_entries),
        "RiskRegisterAppended": [entry.as_dict() for entry in request.risk_appended],
        "Notes": request.notes,
        "JunitPath": str(request.junit_path) if request.junit_path else None,
        "GateSummary": outcome_counts(request.results),
        "Gates": [{key: gate[key] for key in _GATE_KEYS} for gate in gates],
        "Artifacts": artifacts,
    }


_GATE_KEYS = (
    "Id", "Outcome", "Severity", "Statistic", "Comparator", "Threshold", "Unit", "Value",
    "Plans", "Tasks",
)  # fmt: skip


def publish_with_risks(request: BundleRequest, register: Path | None) -> Path:
    """Append the failed ``fail`` gates to the risk register (naming the bundle), then
    publish the bundle listing those entries.  Nothing is written if the bundle
    name is bad or taken."""
    target = bundle_path(request.logs_dir, request.name)
    if target.exists() and not request.force:
        raise BundleError(f"bundle {target} already exists (pass force to replace it)")
    if register is not None:
        request.risk_appended = append_risk_entries(
            register, request.results, scenario=request.evidence.scenario_name, bundle=str(target)
        )
    return publish_bundle(request)
