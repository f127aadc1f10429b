"""Ruckus/Brocade FastIron (ICX) session rendering."""

from __future__ import annotations

from statetrace.generate.state import HostState, PortState, SiteState
from statetrace.generate.timefmt import fastiron_clock, fastiron_uptime

BRIEF_NAME_WIDTH = 10
_RULE = "=" * 74
_USERS = ("jdoe", "asmith", "mlopez", "kchen", "rpatel", "tnguyen", "lmartin")


def render_session(host: HostState, site: SiteState) -> str:
    """One terminal session with ``SSH@HOST#`` prompts."""
    prompt = f"SSH@{host.hostname}#"
    blocks = [
        ("skip-page-display", "Disable page display mode\n"),
        ("show clock", fastiron_clock(host.captured_at) + "\n"),
        ("show version", show_version(host)),
        ("show interfaces brief", show_interfaces_brief(host)),
        ("show mac-address", show_mac_address(host)),
        ("show running-config", show_running_config(host, site)),
    ]
    if any(port.auth for port in host.ports):
        blocks.append(("show dot1x sessions all", show_dot1x_sessions(host)))
        blocks.append(("show mac-authentication sessions all", show_mac_auth_sessions(host)))
    blocks.append(("exit", ""))
    return "".join(f"{prompt}{command}\n{output}" for command, output in blocks)


def _label(version: str) -> str:
    return "SPS" + version.split("T")[0].replace(".", "")


def show_version(host: HostState) -> str:
    """``show version`` of a one-unit ICX stack."""
    label = _label(host.version)
    started = host.captured_at - host.uptime_seconds
    return (
        "  Copyright (c) Ruckus Networks, Inc. All rights reserved.\n"
        f"    UNIT 1: compiled on Feb 19 2024 at 13:48:49 labeled as {label}\n"
        f"      (28575972 bytes) from Primary {label}.bin (UFI)\n"
        f"        SW: Version {host.version}\n"
        "      Compressed Primary Boot Code size = 786944, Version:10.1.18T225 (mnz10118)\n"
        "       Compiled on Thu Jan 31 01:08:55 2024\n\n"
        f"  HW: Stackable {host.model}\n"
        f"{_RULE}\n"
        f"UNIT 1: SL 1: {host.model}-4X1G POE 48-port Management Module\n"
        f"      Serial  #:{host.serial}\n"
        "      Software Package: BASE_SOFT_PACKAGE\n"
        "      Current License: 4X1G\n"
        "      P-ASIC  0: type B160, rev 11  Chip BCM56160_B0\n"
        f"{_RULE}\n"
        "UNIT 1: SL 2: ICX7150-2X1GC 2-port 2G Module\n"
        f"{_RULE}\n"
        " 1000 MHz ARM processor ARMv7 88 MHz bus\n"
        " 8192 KB boot flash memory\n"
        " 2048 MB code flash memory\n"
        " 1024 MB DRAM\n"
        f"STACKID 1  system uptime is {fastiron_uptime(host.uptime_seconds)}\n"
        f"The system started at {fastiron_clock(started).replace('.000', '')}\n\n"
        "The system : started=cold start\n"
        "My stack unit ID = 1, bootup role = active\n"
    )


def _port_mac(host: HostState, index: int) -> str:
    value = int(host.base_mac.replace(".", ""), 16) + index + 1
    text = f"{value & 0xFFFFFFFFFFFF:012x}"
    return f"{text[0:4]}.{text[4:8]}.{text[8:12]}"


def show_interfaces_brief(host: HostState) -> str:
    """``show interfaces brief``; names are cut to the Name column as on a device."""
    lines = ["", "Port       Link    State   Dupl Speed Trunk Tag Pvid Pri MAC             Name"]
    for index, p in enumerate(host.ports):
        state = "Forward" if p.status == "Up" else "None"
        tagged, pvid = ("Yes", "N/A") if p.vlan == "trunk" else ("No", p.vlan)
        lines.append(
            f"{p.port:<11}{p.status:<8}{state:<8}{p.duplex:<5}{p.speed:<6}None  {tagged:<4}"
            f"{pvid:<5}0   {_port_mac(host, index)}  {p.name[:BRIEF_NAME_WIDTH]}"
        )
    return "\n".join(lines) + "\n\n"


def show_mac_address(host: HostState) -> str:
    """``show mac-address``: total line, header, one row per learned MAC."""
    rows = [(int(vlan), mac, kind, p.port) for p in host.ports for vlan, mac, kind in p.macs]
    rows.sort()
    lines = [
        f"Total active entries from all ports = {len(rows)}",
        "MAC-Address     Port                 Type         VLAN ",
    ]
    lines.extend(
        f"{mac}  {port:<21}{kind.capitalize():<13}{vlan:<5}" for vlan, mac, kind, port in rows
    )
    return "\n".join(lines) + "\n\n"


