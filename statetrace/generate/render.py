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


def write_files(state: CorpusState, out: Path) -> tuple[int, int]:
    """Render every capture file under ``out`` (hosts sharing a file follow each other
    in state order), one host session in memory at a time; return (files, bytes)."""
    sites = {site.code: site for site in state.sites}
    hosts: dict[str, list[HostState]] = {}
    for host in state.hosts:
        hosts.setdefault(host.file, []).append(host)
    total = 0
    for relative in sorted(hosts):
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as capture:
            for host in hosts[relative]:
                total += capture.write(render_host(host, sites[host.site]).encode("utf-8"))
    return len(hosts), total
