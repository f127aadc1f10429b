"""What a parse worker does with one host: read, parse, diff against its site cache.

Workers run in a process pool.  Each process keeps one :class:`WorkerContext`
(its site cache) for its whole life, set up by :func:`init_worker`; the pool
initializer pattern needs that one process-local variable.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import MutableMapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from statetrace import PARSER_VERSION
from statetrace.capture import CaptureError, carve_blocks, detect_vendor, read_slice
from statetrace.engine.content import content_hash
from statetrace.engine.diff import diff_rows, unchanged_diff
from statetrace.engine.jobs import HostJob, HostOutcome, WorkerSetup
from statetrace.engine.site_cache import ExistingRows, SiteCache
from statetrace.parsers import ParseError, build_facts
from statetrace.platforms import get_platform
from statetrace.snapshot import SnapshotError, load_snapshot
from statetrace.store.base import DeviceInfo, HostChange, HostState
from statetrace.telemetry.events import InterfaceSiteCacheSharedStoreState
from statetrace.telemetry.writer import TelemetryWriter


@dataclass
class WorkerContext:
    """Per-process state of one run: its setup and the site cache serving existing rows."""

    setup: WorkerSetup
    cache: SiteCache

    @classmethod
    def start(cls, setup: WorkerSetup) -> WorkerContext:
        """Import the shared snapshot (trusted sites only) and report it in telemetry."""
        shared: dict[str, MutableMapping[str, HostState]] = {}
        reason = "no snapshot"
        if setup.snapshot_path is not None and setup.trusted_sites:
            try:
                snapshot = load_snapshot(
                    setup.snapshot_path, setup.store_location, setup.trusted_sites, encoded=True
                )
                shared = {
                    site: entry.hosts
                    for site, entry in snapshot.sites.items()
                    if site in setup.trusted_sites
                }
            except SnapshotError as error:
                reason = str(error)
        elif setup.snapshot_path is not None:
            reason = "no site of the snapshot is valid"
        with TelemetryWriter(setup.logs_dir, run_id=setup.run_id) as telemetry:
            telemetry.emit(
                InterfaceSiteCacheSharedStoreState(
                    Operation="SnapshotImported" if shared else "InitNewStore",
                    EntryCount=len(shared),
                    HostCount=sum(len(hosts) for hosts in shared.values()),
                    ProcessId=os.getpid(),
                    SnapshotPath=str(setup.snapshot_path or ""),
                    Reason="" if shared else reason,
                )
            )
        cache = SiteCache(shared, update_after_write=setup.update_cache_after_write)
        return cls(setup, cache)

    def ingest(self, job: HostJob) -> HostOutcome:
        """Parse one host and diff it; errors become a failed outcome, never an exception."""
        started = time.perf_counter()
        outcome = HostOutcome(
            job=job,
            hostname=job.slice.host,
            started_at=datetime.now(UTC).isoformat(),
            process_id=os.getpid(),
        )
        try:
            _parse_and_diff(self.cache, job, outcome, self.setup.use_history)
        except Exception as error:  # a bug must fail only this host, with its reason
            outcome.error_stage = outcome.error_stage or "worker"
            outcome.error = f"{job.slice.source}: {type(error).__name__}: {error}"
        outcome.hydrations = self.cache.take_hydrations()
        outcome.worker_ms = (time.perf_counter() - started) * 1000
        return outcome


def _parse_and_diff(
    cache: SiteCache, job: HostJob, outcome: HostOutcome, use_history: bool
) -> None:
    piece = job.slice
    try:
        capture = read_slice(piece)
    except (CaptureError, OSError) as error:
        outcome.error_stage, outcome.error_line = "read", piece.line_start
        outcome.error = str(error)
        return
    outcome.invalid_bytes = capture.invalid_bytes
    blocks = carve_blocks(capture.text, capture.first_line)
    guess = detect_vendor(capture.text, blocks)
    if guess.platform is None:
        outcome.error_stage = "detect"
        outcome.error = f"{piece.source}:{piece.line_start}: unknown vendor: {guess.reason}"
        outcome.error_line = piece.line_start
        return
    outcome.platform = guess.platform
    parsed_here = get_platform(guess.platform).parsers  # other platforms' commands are not read
    texts = {name: block.text for name, block in blocks.items() if name in parsed_here}
    existing = cache.existing(job.site, piece.host, job.handed)
    previous = cache.state(job.site, piece.host, job.handed)
    content = content_hash(guess.platform, texts)
    if use_history and previous is not None and _same_content(previous, content):
        _unchanged(outcome, existing, previous, piece.sha256)
        return
    try:
        parse_started = time.perf_counter()
        facts = build_facts(guess.platform, texts, piece.host)
    except ParseError as error:
        block = blocks.get(error.command)
        line = block.line + error.line - 1 if block and error.line else piece.line_start
        outcome.error_stage, outcome.error_line = "parse", line
        outcome.error = f"{piece.source}:{line}: {error.command}: {error.message}"
        return
    outcome.parse_ms = (time.perf_counter() - parse_started) * 1000
    outcome.warnings = list(facts.warnings)
    outcome.control_chars_removed = facts.control_chars_removed
    if piece.hostname_mismatch:
        outcome.warnings.append(
            f"config says hostname {piece.hostname_mismatch!r}, prompt says {piece.host!r}"
        )
    device = _device(job, guess.platform, facts.model, facts.version, facts.serial, facts.uptime)
    diff = diff_rows(facts.interfaces, existing.ports)
    outcome.existing, outcome.diff = existing, diff
    new_state = HostState(
        hostname=piece.host,
        slice_hash=piece.sha256,
        parser_version=PARSER_VERSION,
        ports=diff.signatures,
        device_signature=device.signature(),
        content_hash=content,
    )
    outcome.new_state = new_state
    device_changed = previous is None or previous.device_signature != new_state.device_signature
    recorded = previous is not None and bool(previous.slice_hash)
    if diff.is_empty and not device_changed and recorded:
        return
    outcome.change = HostChange(
        device=device,
        slice_hash=piece.sha256,
        slice_size=piece.size,
        source_file=str(piece.source),
        source_lines=f"{piece.line_start}-{piece.line_end}",
        parser_version=PARSER_VERSION,
        content_hash=content,
        upserts=diff.upserts,
        deletes=diff.deletes,
        signatures=diff.signatures,
    )
    cache.remember(job.site, new_state)


def _same_content(previous: HostState, content: str) -> bool:
    """True when no block changed but for its volatile parts, under the same parser."""
    return previous.content_hash == content and previous.parser_version == PARSER_VERSION


def _unchanged(
    outcome: HostOutcome, existing: ExistingRows, previous: HostState, slice_hash: str
) -> None:
    """Record a host whose rows cannot have changed: compared by content hash alone."""
    outcome.existing = existing
    outcome.diff = unchanged_diff(previous.ports)
    outcome.content_unchanged = True
    outcome.new_state = replace(previous, slice_hash=slice_hash)


def _device(
    job: HostJob, platform: str, model: str, version: str, serial: str, uptime: str
) -> DeviceInfo:
    return DeviceInfo(
        hostname=job.slice.host,
        site=job.site,
        platform=platform,
        model=model,
        version=version,
        serial=serial,
        uptime=uptime,
    )


_context: WorkerContext | None = None


def init_worker() -> None:
    """Pool initializer: leave Ctrl-C and SIGTERM to the coordinator.

    A forked worker inherits the coordinator's handlers; the coordinator alone
    reacts to them (and shuts the pool down).  It also inherits the streams the
    coordinator's progress bars may have replaced (their console and its lock,
    which another thread may have held at the fork): a worker writes to the real ones.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__


def ingest_batch(jobs: list[HostJob], setup: WorkerSetup) -> list[HostOutcome]:
    """Pool task: ingest a batch of hosts of one site in this worker process.

    The first batch of a run starts the process's context (importing the snapshot),
    so the same pool can index the captures before the run knows its setup.
    """
    global _context
    if _context is None or _context.setup != setup:
        _context = WorkerContext.start(setup)
    return [_context.ingest(job) for job in jobs]
