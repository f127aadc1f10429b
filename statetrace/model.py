"""The inventory model: what a parser produces for one device and one interface."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import orjson
from xxhash import xxh3_128_hexdigest

from statetrace.ports import canonical_port


class InterfaceRecord(NamedTuple):
    """One switch port as parsed, before it is stored (immutable; cheap to build).

    ``vlan`` is text (``"10"``, ``"trunk"``, ``"routed"`` or ``""``); ``config`` is the
    interface's running-config stanza with secrets already removed.
    """

    port: str
    name: str = ""
    status: str = ""
    vlan: str = ""
    duplex: str = ""
    speed: str = ""
    type: str = ""
    learned_macs: tuple[str, ...] = ()
    auth_mode: str = ""
    auth_state: str = ""
    auth_client_mac: str = ""
    config: str = ""

    @property
    def port_key(self) -> str:
        """Canonical port name: ``Gi1/0/1`` and ``GigabitEthernet1/0/1`` share one key."""
        return canonical_port(self.port)

    @property
    def vlan_id(self) -> int | None:
        """The VLAN as an integer when it is a plain VLAN number, else ``None``."""
        return int(self.vlan) if self.vlan.isdigit() else None

    def signature(self) -> str:
        """Content hash over the semantic fields; equal signatures mean nothing to write."""
        return row_signature(self.semantic_values())

    def semantic_values(self) -> tuple[str, ...]:
        """The fields that define whether a stored row must change, in a fixed order."""
        return (
            self.port,
            self.name,
            self.status,
            self.vlan,
            self.duplex,
            self.speed,
            self.type,
            ",".join(self.learned_macs),
            self.auth_mode,
            self.auth_state,
            self.auth_client_mac,
            self.config,
        )


def row_signature(values: tuple[str, ...]) -> str:
    """128-bit XXH3 of the values as a JSON array (no two tuples share an encoding).

    A signature only has to tell a row's old and new content apart, never resist an
    adversary, so a fast non-cryptographic hash serves: 48 of them per host are on
    the diff's hot path.
    """
    return xxh3_128_hexdigest(orjson.dumps(values))


@dataclass(slots=True)
class DeviceFacts:
    """Everything parsed from one host's capture."""

    hostname: str
    platform: str
    model: str = ""
    version: str = ""
    serial: str = ""
    uptime: str = ""
    interfaces: list[InterfaceRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Control characters (and U+FFFD) removed from the text fields above.
    control_chars_removed: int = 0
