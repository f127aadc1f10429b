"""MAC addresses: recognising them in rows, in the notations switches print.

Cisco, Arista and FastIron print dotted MACs (``40c2.ba80.cb96``); AOS-CX and Junos
print colon-separated ones (``88:3a:30:97:d0:80``).  Values are kept as printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Lengths of a MAC token in the two notations.
_LENGTHS = (14, 17)

#: The two notations; ``fullmatch`` of a compiled pattern is twice as fast as testing
#: the characters in Python.
_MAC = re.compile(
    r"[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}|[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}"
).fullmatch


def is_mac(token: str) -> bool:
    """True for a dotted (``40c2.ba80.cb96``) or colon (``88:3a:30:97:d0:80``) MAC."""
    return len(token) in _LENGTHS and _MAC(token) is not None


def first_mac(tokens: Sequence[str]) -> int:
    """Index of the first MAC among ``tokens``, or ``-1``."""
    for index, token in enumerate(tokens):
        if len(token) in _LENGTHS and _MAC(token) is not None:
            return index
    return -1
