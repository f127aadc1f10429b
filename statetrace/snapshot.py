"""The shared store snapshot: every site's host history and port signatures in one file.

Written atomically at the end of every run (``SharedCacheSnapshot-<ts>.json``
plus a ``-latest`` copy and a ``-summary.json``) and imported by every worker
process when it starts, so a warm run diffs without reading the stores.

File layout: one JSON header line, then the payload: one JSON line per host,
``[site, host, slice_hash, parser_version, device_signature, content_hash, ports]``.
The header carries the format version, the SHA-256 and length of the payload,
the data directory it describes and, per site, the identity and generation of
the store it reflects, with its host and row counts.  Because hosts are lines,
a snapshot is written as a stream: the writer never holds the payload in memory.
A snapshot that is missing, corrupt, truncated, of another version, taken from
another data directory, or stale for a site (its store changed since) is
rejected for that scope with a reason; callers then read the store instead.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections.abc import Container, Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import orjson

from statetrace.atomic import atomic_file
from statetrace.store.base import HostState, StoreIdentity

FORMAT = "statetrace-shared-cache"
FORMAT_VERSION = 3
FOLDER = "SharedCacheSnapshot"
PREFIX = "SharedCacheSnapshot-"
LATEST_NAME = f"{PREFIX}latest.json"
#: Timestamped snapshots kept per folder (older ones are deleted on write).
KEEP = 5
_COPY_CHUNK = 1 << 20


class SnapshotError(ValueError):
    """A snapshot cannot be used; ``reason`` is one of the documented reject reasons."""

    def __init__(self, path: Path, reason: str, detail: str) -> None:
        super().__init__(f"{path}: {reason}: {detail}")
        self.path = path
        self.reason = reason
        self.detail = detail


@dataclass(slots=True)
class SiteSnapshot:
    """One site: the store it was taken from and its hosts."""

    store: StoreIdentity
    hosts: MutableMapping[str, HostState] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        """Ports over all hosts."""
        return sum(len(state.ports) for state in self.hosts.values())


@dataclass(frozen=True, slots=True)
class SiteSummary:
    """One site's header entry: its store identity and how many hosts and rows it holds."""

    site: str
    store: StoreIdentity
    hosts: int
    rows: int

    def as_dict(self, created_at: str) -> dict[str, object]:
        """``{Site, Hosts, TotalRows, CachedAt, …}`` as the PowerShell summary file has it."""
        return {
            "Site": self.site,
            "Hosts": self.hosts,
            "TotalRows": self.rows,
            "CachedAt": created_at,
            "StoreId": self.store.store_id,
            "Generation": self.store.generation,
            "Backend": self.store.backend,
            "Location": self.store.location,
        }


@dataclass(slots=True)
class Snapshot:
    """All sites of one store; ``data_dir`` is the store's location (header ``DataDir``)."""

    data_dir: str
    created_at: str
    sites: dict[str, SiteSnapshot] = field(default_factory=dict)


def host_line(site: str, state: HostState) -> bytes:
    """One payload line: a host's state under its site."""
    return (
        orjson.dumps(
            [
                site,
                state.hostname,
                state.slice_hash,
                state.parser_version,
                state.device_signature,
                state.content_hash,
                state.ports,
            ]
        )
        + b"\n"
    )


def line_prefix(site: str) -> bytes:
    """The bytes every payload line of ``site`` starts with."""
    return b"[" + orjson.dumps(site) + b","


def snapshot_dir(logs_dir: Path) -> Path:
    """Folder of the snapshots under a logs root."""
    return Path(logs_dir) / FOLDER


def latest_snapshot_path(folder: Path, store_location: str | None = None) -> Path:
    """Path of the ``-latest`` copy in a snapshot folder, of one store or of any.

    Every snapshot is also copied to ``SharedCacheSnapshot-latest-<store tag>.json``,
    so stores sharing one logs folder do not replace each other's latest snapshot.
    """
    if store_location is None:
        return Path(folder) / LATEST_NAME
    return Path(folder) / f"{PREFIX}latest-{store_tag(store_location)}.json"


def store_tag(store_location: str) -> str:
    """A short, file-name-safe tag of a store location."""
    return hashlib.sha256(store_location.encode()).hexdigest()[:12]


