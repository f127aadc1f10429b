"""The concurrency profile of one ingestion run, chosen from the corpus and the machine.

The run has one coordinator process that schedules batches of hosts and owns one
writer per site store, and ``thread_ceiling`` parse worker processes that never
touch a store.  :func:`autoscale` derives every knob from a small cost model
(:class:`CostModel`) instead of a fixed formula; the reasoning is in the
docstrings below and in ``docs/runbook.md``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass

#: Profile keys in derivation order (later keys are derived from earlier ones).
PROFILE_KEYS: tuple[str, ...] = (
    "thread_ceiling",
    "jobs_per_thread",
    "max_workers_per_site",
    "max_active_sites",
    "max_consecutive_site_launches",
    "min_workers",
)


@dataclass(frozen=True)
class CorpusShape:
    """What the profile is chosen from: the corpus to ingest and the machine."""

    hosts: int
    sites: int
    bytes_per_host: float
    cpu_count: int
    backend: str = "sqlite"

    def __post_init__(self) -> None:
        for name in ("hosts", "sites"):
            if getattr(self, name) < 0:
                raise ValueError(f"CorpusShape.{name} must be >= 0, got {getattr(self, name)}")
        if self.bytes_per_host < 0:
            raise ValueError(f"CorpusShape.bytes_per_host must be >= 0, got {self.bytes_per_host}")
        if self.cpu_count < 1:
            raise ValueError(f"CorpusShape.cpu_count must be >= 1, got {self.cpu_count}")
        if self.hosts and not self.sites:
            raise ValueError(f"CorpusShape has {self.hosts} hosts but no site")


@dataclass(frozen=True)
class ConcurrencyProfile:
    """The knobs of one run; names follow the PowerShell telemetry.

    - ``thread_ceiling``: parse worker processes (``ThreadCeiling``).
    - ``max_workers_per_site``: batches of one site in flight at once.
    - ``max_active_sites``: sites with batches in flight at once.
    - ``max_consecutive_site_launches``: launches of one site in a row while a site
      that is not in flight waits for a slot.
    - ``jobs_per_thread``: hosts per task batch (a batch never spans sites).
    - ``min_workers``: worker processes started up front (``MinRunspaces``).

    Every value is an integer >= 1 and ``min_workers <= thread_ceiling``.
    """

    thread_ceiling: int
    max_workers_per_site: int
    max_active_sites: int
    max_consecutive_site_launches: int
    jobs_per_thread: int
    min_workers: int

    def __post_init__(self) -> None:
        for key, value in self.as_dict().items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{key} must be an integer >= 1, got {value!r}")
        if self.min_workers > self.thread_ceiling:
            raise ValueError(
                f"min_workers ({self.min_workers}) exceeds thread_ceiling ({self.thread_ceiling})"
            )

    def as_dict(self) -> dict[str, int]:
        """The profile as ``{key: value}``."""
        return asdict(self)


@dataclass(frozen=True)
class CostModel:
    """Rough costs the autoscale weighs against each other (calibrate with benchmarks/).

    - ``parse_bytes_per_second``: throughput of one worker on capture text (read,
      carve, detect, parse, diff): about 1.5 ms for an 18 KB host, i.e. 12 MB/s,
      measured with benchmarks/build_facts.py and benchmarks/test_concurrency_sweep.py.
    - ``pool_start_seconds``: fixed cost of parsing in a pool at all instead of in
      the coordinator (forking the workers, each importing the snapshot).  On the
      2-core machine the 501-host ``standard`` corpus took 1.47 s in-process and
      1.03-1.25 s with 2 workers (benchmarks/test_concurrency_sweep.py).
    - ``worker_start_seconds``: serial cost in the coordinator of each worker
      (process start, pipes, sending the setup).
    - ``batches_per_worker``: batches each worker should get so that the slowest
      worker finishes close to the others (the tail is at most one batch).
    - ``max_batch_hosts`` / ``max_batch_bytes``: the largest batch; bigger ones only
      delay the first results (and the coordinator's writes) and lengthen the tail.

    The sweep on ``standard`` measured batch sizes 1/4/16/64 at 1.37/1.22/1.07/1.03 s
    (about 0.7 ms per batch round trip, and larger batches let the coordinator write
    while the workers parse).
    """

    parse_bytes_per_second: float = 12_000_000.0
    pool_start_seconds: float = 0.15
    worker_start_seconds: float = 0.02
    batches_per_worker: int = 4
    max_batch_hosts: int = 64
    max_batch_bytes: float = 2_000_000.0

    def __post_init__(self) -> None:
        positive = ("parse_bytes_per_second", "worker_start_seconds", "max_batch_bytes")
        for name in positive:
            if not getattr(self, name) > 0:
                raise ValueError(f"CostModel.{name} must be > 0, got {getattr(self, name)}")
        if not self.pool_start_seconds >= 0:
            raise ValueError(
                f"CostModel.pool_start_seconds must be >= 0, got {self.pool_start_seconds}"
            )
        for name in ("batches_per_worker", "max_batch_hosts"):
            if getattr(self, name) < 1:
                raise ValueError(f"CostModel.{name} must be >= 1, got {getattr(self, name)}")


DEFAULT_COSTS = CostModel()


def autoscale(
    shape: CorpusShape,
    pinned: Mapping[str, int] | None = None,
    costs: CostModel = DEFAULT_COSTS,
) -> ConcurrencyProfile:
    """Choose the profile for ``shape``; keys in ``pinned`` are taken as given.

    Pinned values feed the derivation of the others (a pinned ``thread_ceiling`` of 1
    also yields one worker kept warm), so an override never leaves the rest of the
    profile sized for a different pool.

    The site limits follow from one writer per site store in the coordinator:

    - ``max_workers_per_site = thread_ceiling``: workers never touch a store, so
      several batches of one site do not contend; a lower cap would only idle
      workers once the other sites run dry (a single-site corpus needs them all).
    - ``max_active_sites = min(sites, thread_ceiling)``: never more sites in flight
      than workers, which bounds the open site writers and site caches.
    - ``max_consecutive_site_launches = thread_ceiling``: a site may fill the pool
      once before a site waiting for an active-site slot gets in.  With the two
      limits above it never binds (round-robin already interleaves the sites); it
      matters when ``max_active_sites`` is overridden below the site count.
    """
    chosen: dict[str, int] = dict(pinned or {})
    unknown = set(chosen) - set(PROFILE_KEYS)
    if unknown:
        raise ValueError(f"unknown profile key(s): {', '.join(sorted(unknown))}")
    rules = {
        "thread_ceiling": lambda: _thread_ceiling(shape, costs),
        "jobs_per_thread": lambda: _jobs_per_thread(shape, chosen["thread_ceiling"], costs),
        "max_workers_per_site": lambda: chosen["thread_ceiling"],
        "max_active_sites": lambda: max(1, min(shape.sites, chosen["thread_ceiling"])),
        "max_consecutive_site_launches": lambda: chosen["thread_ceiling"],
        "min_workers": lambda: _min_workers(shape, chosen),
    }
    for key in PROFILE_KEYS:
        if key not in chosen:
            chosen[key] = rules[key]()
    return ConcurrencyProfile(**chosen)


def _thread_ceiling(shape: CorpusShape, costs: CostModel) -> int:
    """Parse workers: never more than cores (parsing is CPU-bound) or hosts.

    With ``n`` workers the wall time is about ``pool + start * n + total / n``: the
    best ``n`` is ``sqrt(total / start)``.  A pool pays only when it saves more than
    it costs (``total - total / n > pool + start * n``); otherwise the answer is one
    worker, i.e. parse in the coordinator.  A tiny corpus therefore gets 1.  The
    store backend does not enter: every backend is written by one writer per site
    in the coordinator, never by the workers.
    """
    if shape.hosts == 0:
        return 1
    total = shape.hosts * shape.bytes_per_host / costs.parse_bytes_per_second
    best = math.floor(math.sqrt(total / costs.worker_start_seconds))
    workers = max(1, min(shape.cpu_count, shape.hosts, best))
    saving = total - total / workers
    return (
        workers if saving > costs.pool_start_seconds + costs.worker_start_seconds * workers else 1
    )


def _jobs_per_thread(shape: CorpusShape, threads: int, costs: CostModel) -> int:
    """Hosts per batch: as large as a short tail allows.

    Each worker should get ``batches_per_worker`` batches (the tail is at most one
    batch).  Larger batches measured faster (fewer round trips, and the coordinator
    writes while workers parse), so the batch is that large, capped at the average
    hosts per site (a batch never spans sites), ``max_batch_hosts`` hosts and
    ``max_batch_bytes`` of capture.
    """
    if shape.hosts == 0:
        return 1
    balance = shape.hosts // (threads * costs.batches_per_worker)
    per_site = math.ceil(shape.hosts / max(1, shape.sites))
    by_bytes = math.floor(costs.max_batch_bytes / max(1.0, shape.bytes_per_host))
    return max(1, min(balance, per_site, costs.max_batch_hosts, by_bytes))


def _min_workers(shape: CorpusShape, chosen: Mapping[str, int]) -> int:
    """Start every worker the run will use: starting one later costs the same and
    delays the batches queued for it.  Fewer only when there are fewer batches."""
    batches = max(1, math.ceil(shape.hosts / chosen["jobs_per_thread"]))
    return max(1, min(chosen["thread_ceiling"], batches))
