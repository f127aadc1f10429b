"""Building corpus state from a seed: sites, hosts and ports with realistic variety."""

from __future__ import annotations

import random
from collections.abc import Sequence

from statetrace.generate.state import (
    AOSCX,
    ARISTA,
    BROCADE,
    CISCO,
    JUNOS,
    NXOS,
    CorpusState,
    HostState,
    PortState,
    SiteState,
)

SITE_CODES = (
    "WLLS", "BOYO", "CLMA", "KNOX", "HRTF", "MDSN", "PTLD", "SLEM",
    "TCMA", "BLVU", "OLYM", "SPKN", "YKMA", "RNTN", "EVRT", "LYNW",
)  # fmt: skip

#: Capture time of day 0 (2026-11-26 06:00:00 UTC), fixed so output never depends on "now".
DAY0_EPOCH = 1795672800
HOSTS_PER_AREA = 10
UPLINKS = 2
BATCH_HOSTS = 3

MODELS = {
    CISCO: ("C9300-48P", "C9200L-48P-4X", "C9300-48U"),
    ARISTA: ("DCS-7050TX-48", "CCS-720XP-48ZC2", "DCS-7010T-48"),
    BROCADE: ("ICX7150-48P", "ICX7250-48P", "ICX7450-48P"),
    NXOS: ("C93180YC-EX", "C9348GC-FXP", "C93108TC-EX"),
    AOSCX: ("JL659A 6300M 48SR5 CL6 PoE 4SFP56 Swch", "JL663A 6300M 48G PoE 4SFP56 Swch"),
    JUNOS: ("ex4300-48p", "ex2300-48p", "ex4400-48p"),
}
VERSIONS = {
    CISCO: ("17.9.4a", "17.6.5", "17.12.3"),
    ARISTA: ("4.28.9M", "4.30.5M", "4.31.2F"),
    BROCADE: ("08.0.95kT213", "09.0.10dT213", "08.0.90T211"),
    NXOS: ("9.3(8)", "10.2(5)", "10.3(4a)"),
    AOSCX: ("FL.10.10.1010", "FL.10.13.1040", "FL.10.11.1021"),
    JUNOS: ("21.4R3-S5.4", "22.4R2-S2.6", "23.2R1-S1.6"),
}
STATUS_WORDS = {
    CISCO: ("connected", "notconnect", "disabled", "err-disabled"),
    ARISTA: ("connected", "notconnect", "disabled", "errdisabled"),
    BROCADE: ("Up", "Down", "Disable", "ERR-DIS"),
    NXOS: ("connected", "notconnec", "disabled", "down"),
    AOSCX: ("up", "down", "down", "down"),
    JUNOS: ("Up", "Down", "Down", "Down"),
}
DESCRIPTIONS = (
    "Desk {n}", "Room {n} wall jack", "Printer {f}F-West", 'Conf Rm "Blue" {n}',
    "Dr. O'Brien office", "Lab bench {n}", "Camera Lobby {n}", "Reception desk {n}",
    "Badge reader {n}", "Nurse station {n}", "HVAC controller {n}",
    "Training room {n} podium left side", "Kiosk {n}", "Time clock {f}F",
)  # fmt: skip
CLIENT_OUIS = (0x001A1E, 0x3C5AB4, 0xA4C3F0, 0xF8B156, 0x005056, 0x9C8E99, 0xB8CA3A)
PHONE_OUI = 0x848A8D
VENDOR_OUIS = {
    CISCO: 0x00A3D1,
    ARISTA: 0x001C73,
    BROCADE: 0xCC4E24,
    NXOS: 0x00D78F,
    AOSCX: 0x883A30,
    JUNOS: 0x3C8C93,
}
#: (choice, cumulative percentage) tables for :func:`_weighted`.
_ROLES = (("data", 75), ("printers", 85), ("cameras", 95), ("guest", 100))
_STATES = (("connected", 60), ("notconnect", 87), ("disabled", 95), ("err-disabled", 100))
SECRET_CHARS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def site_code(index: int) -> str:
    """The site code of the ``index``-th site (realistic codes first, then ``S017`` …)."""
    return SITE_CODES[index] if index < len(SITE_CODES) else f"S{index + 1:03d}"


