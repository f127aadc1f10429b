"""The "next day": time moves on, some ports change, a few hosts come and go."""

from __future__ import annotations

import random
from dataclasses import dataclass

from statetrace.generate.build import (
    STATUS_WORDS,
    build_host,
    random_description,
    set_link,
    site_vlans,
)
from statetrace.generate.state import CorpusState, HostState, PortState

DAY = 86400
HOST_TURNOVER = 0.01
_ACCESS_ROLES = ("data", "printers", "cameras", "guest")


@dataclass(frozen=True, slots=True)
class PortChange:
    """One changed port: ``field`` is an InterfaceRecord field (``status``, ``vlan``, ``name``)."""

    hostname: str
    port: str
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class ChurnResult:
    """What :func:`apply_churn` changed in the state."""

    changes: list[PortChange]
    hosts_added: list[str]
    hosts_removed: list[str]
    source_ports: int


def advance_day(state: CorpusState) -> None:
    """Move every host's capture time and uptime on by one day."""
    state.day += 1
    for host in state.hosts:
        host.captured_at += DAY
        host.uptime_seconds += DAY


def apply_churn(state: CorpusState, churn: float, seed: int) -> ChurnResult:
    """Remove and add a few hosts, then change exactly ``round(churn × ports)`` ports.

    ``ports`` counts the source corpus; changes are drawn from the hosts that stay
    (capped at their port count).  Each changed port changes one field.
    """
    if not 0.0 <= churn <= 1.0:
        raise ValueError(f"churn must be within [0, 1], got {churn}")
    rng = random.Random(f"churn:{state.seed}:{seed}:{state.day}")
    source_ports = state.total_ports()
    turnover = max(1, round(HOST_TURNOVER * len(state.hosts))) if churn > 0 else 0
    removed = _remove_hosts(state, min(turnover, len(state.hosts) - 1), rng)
    candidates = [(host, port) for host in state.hosts for port in host.ports]
    count = min(round(churn * source_ports), len(candidates))
    chosen = rng.sample(range(len(candidates)), count)
    changes = [_change_port(state, *candidates[i], rng) for i in sorted(chosen)]
    added = _add_hosts(state, turnover, seed, rng)
    return ChurnResult(changes, added, removed, source_ports)


def _remove_hosts(state: CorpusState, count: int, rng: random.Random) -> list[str]:
    if count <= 0:
        return []
    gone = {host.hostname for host in rng.sample(state.hosts, count)}
    state.hosts = [host for host in state.hosts if host.hostname not in gone]
    return sorted(gone)


def _add_hosts(state: CorpusState, count: int, seed: int, rng: random.Random) -> list[str]:
    vendors = sorted({host.vendor for host in state.hosts})
    ports = max((len(host.ports) for host in state.hosts), default=48)
    added = []
    for _ in range(count):
        site_index = rng.randrange(len(state.sites))
        vendor = rng.choice(vendors)
        host = build_host(
            state.sites[site_index], site_index, vendor, ports, f"{state.seed}.{seed}"
        )
        host.captured_at += state.day * DAY
        state.hosts.append(host)
        added.append(host.hostname)
    return added


def _change_port(
    state: CorpusState, host: HostState, port: PortState, rng: random.Random
) -> PortChange:
    words = STATUS_WORDS[host.vendor]
    fields = ["name"]
    if port.status in words[:2]:
        fields.append("status")
    if port.vlan.isdigit():
        fields.append("vlan")
    field = rng.choice(fields)
    old = getattr(port, field)
    if field == "status":
        set_link(port, host.vendor, "notconnect" if old == words[0] else "connected", rng)
    elif field == "vlan":
        _move_vlan(state, host, port, rng)
    else:
        port.name = _new_description(old, rng)
    return PortChange(host.hostname, port.port, field, old, getattr(port, field))


def _move_vlan(state: CorpusState, host: HostState, port: PortState, rng: random.Random) -> None:
    site = next(site for site in state.sites if site.code == host.site)
    vlans = site_vlans(site)
    old = port.vlan
    port.vlan = rng.choice([vlans[r] for r in _ACCESS_ROLES if vlans[r] != old])
    for mac in port.macs:
        if mac[0] == old:
            mac[0] = port.vlan


def _new_description(old: str, rng: random.Random) -> str:
    """A description that differs from ``old`` within its first ten characters."""
    while True:
        new = random_description(rng)
        if new[:10] != old[:10]:
            return new
