"""Precedence flag > env > settings > autoscale, provenance, and invalid values."""

from __future__ import annotations

from pathlib import Path

import pytest

from statetrace.concurrency import (
    PROFILE_KEYS,
    CorpusShape,
    autoscale,
    concurrency_settings,
    load_settings,
    resolve_for_data_dir,
    resolve_profile,
    settings_path,
)

SHAPE = CorpusShape(hosts=2_000, sites=10, bytes_per_host=100_000, cpu_count=8)
NO_FLAGS: dict[str, int | None] = {}


def test_no_overrides_is_the_autoscaled_profile() -> None:
    resolved = resolve_profile(SHAPE, NO_FLAGS, {}, {})
    assert resolved.profile == resolved.autoscaled == autoscale(SHAPE)
    assert set(resolved.sources.values()) == {"autoscale"}
    assert resolved.manual_overrides == ()


@pytest.mark.parametrize("key", PROFILE_KEYS)
def test_each_level_wins_over_the_ones_below(key: str) -> None:
    env_name = "STATETRACE_" + key.upper()
    settings = {key: 1}
    env = {env_name: "2"}
    flags: dict[str, int | None] = {key: 3}
    thread_pin = {} if key in ("thread_ceiling", "min_workers") else {"thread_ceiling": 4}
    cases = [
        (NO_FLAGS, {}, settings, 1, "settings"),
        (NO_FLAGS, env, settings, 2, "env"),
        (flags, env, settings, 3, "flag"),
    ]
    for flag_values, env_values, settings_values, expected, source in cases:
        if key == "min_workers":
            flag_values = {**flag_values, "thread_ceiling": 4}
        resolved = resolve_profile(
            SHAPE, flag_values, env_values, {**settings_values, **thread_pin}
        )
        value = resolved.value(key)
        assert (value.resolved, value.requested, value.source) == (expected, expected, source)
        assert value.autoscaled == getattr(autoscale(SHAPE), key)
        assert key in resolved.manual_overrides


def test_a_flag_of_none_falls_through_to_env() -> None:
    resolved = resolve_profile(
        SHAPE, {"thread_ceiling": None}, {"STATETRACE_THREAD_CEILING": "2"}, {}
    )
    assert resolved.value("thread_ceiling").source == "env"


def test_an_empty_env_variable_counts_as_unset() -> None:
    resolved = resolve_profile(SHAPE, NO_FLAGS, {"STATETRACE_THREAD_CEILING": "  "}, {})
    assert resolved.value("thread_ceiling").source == "autoscale"


def test_unset_keys_are_derived_from_the_overridden_ones() -> None:
    resolved = resolve_profile(SHAPE, {"thread_ceiling": 2}, {}, {})
    assert resolved.profile.max_workers_per_site == 2
    assert resolved.value("max_workers_per_site").source == "autoscale"
    assert resolved.autoscaled.max_workers_per_site == 8


def test_disabled_autoscale_starts_from_the_sequential_run() -> None:
    resolved = resolve_profile(SHAPE, NO_FLAGS, {}, {}, disable_autoscale=True)
    assert resolved.profile.thread_ceiling == 1
    assert resolved.profile.jobs_per_thread == 1
    assert resolved.value("thread_ceiling").source == "default"
    assert resolved.autoscale_disabled
    assert resolved.manual_overrides == ()


@pytest.mark.parametrize(
    ("flags", "env", "settings", "message"),
    [
        ({"thread_ceiling": 0}, {}, {}, "flag --thread-ceiling: expected an integer >= 1, got 0"),
        ({"jobs_per_thread": True}, {}, {}, "flag --jobs-per-thread"),
        ({"threads": 2}, {}, {}, "flags: unknown key"),
        ({}, {"STATETRACE_MAX_ACTIVE_SITES": "x"}, {}, "environment STATETRACE_MAX_ACTIVE_SITES"),
        ({}, {"STATETRACE_MIN_WORKERS": "-1"}, {}, "STATETRACE_MIN_WORKERS: expected"),
        ({}, {"STATETRACE_MIN_WORKERS": "1.5"}, {}, "got '1.5'"),
        ({}, {}, {"thread_ceiling": "2"}, r"statetrace.toml \[concurrency\] thread_ceiling"),
        ({}, {}, {"max_workers_per_site": 2.0}, r"\[concurrency\] max_workers_per_site"),
        ({}, {}, {"jobs": 2}, r"statetrace.toml \[concurrency\]: unknown key\(s\) jobs"),
    ],
)
def test_invalid_values_name_source_and_key(
    flags: dict[str, int | None], env: dict[str, str], settings: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        resolve_profile(SHAPE, flags, env, settings)


def test_invalid_value_is_reported_even_when_a_higher_level_wins() -> None:
    with pytest.raises(ValueError, match="STATETRACE_THREAD_CEILING"):
        resolve_profile(SHAPE, {"thread_ceiling": 2}, {"STATETRACE_THREAD_CEILING": "zero"}, {})


def test_min_workers_above_thread_ceiling_names_both_sources() -> None:
    with pytest.raises(ValueError) as error:
        resolve_profile(SHAPE, {"thread_ceiling": 2}, {"STATETRACE_MIN_WORKERS": "4"}, {})
    text = str(error.value)
    assert "environment STATETRACE_MIN_WORKERS" in text
    assert "flag --thread-ceiling" in text


def test_settings_file_round_trip(tmp_path: Path) -> None:
    path = settings_path(tmp_path)
    path.write_text("[concurrency]\nthread_ceiling = 2 # tuned\n", encoding="utf-8")
    table = concurrency_settings(load_settings(path), str(path))
    resolved = resolve_profile(SHAPE, NO_FLAGS, {}, table, settings_origin=str(path))
    assert resolved.profile.thread_ceiling == 2
    assert resolved.value("thread_ceiling").source == "settings"


def test_missing_settings_file_is_empty(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "absent.toml") == {}
    assert concurrency_settings({}, "x") == {}


def test_broken_settings_file_names_file_and_line(tmp_path: Path) -> None:
    path = settings_path(tmp_path)
    path.write_text("[concurrency]\nthread_ceiling = = 2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"statetrace.toml: invalid TOML: .*line 2"):
        load_settings(path)


def test_concurrency_must_be_a_table() -> None:
    with pytest.raises(ValueError, match=r"cfg: \[concurrency\] must be a table"):
        concurrency_settings({"concurrency": 3}, "cfg")


def test_settings_bad_value_names_the_file(tmp_path: Path) -> None:
    path = settings_path(tmp_path)
    path.write_text('[concurrency]\nmin_workers = "two"\n', encoding="utf-8")
    table = concurrency_settings(load_settings(path), str(path))
    with pytest.raises(ValueError, match=rf"{path} \[concurrency\] min_workers"):
        resolve_profile(SHAPE, NO_FLAGS, {}, table, settings_origin=str(path))


def test_resolve_for_data_dir_reads_its_settings_file(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text("[concurrency]\njobs_per_thread = 6\n", encoding="utf-8")
    resolved = resolve_for_data_dir(SHAPE, {"thread_ceiling": 2}, tmp_path, env={})
    assert resolved.profile.jobs_per_thread == 6
    assert resolved.sources["jobs_per_thread"] == "settings"
    assert resolved.sources["thread_ceiling"] == "flag"


def test_resolve_for_data_dir_names_the_file_in_errors(tmp_path: Path) -> None:
    path = settings_path(tmp_path)
    path.write_text("[concurrency]\njobs_per_thread = 0\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{path} \[concurrency\] jobs_per_thread"):
        resolve_for_data_dir(SHAPE, NO_FLAGS, tmp_path, env={})
