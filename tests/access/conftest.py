"""Fixtures of the Access import/compare tests: a store URL and the real BOYO.accdb."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """A fresh SQLite store under tmp_path.

    Overrides the suite-wide fixture (every backend) until the server backends write
    ``HostChange.history``: without this override only the imported-history checks
    fail on PostgreSQL and ODBC; everything else passes there.
    """
    return f"sqlite:///{tmp_path / 'Data'}"


@pytest.fixture
def boyo(shared_dir: Path) -> Path:
    """The PowerShell StateTrace's real BOYO.accdb (12 Brocade hosts, 120 ports)."""
    path = shared_dir / "data/statetrace-upstream/Data/BOYO/BOYO.accdb"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    pytest.importorskip("access_parser", reason="the [access] extra (access-parser) is missing")
    return path


@pytest.fixture
def boyo_copy(boyo: Path, tmp_path: Path) -> Path:
    """A writable copy of BOYO.accdb in a ``BOYO`` folder of tmp_path."""
    target = tmp_path / "access" / "BOYO" / "BOYO.accdb"
    target.parent.mkdir(parents=True)
    shutil.copyfile(boyo, target)
    target.chmod(0o644)
    return target


@pytest.fixture
def mdb_export() -> str:
    """Path of mdbtools' mdb-export (the independent cross-check)."""
    found = shutil.which("mdb-export")
    if found is None:
        pytest.skip("mdbtools (mdb-export) is not installed")
    return found
