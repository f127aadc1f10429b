"""Repository-wide pytest configuration: where the shared reference material lives."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DIR = Path(__file__).resolve().parent.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (reference material); tests using it skip when it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"reference material not found at {SHARED_DIR} (../shared is optional)")
    return SHARED_DIR
