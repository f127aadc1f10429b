"""Every rendered block parses with ntc-templates' TextFSM templates and equals the model."""

from __future__ import annotations

import pytest
from generate_helpers import expand_members, read_corpus
from ntc_templates.parse import parse_output

from statetrace.generate.state import HostState, PortState
from statetrace.generate.timefmt import arista_uptime, cisco_uptime, fastiron_uptime


@pytest.fixture(params=["day0", "day1", "wide"])
def rendered(request: pytest.FixtureRequest):
    """The small corpus, its next day and a 60-port corpus: all must parse the same way."""
    return request.getfixturevalue(
        {"day0": "corpus", "day1": "next_day"}.get(request.param, "wide")
    )


def _macs(host: HostState) -> set[tuple[str, str, str, str]]:
    return {(vlan, mac, kind, p.port) for p in host.ports for vlan, mac, kind in p.macs}


def _hosts(manifest, vendor: str) -> list[tuple[HostState, dict[str, str]]]:
    state, blocks = read_corpus(manifest.out)
    chosen = [(host, blocks[host.hostname]) for host in state.hosts if host.vendor == vendor]
    assert chosen, f"no {vendor} host in the test corpus"
    return chosen


def test_cisco_blocks_parse_and_match_model(rendered) -> None:
    for host, blocks in _hosts(rendered, "cisco"):
        [version] = parse_output("cisco_ios", "show version", blocks["show version"])
        assert (version["hostname"], version["version"]) == (host.hostname, host.version)
        assert version["hardware"][0] == host.model and version["serial"][0] == host.serial
        assert version["uptime"] == cisco_uptime(host.uptime_seconds)

        rows = parse_output("cisco_ios", "show interfaces status", blocks["show interfaces status"])
        assert [_status_row(r) for r in rows] == [_expected_row(p, 18) for p in host.ports]

        table = parse_output(
            "cisco_ios", "show mac address-table", blocks["show mac address-table"]
        )
        learned = {
            (r["vlan_id"], r["destination_address"], r["type"].lower(), r["destination_port"][0])
            for r in table
            if r["destination_port"] != ["CPU"]
        }
        assert learned == _macs(host)

        if "show authentication sessions" in blocks:
            text = blocks["show authentication sessions"]
            sessions = parse_output("cisco_ios", "show authentication sessions", text)
            assert {
                (s["interface"], s["mac_address"], s["method"], s["status"]) for s in sessions
            } == {
                (p.port, p.auth_client_mac, p.auth_mode, p.auth_state)
                for p in host.ports
                if p.auth_mode
            }


def test_arista_blocks_parse_and_match_model(rendered) -> None:
    for host, blocks in _hosts(rendered, "arista"):
        [version] = parse_output("arista_eos", "show version", blocks["show version"])
        assert (version["model"], version["serial_number"]) == (host.model, host.serial)
        assert version["image"] == host.version
        assert version["uptime"] == arista_uptime(host.uptime_seconds)

        rows = parse_output(
            "arista_eos", "show interfaces status", blocks["show interfaces status"]
        )
        assert [_status_row(r) for r in rows] == [_expected_row(p, 22) for p in host.ports]

        table = parse_output(
            "arista_eos", "show mac address-table", blocks["show mac address-table"]
        )
        learned = {
            (r["vlan_id"], r["mac_address"], r["type"].lower(), r["destination_port"][0])
            for r in table
        }
        assert learned == _macs(host)


def test_fastiron_blocks_parse_and_match_model(rendered) -> None:
    for host, blocks in _hosts(rendered, "brocade"):
        [version] = parse_output("ruckus_fastiron", "show version", blocks["show version"])
        assert version["version"] == [host.version] and version["serial"] == [host.serial]
        assert version["hardware"] == f"Stackable {host.model}"
        assert version["uptime"] == [fastiron_uptime(host.uptime_seconds)]

        rows = parse_output(
            "ruckus_fastiron", "show interfaces brief", blocks["show interfaces brief"]
        )
        assert [
            (r["port"], r["link"], r["vlan_id"], r["duplex"], r["speed"], r["name"]) for r in rows
        ] == [
            (
                p.port,
                p.status,
                "N/A" if p.vlan == "trunk" else p.vlan,
                p.duplex,
                p.speed,
                (p.name[:10].split() or [""])[0],
            )
            for p in host.ports
        ]

        table = parse_output("ruckus_fastiron", "show mac-address", blocks["show mac-address"])
        learned = {(r["vlan_id"], r["mac_address"], r["type"].lower(), r["port"]) for r in table}
        assert learned == _macs(host)

        vlans = parse_output(
            "brocade_fastiron", "show running-config vlan", blocks["show running-config"]
        )
        untagged = {v["vlan_id"]: expand_members(v["untaggedports"]) for v in vlans if v["vlan_id"]}
        tagged = {v["vlan_id"]: expand_members(v["taggedports"]) for v in vlans if v["vlan_id"]}
        for p in host.ports:
            if p.vlan == "trunk":
                assert all(p.port in tagged[v] for v in p.trunk_vlans.split(","))
            else:
                assert p.port in untagged[p.vlan]
        assert sum(len(ports) for ports in untagged.values()) == sum(
            p.vlan != "trunk" for p in host.ports
        )


