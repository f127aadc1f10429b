"""What an interface table row contributes to the inventory, for every platform."""

from __future__ import annotations

from collections.abc import Iterable

from statetrace.parsers.text import Row

#: Table fields of an interface: port, name, status, vlan, duplex, speed, type.
Columns = tuple[str, str, str, str, str, str, str]

#: An authentication session of a port: ``(mode, state, client MAC)``.
Session = tuple[str, str, str]


def per_port_sessions(sessions: Iterable[tuple[str, Session]]) -> dict[str, Session]:
    """``(mode, state, client MAC)`` per canonical port from ``(port key, session)``
    pairs in order: a later session replaces an earlier one unless that one is
    ``authorized`` (an authorized client wins over the others on its port)."""
    found: dict[str, Session] = {}
    for key, session in sessions:
        if key not in found or found[key][1] != "authorized":
            found[key] = session
    return found


def status_columns(row: Row, config: Row) -> Columns:
    """Table fields of a status-table row; the config description names the port."""
    return (
        row["port"],
        config.get("description") or row["name"],
        row["status"],
        row["vlan"] or config.get("access_vlan", ""),
        row["duplex"],
        row["speed"],
        row["type"],
    )
