"""Suite-wide fixtures: every store backend the machine offers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, ScratchServers, fresh_store_url

# Bundles render the HTML report with matplotlib, which cannot be imported twice in one
# process; pytester drops the modules a test imported, so import it before any test runs.
with contextlib.suppress(ImportError):
    import matplotlib.figure  # noqa: F401


@pytest.fixture(scope="session")
def scratch_servers() -> Iterator[ScratchServers]:
    """Scratch databases of this test process on every reachable server."""
    servers = ScratchServers()
    yield servers
    servers.close()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, scratch_servers: ScratchServers, tmp_path: Path):
    """An empty store of each backend in turn (server backends skip when absent)."""
    yield from fresh_store_url(scratch_servers, request.param, tmp_path)
