"""Fairness of the site-fair scheduler, checked against an independent model."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from threading import Lock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statetrace.concurrency import (
    ConcurrencyProfile,
    Job,
    Launch,
    SiteFairScheduler,
    available_cpus,
    corpus_shape,
    plan_dispatch,
)


def profile(**values: int) -> ConcurrencyProfile:
    base = {
        "thread_ceiling": 2,
        "max_workers_per_site": 2,
        "max_active_sites": 2,
        "max_consecutive_site_launches": 8,
        "jobs_per_thread": 1,
        "min_workers": 1,
    }
    return ConcurrencyProfile(**{**base, **values})


def corpus(**hosts_per_site: int) -> list[Job]:
    return [
        Job(site, f"{site}-{index:02d}", size=1_000 + index)
        for site, count in hosts_per_site.items()
        for index in range(count)
    ]


class Model:
    """What the test knows from the launches and completions alone."""

    def __init__(self, jobs: list[Job], prof: ConcurrencyProfile) -> None:
        self.profile = prof
        self.queued = Counter(job.site for job in jobs)
        self.in_flight: Counter[str] = Counter()
        self.last_site: str | None = None
        self.streak = 0
        self.last_launch: Counter[str] = Counter()
        self.launches = 0

    def legal(self, site: str) -> bool:
        p = self.profile
        if not self.queued[site] or sum(self.in_flight.values()) >= p.thread_ceiling:
            return False
        if self.in_flight[site] >= p.max_workers_per_site:
            return False
        active = sum(1 for count in self.in_flight.values() if count)
        if not self.in_flight[site] and active >= p.max_active_sites:
            return False
        waiting = [s for s in self.queued if s != site and self.queued[s] and not self.in_flight[s]]
        streak_hit = site == self.last_site and self.streak >= p.max_consecutive_site_launches
        return not (streak_hit and waiting)

    def launched(self, launch: Launch) -> None:
        assert self.legal(launch.site), f"illegal launch {launch}"
        overtaken = [
            site
            for site in self.queued
            if self.legal(site) and self.last_launch[site] < self.last_launch[launch.site]
        ]
        assert not overtaken, f"{launch.site} launched before longer-waiting {overtaken}"
        self.launches += 1
        self.last_launch[launch.site] = self.launches
        self.streak = self.streak + 1 if launch.site == self.last_site else 1
        self.last_site = launch.site
        self.queued[launch.site] -= len(launch.jobs)
        self.in_flight[launch.site] += 1

    def finished(self, launch: Launch) -> None:
        self.in_flight[launch.site] -= 1


profiles = st.builds(
    ConcurrencyProfile,
    thread_ceiling=st.integers(1, 4),
    max_workers_per_site=st.integers(1, 4),
    max_active_sites=st.integers(1, 4),
    max_consecutive_site_launches=st.integers(1, 4),
    jobs_per_thread=st.integers(1, 3),
    min_workers=st.just(1),
)
job_lists = st.lists(
    st.tuples(st.sampled_from("ABCDE"), st.integers(0, 10_000)), min_size=1, max_size=40
).map(lambda pairs: [Job(site, f"{site}-{i}", size) for i, (site, size) in enumerate(pairs)])


@settings(max_examples=150, deadline=None)
@given(jobs=job_lists, prof=profiles, data=st.data())
def test_every_launch_is_legal_and_no_worker_idles_needlessly(
    jobs: list[Job], prof: ConcurrencyProfile, data: st.DataObject
) -> None:
    scheduler = SiteFairScheduler(jobs, prof)
    model = Model(jobs, prof)
    open_batches: list[Launch] = []
    dispatched: list[Job] = []
    while not scheduler.finished:
        launch = scheduler.next_batch()
        if launch is None:
            assert not any(model.legal(site) for site in model.queued), "idle while legal"
            assert open_batches, "stalled with nothing in flight"
            index = data.draw(st.integers(0, len(open_batches) - 1), label="completes")
            finished = open_batches.pop(index)
            scheduler.done(finished)
            model.finished(finished)
            continue
        model.launched(launch)
        assert {job.site for job in launch.jobs} == {launch.site}
        assert 1 <= len(launch.jobs) <= prof.jobs_per_thread
        assert launch.active_workers == len(open_batches) + 1 <= prof.thread_ceiling
        assert launch.streak == model.streak
        open_batches.append(launch)
        dispatched.extend(launch.jobs)
    assert sorted(dispatched, key=id) == sorted(jobs, key=id)


@settings(max_examples=100, deadline=None)
@given(jobs=job_lists, prof=profiles)
def test_largest_hosts_of_a_site_go_first(jobs: list[Job], prof: ConcurrencyProfile) -> None:
    plan = plan_dispatch(jobs, prof)
    for site in {job.site for job in jobs}:
        sizes = [job.size for launch in plan if launch.site == site for job in launch.jobs]
        assert sizes == sorted(sizes, reverse=True)


def test_sites_are_served_round_robin_biggest_site_first() -> None:
    jobs = corpus(A=3, B=5, C=2)
    order = [launch.site for launch in plan_dispatch(jobs, profile(thread_ceiling=1))]
    assert order == ["B", "A", "C", "B", "A", "C", "B", "A", "B", "B"]


def test_streak_limit_lets_a_waiting_site_in() -> None:
    jobs = corpus(A=6, B=2)
    prof = profile(thread_ceiling=2, max_active_sites=1, max_consecutive_site_launches=2)
    plan = plan_dispatch(jobs, prof)
    order = "".join(launch.site for launch in plan)
    assert order == "AABBAAAA"
    assert max(launch.streak for launch in plan if launch.site == "A") == 4


def test_without_streak_pressure_a_single_site_keeps_all_workers() -> None:
    plan = plan_dispatch(
        corpus(A=6),
        profile(thread_ceiling=3, max_workers_per_site=3, max_consecutive_site_launches=1),
    )
    assert [launch.active_workers for launch in plan[:3]] == [1, 2, 3]
    assert [launch.streak for launch in plan] == [1, 2, 3, 4, 5, 6]


def test_active_site_cap_does_not_block_an_active_site() -> None:
    """Upstream 8.2#16: the first candidate hit the site cap and nothing launched."""
    prof = profile(thread_ceiling=3, max_workers_per_site=3, max_active_sites=1)
    scheduler = SiteFairScheduler(corpus(A=3, B=3), prof)
    first = scheduler.next_batch()
    assert first is not None
    second = scheduler.next_batch()
    assert second is not None
    assert (first.site, second.site) == ("A", "A")
    assert second.active_sites == 1


