"""Site-fair dispatch of host batches to a pool of ``thread_ceiling`` workers.

Each site has a queue of its hosts, largest first (the big hosts start early, so
the tail of the run is short).  Sites are served round-robin: of the sites that
may launch, the one launched least recently goes first (never-launched sites in
order of their total bytes, largest first).  A batch is up to ``jobs_per_thread``
hosts of one site.  Launching a batch of site *s* is legal when:

1. fewer than ``thread_ceiling`` batches are in flight;
2. *s* has fewer than ``max_workers_per_site`` batches in flight;
3. *s* already has a batch in flight, or fewer than ``max_active_sites`` sites do;
4. *s* was not launched ``max_consecutive_site_launches`` times in a row while a
   site with queued hosts and nothing in flight waits.

:meth:`SiteFairScheduler.next_batch` returns a batch whenever some launch is
legal (the PowerShell selector returned nothing when the first candidate hit the
active-site cap, even if a site further down could launch).  When nothing is in
flight, rule 4 never blocks every site, so a run cannot stall.  Each call costs
``O(thread_ceiling + log sites)``.
"""

from __future__ import annotations

import heapq
import os
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from statetrace.concurrency.profile import ConcurrencyProfile, CorpusShape


@dataclass(frozen=True)
class Job:
    """One host to ingest: its site, its name, its slice size in bytes, the work."""

    site: str
    host: str
    size: int
    payload: object = None


@dataclass(frozen=True)
class Launch:
    """One dispatched batch and the scheduler's counts right after the launch."""

    sequence: int
    site: str
    jobs: tuple[Job, ...]
    active_workers: int
    active_sites: int
    queued_jobs: int
    queued_sites: int
    site_queue_length: int
    streak: int

    @property
    def hosts(self) -> tuple[str, ...]:
        """Host names of the batch, in launch order."""
        return tuple(job.host for job in self.jobs)


