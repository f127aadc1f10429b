"""Juniper Junos (EX): facts from real ntc-templates outputs and our cases, through a
capture with Junos prompts (``user@host>``)."""

from __future__ import annotations

from pathlib import Path

from statetrace.capture import carve_blocks, detect_vendor
from statetrace.parsers import build_facts, parse_output

CASES = Path(__file__).resolve().parent / "cases" / "juniper_junos"
CONFIG = CASES / "show_configuration_interfaces"


def _ntc(shared_dir: Path, folder: str, name: str) -> str:
    return (shared_dir / "data/ntc-templates/juniper_junos" / folder / name).read_text()


def test_capture_with_junos_prompts_gives_the_facts(shared_dir: Path) -> None:
    outputs = [
        ("show version", _ntc(shared_dir, "show_version", "juniper_junos_show_version_ex.raw")),
        (
            "show interfaces",
            _ntc(shared_dir, "show_interfaces", "juniper_junos_show_interfaces.raw"),
        ),
        ("show configuration interfaces | display set", (CONFIG / "display_set.raw").read_text()),
        ("show dot1x interface brief", (CASES / "show_dot1x_interface" / "brief.raw").read_text()),
    ]
    text = "".join(f"admin@lab> {command}\n{output}\n{{master:0}}\n" for command, output in outputs)
    blocks = carve_blocks(text + "admin@lab> exit\n")
    guess = detect_vendor(text, blocks)
    assert guess.platform == "juniper_junos", guess
    facts = build_facts("juniper_junos", {c: b.text for c, b in blocks.items()}, "hint")
    assert (facts.hostname, facts.model, facts.version) == ("lab", "ex4550-32f", "13.2X51-D35.3")
    ports = {record.port: record for record in facts.interfaces}
    desk = ports["ge-0/0/0"]
    assert (desk.name, desk.status, desk.vlan, desk.speed) == (
        "Desk 2.14, west wing",
        "Up",
        "DATA",
        "1000mbps",
    )
    assert (desk.auth_mode, desk.auth_state, desk.auth_client_mac) == (
        "dot1x",
        "authorized",
        "00:00:5E:00:53:01",
    )
    assert desk.config.startswith('set interfaces ge-0/0/0 description "Desk 2.14')
    assert "ge-0/0/0.2036" not in ports  # logical units are not ports


def test_both_configuration_forms_parse_alike() -> None:
    hierarchy = parse_output(
        "juniper_junos", "show configuration interfaces", (CONFIG / "hierarchy_els.raw").read_text()
    )
    flat = parse_output(
        "juniper_junos", "show configuration interfaces", (CONFIG / "display_set.raw").read_text()
    )
    assert [{k: v for k, v in row.items() if k != "auth"} for row in flat] == [
        {k: v for k, v in row.items() if k != "auth"} for row in hierarchy
    ]


def test_switching_table_ports_are_physical(shared_dir: Path) -> None:
    text = _ntc(
        shared_dir,
        "show_ethernet-switching_table",
        "juniper_junos_show_ethernet-switching_table.raw",
    )
    rows = parse_output("juniper_junos", "show ethernet-switching table", text)
    assert [(row["port"], row["interface"]) for row in rows][:2] == [
        ("ae3", "ae3.0"),
        ("xe-0/0/51:0", "xe-0/0/51:0.0"),
    ]


def test_a_lone_semicolon_is_no_statement() -> None:
    """Found by the fuzz test: a statement of no words raised IndexError."""
    assert parse_output("juniper_junos", "show running-config", ";\n}\n;") == []


def test_terse_is_the_interface_table_when_show_interfaces_is_missing() -> None:
    terse = (CASES / "show_interfaces_terse" / "ex_access_layout.raw").read_text()
    config = (
        'set interfaces ge-0/0/0 description "desk 1"\n'
        "set interfaces ge-0/0/0 unit 0 family ethernet-switching vlan members DATA\n"
        "set interfaces ge-0/0/1 unit 0 family ethernet-switching interface-mode trunk\n"
    )
    facts = build_facts(
        "juniper_junos", {"show interfaces terse": terse, "show configuration": config}, "ex1"
    )
    by_port = {record.port: record for record in facts.interfaces}
    assert "ge-0/0/0.0" not in by_port and "irb" in by_port
    assert (by_port["ge-0/0/0"].name, by_port["ge-0/0/0"].vlan) == ("desk 1", "DATA")
    assert (by_port["ge-0/0/1"].status, by_port["ge-0/0/1"].vlan) == ("down", "trunk")
    assert not any("show interfaces" in warning for warning in facts.warnings)