def port_ranges(ports: list[str]) -> str:
    """FastIron member list: ``ethe 1/1/1 to 1/1/4 ethe 1/1/7``."""
    groups: list[list[str]] = []
    for port in ports:
        module, number = port.rsplit("/", 1)
        last = groups[-1] if groups else None
        if (
            last
            and last[-1].rsplit("/", 1)[0] == module
            and int(last[-1].rsplit("/", 1)[1]) + 1 == int(number)
        ):
            last.append(port)
        else:
            groups.append([port])
    return " ".join(
        f"ethe {group[0]}" if len(group) == 1 else f"ethe {group[0]} to {group[-1]}"
        for group in groups
    )


def show_running_config(host: HostState, site: SiteState) -> str:
    """A FastIron running-config: VLAN membership, AAA with secrets, port names."""
    secrets = site.secrets
    body = ["Current configuration:", "!", f"ver {host.version}", "!", "stack unit 1"]
    body += [f"  module 1 {host.model.lower()}-poe-port-management-module", "!", "global-stp", "!"]
    body += ["vlan 1 name DEFAULT-VLAN by port", " spanning-tree 802-1w", "!"]
    for vlan, name in site.vlans.items():
        body.append(f"vlan {vlan} name {name} by port")
        tagged = [p.port for p in host.ports if vlan in p.trunk_vlans.split(",")]
        untagged = [p.port for p in host.ports if p.vlan == vlan]
        if tagged:
            body.append(f" tagged {port_ranges(tagged)} ")
        if untagged:
            body.append(f" untagged {port_ranges(untagged)} ")
        body += [
            f" static-mac-address {mac} ethernet {p.port}"
            for p in host.ports
            for mac_vlan, mac, kind in p.macs
            if kind == "static" and mac_vlan == vlan
        ]
        body += [" spanning-tree 802-1w", "!"]
    auth_ports = [p.port for p in host.ports if p.auth]
    body += [
        "!",
        "aaa authentication dot1x default radius ",
        "aaa authentication login default tacacs+ local ",
        f"enable super-user-password 8 {secrets['enable_secret']}",
        f"hostname {host.hostname}",
        f"ip address {host.mgmt_ip} 255.255.255.0",
        f"ip default-gateway {host.mgmt_ip.rsplit('.', 1)[0]}.1",
        "!",
        f"username netops password 8 {secrets['user_secret']}",
        f"username breakglass password {secrets['user_password']}",
        "!",
        "radius-server host 10.200.1.10 auth-port 1812 acct-port 1813 default "
        f"key 2 {secrets['radius_key']} dot1x mac-auth",
        "tacacs-server host 10.200.1.20 ",
        f"tacacs-server key 2 {secrets['tacacs_key']}",
        f"snmp-server community {secrets['snmp_community']} ro",
        "!",
    ]
    if auth_ports:
        members = port_ranges(auth_ports)
        body += [
            "authentication",
            f" auth-default-vlan {next(iter(site.vlans))}",
            " dot1x enable",
            f" dot1x enable {members}",
            f" dot1x port-control auto {members}",
            " mac-authentication enable",
            f" mac-authentication enable {members}",
            "!",
        ]
    for port in host.ports:
        stanza = interface_stanza(port)
        if len(stanza) > 1:
            body += stanza
            body.append("!")
    body += ["end", ""]
    return "\n".join(body)


def interface_stanza(port: PortState) -> list[str]:
    """``interface ethernet …`` with its port-name and disable lines."""
    lines = [f"interface {port.long_name}"]
    if port.name:
        lines.append(f" port-name {port.name}")
    if port.status == "Disable":
        lines.append(" disable")
    return lines


def show_dot1x_sessions(host: HostState) -> str:
    """``show dot1x sessions all``."""
    lines = [
        "Port     MAC             IP(v4/v6)          User          VLAN   Auth     ACL    "
        "Session  Age      PAE",
        "                         Address            Name                 State    Type   "
        "Time              State",
        "-" * 114,
    ]
    for p in host.ports:
        if p.auth_mode == "dot1x":
            user = _USERS[int(p.auth_client_mac[-4:], 16) % len(_USERS)]
            lines.append(
                f"{p.port:<9}{p.auth_client_mac}  {'N/A':<19}{user:<14}{p.vlan:<7}"
                f"{p.auth_state:<9}{'none':<7}{_session_time(host, p):<9}{'Ena':<9}AUTHENTICATED"
            )
    return "\n".join(lines) + "\n\n"


def show_mac_auth_sessions(host: HostState) -> str:
    """``show mac-authentication sessions all``."""
    lines = [
        "Port     MAC Address     IP(v4/v6)          VLAN  Auth     ACL    Session  Age   Dot1x",
        "                         Address                  State           Time",
        "-" * 88,
    ]
    for p in host.ports:
        if p.auth_mode == "mab":
            lines.append(
                f"{p.port:<9}{p.auth_client_mac}  {'N/A':<19}{p.vlan:<6}{p.auth_state:<9}"
                f"{'none':<7}{_session_time(host, p):<9}{'Ena':<6}No"
            )
    return "\n".join(lines) + "\n\n"


def _session_time(host: HostState, port: PortState) -> int:
    return (int(port.auth_client_mac.replace(".", ""), 16) + host.captured_at) % 86400
