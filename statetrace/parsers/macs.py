"""MAC addresses: recognising them in rows, in the notations switches print.

Cisco, Arista and FastIron print dotted MACs (``40c2.ba80.cb96``); AOS-CX and Junos
print colon-separated ones (``88:3a:30:97:d0:80``).  Values are kept as printed.
"""

from __future__ import annotations

from collections.abc import Sequence

_HEX = frozenset("0123456789abcdefABCDEF")

#: Lengths of a MAC token in the two notations.
_LENGTHS = (14, 17)


def is_mac(token: str) -> bool:
    """True for a dotted (``40c2.ba80.cb96``) or colon (``88:3a:30:97:d0:80``) MAC."""
    if len(token) == 14:
        return (
            token[4] == "."
            and token[9] == "."
            and _HEX.issuperset(token[:4] + token[5:9] + token[10:])
        )
    return (
        len(token) == 17 and token[2::3] == ":::::" and _HEX.issuperset(token[0::3] + token[1::3])
    )


def first_mac(tokens: Sequence[str]) -> int:
    """Index of the first MAC among ``tokens``, or ``-1``."""
    for index, token in enumerate(tokens):
        if len(token) in _LENGTHS and is_mac(token):
            return index
    return -1
