"""The shared store snapshot: every site's host history and port signatures in one file.

Written atomically at the end of every run (``SharedCacheSnapshot-<ts>.json``
plus a ``-latest`` copy and a ``-summary.json``) and imported by every worker
process when it starts, so a warm run diffs without reading the stores.

File layout: one JSON header line, then the JSON payload.  The header carries the
format version, the SHA-256 and length of the payload, the data directory it
describes and, per site, the identity and generation of the store it reflects.
A snapshot that is missing, corrupt, truncated, of another version, taken from
another data directory, or stale for a site (its store changed since) is
rejected for that scope with a reason; callers then read the store instead.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import orjson

from statetrace.store.base import HostState, StoreIdentity

FORMAT = "statetrace-shared-cache"
FORMAT_VERSION = 2
FOLDER = "SharedCacheSnapshot"
PREFIX = "SharedCacheSnapshot-"
LATEST_NAME = f"{PREFIX}latest.json"
#: Timestamped snapshots kept per folder (older ones are deleted on write).
KEEP = 5


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
    hosts: dict[str, HostState] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        """Ports over all hosts."""
        return sum(len(state.ports) for state in self.hosts.values())


@dataclass(slots=True)
class Snapshot:
    """All sites of one data directory."""

    data_dir: str
    created_at: str
    sites: dict[str, SiteSnapshot] = field(default_factory=dict)

    def summary(self) -> list[dict[str, object]]:
        """``[{Site, Hosts, TotalRows, CachedAt}]`` as the PowerShell summary file has it."""
        return [
            {
                "Site": site,
                "Hosts": len(entry.hosts),
                "TotalRows": entry.total_rows,
                "CachedAt": self.created_at,
                "StoreId": entry.store.store_id,
                "Generation": entry.store.generation,
            }
            for site, entry in sorted(self.sites.items())
        ]


def snapshot_dir(logs_dir: Path) -> Path:
    """Folder of the snapshots under a logs root."""
    return Path(logs_dir) / FOLDER


def latest_snapshot_path(folder: Path) -> Path:
    """Path of the ``-latest`` copy in a snapshot folder."""
    return Path(folder) / LATEST_NAME


def encode(snapshot: Snapshot) -> bytes:
    """Header line + payload bytes of ``snapshot``."""
    payload = orjson.dumps(
        {
            site: {
                "Store": _identity_dict(entry.store),
                "Hosts": {
                    host: [
                        s.slice_hash,
                        s.parser_version,
                        s.device_signature,
                        s.content_hash,
                        s.ports,
                    ]
                    for host, s in entry.hosts.items()
                },
            }
            for site, entry in snapshot.sites.items()
        }
    )
    header = {
        "Format": FORMAT,
        "FormatVersion": FORMAT_VERSION,
        "CreatedAt": snapshot.created_at,
        "DataDir": snapshot.data_dir,
        "PayloadBytes": len(payload),
        "PayloadSha256": hashlib.sha256(payload).hexdigest(),
        "Sites": snapshot.summary(),
    }
    return orjson.dumps(header) + b"\n" + payload


def decode(data: bytes, path: Path) -> Snapshot:
    """Parse and verify snapshot bytes; raise :class:`SnapshotError` with the reason."""
    header_line, _, payload = data.partition(b"\n")
    try:
        header = orjson.loads(header_line)
    except orjson.JSONDecodeError as error:
        raise SnapshotError(path, "Corrupt", f"header is not JSON ({error})") from None
    if not isinstance(header, dict) or header.get("Format") != FORMAT:
        raise SnapshotError(path, "Corrupt", "not a StateTrace shared-cache snapshot")
    if header.get("FormatVersion") != FORMAT_VERSION:
        found = header.get("FormatVersion")
        raise SnapshotError(path, "WrongVersion", f"format {found}, expected {FORMAT_VERSION}")
    if len(payload) != header.get("PayloadBytes"):
        detail = f"{len(payload)} of {header.get('PayloadBytes')} payload bytes"
        raise SnapshotError(path, "Truncated", detail)
    if hashlib.sha256(payload).hexdigest() != header.get("PayloadSha256"):
        raise SnapshotError(path, "Corrupt", "payload checksum mismatch")
    sites = {
        site: SiteSnapshot(
            store=StoreIdentity(**entry["Store"]),
            hosts={
                host: HostState(host, slice_hash, version, ports, device_signature, content)
                for host, (slice_hash, version, device_signature, content, ports) in entry[
                    "Hosts"
                ].items()
            },
        )
        for site, entry in orjson.loads(payload).items()
    }
    return Snapshot(data_dir=header["DataDir"], created_at=header["CreatedAt"], sites=sites)


def load_snapshot(path: Path, data_dir: Path) -> Snapshot:
    """Read ``path`` and check it describes ``data_dir``."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SnapshotError(path, "Missing", "no snapshot file") from None
    snapshot = decode(data, path)
    if snapshot.data_dir != str(Path(data_dir).resolve()):
        raise SnapshotError(
            path, "ForeignDataDirectory", f"taken from {snapshot.data_dir}, not {data_dir}"
        )
    return snapshot


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


def write_snapshot(snapshot: Snapshot, folder: Path) -> Path:
    """Write the snapshot, its ``-latest`` copy and the summary into ``folder``, atomically."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    data = encode(snapshot)
    path = folder / f"{PREFIX}{stamp}.json"
    _atomic_write(path, data)
    _atomic_write(folder / LATEST_NAME, data)
    _atomic_write(
        folder / f"{PREFIX}{stamp}-summary.json",
        orjson.dumps(snapshot.summary(), option=orjson.OPT_INDENT_2),
    )
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    """Keep the newest :data:`KEEP` timestamped snapshots (and their summaries)."""
    stamped = sorted(
        path for path in folder.glob(f"{PREFIX}2*.json") if not path.stem.endswith("-summary")
    )
    for old in stamped[:-KEEP]:
        old.unlink(missing_ok=True)
        old.with_name(f"{old.stem}-summary.json").unlink(missing_ok=True)


def new_snapshot(data_dir: Path) -> Snapshot:
    """An empty snapshot of ``data_dir`` stamped now."""
    return Snapshot(
        data_dir=str(Path(data_dir).resolve()), created_at=datetime.now(UTC).isoformat()
    )


def _identity_dict(identity: StoreIdentity) -> dict[str, object]:
    return {
        "backend": identity.backend,
        "location": identity.location,
        "store_id": identity.store_id,
        "generation": identity.generation,
    }


def _atomic_write(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
