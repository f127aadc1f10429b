"""Autoscale: single-site, many-site and tiny corpora; invariants for any shape."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statetrace.concurrency import ConcurrencyProfile, CorpusShape, CostModel, autoscale

MB = 1_000_000


def test_tiny_corpus_gets_one_worker() -> None:
    profile = autoscale(CorpusShape(hosts=3, sites=1, bytes_per_host=20_000, cpu_count=8))
    assert profile.thread_ceiling == 1
    assert profile.min_workers == 1


def test_a_pool_is_used_only_when_it_pays_for_its_start() -> None:
    """Anchors measured on the 2-core machine: 2.1 MB was faster in-process, 10.6 MB
    faster with two workers."""
    small = CorpusShape(hosts=120, sites=3, bytes_per_host=17_861, cpu_count=2)
    medium = CorpusShape(hosts=600, sites=10, bytes_per_host=17_675, cpu_count=2)
    assert autoscale(small).thread_ceiling == 1
    assert autoscale(medium).thread_ceiling == 2
    free_pool = CostModel(pool_start_seconds=0.0)
    assert autoscale(small, costs=free_pool).thread_ceiling == 2


def test_empty_corpus_is_a_valid_sequential_profile() -> None:
    profile = autoscale(CorpusShape(hosts=0, sites=0, bytes_per_host=0, cpu_count=4))
    assert profile == ConcurrencyProfile(1, 1, 1, 1, 1, 1)


def test_large_single_site_uses_every_core_on_that_site() -> None:
    shape = CorpusShape(hosts=2_000, sites=1, bytes_per_host=0.1 * MB, cpu_count=8)
    profile = autoscale(shape)
    assert profile.thread_ceiling == 8
    assert profile.max_workers_per_site == 8
    assert profile.max_active_sites == 1
    assert profile.min_workers == 8


def test_many_sites_cap_active_sites_at_the_pool_size() -> None:
    shape = CorpusShape(hosts=2_000, sites=50, bytes_per_host=0.1 * MB, cpu_count=4)
    profile = autoscale(shape)
    assert profile.thread_ceiling == 4
    assert profile.max_active_sites == 4
    assert profile.max_workers_per_site == 4


def test_few_sites_cap_active_sites_at_the_site_count() -> None:
    shape = CorpusShape(hosts=2_000, sites=3, bytes_per_host=0.1 * MB, cpu_count=8)
    assert autoscale(shape).max_active_sites == 3


def test_workers_never_exceed_hosts() -> None:
    shape = CorpusShape(hosts=3, sites=3, bytes_per_host=50 * MB, cpu_count=16)
    assert autoscale(shape).thread_ceiling == 3


def test_large_hosts_get_smaller_batches() -> None:
    small = CorpusShape(hosts=10_000, sites=1, bytes_per_host=2_000, cpu_count=2)
    large = CorpusShape(hosts=10_000, sites=1, bytes_per_host=500_000, cpu_count=2)
    assert autoscale(small).jobs_per_thread == CostModel().max_batch_hosts
    assert autoscale(large).jobs_per_thread == 4  # 2 MB of capture per batch


def test_batches_leave_several_per_worker_for_a_short_tail() -> None:
    shape = CorpusShape(hosts=40, sites=1, bytes_per_host=1_000, cpu_count=2)
    costs = CostModel(pool_start_seconds=0.0, worker_start_seconds=0.0001)
    profile = autoscale(shape, costs=costs)
    assert profile.thread_ceiling == 2
    assert 40 / profile.jobs_per_thread >= 2 * CostModel().batches_per_worker


def test_batch_never_exceeds_the_average_site() -> None:
    shape = CorpusShape(hosts=100, sites=50, bytes_per_host=500, cpu_count=1)
    assert autoscale(shape).jobs_per_thread <= 2


def test_pinned_values_drive_the_derived_ones() -> None:
    shape = CorpusShape(hosts=2_000, sites=10, bytes_per_host=0.1 * MB, cpu_count=8)
    profile = autoscale(shape, {"thread_ceiling": 2})
    assert profile.thread_ceiling == 2
    assert profile.max_workers_per_site == 2
    assert profile.max_active_sites == 2
    assert profile.min_workers == 2


def test_pinning_an_unknown_key_fails() -> None:
    with pytest.raises(ValueError, match="unknown profile key"):
        autoscale(CorpusShape(1, 1, 1, 1), {"threads": 2})


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hosts": -1}, "hosts"),
        ({"cpu_count": 0}, "cpu_count"),
        ({"bytes_per_host": -5.0}, "bytes_per_host"),
        ({"sites": 0}, "no site"),
    ],
)
def test_corpus_shape_rejects_impossible_values(fields: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"hosts": 4, "sites": 1, "bytes_per_host": 10.0, "cpu_count": 2}
    with pytest.raises(ValueError, match=message):
        CorpusShape(**{**base, **fields})  # type: ignore[arg-type]


def test_profile_rejects_zero_bool_and_min_above_ceiling() -> None:
    with pytest.raises(ValueError, match="jobs_per_thread"):
        ConcurrencyProfile(2, 2, 2, 2, 0, 1)
    with pytest.raises(ValueError, match="max_active_sites"):
        ConcurrencyProfile(2, 2, True, 2, 1, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="min_workers"):
        ConcurrencyProfile(2, 2, 2, 2, 1, 3)


shapes = st.builds(
    CorpusShape,
    hosts=st.integers(1, 50_000),
    sites=st.integers(1, 500),
    bytes_per_host=st.floats(0, 5 * MB),
    cpu_count=st.integers(1, 64),
).filter(lambda shape: shape.sites <= shape.hosts)


@given(shapes)
def test_any_shape_gets_a_bounded_profile(shape: CorpusShape) -> None:
    profile = autoscale(shape)
    assert 1 <= profile.thread_ceiling <= min(shape.cpu_count, shape.hosts)
    assert 1 <= profile.min_workers <= profile.thread_ceiling
    assert profile.max_active_sites <= max(1, min(shape.sites, profile.thread_ceiling))
    assert profile.jobs_per_thread <= shape.hosts


@given(shapes)
def test_more_cores_never_mean_fewer_workers(shape: CorpusShape) -> None:
    doubled = CorpusShape(shape.hosts, shape.sites, shape.bytes_per_host, shape.cpu_count * 2)
    assert autoscale(doubled).thread_ceiling >= autoscale(shape).thread_ceiling


@pytest.mark.parametrize(
    "fields",
    [
        {"worker_start_seconds": 0.0},
        {"parse_bytes_per_second": -1.0},
        {"pool_start_seconds": -0.1},
        {"batches_per_worker": 0},
    ],
)
def test_cost_model_rejects_values_that_break_the_arithmetic(fields: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(fields))):
        CostModel(**fields)  # type: ignore[arg-type]