def test_per_site_cap_limits_batches_in_flight() -> None:
    prof = profile(thread_ceiling=4, max_workers_per_site=1, max_active_sites=4)
    scheduler = SiteFairScheduler(corpus(A=4), prof)
    first = scheduler.next_batch()
    assert first is not None
    assert scheduler.next_batch() is None
    scheduler.done(first)
    assert scheduler.next_batch() is not None


def test_batches_hold_jobs_per_thread_hosts_of_one_site() -> None:
    plan = plan_dispatch(corpus(A=5, B=2), profile(jobs_per_thread=2))
    assert [len(launch.jobs) for launch in plan] == [2, 2, 2, 1]
    assert plan[0].hosts == ("A-04", "A-03")
    assert (plan[0].queued_jobs, plan[0].queued_sites, plan[0].site_queue_length) == (5, 2, 3)


def test_done_rejects_a_batch_that_is_not_in_flight() -> None:
    scheduler = SiteFairScheduler(corpus(A=2), profile())
    launch = scheduler.next_batch()
    assert launch is not None
    scheduler.done(launch)
    with pytest.raises(ValueError, match="not in flight"):
        scheduler.done(launch)


def test_empty_corpus_is_finished_at_once() -> None:
    assert plan_dispatch([], profile()) == []
    assert SiteFairScheduler([], profile()).next_batch() is None


@settings(max_examples=100, deadline=None)
@given(jobs=job_lists, ceiling=st.integers(1, 4), batch=st.integers(1, 3))
def test_no_site_launches_twice_in_a_row_while_another_has_hosts(
    jobs: list[Job], ceiling: int, batch: int
) -> None:
    prof = profile(
        thread_ceiling=ceiling,
        max_workers_per_site=ceiling,
        max_active_sites=5,
        jobs_per_thread=batch,
    )
    plan = plan_dispatch(jobs, prof)
    for before, after in zip(plan, plan[1:], strict=False):
        if before.site == after.site:
            assert before.queued_sites == 1, f"{after.site} launched again while others queued"


def test_corpus_shape_of_jobs() -> None:
    shape = corpus_shape(corpus(A=3, B=1), cpu_count=2)
    assert (shape.hosts, shape.sites, shape.cpu_count) == (4, 2, 2)
    assert shape.bytes_per_host == (1_000 + 1_001 + 1_002 + 1_000) / 4
    assert corpus_shape([]).cpu_count == available_cpus() >= 1


def test_a_thread_pool_coordinator_runs_every_job_within_the_limits() -> None:
    prof = profile(thread_ceiling=3, max_workers_per_site=2, max_active_sites=2, jobs_per_thread=2)
    jobs = corpus(A=7, B=5, C=3)
    lock = Lock()
    running: Counter[str] = Counter()
    peaks = {"workers": 0, "site": 0}
    seen: list[str] = []

    def work(batch: tuple[Job, ...]) -> None:
        site = batch[0].site
        with lock:
            running[site] += 1
            peaks["workers"] = max(peaks["workers"], sum(running.values()))
            peaks["site"] = max(peaks["site"], running[site])
        seen.extend(job.host for job in batch)
        with lock:
            running[site] -= 1

    scheduler = SiteFairScheduler(jobs, prof)
    pending: dict[Future[None], Launch] = {}
    with ThreadPoolExecutor(max_workers=prof.thread_ceiling) as pool:
        while not scheduler.finished:
            while (launch := scheduler.next_batch()) is not None:
                pending[pool.submit(work, launch.jobs)] = launch
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                future.result()
                scheduler.done(pending.pop(future))
    assert sorted(seen) == sorted(job.host for job in jobs)
    assert peaks["workers"] <= 3
    assert peaks["site"] <= 2
