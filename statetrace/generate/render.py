"""Turning corpus state into capture files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from statetrace.generate import arista, cisco, fastiron
from statetrace.generate.state import ARISTA, BROCADE, CISCO, CorpusState, HostState, SiteState

RENDERERS: dict[str, Callable[[HostState, SiteState], str]] = {
    CISCO: cisco.render_session,
    ARISTA: arista.render_session,
    BROCADE: fastiron.render_session,
}


def render_host(host: HostState, site: SiteState) -> str:
    """The terminal session text of one host."""
    return RENDERERS[host.vendor](host, site)


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
