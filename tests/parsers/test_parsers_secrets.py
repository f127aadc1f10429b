"""Secret scrubbing: realistic secret-bearing lines per vendor never survive."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from statetrace.parsers import build_facts, scrub_secrets

SECRET_LINES = {
    "cisco_ios": [
        "enable secret 9 $9$2MJBozw/9R3UsU$bJ5sBkcj0sHb0XKpFxw4sR2KK1p0wJYNn6eVx6p4bA2",
        "enable password 7 0822455D0A16",
        "username admin privilege 15 secret 9 $9$Zk1YGQd0dM1nS.$yR2bTvM4H9ovSDPE5bW3A7jx",
        "username backup password 7 094F471A1A0A",
        "snmp-server community Publ1cR0 RO",
        "snmp-server community Pr1vateRW RW 10",
        "snmp-server user monitor NMS v3 auth sha AuthPass123 priv aes 128 PrivPass123",
        "snmp-server host 10.20.30.50 version 2c Publ1cR0",
        "tacacs-server key 7 13061E010803",
        "tacacs-server host 10.20.30.41 key 7 045802150C2E",
        "radius-server key 7 0822455D0A1643",
        " key 7 0822455D0A1643",
        "  key-string 7 110A1016141D",
        " ip ospf authentication-key 7 0822455D0A16",
        " ip ospf message-digest-key 1 md5 7 070C285F4D06",
        "ntp authentication-key 1 md5 1511021F07257A767B 7",
        " standby 1 authentication Sup3rS3cret",
        "crypto isakmp key MyPreSharedKey address 0.0.0.0",
        " pre-shared-key local 0 MyPSK",
        " password 7 121A0C041104",
        " neighbor 10.0.0.1 password 7 02050D480809",
        " wpa-psk ascii 0 WirelessPass",
    ],
    "arista_eos": [
        "enable password sha512 $6$UjPaUMqm0m1Ex4QG$4Gz5kS3ZAbnN0dJ0a7s9qgY8A/B2ZxkqWw1",
        "enable secret sha512 $6$abc$def",
        "username admin privilege 15 role network-admin secret sha512 $6$Pq1nHX3d$3mJ9L5K0e8xR1",
        "username ops secret 0 plaintextpassword",
        "snmp-server community n0tpubl1c ro",
        "radius-server host 10.0.0.5 key 7 0207165218120E",
        "tacacs-server key 7 070C285F4D06",
        "   neighbor 10.255.0.0 password 7 Q4fqtbqcZ7oQuKfuWtNGRQ==",
        "   ip ospf authentication-key 7 Zm9vYmFy",
    ],
    "ruckus_fastiron": [
        "enable super-user-password 8 $1$eqT..TB2$Dd2xR.NzJUP4oBRG8MJ.B0",
        "enable read-only-password 8 $1$Zb2..OA1$Ew3yS.OaKVQ5pCSH9NK.C1",
        "enable port-config-password 8 $1$Ab1..CD2$Ef3gH.IjKLM4nOPQ5RS.T6",
        "username admin password 8 $1$OU1..yU1$lQ3Zgu0.N9MjHJ0xlYTxs/",
        "snmp-server community 2 $U2kyXj1k ro",
        "snmp-server community 2 $Q2sxWk9v rw",
        "radius-server host 10.20.30.40 auth-port 1812 default key 2 $UGlkT2ZLfQ== dot1x",
        "radius-server key 2 $UGlkT2ZLfQ==",
        "tacacs-server key 2 $MlVzZCFAbg==",
    ],
    "cisco_nxos": [
        "username admin password 5 $5$KLMNOP$xyz  role network-admin",
        "snmp-server user admin network-admin auth md5 0x1234abcd priv 0x1234abcd localizedkey",
        'tacacs-server host 10.1.1.5 key 7 "fewhg123"',
        'radius-server host 10.1.1.6 key 7 "fewhg456" authentication accounting',
        "  ip ospf authentication-key 3 8a6e51f2a3b4c5d6",
    ],
    "aruba_aoscx": [
        "user admin group administrators password ciphertext AQBapRgTexFp4K6kSvHT6uClw9wzZ2",
        "radius-server host 10.0.0.5 key ciphertext AQBapewwuBIBiMRbPMgoqImQlCzF7Byv",
        "tacacs-server host 10.0.0.6 key ciphertext AQBapSrq2mx",
        "snmp-server community n0tpubl1c",
        "    wpa-passphrase ciphertext AQBapQ9x",
    ],
    "juniper_junos": [
        'set system root-authentication encrypted-password "$6$abcdefgh$ijklmnop"',
        '        encrypted-password "$6$abcdefgh$ijklmnop"; ## SECRET-DATA',
        'set system radius-server 10.0.0.5 secret "$9$Hk5FCA0hcl"',
        '            secret "$9$Hk5FCA0hcl"; ## SECRET-DATA',
        "set snmp community n0tpubl1c authorization read-only",
        'set protocols ospf area 0 interface ge-0/0/1.0 authentication md5 1 key "$9$abc"',
        '    pre-shared-key ascii-text "$9$xyz"; ## SECRET-DATA',
        '        ascii-text "$9$4ZDik.mT6A0"; ## SECRET-DATA',  # only the marker says so
    ],
}

KEPT_LINES = [
    "hostname SW1",
    " description Password reset kiosk",
    " port-name key cabinet",
    "service password-encryption",
    " authentication port-control auto",
    " dot1x pae authenticator",
    " switchport access vlan 10",
]

ALL_SECRETS = [(vendor, line) for vendor, lines in SECRET_LINES.items() for line in lines]


@pytest.mark.parametrize(("vendor", "line"), ALL_SECRETS)
def test_secret_line_is_dropped(vendor: str, line: str) -> None:
    assert scrub_secrets(f"hostname SW1\n{line}\nend\n") == "hostname SW1\nend\n", vendor


@pytest.mark.parametrize("line", KEPT_LINES)
def test_ordinary_line_is_kept(line: str) -> None:
    assert scrub_secrets(line + "\r\n") == line + "\r\n"


def test_certificate_chain_and_pem_blocks_are_dropped_whole() -> None:
    config = (
        "crypto pki certificate chain TP-self-signed-1\n"
        " certificate self-signed 01\n"
        "  30820330 30820218 A0030201\n"
        "  \tquit\n"
        "!\n"
        "-----BEGIN RSA PRIVATE KEY-----\n"
        "MIIEowIBAAKCAQEA\n"
        "-----END RSA PRIVATE KEY-----\n"
        "hostname SW1\n"
    )
    assert scrub_secrets(config) == "!\nhostname SW1\n"


@pytest.mark.parametrize("platform", ["cisco_ios", "arista_eos", "ruckus_fastiron"])
def test_no_secret_survives_build_facts(
    platform: str, fixture_blocks: Callable[[str], dict[str, str]]
) -> None:
    blocks = fixture_blocks(platform)
    facts = build_facts(platform, blocks, "hint")
    stored = repr(facts)
    for marker in (
        "$9$",
        "$6$",
        "$1$",
        "7 0",
        "Publ1c",
        "Pr1vate",
        "n0tpubl1c",
        "Sup3rS3cret",
        "$U2k",
    ):
        assert marker not in stored, marker
    assert any(record.config for record in facts.interfaces)
