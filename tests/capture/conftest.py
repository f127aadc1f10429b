"""Fixtures for the capture tests: small self-made captures and the real LiveSwitch capture."""

from __future__ import annotations

from pathlib import Path

import pytest

LIVESWITCH_HOST = "LAB-C9200L-AS-01"


@pytest.fixture
def write_capture(tmp_path: Path):
    """Write ``content`` (text is UTF-8 encoded as is) to ``tmp_path/name``; return the path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return write


@pytest.fixture
def liveswitch_capture(shared_dir: Path, tmp_path: Path) -> Path:
    """The real C9200L capture as one raw log (spec §9): each file's first line gets the
    prompt prefix, files are concatenated in name order, UTF-8 with BOM and CRLF."""
    folder = shared_dir / "data/statetrace-upstream/Tests/Fixtures/LiveSwitch"
    parts = [
        f"{LIVESWITCH_HOST}#" + path.read_bytes().decode("utf-8-sig")
        for path in sorted(folder.glob("*.txt"))
    ]
    target = tmp_path / f"{LIVESWITCH_HOST}.log"
    target.write_bytes(b"\xef\xbb\xbf" + "".join(parts).encode())
    return target
