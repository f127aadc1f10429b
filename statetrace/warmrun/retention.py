"""Retention of ``Logs/WarmRuns/<ts>/``: keep the newest runs, never one a bundle uses."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import orjson

from statetrace.bundle_layout import BUNDLES_FOLDER, MANIFEST, WARM_RUN_FOLDER_KEY

#: Warm-run folders kept by default (each holds a corpus, stores and snapshots).
DEFAULT_KEEP_RUNS = 5


def warm_runs_dir(logs_dir: Path) -> Path:
    """``<logs>/WarmRuns``."""
    return logs_dir / "WarmRuns"


def referenced_runs(logs_dir: Path) -> set[Path]:
    """Warm-run folders named by a bundle manifest under ``<logs>/TelemetryBundles``."""
    found = set()
    for manifest in (logs_dir / BUNDLES_FOLDER).glob(f"*/{MANIFEST}"):
        try:
            folder = orjson.loads(manifest.read_bytes()).get(WARM_RUN_FOLDER_KEY)
        except (OSError, orjson.JSONDecodeError, AttributeError):
            continue  # bundle verify reports damaged bundles; retention stays careful
        if isinstance(folder, str):
            found.add(Path(folder).resolve())
    return found


def prune_warm_runs(logs_dir: Path, keep: int, spare: Path | None = None) -> list[Path]:
    """Remove all but the newest ``keep`` warm-run folders (by their time-stamp name),
    sparing ``spare`` and every folder a bundle references; return what was removed."""
    referenced = referenced_runs(logs_dir) | ({spare.resolve()} if spare else set())
    folders = sorted(_run_folders(warm_runs_dir(logs_dir)), reverse=True)
    removed = []
    for folder in folders[keep:]:
        if folder.resolve() in referenced:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _run_folders(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from (path for path in root.iterdir() if path.is_dir() and path.name[:1].isdigit())
