"""``compare access``: the PowerShell StateTrace's Access databases next to our store.

Per site and host: interface row counts on both sides, hosts present on one side
only, and field differences after this normalisation (``docs/migrating.md``):

* ports are matched by canonical key (``Et1/1/1`` = ``Ethernet1/1/1``);
* VLANs are compared as integers (Access stores 0 for none, ``trunk`` or ``routed``;
  ours counts as 0 when its text is not a VLAN number);
* MACs in lower-case dotted notation, learned MACs as a sorted set;
* text trimmed with inner whitespace collapsed; config lines trimmed, blank lines,
  secret lines and our leading ``interface …`` line left out, CRLF as LF;
* spanning-tree instances (``SpanInfo``) matched by instance name, root port and
  upstream port by canonical key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from statetrace.access.files import load_databases, refusals
from statetrace.access.mapping import (
    config_text,
    interface_record,
    learned_macs,
    mac_dotted,
    platform_of,
    site_for,
    spanning_tree_record,
)
from statetrace.access.reader import AccessDatabase, Row
from statetrace.ports import canonical_port
from statetrace.sites import SiteRules
from statetrace.store import StoreError, open_store
from statetrace.store.base import SiteStore, SpanningTreeRow, StoredInterface
from statetrace.tables import format_table

#: Interface fields compared, as (our field, Access column).
FIELDS = (
    ("name", "Name"),
    ("status", "Status"),
    ("vlan", "VLAN"),
    ("duplex", "Duplex"),
    ("speed", "Speed"),
    ("type", "Type"),
    ("learned_macs", "LearnedMACs"),
    ("auth_mode", "AuthMode"),
    ("auth_state", "AuthState"),
    ("auth_client_mac", "AuthClientMAC"),
    ("config", "Config"),
)
#: Differences listed per site at most (the count is always complete).
LISTED = 200


@dataclass(slots=True)
class Difference:
    """One field that differs (``port`` ``""`` for the device row)."""

    hostname: str
    port: str
    field: str
    access: str
    ours: str


@dataclass(slots=True)
class SiteComparison:
    """One site: row counts per host, one-sided hosts and field differences."""

    site: str
    files: list[str]
    access_rows: int = 0
    our_rows: int = 0
    #: Spanning-tree instances: ``SpanInfo`` rows and ours.
    access_spanning_tree: int = 0
    our_spanning_tree: int = 0
    hosts: dict[str, tuple[int, int]] = field(default_factory=dict)
    access_only: list[str] = field(default_factory=list)
    ours_only: list[str] = field(default_factory=list)
    difference_count: int = 0
    differences: list[Difference] = field(default_factory=list)

    @property
    def deviation_percent(self) -> float:
        """|our rows − Access rows| as a percent of the Access rows."""
        return deviation_percent(self.our_rows, self.access_rows)

    def ok(self, tolerance: float) -> bool:
        """True when the counts agree within ``tolerance`` % and no field differs."""
        return self.deviation_percent <= tolerance and not self.difference_count


@dataclass(slots=True)
class Comparison:
    """Every site compared, and the files that could not be used."""

    store: str
    tolerance: float
    sites: list[SiteComparison] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file was read and every site agrees."""
        return not self.problems and all(site.ok(self.tolerance) for site in self.sites)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        sites = []
        for site in self.sites:
            data = asdict(site)
            data["hosts"] = [
                {"hostname": host, "access_rows": a, "our_rows": o}
                for host, (a, o) in sorted(site.hosts.items())
            ]
            data["deviation_percent"] = round(site.deviation_percent, 3)
            data["ok"] = site.ok(self.tolerance)
            sites.append(data)
        return {
            "store": self.store,
            "tolerance_percent": self.tolerance,
            "ok": self.ok,
            "sites": sites,
            "problems": self.problems,
        }

    def format_table(self) -> str:
        """Per-site and per-host counts, one-sided hosts, differences, problems."""
        lines = [
            format_table(
                [
                    {
                        "Site": s.site,
                        "Access rows": s.access_rows,
                        "Our rows": s.our_rows,
                        "Deviation %": f"{s.deviation_percent:.3f}",
                        "Spanning tree (Access/ours)": (
                            f"{s.access_spanning_tree}/{s.our_spanning_tree}"
                        ),
                        "Field diffs": s.difference_count,
                        "OK": "yes" if s.ok(self.tolerance) else "NO",
                    }
                    for s in self.sites
                ],
                [
                    "Site",
                    "Access rows",
                    "Our rows",
                    "Deviation %",
                    "Spanning tree (Access/ours)",
                    "Field diffs",
                    "OK",
                ],
            )
        ]
        for site in self.sites:
            lines += _site_lines(site)
        lines += self.problems
        return "\n".join(lines)


def deviation_percent(rows: int, access_rows: int) -> float:
    """|rows − Access rows| as a percent of the Access rows (100 when Access has none)."""
    if not access_rows:
        return 100.0 if rows else 0.0
    return abs(rows - access_rows) * 100.0 / access_rows


