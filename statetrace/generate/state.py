"""The corpus model: the state that captures are rendered from, saved as ``corpus.json``.

Values are kept as each vendor displays them (port names as in the status table
or ``show interfaces brief``, status words, duplex and speed), so the model is
directly comparable with what a parser reads back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

from statetrace.platforms import PLATFORMS

#: Version of the ``corpus.json`` layout; bump on incompatible changes.
FORMAT_VERSION = 1
CORPUS_FILE = "corpus.json"

CISCO = "cisco"
ARISTA = "arista"
BROCADE = "brocade"
NXOS = "nxos"
AOSCX = "aoscx"
JUNOS = "junos"
#: The vendors of the default (demo) corpus.
DEFAULT_VENDORS = (CISCO, ARISTA, BROCADE)

#: Platform name of each generator vendor (from the platform descriptors).
PLATFORM_OF = {p.generator_vendor: p.name for p in PLATFORMS if p.generator_vendor}
VENDORS = tuple(PLATFORM_OF)


@dataclass(slots=True)
class PortState:
    """One switch port.  ``macs`` holds ``[vlan, mac, "dynamic"|"static"]`` triples."""

    port: str
    long_name: str
    name: str = ""
    status: str = ""
    vlan: str = ""
    duplex: str = ""
    speed: str = ""
    type: str = ""
    voice_vlan: str = ""
    trunk_vlans: str = ""
    ip_address: str = ""
    uplink: bool = False
    auth: bool = False
    auth_mode: str = ""
    auth_state: str = ""
    auth_client_mac: str = ""
    macs: list[list[str]] = field(default_factory=list)


@dataclass(slots=True)
class HostState:
    """One switch: identity facts, capture time and ports."""

    hostname: str
    site: str
    vendor: str
    model: str
    serial: str
    version: str
    uptime_seconds: int
    captured_at: int
    file: str
    base_mac: str
    mgmt_ip: str
    ports: list[PortState] = field(default_factory=list)


@dataclass(slots=True)
class SiteState:
    """One site: its code, VLAN plan and the secrets planted in its configurations."""

    code: str
    vlans: dict[str, str]
    secrets: dict[str, str]
    next_host: int = 0


@dataclass(slots=True)
class CorpusState:
    """The whole corpus: sites, hosts (in rendering order) and the day counter."""

    seed: int
    day: int
    sites: list[SiteState]
    hosts: list[HostState]
    format_version: int = FORMAT_VERSION

    @property
    def planted_secrets(self) -> list[str]:
        """Every secret value planted in any running-config, sorted."""
        return sorted({value for site in self.sites for value in site.secrets.values()})

    def total_ports(self) -> int:
        """Number of ports over all hosts."""
        return sum(len(host.ports) for host in self.hosts)


def save_state(state: CorpusState, folder: Path) -> Path:
    """Write ``corpus.json`` (with the planted secrets listed) into ``folder``."""
    path = folder / CORPUS_FILE
    head = {
        "format_version": state.format_version,
        "seed": state.seed,
        "day": state.day,
        "planted_secrets": state.planted_secrets,
        "sites": state.sites,
    }
    with path.open("wb") as out:  # host by host: the document is never held in memory
        out.write(orjson.dumps(head)[:-1] + b',"hosts":[')
        for number, host in enumerate(state.hosts):
            out.write((b"," if number else b"") + orjson.dumps(host))
        out.write(b"]}\n")
    return path


def load_state(folder: Path) -> CorpusState:
    """Read ``corpus.json`` from ``folder``; a missing or foreign file raises ``ValueError``."""
    path = folder / CORPUS_FILE
    try:
        document = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise ValueError(f"{path}: not found (not a generated corpus)") from None
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"{path}: invalid JSON: {exc}") from None
    version = document.get("format_version") if isinstance(document, dict) else None
    if version != FORMAT_VERSION:
        raise ValueError(f"{path}: format_version {version!r}, expected {FORMAT_VERSION}")
    return CorpusState(
        seed=document["seed"],
        day=document["day"],
        sites=[SiteState(**site) for site in document["sites"]],
        hosts=[_host_from_dict(host) for host in document["hosts"]],
    )


def _host_from_dict(data: dict) -> HostState:
    ports = [PortState(**port) for port in data.pop("ports")]
    return HostState(**data, ports=ports)
