"""MAC addresses: recognising them in rows (the dotted notation of Cisco, Arista and FastIron)."""

from __future__ import annotations

from collections.abc import Sequence

_HEX = frozenset("0123456789abcdefABCDEF")


def is_mac(token: str) -> bool:
    """True for a dotted MAC such as ``40c2.ba80.cb96`` (the notation of all three vendors)."""
    return (
        len(token) == 14
        and token[4] == "."
        and token[9] == "."
        and _HEX.issuperset(token[:4] + token[5:9] + token[10:])
    )


def first_mac(tokens: Sequence[str]) -> int:
    """Index of the first MAC among ``tokens``, or ``-1``."""
    for index, token in enumerate(tokens):
        if len(token) == 14 and is_mac(token):
            return index
    return -1
