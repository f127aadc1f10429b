"""The canonical names of the show commands StateTrace parses, and the spellings every
platform shares.

This module imports nothing: the parsers and the platform descriptors name commands
from here, and :mod:`statetrace.commands` (which reads the descriptors to recognise
what an operator typed) builds on it, so the imports run one way.
"""

from __future__ import annotations

VERSION = "show version"
INTERFACES_STATUS = "show interfaces status"
INTERFACES_BRIEF = "show interfaces brief"
MAC_TABLE = "show mac address-table"
RUNNING_CONFIG = "show running-config"
AUTH_SESSIONS = "show authentication sessions"
DOT1X_SESSIONS = "show dot1x sessions all"
MAC_AUTH_SESSIONS = "show mac-authentication sessions all"
INTERFACES_SWITCHPORT = "show interfaces switchport"
INTERFACES = "show interfaces"
INTERFACES_TERSE = "show interfaces terse"
PORT_ACCESS_CLIENTS = "show port-access clients"
DOT1X_INTERFACE = "show dot1x interface"
DOT1X_HOSTS = "show dot1x hosts"
DOT1X_ALL = "show dot1x all"
SYSTEM = "show system"

#: Spelled-out forms (as word tuples) that every platform shares.
SHARED_FORMS: dict[tuple[str, ...], str] = {
    ("show", "version"): VERSION,
    ("show", "interfaces", "status"): INTERFACES_STATUS,
    ("show", "interface", "status"): INTERFACES_STATUS,
    ("show", "mac", "address-table"): MAC_TABLE,
    ("show", "mac-address-table"): MAC_TABLE,
    ("show", "mac", "address"): MAC_TABLE,
    ("show", "running-config"): RUNNING_CONFIG,
}

CANONICAL_COMMANDS: frozenset[str] = frozenset(
    {
        VERSION,
        INTERFACES_STATUS,
        INTERFACES_BRIEF,
        MAC_TABLE,
        RUNNING_CONFIG,
        AUTH_SESSIONS,
        DOT1X_SESSIONS,
        MAC_AUTH_SESSIONS,
        INTERFACES_SWITCHPORT,
        INTERFACES,
        INTERFACES_TERSE,
        PORT_ACCESS_CLIENTS,
        DOT1X_INTERFACE,
        DOT1X_HOSTS,
        DOT1X_ALL,
        SYSTEM,
    }
)
