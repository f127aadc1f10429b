from statetrace.ports import canonical_port, port_sort_key


def test_short_and_long_names_share_one_key():
    assert canonical_port("Gi1/0/9") == canonical_port("GigabitEthernet1/0/9")
    assert canonical_port("Te1/1/1") == "TenGigabitEthernet1/1/1"
    assert canonical_port("Po10") == canonical_port("Port-channel10")
    assert canonical_port("Et1") == canonical_port("Ethernet1")


def test_two_gig_and_twenty_five_gig_are_distinct():
    assert canonical_port("Tw1/0/1") == "TwoGigabitEthernet1/0/1"
    assert canonical_port("Twe1/0/1") == "TwentyFiveGigE1/0/1"


def test_fastiron_bare_and_ethe_ports():
    assert canonical_port("1/1/3") == "Ethernet1/1/3"
    assert canonical_port("ethe 1/1/3") == "Ethernet1/1/3"


def test_unknown_names_are_kept():
    assert canonical_port("CPU") == "CPU"
    assert canonical_port("mgmt0") == "mgmt0"


def test_natural_sort():
    ports = ["Gi1/0/10", "Gi1/0/9", "Te1/1/1", "Gi1/0/1", "Gi2/0/1"]
    assert sorted(ports, key=port_sort_key) == [
        "Gi1/0/1",
        "Gi1/0/9",
        "Gi1/0/10",
        "Gi2/0/1",
        "Te1/1/1",
    ]
