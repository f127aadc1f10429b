import pytest

from statetrace.commands import canonical_command


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("sh int status", "show interfaces status"),
        ("show int status", "show interfaces status"),
        ("do show interface status", "show interfaces status"),
        ("sh run", "show running-config"),
        ("show config", "show running-config"),
        ("sh mac add", "show mac address-table"),
        ("show mac-address-table", "show mac address-table"),
        ("show mac-address", "show mac address-table"),
        ("SH VER", "show version"),
        ("show running-config | section interface", "show running-config"),
        ("show interfaces brief", "show interfaces brief"),
        ("show dot1x sessions all", "show dot1x sessions all"),
        ("show interface", "show interfaces"),
        ("sh run int", "show running-config"),
        ("show ethernet-switching table", "show mac address-table"),
        ("show configuration interfaces | display set", "show running-config"),
        (
            "show aaa authentication port-access interface all client-status",
            "show port-access clients",
        ),
    ],
)
def test_abbreviations(typed, canonical):
    assert canonical_command(typed) == canonical


@pytest.mark.parametrize(
    "typed", ["show interfaces counters", "terminal length 0", "", "show clock"]
)
def test_other_commands_are_not_ours(typed):
    assert canonical_command(typed) is None