def compare_access(
    paths: Iterable[Path], store_url: str, *, tolerance: float, rules: SiteRules | None = None
) -> Comparison:
    """Compare the Access databases under ``paths`` with the store at ``store_url``; hosts
    are put in sites as ``import access`` puts them (``rules``: the hostname decides).

    Raises StoreConfigError when the store cannot be used at all.
    """
    databases, problems = load_databases(paths)
    comparison = compare_databases(databases, store_url, tolerance=tolerance, rules=rules)
    comparison.problems[:0] = problems
    return comparison


def compare_databases(
    databases: Iterable[AccessDatabase],
    store_url: str,
    *,
    tolerance: float,
    rules: SiteRules | None = None,
) -> Comparison:
    """Compare databases already read (see :func:`compare_access`)."""
    store = open_store(store_url)
    comparison = Comparison(store.url.display, tolerance)
    grouped: dict[str, dict[str, list[Row]]] = {}
    devices: dict[str, dict[str, Row]] = {}
    spans: dict[str, dict[str, list[Row]]] = {}
    sources: dict[str, list[str]] = {}
    for database in databases:
        refused = refusals(database)
        if refused:
            comparison.problems += refused
            continue
        for hostname, site, rows, device, instances in _access_hosts(database, rules):
            grouped.setdefault(site, {}).setdefault(hostname, []).extend(rows)
            devices.setdefault(site, {})[hostname] = device
            spans.setdefault(site, {}).setdefault(hostname, []).extend(instances)
            files = sources.setdefault(site, [])
            if str(database.path) not in files:
                files.append(str(database.path))
    try:
        stored_sites = set(store.sites())
        for site in sorted(grouped):
            result = SiteComparison(site, sources[site])
            ours = store.open_site(site) if site in stored_sites else None
            try:
                _compare_site(result, grouped[site], devices[site], ours)
                _compare_spanning_tree(result, spans.get(site, {}), ours)
            finally:
                if ours is not None:
                    ours.close()
            comparison.sites.append(result)
    except StoreError as error:
        comparison.problems.append(str(error))
    finally:
        store.close()
    return comparison


def access_interface_counts(paths: Iterable[Path]) -> tuple[dict[str, int], list[str]]:
    """Interface rows per site of the Access databases under ``paths``, and problems."""
    databases, problems = load_databases(paths)
    counts: dict[str, int] = {}
    for database in databases:
        refused = refusals(database)
        if refused:
            problems += refused
            continue
        for _, site, rows, _, _ in _access_hosts(database, None):
            counts[site] = counts.get(site, 0) + len(rows)
    return counts, problems


def _access_hosts(
    database: AccessDatabase, rules: SiteRules | None
) -> list[tuple[str, str, list[Row], Row, list[Row]]]:
    """``(hostname, site, Interfaces rows, DeviceSummary row, SpanInfo rows)`` per host."""
    summaries = {str(row["Hostname"]).strip(): row for row in database.rows("DeviceSummary")}
    rows: dict[str, list[Row]] = {host: [] for host in summaries}
    for row in database.rows("Interfaces"):
        rows.setdefault(str(row["Hostname"]).strip(), []).append(row)
    instances: dict[str, list[Row]] = {}
    for row in database.rows("SpanInfo"):
        hostname = str(row["Hostname"]).strip()
        instances.setdefault(hostname, []).append(row)
        rows.setdefault(hostname, [])
    found = []
    for hostname in sorted(rows):
        summary = summaries.get(hostname, {})
        site = site_for(database.path, summary.get("Site"), hostname, None, rules)
        found.append((hostname, site, rows[hostname], summary, instances.get(hostname, [])))
    return found


def _compare_spanning_tree(
    result: SiteComparison, access: dict[str, list[Row]], ours: SiteStore | None
) -> None:
    """Instances of every host both sides know, field by field; the counts of both sides."""
    stored: dict[str, dict[str, SpanningTreeRow]] = {}
    for row in ours.spanning_tree() if ours else []:
        record = SpanningTreeRow(row.vlan, row.root_switch, row.root_port, row.role, row.upstream)
        stored.setdefault(row.hostname, {})[row.vlan] = record
    result.access_spanning_tree = sum(len(rows) for rows in access.values())
    result.our_spanning_tree = sum(len(rows) for rows in stored.values())
    one_sided = {*result.access_only, *result.ours_only}
    for hostname in sorted((access.keys() | stored.keys()) - one_sided):
        theirs = {
            record.vlan: record for record in map(spanning_tree_record, access.get(hostname, []))
        }
        mine = stored.get(hostname, {})
        for vlan in sorted(theirs.keys() | mine.keys()):
            where = f"spanning-tree {vlan}"
            if vlan not in mine or vlan not in theirs:
                present = ("present", "missing") if vlan in theirs else ("missing", "present")
                _add_difference(result, Difference(hostname, where, "instance", *present))
                continue
            a, o = _normalised_instance(theirs[vlan]), _normalised_instance(mine[vlan])
            for name in SpanningTreeRow._fields[1:]:
                if getattr(a, name) != getattr(o, name):
                    diff = Difference(hostname, where, name, getattr(a, name), getattr(o, name))
                    _add_difference(result, diff)


