"""Access rows → our model: device rows, interface records and change history.

What is kept and what is dropped is documented in ``docs/migrating.md``.  Every
function here is pure, so the mapping is tested on Access-shaped rows alone.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from pathlib import Path
from typing import Any

import orjson

from statetrace.access.reader import REQUIRED, SPANNING_TREE, AccessDatabase, Row
from statetrace.model import InterfaceRecord
from statetrace.parsers.secrets import is_secret_line, may_hold_secret
from statetrace.platforms import by_generator_vendor
from statetrace.platforms.registry import SECRET_WORDS
from statetrace.ports import canonical_port
from statetrace.sites import DEFAULT_RULES, SiteRules, site_of
from statetrace.store.base import ChangeRow, DeviceInfo, SpanningTreeChange, SpanningTreeRow

#: The ``DeviceSummary.Make`` values the PowerShell StateTrace writes; each is the
#: ``statetrace generate --vendors`` name of the platform it means.
MAKES = ("cisco", "brocade", "arista")
#: Device fields whose history is imported (uptime is volatile, as in DeviceInfo.signature).
DEVICE_HISTORY_FIELDS = ("site", "platform", "model")
#: Every table a host's rows come from.
HOST_TABLES = (*REQUIRED, *SPANNING_TREE)


@dataclass(slots=True)
class AccessHost:
    """One host of an Access database, mapped; ``problem`` set when it cannot be imported."""

    hostname: str
    site: str
    device: DeviceInfo | None = None
    interfaces: list[InterfaceRecord] = field(default_factory=list)
    history: list[ChangeRow] = field(default_factory=list)
    #: ``SpanInfo`` rows, and ``SpanHistory`` as change history.
    spanning_tree: list[SpanningTreeRow] = field(default_factory=list)
    spanning_tree_history: list[SpanningTreeChange] = field(default_factory=list)
    #: The latest RunDate of the host's history (ISO, the PowerShell machine's local time).
    run_date: str = ""
    #: SHA-256 over the host's Access rows: equal hashes mean nothing to import.
    content_hash: str = ""
    size: int = 0
    #: Interfaces rows, history rows (DeviceHistory, InterfaceHistory, SpanHistory) and
    #: SpanInfo rows of the host in the file.
    rows_in_file: int = 0
    history_in_file: int = 0
    spanning_tree_in_file: int = 0
    problem: str = ""


def platform_of(make: Any) -> str:
    """Our platform name for a ``DeviceSummary.Make`` (``Brocade`` → FastIron), or ``""``."""
    vendor = _text(make).strip().lower()
    return by_generator_vendor(vendor).name if vendor in MAKES else ""


def config_text(raw: Any) -> str:
    """Interface config as ingest stores it: LF line ends, trailing blanks and secret lines gone.

    Secret lines are dropped with ``is_secret_line``, the test ingest applies to every
    line of an interface stanza.
    """
    lines = [line.rstrip() for line in _text(raw).splitlines()]
    if may_hold_secret("\n".join(lines).lower(), SECRET_WORDS):
        lines = [line for line in lines if not is_secret_line(line.strip().lower(), SECRET_WORDS)]
    return "\n".join(line for line in lines if line)


def vlan_text(value: Any) -> str:
    """Access stores the VLAN as an integer where 0 means "none or not a number"."""
    if value is None or str(value).strip() in ("", "0"):
        return ""
    return str(value).strip()


def mac_dotted(mac: str) -> str:
    """Any MAC notation (``aa:bb:…``, ``aa-bb-…``, ``aabb.ccdd.eeff``) as lower-case dotted."""
    digits = "".join(ch for ch in mac.lower() if ch in "0123456789abcdef")
    if len(digits) != 12:
        return mac.strip().lower()
    return f"{digits[:4]}.{digits[4:8]}.{digits[8:]}"


def learned_macs(value: Any) -> tuple[str, ...]:
    """``LearnedMACs`` (comma or whitespace separated) as sorted unique dotted MACs."""
    tokens = _text(value).replace(",", " ").split()
    return tuple(sorted({mac_dotted(token) for token in tokens}))


def interface_record(row: Row) -> InterfaceRecord:
    """One ``Interfaces``/``InterfaceHistory`` row as an interface record."""
    return InterfaceRecord(
        port=_text(row.get("Port")).strip(),
        name=_clean(row.get("Name")),
        status=_clean(row.get("Status")),
        vlan=vlan_text(row.get("VLAN")),
        duplex=_clean(row.get("Duplex")),
        speed=_clean(row.get("Speed")),
        type=_clean(row.get("Type")),
        learned_macs=learned_macs(row.get("LearnedMACs")),
        auth_mode=_clean(row.get("AuthMode")),
        auth_state=_clean(row.get("AuthState")),
        auth_client_mac=_mac_or_blank(row.get("AuthClientMAC")),
        config=config_text(row.get("Config")),
    )


def spanning_tree_record(row: Row) -> SpanningTreeRow:
    """One ``SpanInfo``/``SpanHistory`` row as a spanning-tree instance (text trimmed,
    inner whitespace collapsed)."""
    return SpanningTreeRow(
        vlan=_clean(row.get("Vlan")),
        root_switch=_clean(row.get("RootSwitch")),
        root_port=_clean(row.get("RootPort")),
        role=_clean(row.get("Role")),
        upstream=_clean(row.get("Upstream")),
    )


def site_for(
    path: Path,
    site_column: Any,
    hostname: str,
    override: str | None,
    rules: SiteRules | None = None,
) -> str:
    """The host's site through ``site_of``: ``--site``, else the hostname under the site
    rules given (``--site-regex``/``--site-map``, as ingest uses them), else the
    ``<SITE>/<SITE>.accdb`` folder name, else the row's ``Site`` column, else the
    hostname rule."""
    if override:
        return site_of(override)
    if rules is not None:
        return site_of(hostname, rules)
    if path.parent.name and path.parent.name.upper() == path.stem.upper():
        return site_of(path.parent.name)
    if _text(site_column).strip():
        return site_of(_text(site_column))
    return site_of(hostname, DEFAULT_RULES)


def access_hosts(
    database: AccessDatabase, *, site: str | None = None, rules: SiteRules | None = None
) -> list[AccessHost]:
    """Every host of ``database``, mapped, sorted by hostname.

    A host with a key problem (NULL or duplicate ``(Hostname, Port)``, unknown Make)
    carries ``problem`` and nothing else.  Rows without a hostname belong to no host:
    the caller refuses the file (:func:`rows_without_hostname`).
    """
    path = database.path
    grouped: dict[str, dict[str, list[Row]]] = {}
    for table in HOST_TABLES:
        for row in database.rows(table):
            name = _text(row.get("Hostname")).strip()
            grouped.setdefault(name, {}).setdefault(table, []).append(row)
    hosts = []
    for hostname in sorted(grouped):
        tables = grouped[hostname]
        summary = tables.get("DeviceSummary", [])
        column = summary[0].get("Site") if summary else None
        host = AccessHost(hostname, site_for(path, column, hostname, site, rules))
        host.rows_in_file = len(tables.get("Interfaces", []))
        host.history_in_file = sum(
            len(tables.get(name, []))
            for name in ("DeviceHistory", "InterfaceHistory", "SpanHistory")
        )
        host.spanning_tree_in_file = len(tables.get("SpanInfo", []))
        host.problem = _host_problem(path, hostname, tables)
        if not host.problem:
            _fill(host, tables)
        hosts.append(host)
    return hosts


def rows_without_hostname(database: AccessDatabase) -> list[str]:
    """One line per table holding rows whose Hostname is NULL or blank."""
    lines = []
    for name in HOST_TABLES:
        count = sum(1 for row in database.rows(name) if not _text(row.get("Hostname")).strip())
        if count:
            lines.append(f"{database.path}: table {name}: {count} row(s) with a NULL Hostname")
    return lines


def _host_problem(path: Path, hostname: str, tables: dict[str, list[Row]]) -> str:
    where = f"{path}: table"
    summary = tables.get("DeviceSummary", [])
    if len(summary) != 1:
        found = "no" if not summary else f"{len(summary)}"
        return f"{where} DeviceSummary: host {hostname}: {found} DeviceSummary rows (expected 1)"
    make = _text(summary[0].get("Make")).strip()
    if not platform_of(make):
        return (
            f"{where} DeviceSummary: host {hostname}: unknown Make {make!r}"
            " (expected Cisco, Brocade or Arista)"
        )
    for table in ("InterfaceHistory", "DeviceHistory", "SpanHistory"):
        if any(row.get("RunDate") in (None, "") for row in tables.get(table, [])):
            return f"{where} {table}: host {hostname}: row with a NULL RunDate"
    for table in SPANNING_TREE:
        if any(not _text(row.get("Vlan")).strip() for row in tables.get(table, [])):
            return f"{where} {table}: host {hostname}: row with a NULL Vlan"
    instances = Counter(_clean(row["Vlan"]) for row in tables.get("SpanInfo", []))
    repeated = sorted(vlan for vlan, count in instances.items() if count > 1)
    if repeated:
        return f"{where} SpanInfo: host {hostname}: duplicate (Hostname, Vlan) rows: {repeated}"
    rows = tables.get("Interfaces", [])
    if any(not _text(row.get("Port")).strip() for row in rows):
        return f"{where} Interfaces: host {hostname}: row with a NULL Port"
    if any(not _text(row.get("Port")).strip() for row in tables.get("InterfaceHistory", [])):
        return f"{where} InterfaceHistory: host {hostname}: row with a NULL Port"
    keys = Counter(canonical_port(_text(row["Port"])) for row in rows)
    twice = sorted(key for key, count in keys.items() if count > 1)
    if twice:
        return f"{where} Interfaces: host {hostname}: duplicate (Hostname, Port) rows: {twice}"
    return ""


def _fill(host: AccessHost, tables: dict[str, list[Row]]) -> None:
    summary = tables["DeviceSummary"][0]
    host.device = _device(host.hostname, host.site, summary)
    host.interfaces = [interface_record(row) for row in tables.get("Interfaces", [])]
    devices = sorted(tables.get("DeviceHistory", []), key=_history_order)
    ports = sorted(tables.get("InterfaceHistory", []), key=_history_order)
    host.history = [*_device_history(host, devices), *_interface_history(host.hostname, ports)]
    host.history.sort(key=lambda row: row.at)  # stable: devices first within a run
    spans = sorted(tables.get("SpanHistory", []), key=_history_order)
    host.spanning_tree = [spanning_tree_record(row) for row in tables.get("SpanInfo", [])]
    host.spanning_tree_history = spanning_tree_history(host.hostname, spans)
    dates = [run_date(row.get("RunDate")) for row in (*devices, *ports, *spans)]
    host.run_date = max(dates, default="")
    encoded = orjson.dumps(
        {name: tables.get(name, []) for name in sorted(tables)},
        option=orjson.OPT_SORT_KEYS,
        default=str,
    )
    host.content_hash = hashlib.sha256(encoded).hexdigest()
    host.size = len(encoded)


def _device(hostname: str, site: str, row: Row) -> DeviceInfo:
    return DeviceInfo(
        hostname=hostname,
        site=site,
        platform=platform_of(row.get("Make")),
        model=_clean(row.get("Model")),
        uptime=_clean(row.get("Uptime")),
    )


def run_date(value: Any) -> str:
    """An Access DateTime (text from access-parser, or a datetime) as ISO-8601 without zone."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    text = _text(value).strip()
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return text


