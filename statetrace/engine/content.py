"""The content hash of a host: every show block it was parsed from, volatile parts masked.

Captured output changes every day without any change to the inventory (uptime,
config comments, MAC ages, session timers: :mod:`statetrace.engine.volatile`).
The content hash covers every block after masking, ``show version`` included (its
model, image and serial are device facts), so equal hash and parser version mean
no stored fact can have changed and nothing needs parsing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from statetrace.engine.volatile import masked


def content_hash(platform: str, blocks: Mapping[str, str]) -> str:
    """Hash of the host's show blocks (canonical command → text) with volatile parts masked."""
    digest = hashlib.blake2b(digest_size=16)
    for name, text in sorted(blocks.items()):
        data = masked(platform, name, text).encode("utf-8", "surrogatepass")
        digest.update(b"%s\0%d\0" % (name.encode(), len(data)))
        digest.update(data)
    return digest.hexdigest()