@pytest.mark.parametrize("vendor", ["cisco", "arista", "brocade"])
def test_running_config_matches_model_and_plants_secrets(rendered, vendor: str) -> None:
    state, _ = read_corpus(rendered.out)
    sites = {site.code: site for site in state.sites}
    for host, blocks in _hosts(rendered, vendor):
        config = blocks["show running-config"]
        assert f"hostname {host.hostname}\n" in config
        for secret in sites[host.site].secrets.values():
            assert secret in config and secret in state.planted_secrets
        stanzas = _stanzas(config)
        for p in host.ports:
            stanza = stanzas.get(p.long_name, [])
            keyword = "port-name" if vendor == "brocade" else "description"
            assert (f"{keyword} {p.name}" in stanza) == bool(p.name), (host.hostname, p.port)
            if vendor != "brocade" and p.vlan.isdigit():
                assert f"switchport access vlan {p.vlan}" in stanza
            if vendor != "brocade" and p.vlan == "trunk":
                assert "switchport mode trunk" in stanza
            if p.vlan == "routed":
                assert "no switchport" in stanza
            if vendor == "cisco" and p.auth:
                assert {"mab", "dot1x pae authenticator"} <= set(stanza)


def test_fastiron_auth_sessions_list_every_session(rendered) -> None:
    for host, blocks in _hosts(rendered, "brocade"):
        text = blocks.get("show dot1x sessions all", "") + blocks.get(
            "show mac-authentication sessions all", ""
        )
        rows = {tuple(line.split()[:2]) for line in text.splitlines() if line[:1].isdigit()}
        assert rows == {(p.port, p.auth_client_mac) for p in host.ports if p.auth_mode}


def test_corpus_has_the_promised_variety(corpus) -> None:
    state, blocks = read_corpus(corpus.out)
    ports = [(host, p) for host in state.hosts for p in host.ports]
    assert any(p.vlan == "trunk" and not p.uplink for _, p in ports)
    assert any(p.vlan == "routed" for host, p in ports if host.vendor == "cisco")
    assert {"err-disabled", "disabled"} <= {p.status for host, p in ports if host.vendor == "cisco"}
    assert {"Disable", "ERR-DIS"} <= {p.status for host, p in ports if host.vendor == "brocade"}
    assert any('"' in p.name for _, p in ports) and any(" " in p.name for _, p in ports)
    kinds = {kind for _, p in ports for _, _, kind in p.macs}
    assert kinds == {"dynamic", "static"}
    assert {p.auth_mode for _, p in ports} == {"", "dot1x", "mab"}
    assert all(next(iter(b)) in ("terminal length 0", "skip-page-display") for b in blocks.values())


def _status_row(row: dict[str, str]) -> tuple[str, ...]:
    return (
        row["port"],
        row["name"],
        row["status"],
        row["vlan_id"],
        row["duplex"],
        row["speed"],
        row["type"],
    )


def _expected_row(port: PortState, width: int) -> tuple[str, ...]:
    name = port.name[:width].rstrip()
    return (port.port, name, port.status, port.vlan, port.duplex, port.speed, port.type)


def _stanzas(config: str) -> dict[str, list[str]]:
    """Interface name → its stanza's lines, stripped."""
    stanzas: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in config.splitlines():
        if line.startswith("interface "):
            current = stanzas.setdefault(line[len("interface ") :], [])
        elif line.startswith((" ", "\t")) and current is not None:
            current.append(line.strip())
        else:
            current = None
    return stanzas