def history_run_id(at: str) -> str:
    """The run id imported history rows carry: the PowerShell run's RunDate."""
    return "access-" + "".join(ch for ch in at if ch.isdigit())


def _device_history(host: AccessHost, rows: Iterable[Row]) -> list[ChangeRow]:
    """An ``insert`` for the first DeviceHistory row, then an ``update`` per changed field."""
    events: list[ChangeRow] = []
    previous: DeviceInfo | None = None
    for row in rows:
        if not platform_of(row.get("Make")):
            continue
        device, at = _device(host.hostname, host.site, row), run_date(row.get("RunDate"))
        run = history_run_id(at)
        if previous is None:
            events.append(ChangeRow(run, at, host.hostname, "", "insert"))
        else:
            for name in DEVICE_HISTORY_FIELDS:
                old, new = getattr(previous, name), getattr(device, name)
                if old != new:
                    events.append(ChangeRow(run, at, host.hostname, "", "update", name, old, new))
        previous = device
    return events


def _interface_history(hostname: str, rows: Iterable[Row]) -> list[ChangeRow]:
    """Per port: ``insert`` at its first InterfaceHistory row, ``update`` per changed field."""
    events: list[ChangeRow] = []
    seen: dict[str, tuple[str, ...]] = {}
    for row in rows:
        record = interface_record(row)
        at = run_date(row.get("RunDate"))
        run, key, values = history_run_id(at), record.port_key, record.semantic_values()
        old = seen.get(key)
        if old is None:
            events.append(ChangeRow(run, at, hostname, record.port, "insert"))
        else:
            for name, before, after in zip(InterfaceRecord._fields, old, values, strict=True):
                if before != after:
                    events.append(
                        ChangeRow(run, at, hostname, record.port, "update", name, before, after)
                    )
        seen[key] = values
    return events


