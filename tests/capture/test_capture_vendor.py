from pathlib import Path

import pytest

from statetrace.capture import Block, carve_blocks, decode_capture, detect_vendor
from statetrace.commands import VERSION

NTC_PLATFORMS = {
    "cisco_ios": "cisco_ios",
    "arista_eos": "arista_eos",
    "brocade_fastiron": "ruckus_fastiron",
    "ruckus_fastiron": "ruckus_fastiron",
    "cisco_nxos": "cisco_nxos",
    "juniper_junos": "juniper_junos",
}


def _guess_from_version(raw: bytes):
    text = decode_capture(raw).text
    return detect_vendor(text, {VERSION: Block(VERSION, text, 1)})


def _ntc_samples(shared_dir: Path) -> list[tuple[Path, str]]:
    root = shared_dir / "data/ntc-templates"
    return [
        (raw, NTC_PLATFORMS[directory])
        for directory in NTC_PLATFORMS
        for raw in sorted((root / directory / "show_version").glob("*.raw"))
    ]


def test_ntc_templates_show_version_samples(shared_dir):
    samples = _ntc_samples(shared_dir)
    assert len(samples) >= 10
    for raw, platform in samples:
        guess = _guess_from_version(raw.read_bytes())
        assert guess.platform == platform, (raw.name, guess)


@pytest.mark.parametrize("vendor", ["PaloAlto"])
def test_other_vendors_are_not_mistaken_for_ours(shared_dir, vendor):
    folder = shared_dir / "data/statetrace-upstream/Tests/Fixtures/Vendors" / vendor
    files = sorted(folder.glob("*.txt"))
    assert files
    for path in files:
        text = decode_capture(path.read_bytes()).text
        guess = detect_vendor(text, carve_blocks(text))
        assert guess.platform is None, (path.name, guess)
        assert guess.reason


@pytest.mark.parametrize(
    ("vendor", "platform"), [("Aruba", "aruba_aoscx"), ("Juniper", "juniper_junos")]
)
def test_upstream_aoscx_and_junos_fixtures_are_detected(shared_dir, vendor, platform):
    folder = shared_dir / "data/statetrace-upstream/Tests/Fixtures/Vendors" / vendor
    text = decode_capture((folder / "show_version.txt").read_bytes()).text
    guess = detect_vendor(text, carve_blocks(text))
    assert guess.platform == platform, guess


def test_self_made_samples_by_prompt_banner_and_config():
    fastiron = "SSH@core-01#show interfaces brief\nPort Link State\n"
    assert detect_vendor(fastiron, carve_blocks(fastiron)).platform is None  # 40 < 50
    fastiron += "SSH@core-01#show version\n  HW: Stackable ICX7450-48P\n"
    guess = detect_vendor(fastiron, carve_blocks(fastiron))
    assert guess.platform == "ruckus_fastiron"
    assert "SSH@ prompt" in guess.reason

    arista = "leaf1#show running-config\n! device: leaf1 (DCS-7050TX-64, EOS-4.27.6M)\n"
    guess = detect_vendor(arista, carve_blocks(arista))
    assert (guess.platform, guess.scores["arista_eos"]) == ("arista_eos", 70)
    assert "! device" in guess.reason

    banner_only = "Cisco IOS Software, C2960 Software\nSW1>en\n"
    assert detect_vendor(banner_only, carve_blocks(banner_only)).platform == "cisco_ios"


def test_unknown_vendor_names_what_was_seen():
    text = "core#show version\nAcme SwitchOS 2.1 Catalyst-compatible\n"
    guess = detect_vendor(text, carve_blocks(text))
    assert guess.platform is None
    assert "Catalyst" in guess.reason
    assert guess.scores["cisco_ios"] == 10


def test_ambiguous_and_foreign_markers_give_no_platform():
    mixed = "sw#show version\nArista and Cisco IOS side by side\n"
    guess = detect_vendor(mixed, carve_blocks(mixed))
    assert guess.platform is None
    assert "ambiguous" in guess.reason
    fortigate = "fw#show version\nFortiOS v7.2.4 build1396\nCisco IOS compatible CLI\n"
    guess = detect_vendor(fortigate, carve_blocks(fortigate))
    assert guess.platform is None
    assert "FortiOS" in guess.reason


def test_nexus_is_not_taken_for_ios():
    nexus = "n9k#show version\nCisco Nexus Operating System (NX-OS) Software\nCisco IOS\n"
    guess = detect_vendor(nexus, carve_blocks(nexus))
    assert guess.platform == "cisco_nxos", guess
