"""Port names: one canonical key per physical port, sorting naturally.

``Gi1/0/9`` and ``GigabitEthernet1/0/9`` are the same port; ``Gi1/0/9`` sorts
before ``Gi1/0/10``.  The key is the long interface name without spaces, so it is
also readable.
"""

from __future__ import annotations

import functools
import re

#: Long interface-type names, keyed by every prefix operators and devices use.
_LONG_NAMES: tuple[tuple[str, str], ...] = (
    ("hundredgigabitethernet", "HundredGigabitEthernet"),
    ("hundredgige", "HundredGigabitEthernet"),
    ("fortygigabitethernet", "FortyGigabitEthernet"),
    ("fortygige", "FortyGigabitEthernet"),
    ("twentyfivegigabitethernet", "TwentyFiveGigE"),
    ("twentyfivegige", "TwentyFiveGigE"),
    ("twogigabitethernet", "TwoGigabitEthernet"),
    ("fivegigabitethernet", "FiveGigabitEthernet"),
    ("tengigabitethernet", "TenGigabitEthernet"),
    ("appgigabitethernet", "AppGigabitEthernet"),
    ("gigabitethernet", "GigabitEthernet"),
    ("fastethernet", "FastEthernet"),
    ("ethernet", "Ethernet"),
    ("port-channel", "Port-channel"),
    ("management", "Management"),
    ("loopback", "Loopback"),
    ("tunnel", "Tunnel"),
    ("vlan", "Vlan"),
    ("hu", "HundredGigabitEthernet"),
    ("fo", "FortyGigabitEthernet"),
    ("twe", "TwentyFiveGigE"),
    ("tw", "TwoGigabitEthernet"),
    ("fi", "FiveGigabitEthernet"),
    ("te", "TenGigabitEthernet"),
    ("ap", "AppGigabitEthernet"),
    ("gi", "GigabitEthernet"),
    ("fa", "FastEthernet"),
    ("eth", "Ethernet"),
    ("et", "Ethernet"),
    ("po", "Port-channel"),
    ("ma", "Management"),
    ("lo", "Loopback"),
    ("tu", "Tunnel"),
    ("vl", "Vlan"),
)

_EXACT = dict(_LONG_NAMES)
_LONG_ORDER = tuple(dict.fromkeys(long for _, long in _LONG_NAMES))
_SPLIT = re.compile(r"^([A-Za-z][A-Za-z-]*?)\s*(\d.*)?$")
_NUMBERS = re.compile(r"(\d+)")


@functools.lru_cache(maxsize=8192)
def canonical_port(port: str) -> str:
    """Return the canonical name of ``port`` (long type name, no spaces).

    Bare FastIron ports (``1/1/3``) become ``Ethernet1/1/3``.  Unknown type names
    are kept as written.

    >>> canonical_port("Gi1/0/9")
    'GigabitEthernet1/0/9'
    >>> canonical_port("ethe 1/1/3")
    'Ethernet1/1/3'
    """
    text = "".join(port.split())
    if text[:1].isdigit():
        return "Ethernet" + text
    match = _SPLIT.match(text)
    if not match:
        return text
    prefix, number = match.group(1).lower(), match.group(2) or ""
    long = _EXACT.get(prefix)
    if long is None and len(prefix) >= 2:
        long = next((name for name in _LONG_ORDER if name.lower().startswith(prefix)), None)
    return (long or match.group(1)) + number


def port_sort_key(port: str) -> tuple[str, tuple[int, ...], str]:
    """Natural sort key: type name, then each number in the port as an integer."""
    canonical = canonical_port(port)
    type_name = _NUMBERS.split(canonical, maxsplit=1)[0]
    numbers = tuple(int(n) for n in _NUMBERS.findall(canonical[len(type_name) :]))
    return (type_name.lower(), numbers, canonical)