def build_corpus(
    *, sites: int, hosts_per_site: int, ports: int, vendors: Sequence[str], seed: int
) -> CorpusState:
    """Build the day-0 state of a corpus."""
    site_states = [build_site(index, seed) for index in range(sites)]
    hosts: list[HostState] = []
    for site_index, site in enumerate(site_states):
        site_hosts = [
            build_host(site, site_index, vendors[(k + site_index) % len(vendors)], ports, seed)
            for k in range(hosts_per_site)
        ]
        if len(site_hosts) >= 2 * BATCH_HOSTS:
            for host in site_hosts[-BATCH_HOSTS:]:
                host.file = f"{site.code}/{site.code}-capture-batch.log"
        hosts.extend(site_hosts)
    for order, host in enumerate(hosts):
        host.captured_at += order * 7
    return CorpusState(seed=seed, day=0, sites=site_states, hosts=hosts)


def build_site(index: int, seed: int) -> SiteState:
    """A site with its VLAN plan and its planted secrets."""
    rng = random.Random(f"site:{seed}:{index}")
    base = 100 * (index % 4)
    names = ("DATA", "VOICE", "PRINTERS", "CAMERAS", "WIRELESS-AP", "GUEST")
    vlans = {str(base + 10 * (i + 1)): name for i, name in enumerate(names)}
    vlans[str(base + 99)] = "NATIVE"
    code = site_code(index)

    def token(length: int) -> str:
        return "".join(rng.choice(SECRET_CHARS) for _ in range(length))

    secrets = {
        "enable_secret": f"$9${token(14)}${token(43)}",
        "user_secret": f"$9${token(14)}${token(43)}",
        "user_password": "".join(rng.choice("0123456789ABCDEF") for _ in range(22)),
        "snmp_community": f"{code.lower()}-{token(10)}-ro",
        "tacacs_key": token(16),
        "radius_key": token(18),
    }
    return SiteState(code=code, vlans=vlans, secrets=secrets)


def site_vlans(site: SiteState) -> dict[str, str]:
    """Role → VLAN id of a site (``data``, ``voice``, ``printers`` …)."""
    by_name = {name: vlan for vlan, name in site.vlans.items()}
    return {
        "data": by_name["DATA"],
        "voice": by_name["VOICE"],
        "printers": by_name["PRINTERS"],
        "cameras": by_name["CAMERAS"],
        "ap": by_name["WIRELESS-AP"],
        "guest": by_name["GUEST"],
        "native": by_name["NATIVE"],
    }


def build_host(
    site: SiteState, site_index: int, vendor: str, ports: int, seed: int | str
) -> HostState:
    """The next host of ``site`` (advances the site's host counter)."""
    k = site.next_host
    site.next_host += 1
    area, number = k // HOSTS_PER_AREA + 1, k % HOSTS_PER_AREA + 1
    hostname = f"{site.code}-A{area:02d}-AS-{number:02d}"
    rng = random.Random(f"host:{seed}:{hostname}")
    host = HostState(
        hostname=hostname,
        site=site.code,
        vendor=vendor,
        model=rng.choice(MODELS[vendor]),
        serial=_serial(vendor, rng),
        version=rng.choice(VERSIONS[vendor]),
        uptime_seconds=rng.randrange(3 * 86400, 400 * 86400),
        captured_at=DAY0_EPOCH + rng.randrange(0, 1800),
        file=f"{site.code}/{hostname}.log",
        base_mac=format_mac((VENDOR_OUIS[vendor] << 24) | rng.getrandbits(24)),
        mgmt_ip=f"10.{site_index % 250}.{area % 250}.{number + 10}",
    )
    host.ports = build_ports(host, site, rng, ports)
    return host


