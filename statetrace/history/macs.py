"""Where is this MAC (or text): current ports by indexed MAC prefix or by text, and
with ``history`` the ports a MAC was seen on before.

A MAC is given in any notation: ``aabb.ccdd.eeff``, ``aa:bb:cc:dd:ee:ff``,
``AA-BB-CC-DD-EE-FF``, ``aabbccddeeff``, or a prefix of one (an OUI: ``aa:bb:cc``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import orjson

from statetrace.history.when import HistoryError
from statetrace.store.base import SiteStore, Store, StoredChange, StoredInterface

_SEPARATORS = re.compile(r"[.:\-]")
_HEX = re.compile(r"^[0-9a-f]+$")
#: Hex digits without separators that make a bare argument a MAC rather than text.
_BARE_MAC_DIGITS = 6


@dataclass(frozen=True, slots=True)
class MacQuery:
    """A search: ``prefix`` (lower-case hex, no separators) for a MAC, else ``text``."""

    prefix: str | None
    text: str | None


@dataclass(frozen=True, slots=True)
class Sighting:
    """A port where the MAC (or text) is now (``current``) or was before.

    ``mac`` is the matching MAC as stored (empty for a text match); ``first_seen`` is
    when it arrived on that port (empty when that history was pruned); ``last_seen``
    is the end of the site's latest run for a current sighting, the time it left for
    a past one.
    """

    site: str
    hostname: str
    port: str
    vlan: str
    description: str
    mac: str
    current: bool
    first_seen: str
    last_seen: str

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return asdict(self)


def normalise_mac(text: str) -> str:
    """``text`` lower-cased without separators (``AA-BB-CC`` → ``aabbcc``)."""
    return _SEPARATORS.sub("", text.strip().lower())


def mac_query(argument: str) -> MacQuery:
    """A MAC prefix when ``argument`` looks like (part of) a MAC, else a text search.

    MAC-like: only hex digits once ``.``/``:``/``-`` are removed, at most 12 of them,
    and either separated in groups (``aa:bb``, ``aabb.cc``) or at least six digits.
    """
    text = argument.strip()
    if not text:
        raise HistoryError("nothing to find: give a MAC address (or prefix) or a text")
    digits = normalise_mac(text)
    groups = _SEPARATORS.split(text.lower())
    separated = len(groups) > 1 and all(group and _HEX.match(group) for group in groups)
    if _HEX.match(digits) and len(digits) <= 12 and (separated or len(digits) >= _BARE_MAC_DIGITS):
        return MacQuery(digits, None)
    return MacQuery(None, text)


def find(
    store: Store, query: MacQuery, sites: list[str], *, history: bool = False
) -> list[Sighting]:
    """Current sightings in ``sites`` (then, with ``history``, past ones), by site and host."""
    found: list[Sighting] = []
    for site in sites:
        site_store = store.open_site(site)
        try:
            found.extend(_site_sightings(site_store, query, history))
        finally:
            site_store.close()
    return found


def _site_sightings(site_store: SiteStore, query: MacQuery, history: bool) -> list[Sighting]:
    rows = site_store.find_interfaces(mac_prefix=query.prefix, text=query.text)
    runs = site_store.runs()
    last_run = max((run.finished_at or run.started_at for run in runs), default="")
    found = []
    for row in rows:
        macs = _matching(row, query.prefix) if query.prefix else [""]
        changes = site_store.changes(hostname=row.hostname) if query.prefix else []
        for mac in macs:
            first = _arrived(changes, row, mac) if mac else ""
            found.append(_sighting(site_store.site, row, mac, first, last_run))
    if history and query.prefix:
        found.extend(_past(site_store, query.prefix))
    return found


def _sighting(site: str, row: StoredInterface, mac: str, first: str, last: str) -> Sighting:
    return Sighting(site, row.hostname, row.port, row.vlan, row.name, mac, True, first, last)


def _matching(row: StoredInterface, prefix: str) -> list[str]:
    """The row's MACs (learned, then the auth client's) that start with ``prefix``."""
    macs = [*row.learned_macs, *([row.auth_client_mac] if row.auth_client_mac else [])]
    return sorted({mac for mac in macs if normalise_mac(mac).startswith(prefix)})


def _arrived(changes: list[StoredChange], row: StoredInterface, mac: str) -> str:
    """When ``mac`` last arrived on ``row``'s port: the port's insert, or the update
    that added it; empty when no kept history says."""
    wanted = normalise_mac(mac)
    arrived = ""
    for change in changes:
        if change.port != row.port:
            continue
        if (
            change.change == "insert"
            or change.field in ("learned_macs", "auth_client_mac")
            and (wanted in _macs_in(change.new_value) and wanted not in _macs_in(change.old_value))
        ):
            arrived = change.at
    return arrived


def _past(site_store: SiteStore, prefix: str) -> list[Sighting]:
    """Ports a MAC with ``prefix`` left (an update removed it, or the port was deleted),
    the latest leaving per port and MAC (MACs without separators).

    A scan of the site's change history: past sightings are not indexed.
    """
    found: dict[tuple[str, str, str], Sighting] = {}
    for change in site_store.changes():
        for mac, vlan, name in _left(change, prefix):
            key = (change.hostname, change.port, mac)
            found[key] = Sighting(
                site_store.site, change.hostname, change.port, vlan, name, mac, False, "", change.at
            )
    return list(found.values())


def _left(change: StoredChange, prefix: str) -> list[tuple[str, str, str]]:
    """``(mac, vlan, description)`` of the MACs with ``prefix`` that ``change`` removed."""
    if change.change == "update" and change.field in ("learned_macs", "auth_client_mac"):
        gone = _macs_in(change.old_value) - _macs_in(change.new_value)
        return [(mac, "", "") for mac in sorted(gone) if mac.startswith(prefix)]
    if change.change == "delete" and change.old_value:
        values = orjson.loads(change.old_value)
        macs = _macs_in(values.get("learned_macs")) | _macs_in(values.get("auth_client_mac"))
        vlan, name = values.get("vlan", ""), values.get("name", "")
        return [(mac, vlan, name) for mac in sorted(macs) if mac.startswith(prefix)]
    return []


def _macs_in(value: str | None) -> set[str]:
    return {normalise_mac(mac) for mac in (value or "").split(",") if mac}
