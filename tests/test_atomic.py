"""The one atomic-write helper: all or nothing, synced, no temporary file left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from statetrace import atomic
from statetrace.atomic import atomic_file, replace_folder, write_atomic


def test_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["f.json"]


def test_new_file_gets_default_permissions_not_private(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "n.json", b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(write_atomic(tmp_path / "m", b"x", 0o600).stat().st_mode) == 0o600


def test_error_mid_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_file(target) as out:
        out.write(b"half of the new")
        raise RuntimeError("disk on fire")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["f.json"]


def test_failed_rename_removes_the_temp_file(tmp_path: Path, monkeypatch) -> None:
    def refuse(source: str, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        write_atomic(tmp_path / "f.json", b"new")
    assert os.listdir(tmp_path) == []


def test_file_and_folder_are_fsynced(tmp_path: Path, monkeypatch) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: synced.append(fd) or real(fd))
    write_atomic(tmp_path / "f.json", b"new")
    assert len(synced) == 2  # the file, then its folder


def test_replace_folder_swaps_in_the_staging_folder(tmp_path: Path) -> None:
    target, staging = tmp_path / "b", tmp_path / ".b.partial"
    target.mkdir()
    (target / "old.txt").write_text("old")
    staging.mkdir()
    (staging / "new.txt").write_text("new")
    replace_folder(staging, target)
    assert sorted(os.listdir(tmp_path)) == ["b"]
    assert os.listdir(target) == ["new.txt"]


def test_every_crash_safe_writer_uses_the_helper() -> None:
    """snapshot, overrides, index cache and bundles write through statetrace.atomic."""
    root = Path(atomic.__file__).parent
    for module in ("snapshot.py", "concurrency/overrides.py", "capture/index_cache.py"):
        text = (root / module).read_text()
        assert "from statetrace.atomic import" in text and "os.replace" not in text, module
    assert "replace_folder(staging, target)" in (root / "bundles/publish.py").read_text()