def _serial(vendor: str, rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    tail = "".join(rng.choice(letters) for _ in range(4))
    if vendor == CISCO:
        return f"FOC{rng.randrange(2200, 2799)}{tail}"
    if vendor == ARISTA:
        return f"JPE{rng.randrange(10000000, 99999999)}"
    if vendor == NXOS:
        return f"FDO{rng.randrange(2200, 2799)}{tail}"
    if vendor == AOSCX:
        return f"SG{rng.randrange(10, 99)}K{tail}"
    if vendor == JUNOS:
        return ""  # Junos prints the serial in show chassis hardware, which is not read
    return f"FEK{rng.randrange(3800, 4399)}Q{tail[:3]}"


def format_mac(value: int) -> str:
    """A 48-bit integer in dotted notation (``0011.2233.4455``)."""
    text = f"{value:012x}"
    return f"{text[0:4]}.{text[4:8]}.{text[8:12]}"


def port_names(vendor: str, count: int) -> list[tuple[str, str]]:
    """(name as shown in the status table, name in the running-config) of each port."""
    uplinks = UPLINKS if count >= 8 else 0
    names = []
    for i in range(count - uplinks):
        unit, n = i // 48 + 1, i % 48 + 1
        if vendor == CISCO:
            names.append((f"Gi{unit}/0/{n}", f"GigabitEthernet{unit}/0/{n}"))
        elif vendor == ARISTA:
            names.append((f"Et{i + 1}", f"Ethernet{i + 1}"))
        elif vendor == NXOS:
            names.append((f"Eth{unit}/{n}", f"Ethernet{unit}/{n}"))
        elif vendor == AOSCX:
            names.append((f"{unit}/1/{n}", f"{unit}/1/{n}"))
        elif vendor == JUNOS:
            names.append((f"ge-{unit - 1}/0/{n - 1}", f"ge-{unit - 1}/0/{n - 1}"))
        else:
            names.append((f"{unit}/1/{n}", f"ethernet {unit}/1/{n}"))
    for j in range(1, uplinks + 1):
        if vendor == CISCO:
            names.append((f"Te1/1/{j}", f"TenGigabitEthernet1/1/{j}"))
        elif vendor == ARISTA:
            n = count - uplinks + j
            names.append((f"Et{n}", f"Ethernet{n}"))
        elif vendor == NXOS:
            names.append((f"Eth1/{48 + j}", f"Ethernet1/{48 + j}"))
        elif vendor == AOSCX:
            names.append((f"1/1/{48 + j}", f"1/1/{48 + j}"))
        elif vendor == JUNOS:
            names.append((f"xe-0/2/{j - 1}", f"xe-0/2/{j - 1}"))
        else:
            names.append((f"1/2/{j}", f"ethernet 1/2/{j}"))
    return names


def build_ports(
    host: HostState, site: SiteState, rng: random.Random, count: int
) -> list[PortState]:
    """All ports of a host: access ports, a few AP trunks, uplink trunks, maybe a routed port."""
    vlans = site_vlans(site)
    names = port_names(host.vendor, count)
    uplinks = UPLINKS if count >= 8 else 0
    auth = host.vendor in (CISCO, BROCADE) and rng.random() < 0.6
    routed_index = count - uplinks - 1 if host.vendor == CISCO and rng.random() < 0.4 else -1
    ports = []
    for i, (short, long) in enumerate(names):
        port = PortState(port=short, long_name=long)
        if i >= count - uplinks:
            _make_uplink(port, host, vlans, rng, i - (count - uplinks) + 1)
        elif i == routed_index:
            _make_routed(port, host, rng)
        else:
            _make_access(port, host, vlans, rng, auth)
        ports.append(port)
    return ports


def _make_uplink(
    port: PortState, host: HostState, vlans: dict[str, str], rng: random.Random, n: int
) -> None:
    port.name = f"Uplink to {host.site}-A01-DS-0{n}"
    port.uplink = True
    port.vlan = "trunk"
    port.trunk_vlans = ",".join(
        sorted(
            {vlans[r] for r in ("data", "voice", "printers", "cameras", "ap", "native")}, key=int
        )
    )
    set_link(port, host.vendor, "connected", rng)


def _make_routed(port: PortState, host: HostState, rng: random.Random) -> None:
    port.name = "L3 link to FW"
    port.vlan = "routed"
    port.ip_address = (
        f"172.{16 + rng.randrange(16)}.{rng.randrange(256)}.{rng.randrange(64) * 4 + 1}"
    )
    set_link(port, host.vendor, "connected", rng)


def _make_access(
    port: PortState, host: HostState, vlans: dict[str, str], rng: random.Random, auth: bool
) -> None:
    roll = rng.random()
    if roll < 0.05:
        port.name = f"WAP-{rng.randrange(1, 4)}F-{rng.randrange(1, 40):02d}"
        port.vlan = "trunk"
        port.trunk_vlans = f"{vlans['native']},{vlans['ap']},{vlans['guest']}"
    else:
        port.name = random_description(rng) if rng.random() < 0.8 else ""
        role = _weighted(rng, _ROLES)
        port.vlan = vlans[role]
        if host.vendor == CISCO and role == "data" and rng.random() < 0.5:
            port.voice_vlan = vlans["voice"]
        port.auth = auth
    state = _weighted(rng, _STATES)
    set_link(port, host.vendor, state, rng)


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    """Pick from a cumulative-percentage table (much cheaper than ``Random.choices``)."""
    roll = rng.random() * 100
    for choice, bound in table:
        if roll < bound:
            return choice
    return table[-1][0]


def _client_mac(rng: random.Random, oui: int | None = None) -> str:
    prefix = CLIENT_OUIS[int(rng.random() * len(CLIENT_OUIS))] if oui is None else oui
    return format_mac((prefix << 24) | rng.getrandbits(24))


def random_description(rng: random.Random) -> str:
    """A realistic port description (spaces, sometimes quotes)."""
    pattern = DESCRIPTIONS[int(rng.random() * len(DESCRIPTIONS))]
    return pattern.format(n=1 + int(rng.random() * 399), f=1 + int(rng.random() * 5))


def set_link(port: PortState, vendor: str, state: str, rng: random.Random) -> None:
    """Set status, duplex, speed, type, learned MACs and auth session for a link state.

    ``state`` is one of ``connected``, ``notconnect``, ``disabled``, ``err-disabled``.
    """
    up = state == "connected"
    index = ("connected", "notconnect", "disabled", "err-disabled").index(state)
    port.status = STATUS_WORDS[vendor][index]
    port.duplex, port.speed, port.type = _phy(vendor, up, port.uplink, rng)
    port.macs = _learned_macs(port, rng) if up else []
    port.auth_mode = port.auth_state = port.auth_client_mac = ""
    if up and port.auth and port.macs and port.macs[0][2] == "dynamic":
        port.auth_mode = "dot1x" if rng.random() < 0.6 else "mab"
        port.auth_state = "Auth" if vendor == CISCO else "permit"
        port.auth_client_mac = port.macs[0][1]


def _phy(vendor: str, up: bool, fast: bool, rng: random.Random) -> tuple[str, str, str]:
    if vendor == CISCO:
        kind = "SFP-10GBase-SR" if fast else "10/100/1000BaseTX"
        if not up:
            return "auto", "auto", kind
        return (
            ("full", "10G", kind)
            if fast
            else ("a-full", ("a-1000", "a-100")[rng.random() < 0.3], kind)
        )
    if vendor == ARISTA:
        kind = "10GBASE-SR" if fast else "10/100/1000"
        if not up:
            return "auto", "auto", kind
        return (
            ("full", "10G", kind)
            if fast
            else ("a-full", ("a-1G", "a-100M")[rng.random() < 0.3], kind)
        )
    if vendor == NXOS:
        kind = "10Gbase-SR" if fast else "1000base-T"
        if not up:
            return "auto", "auto", kind
        return (
            ("full", "10G", kind) if fast else ("full", ("1000", "100")[rng.random() < 0.3], kind)
        )
    if vendor == JUNOS:
        if not up:
            return "Full-duplex", "", "Ethernet"
        return (
            "Full-duplex",
            "10Gbps" if fast else ("1000mbps", "100mbps")[rng.random() < 0.3],
            "Ethernet",
        )
    if vendor == AOSCX:
        kind = "SFP+SR" if fast else "1GbT"
        if not up:
            return "Full", "0 Mb/s", kind
        return ("Full", "10000 Mb/s", kind) if fast else ("Full", "1000 Mb/s", kind)
    if not up:
        return "None", "None", ""
    return ("Full", "10G", "") if fast else ("Full", ("1G", "100M")[rng.random() < 0.3], "")


def _learned_macs(port: PortState, rng: random.Random) -> list[list[str]]:
    if port.vlan == "routed":
        return []
    if port.vlan == "trunk":
        vlans = port.trunk_vlans.split(",")
        return [
            [vlans[int(rng.random() * len(vlans))], _client_mac(rng), "dynamic"] for _ in range(3)
        ]
    kind = "static" if rng.random() < 0.05 else "dynamic"
    macs = [[port.vlan, _client_mac(rng), kind]]
    if port.voice_vlan:
        macs.append([port.voice_vlan, _client_mac(rng, PHONE_OUI), "dynamic"])
    return macs
