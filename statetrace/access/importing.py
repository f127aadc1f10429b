"""``import access``: Access databases into any store, one transaction per host.

Idempotent: a host's slice and content hash is the SHA-256 of its Access rows, so
importing the same file again finds every host unchanged and writes nothing.  A
host whose stored data is newer than the file's RunDate is left alone (reported);
a host whose transaction fails rolls back alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from statetrace import PARSER_VERSION
from statetrace.access.files import SUFFIXES, load_databases, refusals
from statetrace.access.mapping import AccessHost, access_hosts
from statetrace.access.reader import AccessDatabase
from statetrace.engine.run import new_run_id
from statetrace.progress import ProgressCounter, ProgressListener
from statetrace.sites import SiteRules
from statetrace.store import open_store
from statetrace.store.base import (
    HISTORY_COLUMNS,
    HostChange,
    HostState,
    RunRecord,
    SiteStore,
    StoreError,
)
from statetrace.tables import format_table

IMPORTED, UNCHANGED, NEWER, FAILED = "imported", "unchanged", "store-newer", "failed"
#: A host also found in a file with a later RunDate (that one is imported).
SUPERSEDED = "superseded"
#: ``source_lines`` of an imported host: which PowerShell run its rows come from.
RUN_DATE_PREFIX = "RunDate "


@dataclass(slots=True)
class HostImport:
    """What importing one host did."""

    file: str
    site: str
    hostname: str
    outcome: str
    #: Rows written (interface rows inserted, updated, deleted), history rows written
    #: (interface, device and spanning-tree history) and spanning-tree instances written.
    rows: int = 0
    history_rows: int = 0
    spanning_tree_rows: int = 0
    #: The host's Interfaces rows, history rows and SpanInfo rows in the file.
    access_rows: int = 0
    access_history_rows: int = 0
    access_spanning_tree_rows: int = 0
    reason: str = ""


@dataclass(slots=True)
class ImportSummary:
    """Every host's outcome, and the files (or folders) that could not be used."""

    store: str
    hosts: list[HostImport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file was read and no host failed."""
        return not self.problems and all(host.outcome != FAILED for host in self.hosts)

    def totals(self) -> dict[str, int]:
        """Hosts per outcome; rows and history rows written; Access rows (and history
        rows) of the hosts imported, skipped (unchanged or store newer) and failed."""
        counts: dict[str, int] = {}
        for outcome in (IMPORTED, UNCHANGED, NEWER, SUPERSEDED, FAILED):
            key = outcome.replace("-", "_")
            counts[key] = sum(1 for host in self.hosts if host.outcome == outcome)
        counts["rows_written"] = sum(host.rows for host in self.hosts)
        counts["history_rows_written"] = sum(host.history_rows for host in self.hosts)
        counts["spanning_tree_rows_written"] = sum(h.spanning_tree_rows for h in self.hosts)
        for label, outcomes in (
            ("imported", {IMPORTED}),
            ("skipped", {UNCHANGED, NEWER, SUPERSEDED}),
            ("failed", {FAILED}),
        ):
            chosen = [host for host in self.hosts if host.outcome in outcomes]
            counts[f"access_rows_{label}"] = sum(host.access_rows for host in chosen)
            counts[f"access_history_rows_{label}"] = sum(h.access_history_rows for h in chosen)
        counts["files_failed"] = len(self.problems)
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return {
            "store": self.store,
            "totals": self.totals(),
            "hosts": [asdict(host) for host in self.hosts],
            "problems": self.problems,
        }

    def format_table(self) -> str:
        """A host table, the totals line and one line per problem."""
        rows = [
            {
                "Site": host.site,
                "Host": host.hostname,
                "Outcome": host.outcome,
                "Rows": host.rows,
                "History": host.history_rows,
                "Spanning tree": host.spanning_tree_rows,
                "Reason": host.reason,
            }
            for host in self.hosts
        ]
        totals = ", ".join(f"{key} {value}" for key, value in self.totals().items())
        lines = [
            format_table(
                rows, ["Site", "Host", "Outcome", "Rows", "History", "Spanning tree", "Reason"]
            )
        ]
        lines.append(f"{self.store}: {totals}")
        lines += self.problems
        return "\n".join(lines)


def import_access(
    paths: Iterable[Path],
    store_url: str,
    *,
    site: str | None = None,
    rules: SiteRules | None = None,
    lock_timeout: float | None = None,
    on_notice: Callable[[str], None] = lambda line: None,
    on_progress: ProgressListener | None = None,
) -> ImportSummary:
    """Import every Access database under ``paths`` into the store at ``store_url``.

    ``site`` puts every host in that site; ``rules`` (the ingest's ``--site-regex`` /
    ``--site-map``) take each host's site from its hostname; without either the
    ``<SITE>/<SITE>.accdb`` folder decides (:func:`statetrace.access.mapping.site_for`).

    Raises StoreConfigError when the store cannot be used at all; everything else
    (unusable files, failing hosts) is reported in the summary.  ``on_progress`` is
    told the hosts done (task ``import``) after each site.
    """
    databases, problems = load_databases(paths)
    summary = import_databases(
        databases,
        store_url,
        site=site,
        rules=rules,
        lock_timeout=lock_timeout,
        on_notice=on_notice,
        on_progress=on_progress,
    )
    summary.problems[:0] = problems
    return summary


def import_databases(
    databases: Iterable[AccessDatabase],
    store_url: str,
    *,
    site: str | None = None,
    rules: SiteRules | None = None,
    lock_timeout: float | None = None,
    on_notice: Callable[[str], None] = lambda line: None,
    on_progress: ProgressListener | None = None,
) -> ImportSummary:
    """Import databases already read (see :func:`import_access`)."""
    store = open_store(store_url)
    summary = ImportSummary(store.url.display)
    by_site: dict[str, list[tuple[AccessHost, Path]]] = {}
    for database in databases:
        refused = refusals(database)
        if refused:
            summary.problems += refused
            continue
        for host in access_hosts(database, site=site, rules=rules):
            by_site.setdefault(host.site, []).append((host, database.path))
    run = RunRecord(new_run_id(), datetime.now(UTC).isoformat(), PARSER_VERSION)
    try:
        with store.lock_sites(by_site, timeout=lock_timeout, on_wait=on_notice):
            progress = ProgressCounter("import", sum(map(len, by_site.values())), on_progress)
            for name in sorted(by_site):
                before = progress.done
                summary.hosts += _import_site(store.open_site, name, by_site[name], run, progress)
                progress.advance(len(by_site[name]) - (progress.done - before))
    except StoreError as error:
        summary.problems.append(str(error))
    finally:
        store.close()
    return summary


def _import_site(
    open_site: Callable[..., SiteStore],
    site: str,
    hosts: list[tuple[AccessHost, Path]],
    run: RunRecord,
    progress: ProgressCounter,
) -> list[HostImport]:
    """Import one site's hosts; the run is recorded only in a store that is written.
    ``progress`` advances after each host written (the caller counts the others).

    A store error before any host was written fails every host of the site; one
    while recording the run's end is named on every host written (they are committed).
    """
    hosts, superseded = _newest_per_host(hosts)
    try:
        store = open_site(site, create=True)
    except StoreError as error:
        return [*_failed(hosts, str(error)), *superseded]
    try:
        try:
            planned = _plan_site(store, hosts)
            writes = [(outcome, change) for outcome, change in planned if change is not None]
            if writes:
                store.begin_run(run)
        except StoreError as error:
            return [*_failed(hosts, str(error)), *superseded]
        for outcome, change in writes:
            _apply(store, outcome, change, run)
            progress.advance()
        if writes:
            try:
                store.finish_run(run, _site_totals([outcome for outcome, _ in writes]))
            except StoreError as error:
                for outcome, _ in writes:
                    outcome.reason = f"written; recording the run failed: {error}"
        return [*(outcome for outcome, _ in planned), *superseded]
    finally:
        store.close()


def _plan_site(
    store: SiteStore, hosts: list[tuple[AccessHost, Path]]
) -> list[tuple[HostImport, HostChange | None]]:
    """Each host's outcome and change, from one read of the site state (and, only when
    some stored host changed, one read of when the stored data is from)."""
    states = store.load_site_state()
    stored_times: dict[str, str] | None = None
    planned = []
    for host, path in hosts:
        state = states.get(host.hostname)
        if state is not None and stored_times is None and not _unchanged(host, state):
            stored_times = _stored_times(store)
        planned.append(_plan_host(host, path, state, stored_times or {}))
    return planned


def _newest_per_host(
    hosts: list[tuple[AccessHost, Path]],
) -> tuple[list[tuple[AccessHost, Path]], list[HostImport]]:
    """One entry per hostname, the latest RunDate winning; the others as skipped."""
    newest: dict[str, tuple[AccessHost, Path]] = {}
    for host, path in hosts:
        kept = newest.get(host.hostname)
        if kept is None or host.run_date > kept[0].run_date:
            newest[host.hostname] = (host, path)
    superseded = [
        _outcome(host, path, SUPERSEDED, f"{newest[host.hostname][1]} is newer")
        for host, path in hosts
        if newest[host.hostname][0] is not host
    ]
    return list(newest.values()), superseded


def _failed(hosts: list[tuple[AccessHost, Path]], reason: str) -> list[HostImport]:
    return [_outcome(host, path, FAILED, reason) for host, path in hosts]


def _outcome(host: AccessHost, path: Path, outcome: str, reason: str = "") -> HostImport:
    return HostImport(
        str(path),
        host.site,
        host.hostname,
        outcome,
        access_rows=host.rows_in_file,
        access_history_rows=host.history_in_file,
        access_spanning_tree_rows=host.spanning_tree_in_file,
        reason=reason,
    )


def _site_totals(outcomes: list[HostImport]) -> dict[str, int]:
    """What the run wrote to one site, as recorded in its run row."""
    return {
        "imported": sum(1 for outcome in outcomes if outcome.outcome == IMPORTED),
        "rows": sum(outcome.rows for outcome in outcomes),
        "history_rows": sum(outcome.history_rows for outcome in outcomes),
    }


def _plan_host(
    host: AccessHost, path: Path, state: HostState | None, stored_times: dict[str, str]
) -> tuple[HostImport, HostChange | None]:
    """The host's outcome, and the change to apply when it is to be imported."""
    outcome = _outcome(host, path, IMPORTED)
    if host.problem or host.device is None:
        outcome.outcome, outcome.reason = FAILED, host.problem
        return outcome, None
    if state is not None and _unchanged(host, state):
        outcome.outcome, outcome.reason = UNCHANGED, "same Access rows as stored"
        return outcome, None
    stored_at = stored_times.get(host.hostname, "")
    if state is not None and (not host.run_date or stored_at > host.run_date):
        outcome.outcome = NEWER
        outcome.reason = f"stored data of {stored_at} is newer than RunDate {host.run_date}"
        return outcome, None
    return outcome, _change(host, path, state, stored_at)


