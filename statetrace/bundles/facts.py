"""Facts a bundle manifest records: hashes, package version, git commit, machine."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path
from typing import Any

from statetrace import __version__
from statetrace.analyzers.rollup import sha256_upper
from statetrace.concurrency.limits import memory_bytes


def artifact_entry(category: str, path: Path, bundle: Path, source: Path | None) -> dict[str, Any]:
    """``{Category, TargetFile, SourcePath, Sha256, SizeBytes}`` of a file in the bundle."""
    return {
        "Category": category,
        "TargetFile": path.relative_to(bundle).as_posix(),
        "SourcePath": str(source) if source else None,
        "Sha256": sha256_upper(path),
        "SizeBytes": path.stat().st_size,
    }


def git_commit(folder: Path) -> str | None:
    """``HEAD`` of the git checkout containing ``folder``; None outside one."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def machine_facts() -> dict[str, Any]:
    """Host name, OS, Python, CPUs and memory of this machine."""
    return {
        "Hostname": platform.node(),
        "Platform": platform.platform(),
        "Python": platform.python_version(),
        "CpuCount": os.cpu_count(),
        "MemoryBytes": memory_bytes("MemTotal"),
    }


def package_version() -> str:
    """The installed ``statetrace`` version."""
    return __version__
