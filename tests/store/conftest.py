"""Fixtures for the SQLite store tests: a data folder and a fresh store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import SITE

from statetrace.store.sqlite import SqliteSiteStore, open_site_store


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder."""
    return tmp_path / "Data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[SqliteSiteStore]:
    """A fresh store of the test site, closed after the test."""
    with open_site_store(data_dir, SITE) as opened:
        yield opened