def _apply(store: SiteStore, outcome: HostImport, change: HostChange, run: RunRecord) -> None:
    """One host's transaction; a failure marks the host failed (it rolled back alone)."""
    try:
        result = store.apply(change, run)
    except StoreError as error:
        outcome.outcome, outcome.reason = FAILED, str(error)
        return
    outcome.rows = result.inserted + result.updated + result.deleted
    outcome.history_rows = len(change.history) + len(change.spanning_tree_history)
    outcome.spanning_tree_rows = len(change.spanning_tree or ())


def _change(host: AccessHost, path: Path, state: HostState | None, stored_at: str) -> HostChange:
    """The host's rows that differ from the stored ones, and history after ``stored_at``."""
    assert host.device is not None
    known = state.ports if state is not None else {}
    upserts = [row for row in host.interfaces if known.get(row.port_key) != row.signature()]
    present = {row.port_key for row in host.interfaces}
    return HostChange(
        device=host.device,
        slice_hash=host.content_hash,
        slice_size=host.size,
        source_file=str(path),
        source_lines=f"{RUN_DATE_PREFIX}{host.run_date}",
        parser_version=PARSER_VERSION,
        content_hash=host.content_hash,
        upserts=upserts,
        deletes=sorted(key for key in known if key not in present),
        history=[row for row in host.history if row.at > stored_at],
        spanning_tree=host.spanning_tree,
        spanning_tree_history=[row for row in host.spanning_tree_history if row.at > stored_at],
    )


def _unchanged(host: AccessHost, state: HostState) -> bool:
    return bool(host.content_hash) and state.slice_hash == host.content_hash


def _stored_times(store: SiteStore) -> dict[str, str]:
    """When each stored host's data is from: an import's RunDate, else its ingest time
    (in this machine's local time, as the PowerShell RunDate is)."""
    times = {}
    for values in store.dump().history:
        row = dict(zip(HISTORY_COLUMNS, values, strict=True))
        lines, source = str(row["source_lines"]), str(row["source_file"])
        if source.lower().endswith(SUFFIXES) and lines.startswith(RUN_DATE_PREFIX):
            times[row["hostname"]] = lines[len(RUN_DATE_PREFIX) :]
        else:
            ingested = datetime.fromisoformat(str(row["ingested_at"]))
            times[row["hostname"]] = ingested.astimezone().replace(tzinfo=None).isoformat()
    return times
