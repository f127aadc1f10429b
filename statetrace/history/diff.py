"""What differs between two moments, per port: added, removed, or fields old → new."""

from __future__ import annotations

from dataclasses import dataclass

from statetrace.history.asof import FIELDS, Ports, host_as_of, record_of, site_as_of
from statetrace.model import InterfaceRecord
from statetrace.ports import port_sort_key
from statetrace.store.base import SiteStore


@dataclass(frozen=True, slots=True)
class PortDiff:
    """One port that differs: ``change`` is ``added``, ``removed`` or ``changed``;
    ``fields`` are ``(field, before, after)`` (every field for added/removed ports)."""

    hostname: str
    port: str
    change: str
    fields: tuple[tuple[str, str, str], ...]

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {
            "hostname": self.hostname,
            "port": self.port,
            "change": self.change,
            "fields": [{"field": f, "before": b, "after": a} for f, b, a in self.fields],
        }


def diff_host(site_store: SiteStore, hostname: str, start: str, end: str | None) -> list[PortDiff]:
    """``hostname``'s ports at ``start`` against ``end`` (``None``: now)."""
    before = {record.port_key: record for record in host_as_of(site_store, hostname, start)}
    now = [record_of(row) for row in site_store.interfaces(hostname)]
    records = now if end is None else host_as_of(site_store, hostname, end)
    after = {record.port_key: record for record in records}
    return diff_ports(hostname, before, after)


def diff_site(site_store: SiteStore, start: str, end: str | None) -> list[PortDiff]:
    """Every host of the site at ``start`` against ``end`` (``None``: now)."""
    before, after = site_as_of(site_store, start), site_as_of(site_store, end)
    found: list[PortDiff] = []
    for hostname in sorted(before.keys() | after.keys()):
        found.extend(diff_ports(hostname, before.get(hostname, {}), after.get(hostname, {})))
    return found


def diff_ports(hostname: str, before: Ports, after: Ports) -> list[PortDiff]:
    """The differing ports of one host, in natural port order."""
    found = []
    for key in sorted(before.keys() | after.keys(), key=port_sort_key):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if old is None and new is not None:
            fields = tuple((name, "", _text(getattr(new, name))) for name in FIELDS)
            found.append(PortDiff(hostname, new.port, "added", fields))
        elif new is None and old is not None:
            fields = tuple((name, _text(getattr(old, name)), "") for name in FIELDS)
            found.append(PortDiff(hostname, old.port, "removed", fields))
        elif old is not None and new is not None:
            found.append(PortDiff(hostname, new.port, "changed", _changed(old, new)))
    return found


def _changed(old: InterfaceRecord, new: InterfaceRecord) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (name, _text(getattr(old, name)), _text(getattr(new, name)))
        for name in FIELDS
        if getattr(old, name) != getattr(new, name)
    )


def _text(value: object) -> str:
    return ",".join(value) if isinstance(value, tuple) else str(value)
