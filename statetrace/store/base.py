"""The store interface: a :class:`Store` chosen by URL hands out one :class:`SiteStore` per site.

A site store never decides what changed: the engine diffs parsed
rows against cached signatures and hands the store a :class:`HostChange`, which
the store applies in one transaction (or not at all).  Each store has exactly one
writer at a time (the engine's site writer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import orjson

from statetrace.model import InterfaceRecord, row_signature
from statetrace.ports import port_sort_key
from statetrace.store.errors import StoreConfigError as StoreConfigError
from statetrace.store.errors import StoreError as StoreError
from statetrace.store.url import StoreURL


@dataclass(frozen=True, slots=True)
class StoreIdentity:
    """Which store, and which state of it, a cache or snapshot was taken from.

    ``store_id`` is a random id created with the store (a re-created database
    gets a different one (a byte copy keeps it)); ``generation`` increases with every committed
    host transaction.
    """

    backend: str
    location: str
    store_id: str
    generation: int


@dataclass(frozen=True, slots=True)
class HostState:
    """What the store knows of one host: enough to skip it or diff it without reading rows.

    ``ports`` maps canonical port key → row signature; ``device_signature`` is
    :meth:`DeviceInfo.signature` of the stored device row; ``content_hash`` hashes
    the show blocks that interface rows are parsed from (everything but
    ``show version``), so a capture whose only changes are volatile (clock, uptime)
    needs no interface parsing.
    """

    hostname: str
    slice_hash: str
    parser_version: int
    ports: dict[str, str]
    device_signature: str = ""
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """The device row of a host."""

    hostname: str
    site: str
    platform: str
    model: str = ""
    version: str = ""
    serial: str = ""
    uptime: str = ""

    def signature(self) -> str:
        """Hash of the fields whose change must be written (uptime is volatile: excluded)."""
        return row_signature((self.site, self.platform, self.model, self.version, self.serial))


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One ingestion run, as recorded in every store it touched."""

    run_id: str
    started_at: str
    parser_version: int


class ChangeRow(NamedTuple):
    """One change-history row, in ``CHANGE_COLUMNS`` order (``interface_changes``).

    ``port`` is the port as shown (``""`` for the device itself); ``change`` is
    ``insert``, ``update`` or ``delete``; ``field`` names the changed field of an update.
    """

    run_id: str
    at: str
    hostname: str
    port: str
    change: str
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None


class SpanningTreeRow(NamedTuple):
    """One spanning-tree instance of a host (a VLAN or MST instance), as the PowerShell
    StateTrace's ``SpanInfo`` holds it: the root bridge, the root port and the role of
    the first port listed (``upstream``)."""

    vlan: str
    root_switch: str = ""
    root_port: str = ""
    role: str = ""
    upstream: str = ""


class SpanningTreeChange(NamedTuple):
    """One spanning-tree history row (``spanning_tree_changes``), as :class:`ChangeRow`
    but keyed by instance: ``insert``, ``update`` (one per changed field) or ``delete``
    (``old_value`` = the instance's fields as a JSON object)."""

    run_id: str
    at: str
    hostname: str
    vlan: str
    change: str
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None


