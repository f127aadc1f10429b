"""MAC addresses: recognising them in rows, in the notations switches print.

Cisco, Arista and FastIron print dotted MACs (``40c2.ba80.cb96``); AOS-CX and Junos
print colon-separated ones (``88:3a:30:97:d0:80``).  Values are kept as printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: The pattern of each notation, by the length of its token; ``fullmatch`` of a compiled
#: pattern is twice as fast as testing the characters in Python, and one notation per
#: pattern (picked by length) is faster than their alternation.
MAC_BY_LENGTH = {
    14: re.compile(r"[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}").fullmatch,
    17: re.compile(":".join(["[0-9A-Fa-f][0-9A-Fa-f]"] * 6)).fullmatch,  # unrolled: faster
}


def is_mac(token: str) -> bool:
    """True for a dotted (``40c2.ba80.cb96``) or colon (``88:3a:30:97:d0:80``) MAC."""
    match = MAC_BY_LENGTH.get(len(token))
    return match is not None and match(token) is not None


def first_mac(tokens: Sequence[str]) -> int:
    """Index of the first MAC among ``tokens``, or ``-1``."""
    by_length = MAC_BY_LENGTH
    for index, token in enumerate(tokens):
        match = by_length.get(len(token))
        if match is not None and match(token) is not None:
            return index
    return -1


#: Any number of MACs, each followed by ``\n`` (:func:`all_macs`).
_ALL_MACS = re.compile(
    r"(?:(?:[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}|"
    r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})\n)*"
).fullmatch


def all_macs(tokens: list[str]) -> bool:
    """True when every one of ``tokens`` is a MAC: one regex call for all of them, for
    parsers that first take a row's MAC by its length and check them all at the end."""
    return not tokens or _ALL_MACS("\n".join(tokens) + "\n") is not None