class SiteFairScheduler:
    """Hands out batches for a coordinator that keeps ``thread_ceiling`` workers busy.

    Call :meth:`next_batch` until it returns ``None``, submit each batch, and call
    :meth:`done` with a batch when its worker is finished (successful or not);
    stop when :attr:`finished` is true.
    """

    def __init__(self, jobs: Iterable[Job], profile: ConcurrencyProfile) -> None:
        self._profile = profile
        grouped: dict[str, list[Job]] = {}
        for job in jobs:
            grouped.setdefault(job.site, []).append(job)
        order = sorted(grouped, key=lambda site: (-sum(j.size for j in grouped[site]), site))
        self._queues = {
            site: deque(sorted(grouped[site], key=lambda j: (-j.size, j.host))) for site in order
        }
        self._rank = {site: index for index, site in enumerate(order)}
        self._last_tick = dict.fromkeys(order, -1)
        self._in_flight = dict.fromkeys(order, 0)
        self._active: dict[str, None] = {}
        self._waiting = [(-1, self._rank[site], site) for site in order]
        self._waiting_count = len(order)
        self._open: set[int] = set()
        self._queued_jobs = sum(len(queue) for queue in self._queues.values())
        self._queued_sites = len(order)
        self._last_site: str | None = None
        self._streak = 0
        self._sequence = 0

    @property
    def active_workers(self) -> int:
        """Batches in flight."""
        return len(self._open)

    @property
    def active_sites(self) -> int:
        """Sites with at least one batch in flight."""
        return len(self._active)

    @property
    def queued_jobs(self) -> int:
        """Hosts not yet launched."""
        return self._queued_jobs

    @property
    def queued_sites(self) -> int:
        """Sites with hosts not yet launched."""
        return self._queued_sites

    @property
    def finished(self) -> bool:
        """True when every host was launched and every batch is done."""
        return not self._open and not self._queued_jobs

    def can_launch(self, site: str) -> bool:
        """Whether a batch of ``site`` may be launched now (rules 1-4 above)."""
        profile = self._profile
        if not self._queues.get(site) or self.active_workers >= profile.thread_ceiling:
            return False
        in_flight = self._in_flight[site]
        if in_flight >= profile.max_workers_per_site:
            return False
        if not in_flight and self.active_sites >= profile.max_active_sites:
            return False
        return not self._streak_blocks(site)

    def next_batch(self) -> Launch | None:
        """The next batch to launch, or ``None`` when no launch is legal now."""
        if self.active_workers >= self._profile.thread_ceiling or not self._queued_jobs:
            return None
        candidates = [site for site in self._active if self.can_launch(site)]
        if self.active_sites < self._profile.max_active_sites:
            waiting = self._first_waiting()
            if waiting is not None:
                candidates.append(waiting)
        if not candidates:
            return None
        return self._launch(min(candidates, key=lambda site: self._priority(site)))

    def done(self, launch: Launch) -> None:
        """Mark ``launch`` as finished; its worker and site slot become free."""
        if launch.sequence not in self._open:
            raise ValueError(f"batch {launch.sequence} of site {launch.site} is not in flight")
        self._open.remove(launch.sequence)
        site = launch.site
        self._in_flight[site] -= 1
        if not self._in_flight[site]:
            del self._active[site]
            if self._queues[site]:
                self._mark_waiting(site)

    def _priority(self, site: str) -> tuple[int, int]:
        """Round-robin order: least recently launched first, then by rank."""
        return self._last_tick[site], self._rank[site]

    def _is_waiting(self, site: str) -> bool:
        return bool(self._queues[site]) and not self._in_flight[site]

    def _mark_waiting(self, site: str) -> None:
        heapq.heappush(self._waiting, (*self._priority(site), site))
        self._waiting_count += 1

    def _first_waiting(self) -> str | None:
        """The waiting site launched least recently.

        Rule 4 never holds it back: the streak belongs to the site launched last,
        which is the most recent of all and so never comes first while another waits.
        """
        heap = self._waiting
        while heap:
            tick, _, site = heap[0]
            if self._is_waiting(site) and tick == self._last_tick[site]:
                return site
            heapq.heappop(heap)
        return None

    def _streak_blocks(self, site: str) -> bool:
        """Rule 4: the streak limit holds ``site`` back while another site waits."""
        if site != self._last_site or self._streak < self._profile.max_consecutive_site_launches:
            return False
        others = self._waiting_count - (1 if self._is_waiting(site) else 0)
        return others > 0

    def _launch(self, site: str) -> Launch:
        queue = self._queues[site]
        if not self._in_flight[site]:
            self._waiting_count -= 1
            self._active[site] = None
        size = min(self._profile.jobs_per_thread, len(queue))
        jobs = tuple(queue.popleft() for _ in range(size))
        self._queued_jobs -= size
        self._queued_sites -= 0 if queue else 1
        self._streak = self._streak + 1 if site == self._last_site else 1
        self._last_site = site
        self._sequence += 1
        self._last_tick[site] = self._sequence
        self._open.add(self._sequence)
        self._in_flight[site] += 1
        return Launch(
            sequence=self._sequence,
            site=site,
            jobs=jobs,
            active_workers=self.active_workers,
            active_sites=self.active_sites,
            queued_jobs=self._queued_jobs,
            queued_sites=self._queued_sites,
            site_queue_length=len(queue),
            streak=self._streak,
        )


def plan_dispatch(jobs: Iterable[Job], profile: ConcurrencyProfile) -> list[Launch]:
    """The dispatch order, assuming batches complete in launch order.

    Used by ``statetrace ingest --plan``: launch while a launch is legal, then let
    the oldest batch in flight finish, until every host is launched.
    """
    scheduler = SiteFairScheduler(jobs, profile)
    plan: list[Launch] = []
    in_flight: deque[Launch] = deque()
    while not scheduler.finished:
        launch = scheduler.next_batch()
        if launch is None:
            scheduler.done(in_flight.popleft())
            continue
        plan.append(launch)
        in_flight.append(launch)
    return plan


def available_cpus() -> int:
    """CPUs this process may run on (the affinity mask, where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def corpus_shape(
    jobs: Iterable[Job], cpu_count: int | None = None, backend: str = "sqlite"
) -> CorpusShape:
    """The shape of the hosts to ingest, on this machine unless ``cpu_count`` is given."""
    jobs = list(jobs)
    total = sum(job.size for job in jobs)
    return CorpusShape(
        hosts=len(jobs),
        sites=len({job.site for job in jobs}),
        bytes_per_host=total / len(jobs) if jobs else 0.0,
        cpu_count=available_cpus() if cpu_count is None else cpu_count,
        backend=backend,
    )
