"""The inventory as it was at a moment: the current rows with every later change undone.

Changes are undone newest first: an ``update`` sets the field back to its old value,
an ``insert`` removes the port, a ``delete`` puts the port back from the values its
history row kept.  History pruned away cannot be undone, so a moment older than the
oldest kept change shows later values for what changed before the prune.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from statetrace.history.when import all_runs, resolve_when
from statetrace.model import InterfaceRecord
from statetrace.ports import canonical_port, port_sort_key
from statetrace.sites import DEFAULT_RULES, SiteRules, site_of
from statetrace.store.base import SiteStore, Store, StoredChange, StoredInterface

FIELDS = InterfaceRecord._fields
#: Port key → record, for one host.
Ports = dict[str, InterfaceRecord]


def record_of(row: StoredInterface) -> InterfaceRecord:
    """The interface fields of a stored row."""
    return InterfaceRecord(*(getattr(row, name) for name in FIELDS))


def host_as_of(site_store: SiteStore, hostname: str, at: str) -> list[InterfaceRecord]:
    """``hostname``'s ports at ``at`` in natural port order (empty: none then)."""
    ports = {row.port_key: record_of(row) for row in site_store.interfaces(hostname)}
    undo(ports, site_store.changes(since=at, hostname=hostname))
    return in_port_order(ports)


def site_as_of(site_store: SiteStore, at: str | None) -> dict[str, Ports]:
    """Every host's ports at ``at`` (``None``: now); hosts without ports then are left out."""
    hosts: dict[str, Ports] = {}
    for row in site_store.iter_interfaces():
        hosts.setdefault(row.hostname, {})[row.port_key] = record_of(row)
    if at is not None:
        later: dict[str, list[StoredChange]] = {}
        for change in site_store.changes(since=at):
            later.setdefault(change.hostname, []).append(change)
        for hostname, rows in later.items():
            undo(hosts.setdefault(hostname, {}), rows)
    return {hostname: ports for hostname, ports in sorted(hosts.items()) if ports}


def undo(ports: Ports, changes: Iterable[StoredChange]) -> None:
    """Undo ``changes`` (one host's, in recording order) on ``ports``, newest first."""
    for change in sorted(changes, key=lambda row: row.seq, reverse=True):
        key = canonical_port(change.port)
        if change.change == "insert":
            ports.pop(key, None)
        elif change.change == "delete" and change.old_value:
            ports[key] = _record_from_json(change.old_value)
        elif change.change == "update" and change.field in FIELDS and key in ports:
            ports[key] = ports[key]._replace(**{change.field: _value(change)})


def in_port_order(ports: Ports) -> list[InterfaceRecord]:
    """The records in natural port order."""
    return [ports[key] for key in sorted(ports, key=port_sort_key)]


def _value(change: StoredChange) -> Any:
    old = change.old_value or ""
    if change.field == "learned_macs":
        return tuple(old.split(",")) if old else ()
    return old


def _record_from_json(text: str) -> InterfaceRecord:
    values = orjson.loads(text)
    macs = values.get("learned_macs") or ""
    values["learned_macs"] = tuple(macs.split(",")) if macs else ()
    return InterfaceRecord(**{name: values.get(name, "") for name in FIELDS})


def host_interfaces_as_of(
    store: Store, hostname: str, when: str, rules: SiteRules = DEFAULT_RULES
) -> list[InterfaceRecord] | None:
    """``hostname``'s ports at the moment ``when`` names (see ``resolve_when``), or
    ``None`` when its site has no store or it had no port then."""
    site = site_of(hostname, rules)
    if site not in store.sites():
        return None
    at = resolve_when(when, all_runs(store, [site]))
    site_store = store.open_site(site)
    try:
        return host_as_of(site_store, hostname, at) or None
    finally:
        site_store.close()