def spanning_tree_history(hostname: str, rows: Iterable[Row]) -> list[SpanningTreeChange]:
    """``SpanHistory`` rows (in RunDate order) as change history.

    The PowerShell StateTrace appends every instance of a host at each run, so the
    rows of one RunDate are a snapshot: an instance new in it is an ``insert``, a
    changed one an ``update`` per changed field, and one the previous snapshot had and
    this one lacks a ``delete`` (its fields as a JSON object in ``old_value``).
    """
    events: list[SpanningTreeChange] = []
    previous: dict[str, SpanningTreeRow] = {}
    for at, snapshot in groupby(rows, key=lambda row: run_date(row.get("RunDate"))):
        run = history_run_id(at)
        current = {record.vlan: record for record in map(spanning_tree_record, snapshot)}
        for vlan, record in current.items():
            old = previous.get(vlan)
            if old is None:
                events.append(SpanningTreeChange(run, at, hostname, vlan, "insert"))
                continue
            for name in SpanningTreeRow._fields[1:]:
                before, after = getattr(old, name), getattr(record, name)
                if before != after:
                    events.append(
                        SpanningTreeChange(run, at, hostname, vlan, "update", name, before, after)
                    )
        for vlan in previous.keys() - current.keys():
            gone = orjson.dumps(previous[vlan]._asdict()).decode()
            events.append(SpanningTreeChange(run, at, hostname, vlan, "delete", None, gone))
        previous = current
    return events


def _history_order(row: Row) -> tuple[str, int]:
    identifier = row.get("ID")
    return run_date(row.get("RunDate")), identifier if isinstance(identifier, int) else 0


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _clean(value: Any) -> str:
    """Trimmed text with inner whitespace runs collapsed."""
    return " ".join(_text(value).split())


def _mac_or_blank(value: Any) -> str:
    text = _text(value).strip()
    return mac_dotted(text) if text else ""
