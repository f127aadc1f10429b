"""Turning corpus state into capture files."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from statetrace.generate.state import CorpusState, HostState, SiteState
from statetrace.platforms import by_generator_vendor

Renderer = Callable[[HostState, SiteState], str]


@cache
def renderer(vendor: str) -> Renderer:
    """``render_session`` of the generator module the vendor's platform descriptor names."""
    module = importlib.import_module(by_generator_vendor(vendor).generator_module)
    session: Renderer = module.render_session
    return session


def render_host(host: HostState, site: SiteState) -> str:
    """The terminal session text of one host."""
    return renderer(host.vendor)(host, site)


def render_files(state: CorpusState) -> dict[str, bytes]:
    """Relative path → file bytes; hosts sharing a file follow each other in state order."""
    sites = {site.code: site for site in state.sites}
    files: dict[str, list[str]] = {}
    for host in state.hosts:
        files.setdefault(host.file, []).append(render_host(host, sites[host.site]))
    return {path: "".join(sessions).encode("utf-8") for path, sessions in files.items()}


def write_files(files: dict[str, bytes], out: Path) -> int:
    """Write every file under ``out``; return the number of bytes written."""
    total = 0
    for relative, data in sorted(files.items()):
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total