def load_snapshot(
    path: Path,
    store_location: str | Path,
    sites: Container[str] | None = None,
    *,
    encoded: bool = False,
) -> Snapshot:
    """Read ``path`` and check it describes the store at ``store_location``.

    A ``Path`` names a SQLite data folder (its location is the resolved folder).
    The payload is streamed line by line while its length and checksum are
    verified, so neither the file's bytes nor a list of its lines is held; with
    ``sites``, only those sites' hosts are kept (every line is still verified).
    ``encoded`` keeps each host as its payload line, decoded when asked for
    (:class:`EncodedHosts`): a worker uses only the hosts it parses.
    """
    if isinstance(store_location, Path):
        store_location = str(store_location.resolve())
    try:
        with Path(path).open("rb") as handle:
            snapshot = _read(handle, Path(path), sites, encoded)
    except FileNotFoundError:
        raise SnapshotError(path, "Missing", "no snapshot file") from None
    if snapshot.data_dir != store_location:
        raise SnapshotError(
            path, "ForeignDataDirectory", f"taken from {snapshot.data_dir}, not {store_location}"
        )
    return snapshot


def _read(handle: BinaryIO, path: Path, wanted: Container[str] | None, encoded: bool) -> Snapshot:
    """Parse and verify a snapshot stream; raise :class:`SnapshotError` with the reason."""
    header = _header(handle.readline(), path)
    try:
        snapshot = _empty_snapshot(header, encoded)
    except (KeyError, TypeError, ValueError) as error:
        raise SnapshotError(path, "Corrupt", f"unexpected content ({error})") from None
    digest, size, problem = hashlib.sha256(), 0, ""
    for line in handle:
        digest.update(line)
        size += len(line)
        if not problem:
            problem = _add_host(snapshot, line, wanted, encoded)
    if size != header.get("PayloadBytes"):
        detail = f"{size} of {header.get('PayloadBytes')} payload bytes"
        raise SnapshotError(path, "Truncated", detail)
    if digest.hexdigest() != header.get("PayloadSha256"):
        raise SnapshotError(path, "Corrupt", "payload checksum mismatch")
    if problem:
        raise SnapshotError(path, "Corrupt", f"unexpected content ({problem})")
    return snapshot


def _header(line: bytes, path: Path) -> dict[str, object]:
    try:
        header = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        raise SnapshotError(path, "Corrupt", f"header is not JSON ({error})") from None
    if not isinstance(header, dict) or header.get("Format") != FORMAT:
        raise SnapshotError(path, "Corrupt", "not a StateTrace shared-cache snapshot")
    if header.get("FormatVersion") != FORMAT_VERSION:
        found = header.get("FormatVersion")
        raise SnapshotError(path, "WrongVersion", f"format {found}, expected {FORMAT_VERSION}")
    return header


def _empty_snapshot(header: dict[str, object], encoded: bool) -> Snapshot:
    sites = {
        entry["Site"]: SiteSnapshot(
            StoreIdentity(
                entry["Backend"], entry["Location"], entry["StoreId"], entry["Generation"]
            ),
            EncodedHosts() if encoded else {},
        )
        for entry in header["Sites"]  # type: ignore[attr-defined]
    }
    return Snapshot(
        data_dir=str(header["DataDir"]), created_at=str(header["CreatedAt"]), sites=sites
    )


def _add_host(snapshot: Snapshot, line: bytes, wanted: Container[str] | None, encoded: bool) -> str:
    """Add one payload line's host to ``snapshot``; what is wrong with it (empty: nothing)."""
    try:
        if encoded:
            site, host = line_keys(line)
            if wanted is None or site in wanted:
                hosts = snapshot.sites[site].hosts
                assert isinstance(hosts, EncodedHosts)
                hosts.add_line(host, line)
        else:
            site, state = host_state(line)
            if wanted is None or site in wanted:
                snapshot.sites[site].hosts[state.hostname] = state
    except (KeyError, TypeError, ValueError) as error:
        return str(error) or type(error).__name__
    return ""


def host_state(line: bytes) -> tuple[str, HostState]:
    """A payload line's site and host state."""
    site, host, slice_hash, version, device_signature, content, ports = orjson.loads(line)
    return site, HostState(host, slice_hash, version, ports, device_signature, content)


#: The site and host a payload line starts with, when neither holds an escape.
_KEYS = re.compile(rb'\["([^"\\]*)","([^"\\]*)",')