@dataclass(slots=True)
class HostChange:
    """Everything one host's transaction writes.

    ``upserts`` are rows new or changed (by signature); ``deletes`` are canonical
    port keys of stored rows that are gone.  The store reads the previous values of
    exactly those ports inside the transaction to record the change history.
    Ingestion history (slice hash, size, source, parser version) is written in the
    same transaction.  ``history`` holds change-history rows recorded elsewhere
    (an Access import's DeviceHistory/InterfaceHistory) that are appended, as given
    and before the change's own history, in the same transaction.
    """

    device: DeviceInfo
    slice_hash: str
    slice_size: int
    source_file: str
    source_lines: str
    parser_version: int
    content_hash: str = ""
    upserts: list[InterfaceRecord] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    #: Port key → signature of the upserts, when the caller already computed them.
    signatures: dict[str, str] = field(default_factory=dict)
    #: Imported change history (``ChangeRow``s of this host), written as given.
    history: list[ChangeRow] = field(default_factory=list)
    #: The host's spanning-tree instances, replacing the stored ones; ``None`` leaves
    #: them as they are (ingest does not read ``show spanning-tree``).
    spanning_tree: list[SpanningTreeRow] | None = None
    #: Imported spanning-tree history of this host, written as given.
    spanning_tree_history: list[SpanningTreeChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """True when there is no row to write."""
        return (
            not self.upserts
            and not self.deletes
            and not self.history
            and self.spanning_tree is None
            and not self.spanning_tree_history
        )


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one committed host transaction did, with its timings in milliseconds."""

    inserted: int
    updated: int
    deleted: int
    latency_ms: float
    commit_ms: float
    summary_ms: float
    generation: int


@dataclass(frozen=True, slots=True)
class StoredInterface:
    """One stored interface row, as ``statetrace show`` prints it."""

    hostname: str
    port: str
    port_key: str
    name: str
    status: str
    vlan: str
    vlan_id: int | None
    duplex: str
    speed: str
    type: str
    learned_macs: tuple[str, ...]
    auth_mode: str
    auth_state: str
    auth_client_mac: str
    config: str
    signature: str
    updated_run: str


@dataclass(frozen=True, slots=True)
class StoredSpanningTree:
    """One stored spanning-tree instance of a host."""

    hostname: str
    vlan: str
    root_switch: str
    root_port: str
    role: str
    upstream: str
    updated_run: str


@dataclass(frozen=True, slots=True)
class StoredRun:
    """One row of a site's run history: a run that touched the store.

    ``finished_at`` is ``None`` for a run that never finished (interrupted).
    """

    run_id: str
    started_at: str
    finished_at: str | None
    parser_version: int


@dataclass(frozen=True, slots=True)
class StoredChange:
    """One change row as stored, with its place in the recording order (see docs/store.md,
    "Change history"); :class:`ChangeRow` is the same row as written by an import.

    ``seq`` orders the rows of one site store as they were recorded; ``change`` is
    ``insert`` (``field``/``old_value``/``new_value`` ``None``), ``update`` (one row
    per changed ``field``, old and new value as text, ``learned_macs`` comma-joined)
    or ``delete`` (``old_value`` = the deleted row's fields as a JSON object).
    """

    seq: int
    run_id: str
    at: str
    hostname: str
    port: str
    change: str
    field: str | None
    old_value: str | None
    new_value: str | None


#: Column order of every table a site dump carries (the same on every backend).
DEVICE_COLUMNS = (
    "hostname", "site", "platform", "model", "version", "serial", "uptime",
    "updated_run", "updated_at",
)  # fmt: skip
INTERFACE_COLUMNS = (
    "hostname", "port_key", *InterfaceRecord._fields, "vlan_id", "signature",
    "updated_run", "updated_at",
)  # fmt: skip
CHANGE_COLUMNS = (
    "run_id", "at", "hostname", "port", "change", "field", "old_value", "new_value",
)  # fmt: skip
HISTORY_COLUMNS = (
    "hostname", "slice_hash", "slice_size", "source_file", "source_lines", "parser_version",
    "content_hash", "run_id", "ingested_at",
)  # fmt: skip
RUN_COLUMNS = ("run_id", "started_at", "finished_at", "parser_version", "totals")
SPANNING_TREE_COLUMNS = ("hostname", *SpanningTreeRow._fields, "updated_run", "updated_at")
SPANNING_TREE_CHANGE_COLUMNS = SpanningTreeChange._fields


#: ``(table, columns, order)`` of every table a :class:`SiteDump` carries, in its field order.
DUMP_TABLES = (
    ("devices", DEVICE_COLUMNS, "hostname"),
    ("interfaces", INTERFACE_COLUMNS, "hostname, port_key"),
    ("interface_changes", CHANGE_COLUMNS, "id"),
    ("ingest_history", HISTORY_COLUMNS, "hostname"),
    ("ingest_runs", RUN_COLUMNS, "run_id"),
    ("spanning_tree", SPANNING_TREE_COLUMNS, "hostname, vlan"),
    ("spanning_tree_changes", SPANNING_TREE_CHANGE_COLUMNS, "id"),
)
#: The tables holding a site's rows, children first (the order to delete them in).
SITE_TABLES = (
    "spanning_tree_changes",
    "spanning_tree",
    "interface_changes",
    "interfaces",
    "devices",
    "ingest_history",
    "ingest_runs",
)


def host_states(
    history: Iterable[Sequence[Any]],
    devices: dict[str, str],
    ports: dict[str, dict[str, str]],
) -> dict[str, HostState]:
    """Every host's state from ``(hostname, slice_hash, parser_version, content_hash)``
    history rows, device signatures and port signatures (hosts without history get
    ``slice_hash=""``, ``parser_version=0``)."""
    known = {row[0]: (row[1], int(row[2]), row[3]) for row in history}
    states = {}
    for host in known.keys() | devices.keys() | ports.keys():
        slice_hash, version, content = known.get(host, ("", 0, ""))
        states[host] = HostState(
            host, slice_hash, version, ports.get(host, {}), devices.get(host, ""), content
        )
    return states


@dataclass(slots=True)
class SiteDump:
    """Everything one site store holds, as plain rows in the ``*_COLUMNS`` orders.

    ``changes`` are in the order they were recorded.  Used to copy a site between
    backends (``statetrace store migrate``); row ids and the store id are not copied.
    """

    site: str
    devices: list[tuple[Any, ...]] = field(default_factory=list)
    interfaces: list[tuple[Any, ...]] = field(default_factory=list)
    changes: list[tuple[Any, ...]] = field(default_factory=list)
    history: list[tuple[Any, ...]] = field(default_factory=list)
    runs: list[tuple[Any, ...]] = field(default_factory=list)
    spanning_tree: list[tuple[Any, ...]] = field(default_factory=list)
    spanning_tree_changes: list[tuple[Any, ...]] = field(default_factory=list)

    def tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        """``(table, columns, rows)`` of every table, in :data:`DUMP_TABLES` order."""
        rows = (
            self.devices,
            self.interfaces,
            self.changes,
            self.history,
            self.runs,
            self.spanning_tree,
            self.spanning_tree_changes,
        )
        return [
            (table, columns, table_rows)
            for (table, columns, _), table_rows in zip(DUMP_TABLES, rows, strict=True)
        ]


@dataclass(frozen=True, slots=True)
class SiteCounts:
    """Row counts of one site store."""

    devices: int
    interfaces: int
    changes: int
    history: int
    runs: int
    spanning_tree: int = 0
    spanning_tree_changes: int = 0


#: The tables ``counts()`` counts, in :class:`SiteCounts` field order.
COUNTED_TABLES = (
    "devices",
    "interfaces",
    "interface_changes",
    "ingest_history",
    "ingest_runs",
    "spanning_tree",
    "spanning_tree_changes",
)


@dataclass(slots=True)
class Repair:
    """What repairing a site did, and the captures that re-ingest its affected hosts."""

    actions: list[str] = field(default_factory=list)
    #: Source files (from the ingest history) of hosts whose rows must be read again.
    captures: list[str] = field(default_factory=list)


class SiteStore(Protocol):
    """One site's inventory, with exactly one writer at a time."""

    site: str

    def identity(self) -> StoreIdentity:
        """Backend, location, store id and current generation (one cheap query)."""
        ...

    def load_site_state(self) -> dict[str, HostState]:
        """Every host's history and port signatures, with one query per table."""
        ...

    def begin_run(self, run: RunRecord) -> None:
        """Record that ``run`` touches this store."""
        ...

    def apply(self, change: HostChange, run: RunRecord) -> WriteResult:
        """Apply one host's change in one transaction; raise StoreError after rollback."""
        ...

    def apply_many(
        self, changes: Sequence[HostChange], run: RunRecord
    ) -> list[WriteResult | StoreError]:
        """Apply hosts' changes in order, each alone or rolled back alone; a result each."""
        ...

    def finish_run(self, run: RunRecord, summary: dict[str, int]) -> None:
        """Record the run's per-site totals."""
        ...

    def devices(self) -> list[DeviceInfo]:
        """Every device of the site, sorted by hostname."""
        ...

    def interfaces(self, hostname: str) -> list[StoredInterface]:
        """A host's interfaces in natural port order."""
        ...

    def counts(self) -> SiteCounts:
        """How many rows each table holds."""
        ...

    def dump(self) -> SiteDump:
        """Every row of the site (for migration)."""
        ...

    def restore(self, dump: SiteDump) -> None:
        """Replace the site's content with ``dump`` in one transaction."""
        ...

    def problems(self) -> list[str]:
        """Integrity problems found (empty when the store is sound)."""
        ...

    def repair(self) -> Repair:
        """Recreate what is missing and forget ingest history without data, in one transaction.

        The hosts whose history is dropped are parsed again by the next ingest of the
        returned captures; no inventory row is deleted.
        """
        ...

    def runs(self) -> list[StoredRun]:
        """Every run recorded in the store, oldest first (by ``started_at``, then ``run_id``)."""
        ...

    def changes(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        hostname: str | None = None,
        field: str | None = None,
    ) -> list[StoredChange]:
        """Change rows with ``since < at <= until`` (ISO-8601 UTC, each bound optional), in
        recording order (``seq`` ascending).

        ``hostname`` keeps one host's rows; ``field`` keeps ``update`` rows of that field
        only.  Bounds compare as text in the stored format
        (``2026-11-27T09:21:07.123456+00:00``).
        """
        ...

    def find_interfaces(
        self, *, mac_prefix: str | None = None, text: str | None = None
    ) -> list[StoredInterface]:
        """Current ports matching exactly one of the two criteria, sorted by hostname and
        natural port order.

        ``mac_prefix`` (1–12 lower-case hex digits, no separators) matches ports one of
        whose ``learned_macs`` or whose ``auth_client_mac``, with separators removed and
        lower-cased, starts with it; it must be an indexed lookup (SQLite:
        ``interface_macs``, schema version 5), never a scan of ``interfaces``.  ``text``
        matches ports whose ``name`` (description) or ``config`` contains it, ignoring
        ASCII case (a scan is fine).
        """
        ...

    def iter_interfaces(self) -> Iterator[StoredInterface]:
        """Every stored port of the site, by hostname then natural port order, streamed:
        memory bounded by the largest host, not the site."""
        ...

    def prune_changes(self, before: str) -> int:
        """Delete every change row with ``at < before`` in one transaction and return how
        many; current rows, devices, ingest history and runs are never touched."""
        ...

    def spanning_tree(self, hostname: str | None = None) -> list[StoredSpanningTree]:
        """The stored spanning-tree instances of one host (every host when ``None``),
        sorted by hostname and instance."""
        ...

    def spanning_tree_changes(self, hostname: str | None = None) -> list[SpanningTreeChange]:
        """The spanning-tree history of one host (every host when ``None``), in
        recording order."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


class Store(Protocol):
    """An inventory chosen by URL: the sites it holds and how to open and lock them."""

    url: StoreURL
    #: Canonical, credential-free name of the store, recorded in snapshots.
    location: str

    def sites(self) -> list[str]:
        """Sites that have data, sorted."""
        ...

    def open_site(self, site: str, *, create: bool = False) -> SiteStore:
        """The store of ``site``; StoreError when it is missing and ``create`` is false."""
        ...

    def lock_sites(
        self, sites: Iterable[str], *, timeout: float | None, on_wait: Callable[[str], None]
    ) -> AbstractContextManager[None]:
        """Hold the write lock of ``sites`` for the block (one writer per site).

        ``on_wait`` gets one line saying which site is waited for and who holds it;
        StoreError after ``timeout`` seconds (``None``: wait as long as it takes).
        """
        ...

    def drop(self) -> None:
        """Delete every site (scratch stores of warm runs and tests)."""
        ...

    def discard_site(self, site: str) -> str:
        """Put a damaged site out of the way so it can be rebuilt; say where it went."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


def stored_interface(row: Sequence[Any]) -> StoredInterface:
    """A StoredInterface from a row in ``INTERFACE_COLUMNS`` order (without ``updated_at``)."""
    host, key, port, name, status, vlan, duplex, speed, kind, macs, *rest = row
    auth_mode, auth_state, auth_client_mac, config, vlan_id, signature, updated_run = rest
    return StoredInterface(
        hostname=host,
        port=port,
        port_key=key,
        name=name,
        status=status,
        vlan=vlan,
        vlan_id=vlan_id,
        duplex=duplex,
        speed=speed,
        type=kind,
        learned_macs=tuple(macs.split(",")) if macs else (),
        auth_mode=auth_mode,
        auth_state=auth_state,
        auth_client_mac=auth_client_mac,
        config=config,
        signature=signature,
        updated_run=updated_run,
    )


def sorted_interfaces(rows: Iterable[Sequence[Any]]) -> list[StoredInterface]:
    """Stored rows as StoredInterfaces in natural port order."""
    return sorted((stored_interface(row) for row in rows), key=lambda r: port_sort_key(r.port_key))


def interfaces_by_host(rows: Iterable[Sequence[Any]]) -> Iterator[StoredInterface]:
    """Rows ordered by hostname as StoredInterfaces, each host in natural port order;
    one host's rows are held at a time."""
    host: list[Sequence[Any]] = []
    for row in rows:
        if host and row[0] != host[0][0]:
            yield from sorted_interfaces(host)
            host = []
        host.append(row)
    yield from sorted_interfaces(host)


def change_filters(
    mark: str,
    *,
    since: str | None,
    until: str | None,
    hostname: str | None,
    field: str | None,
    change_column: str = "change",
    bytewise: str = "",
) -> tuple[list[str], list[str]]:
    """``WHERE`` terms and their parameters for :meth:`SiteStore.changes`: ``since < at
    <= until`` (``bytewise`` is appended to ``at`` where text must compare as bytes),
    one host, one updated field; ``mark`` is the backend's parameter marker."""
    terms, params = [], []
    for term, value in (
        (f"at{bytewise} > {mark}", since),
        (f"at{bytewise} <= {mark}", until),
        (f"hostname = {mark}", hostname),
        (f"{change_column} = 'update' AND field = {mark}", field),
    ):
        if value is not None:
            terms.append(term)
            params.append(value)
    return terms, params


def apply_each(
    store: SiteStore, changes: Sequence[HostChange], run: RunRecord
) -> list[WriteResult | StoreError]:
    """``apply_many`` as one transaction per host (for backends without batches)."""
    results: list[WriteResult | StoreError] = []
    for change in changes:
        try:
            results.append(store.apply(change, run))
        except StoreError as error:
            results.append(error)
    return results


def delete_history_value(values: Iterable[str]) -> str:
    """A deleted row's field values as the JSON object its ``delete`` history row keeps."""
    return orjson.dumps(dict(zip(InterfaceRecord._fields, values, strict=True))).decode()


#: ``(table, table it needs a row in, what a row without one is)`` for ``problems()``.
ORPHANS = (
    ("interfaces", "devices", "interface rows of hosts without a device row"),
    ("ingest_history", "devices", "ingest history rows of hosts without a device row"),
    (
        "devices",
        "ingest_history",
        "device rows without ingest history (the next ingest of their captures records it)",
    ),
    ("spanning_tree", "devices", "spanning-tree rows of hosts without a device row"),
)


def orphan_queries(table: Callable[[str], str], site_mark: str | None) -> list[tuple[str, str]]:
    """``(count query, what)`` per :data:`ORPHANS` entry.

    ``table`` maps a logical table to its name; ``site_mark`` is the parameter
    marker of the site on site-keyed backends (``None``: one store per site).
    """
    site = f"a.site = {site_mark} AND " if site_mark else ""
    same = " AND b.site = a.site" if site_mark else ""
    return [
        (
            f"SELECT count(*) FROM {table(child)} a WHERE {site}NOT EXISTS"
            f" (SELECT 1 FROM {table(parent)} b WHERE b.hostname = a.hostname{same})",
            what,
        )
        for child, parent, what in ORPHANS
    ]


#: Ingest history of hosts without a device row: their captures, then the delete.
ORPHAN_HISTORY = (
    "SELECT a.source_file FROM {history} a WHERE {site}NOT EXISTS"
    " (SELECT 1 FROM {devices} b WHERE b.hostname = a.hostname{same})",
    "DELETE FROM {history} WHERE {site_plain}hostname NOT IN"
    " (SELECT hostname FROM {devices} b WHERE TRUE{same_plain})",
)


def orphan_history_queries(table: Callable[[str], str], site_mark: str | None) -> tuple[str, str]:
    """The :data:`ORPHAN_HISTORY` statements for a backend (see :func:`orphan_queries`)."""
    select, delete = ORPHAN_HISTORY
    names = {
        "history": table("ingest_history"),
        "devices": table("devices"),
        "site": f"a.site = {site_mark} AND " if site_mark else "",
        "same": " AND b.site = a.site" if site_mark else "",
        "site_plain": f"site = {site_mark} AND " if site_mark else "",
        "same_plain": f" AND b.site = {site_mark}" if site_mark else "",
    }
    return select.format(**names), delete.format(**names)


def port_macs(learned_macs: str, auth_client_mac: str) -> set[str]:
    """The MACs a port is indexed under: its learned and auth client MACs, lower-case
    hex without ``.``/``:``/``-`` (as ``schema.mac_rows`` computes them in SQLite)."""
    values = f"{learned_macs},{auth_client_mac}".split(",")
    return {value.lower().translate(_MAC_SEPARATORS) for value in values if value}


_MAC_SEPARATORS = str.maketrans("", "", ".:-")


def iter_chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
