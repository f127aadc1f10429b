"""Aruba AOS-CX: a host's facts from real ntc-templates outputs and our config case."""

from __future__ import annotations

from pathlib import Path

from statetrace.parsers import build_facts, parse_output, scrub_secrets

CASES = Path(__file__).resolve().parent / "cases" / "aruba_aoscx"
CONFIG = CASES / "show_running-config" / "access_trunk_port_access.raw"


def _ntc(shared_dir: Path, folder: str, name: str) -> str:
    return (shared_dir / "data/ntc-templates/aruba_aoscx" / folder / name).read_text()


def test_facts_from_real_outputs(shared_dir: Path) -> None:
    clients = "show_aaa_authentication_port-access_interface_all_client-status"
    blocks = {
        "show version": (CASES / "show_version" / "hpe_guide_example.raw").read_text(),
        "show interface": _ntc(shared_dir, "show_interface", "show_interface2.raw"),
        "show mac-address-table": _ntc(
            shared_dir, "show_mac-address-table", "show_mac-address-table.raw"
        ),
        "show running-config": CONFIG.read_text(),
        "show port-access clients": _ntc(shared_dir, clients, f"{clients}.raw"),
    }
    facts = build_facts("aruba_aoscx", blocks, "sw-6300-01")
    assert (facts.hostname, facts.version) == ("sw-6300-01", "XL.10.00.0002")
    ports = {record.port: record for record in facts.interfaces}
    assert list(ports) == ["1/1/1", "1/1/51", "1/1/52", "vlan1", "vlan3072", "lag1"]
    desk = ports["1/1/1"]
    assert (desk.name, desk.status, desk.vlan, desk.duplex, desk.speed) == (
        "Desk 1.01",  # the config description wins over the output's PORT-ACCESS
        "up",
        "3077",
        "Full",
        "1000 Mb/s",
    )
    assert (desk.auth_mode, desk.auth_state) == ("mab", "authorized")  # client on 1/1/1
    assert desk.auth_client_mac == "20:a6:cd:cf:6d:16"
    assert ports["lag1"].vlan == "trunk"  # native-untagged
    assert ports["1/1/51"].type == "10G-SR / 8500-176a"  # a value with spaces, kept whole
    assert "ciphertext" not in scrub_secrets(CONFIG.read_text())


def test_interface_brief_without_description_column() -> None:
    text = (
        "Port      Native  Mode    Type            Enabled Status  Reason                 Speed\n"
        "          VLAN                                                                   (Mb/s)\n"
        "1/1/2     1       access  1GbT            no      down    Administratively down  --\n"
        "lag1      1       trunk   --              yes     up      --                     2000\n"
    )
    rows = parse_output("aruba_aoscx", "show interface brief", text)
    assert [(r["port"], r["reason"], r["speed"], r["description"]) for r in rows] == [
        ("1/1/2", "Administratively down", "--", ""),
        ("lag1", "--", "2000", ""),
    ]


def test_brief_is_the_interface_table_when_show_interface_is_missing() -> None:
    brief = (CASES / "show_interface_brief" / "cx_lab_layout.raw").read_text()
    facts = build_facts("aruba_aoscx", {"show interface brief": brief}, "cx1")
    by_port = {record.port: record for record in facts.interfaces}
    assert list(by_port) == ["1/1/1", "1/1/2", "1/1/3", "1/1/4", "1/1/11", "lag1"]
    assert (by_port["1/1/3"].vlan, by_port["1/1/3"].name, by_port["1/1/3"].speed) == (
        "20",
        "desk 2-14",
        "1000",
    )
    assert (by_port["lag1"].vlan, by_port["1/1/1"].name, by_port["1/1/1"].type) == ("trunk", "", "")