def _normalised_instance(row: SpanningTreeRow) -> SpanningTreeRow:
    return row._replace(
        root_switch=mac_dotted(row.root_switch) if row.root_switch else "",
        root_port=canonical_port(row.root_port) if row.root_port else "",
        upstream=canonical_port(row.upstream) if row.upstream else "",
    )


def _add_difference(result: SiteComparison, difference: Difference) -> None:
    result.difference_count += 1
    if len(result.differences) < LISTED:
        result.differences.append(difference)


def _compare_site(
    result: SiteComparison,
    access: dict[str, list[Row]],
    devices: dict[str, Row],
    ours: SiteStore | None,
) -> None:
    stored = {device.hostname: device for device in ours.devices()} if ours else {}
    for hostname in sorted(access.keys() | stored.keys()):
        rows = access.get(hostname)
        interfaces = ours.interfaces(hostname) if ours and hostname in stored else []
        result.hosts[hostname] = (len(rows or []), len(interfaces))
        result.access_rows += len(rows or [])
        result.our_rows += len(interfaces)
        if rows is None:
            result.ours_only.append(hostname)
            continue
        if hostname not in stored:
            result.access_only.append(hostname)
            continue
        device = stored[hostname]
        make = devices[hostname].get("Make")
        pairs = [
            ("", "platform", platform_of(make) or _words(make), device.platform),
            ("", "model", _words(devices[hostname].get("Model")), _words(device.model)),
        ]
        pairs += _interface_pairs(rows, interfaces)
        for port, name, theirs, mine in pairs:
            if theirs != mine:
                _add_difference(result, Difference(hostname, port, name, theirs, mine))


def _interface_pairs(
    rows: list[Row], interfaces: list[StoredInterface]
) -> list[tuple[str, str, str, str]]:
    """``(port, field, Access value, our value)`` for every compared field and port."""
    mine = {row.port_key: row for row in interfaces}
    theirs = {canonical_port(str(row.get("Port") or "")): row for row in rows}
    pairs = []
    for key in sorted(theirs.keys() | mine.keys()):
        if key not in mine:
            pairs.append((str(theirs[key].get("Port")), "port", "present", "missing"))
            continue
        if key not in theirs:
            pairs.append((mine[key].port, "port", "missing", "present"))
            continue
        access = _normalised_access(theirs[key])
        ours = _normalised_ours(mine[key])
        pairs += [(mine[key].port, name, access[name], ours[name]) for name, _ in FIELDS]
    return pairs


def _normalised_access(row: Row) -> dict[str, str]:
    record = interface_record(row)
    values = {name: _words(getattr(record, name)) for name, _ in FIELDS}
    values["vlan"] = str(record.vlan_id or 0)
    values["learned_macs"] = ",".join(learned_macs(row.get("LearnedMACs")))
    values["auth_client_mac"] = record.auth_client_mac
    values["config"] = _config(record.config)
    return values


def _normalised_ours(row: StoredInterface) -> dict[str, str]:
    values = {name: _words(getattr(row, name)) for name, _ in FIELDS}
    values["vlan"] = str(row.vlan_id or 0)
    values["learned_macs"] = ",".join(sorted({mac_dotted(mac) for mac in row.learned_macs}))
    values["auth_client_mac"] = mac_dotted(row.auth_client_mac) if row.auth_client_mac else ""
    values["config"] = _config(row.config)
    return values


def _config(text: str) -> str:
    lines = [line.strip() for line in config_text(text).splitlines()]
    if lines and lines[0].lower().startswith("interface "):
        lines = lines[1:]
    return "\n".join(lines)


def _words(value: Any) -> str:
    return " ".join(("" if value is None else str(value)).split())


def _site_lines(site: SiteComparison) -> list[str]:
    lines = []
    for hostname in site.access_only:
        rows = site.hosts[hostname][0]
        lines.append(f"{site.site}: host {hostname} only in Access ({rows} rows)")
    for hostname in site.ours_only:
        lines.append(f"{site.site}: host {hostname} only in our store")
    for hostname, (access, ours) in sorted(site.hosts.items()):
        if access != ours and hostname not in site.access_only + site.ours_only:
            lines.append(f"{site.site}: host {hostname}: {access} Access rows, {ours} ours")
    for diff in site.differences:
        where = f"{diff.hostname} {diff.port}".strip()
        lines.append(
            f"{site.site}: {where}: {diff.field}: Access {diff.access!r}, ours {diff.ours!r}"
        )
    if site.difference_count > len(site.differences):
        lines.append(f"{site.site}: … {site.difference_count - len(site.differences)} more")
    return lines
