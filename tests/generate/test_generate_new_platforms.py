"""Rendered NX-OS, AOS-CX and Junos blocks parse with ntc-templates' TextFSM templates
as the model says."""

from __future__ import annotations

from generate_helpers import read_corpus
from ntc_templates.parse import parse_output

from statetrace.generate.aoscx import colon_mac
from statetrace.generate.nxos import kernel_uptime


def test_nxos_blocks_parse_with_ntc_templates_and_match_model(mixed) -> None:
    state, blocks = read_corpus(mixed.out)
    hosts = [host for host in state.hosts if host.vendor == "nxos"]
    assert hosts, "no NX-OS host in the mixed corpus"
    for host in hosts:
        output = blocks[host.hostname]
        [version] = parse_output("cisco_nxos", "show version", output["show version"])
        assert (version["hostname"], version["os"], version["serial"]) == (
            host.hostname,
            host.version,
            host.serial,
        )
        assert version["platform"] == host.model
        assert version["uptime"] == kernel_uptime(host.uptime_seconds)
        status = parse_output(
            "cisco_nxos", "show interface status", output["show interface status"]
        )
        assert [
            (r["port"], r["status"], r["vlan_id"], r["duplex"], r["speed"]) for r in status
        ] == [(p.port, p.status, p.vlan, p.duplex, p.speed) for p in host.ports]
        assert [r["name"] for r in status] == [p.name[:18].rstrip() or "--" for p in host.ports]
        macs = parse_output(
            "cisco_nxos", "show mac address-table", output["show mac address-table"]
        )
        assert {(r["vlan_id"], r["mac_address"], r["type"], r["ports"]) for r in macs} == {
            (vlan, mac, kind, p.port) for p in host.ports for vlan, mac, kind in p.macs
        }


def test_aoscx_blocks_parse_with_ntc_templates_and_match_model(mixed) -> None:
    state, blocks = read_corpus(mixed.out)
    hosts = [host for host in state.hosts if host.vendor == "aoscx"]
    assert hosts, "no AOS-CX host in the mixed corpus"
    for host in hosts:
        output = blocks[host.hostname]
        interfaces = parse_output("aruba_aoscx", "show interface", output["show interface"])
        assert [
            (r["interface"], r["link_status"], r["duplex"], r["speed"], r["if_type"])
            for r in interfaces
        ] == [(p.port, p.status, p.duplex, p.speed, p.type) for p in host.ports]
        assert [r["vlan_access"] or "trunk" for r in interfaces] == [p.vlan for p in host.ports]
        macs = parse_output(
            "aruba_aoscx", "show mac-address-table", output["show mac-address-table"]
        )
        assert {(r["vlan_id"], r["mac_address"], r["type"], r["port"]) for r in macs} == {
            (vlan, colon_mac(mac), kind, p.port) for p in host.ports for vlan, mac, kind in p.macs
        }


def test_junos_blocks_parse_with_ntc_templates_and_match_model(mixed) -> None:
    state, blocks = read_corpus(mixed.out)
    hosts = [host for host in state.hosts if host.vendor == "junos"]
    assert hosts, "no Junos host in the mixed corpus"
    for host in hosts:
        output = blocks[host.hostname]
        [version] = parse_output("juniper_junos", "show version", output["show version"])
        assert (version["hostname"], version["model"], version["junos_version"]) == (
            host.hostname,
            host.model,
            host.version,
        )
        # ntc's template reads a one-word admin state; Junos prints "Administratively down"
        text = output["show interfaces"].replace("Administratively down", "Disabled")
        records = parse_output("juniper_junos", "show interfaces", text)
        physical = [r for r in records if r["admin_state"]]
        assert [(r["interface"], r["link_status"], r["description"]) for r in physical] == [
            (p.port, p.status, p.name) for p in host.ports
        ]
        macs = parse_output(
            "juniper_junos",
            "show ethernet-switching table",
            output["show ethernet-switching table"],
        )
        assert {(r["vlan_id"], r["mac_address"], r["logical_interface"]) for r in macs} == {
            (vlan, colon_mac(mac), f"{p.port}.0") for p in host.ports for vlan, mac, _ in p.macs
        }


def test_default_vendors_do_not_include_the_new_platforms(corpus) -> None:
    state, _ = read_corpus(corpus.out)
    assert {host.vendor for host in state.hosts} == {"cisco", "arista", "brocade"}