def line_keys(line: bytes) -> tuple[str, str]:
    """A payload line's site and host, without decoding the rest of it."""
    keys = _KEYS.match(line)
    if keys is not None:
        return keys.group(1).decode(), keys.group(2).decode()
    site, state = host_state(line)
    return site, state.hostname


class EncodedHosts(MutableMapping[str, HostState]):
    """A site's hosts kept as their payload lines and decoded when asked for.

    A worker asks only for the hosts it parses; holding lines instead of decoded
    states keeps its copy of a large snapshot about the size of the file.  A
    state stored here replaces the host's line.  A line that does not decode
    (its checksum matched, so only a faulty writer makes one) raises
    :class:`ValueError` naming the host.
    """

    def __init__(self) -> None:
        self._hosts: dict[str, bytes | HostState] = {}

    def add_line(self, host: str, line: bytes) -> None:
        """Keep ``host``'s payload line, to be decoded on first use."""
        self._hosts[host] = line

    def __getitem__(self, host: str) -> HostState:
        value = self._hosts[host]
        if isinstance(value, HostState):
            return value
        try:
            return host_state(value)[1]
        except (TypeError, ValueError) as error:
            raise ValueError(f"snapshot line of host {host} does not decode: {error}") from None

    def __setitem__(self, host: str, state: HostState) -> None:
        self._hosts[host] = state

    def __delitem__(self, host: str) -> None:
        del self._hosts[host]

    def __iter__(self) -> Iterator[str]:
        return iter(self._hosts)

    def __len__(self) -> int:
        return len(self._hosts)

    def __contains__(self, host: object) -> bool:
        return host in self._hosts


def stale_sites(snapshot: Snapshot, current: dict[str, StoreIdentity]) -> dict[str, str]:
    """Sites whose store is gone or changed since the snapshot, with the reason."""
    stale = {}
    for site, entry in snapshot.sites.items():
        now = current.get(site)
        if now is None:
            stale[site] = "store missing"
        elif now.store_id != entry.store.store_id:
            stale[site] = f"store {now.store_id} is not the snapshot's {entry.store.store_id}"
        elif now.generation != entry.store.generation:
            stale[site] = f"store generation {now.generation}, snapshot {entry.store.generation}"
    return stale


def write_snapshot(
    store_location: str,
    created_at: str,
    sites: list[SiteSummary],
    lines: Iterable[bytes],
    folder: Path,
) -> Path:
    """Write a snapshot from its header entries and payload lines, holding neither in memory.

    The payload is spooled to a temporary file while its checksum is computed; the
    snapshot, its ``-latest`` copy and the summary then each replace their file
    atomically.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{PREFIX}{stamp}.json"
    with tempfile.TemporaryFile(dir=folder) as payload:
        size, digest = _spool(lines, payload)
        header = {
            "Format": FORMAT,
            "FormatVersion": FORMAT_VERSION,
            "CreatedAt": created_at,
            "DataDir": store_location,
            "PayloadBytes": size,
            "PayloadSha256": digest,
            "Sites": [site.as_dict(created_at) for site in sites],
        }
        with atomic_file(path) as out:
            out.write(orjson.dumps(header) + b"\n")
            payload.seek(0)
            shutil.copyfileobj(payload, out, _COPY_CHUNK)
    for latest in (LATEST_NAME, latest_snapshot_path(folder, store_location).name):
        with path.open("rb") as source, atomic_file(folder / latest) as out:
            shutil.copyfileobj(source, out, _COPY_CHUNK)
    with atomic_file(folder / f"{PREFIX}{stamp}-summary.json") as out:
        out.write(orjson.dumps(header["Sites"], option=orjson.OPT_INDENT_2))
    _prune(folder)
    return path


def _spool(lines: Iterable[bytes], out: BinaryIO) -> tuple[int, str]:
    """Write ``lines`` to ``out``; return their total length and SHA-256."""
    digest = hashlib.sha256()
    size = 0
    for line in lines:
        out.write(line)
        digest.update(line)
        size += len(line)
    return size, digest.hexdigest()


def _prune(folder: Path) -> None:
    """Keep the newest :data:`KEEP` timestamped snapshots (and their summaries)."""
    stamped = sorted(
        path for path in folder.glob(f"{PREFIX}2*.json") if not path.stem.endswith("-summary")
    )
    for old in stamped[:-KEEP]:
        old.unlink(missing_ok=True)
        old.with_name(f"{old.stem}-summary.json").unlink(missing_ok=True)
